"""The run aggregates (migration 0007) against a recompute from the runs themselves, and the storage
engine's answers against the pure rules fed with the whole history."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.db import runs as runs_db
from bot.db.factory import open_sqlite
from bot.db.sqlite.database import SqliteDatabase
from bot.db.store import Store
from bot.errors import UserError
from bot.running import records
from bot.running.models import Run
from bot.running.services import runs as service
from bot.running.services import shoes
from bot.running.stats import week_start
from tests.postgres import on_postgres
from tests.unit.running import history_insights

GUILD, ME = 1, 42
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
_members = itertools.count(1000)  # a fresh member per hypothesis example: the database is shared


async def recompute_matches(db: Store, guild_id: int, user_id: int) -> None:
    """Every aggregate of the member equals what the member's runs add up to."""
    runs = await runs_db.member_runs(db, guild_id, user_id)
    weeks: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    for run in runs:
        week = weeks[week_start(run.run_date).isoformat()]
        week[0] += 1
        week[1] += run.distance_m
        week[2] += run.duration_s
    stored_weeks = {
        row["week_start"]: (row["runs"], row["distance_m"], row["duration_s"])
        for row in await db.fetchall(
            "SELECT * FROM member_weeks WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
        )
    }
    assert stored_weeks.keys() == weeks.keys()
    for monday, (count, metres, seconds) in weeks.items():
        got = stored_weeks[monday]
        assert got[0] == count and math.isclose(got[1], metres, abs_tol=1e-6) and got[2] == seconds

    totals = await db.fetchone("SELECT * FROM member_totals WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))
    if not runs:
        assert totals is None
    else:
        assert totals is not None and totals["runs"] == len(runs)
        assert math.isclose(totals["distance_m"], sum(r.distance_m for r in runs), abs_tol=1e-6)
        assert totals["duration_s"] == sum(r.duration_s for r in runs)

    for shoe in await shoes.list_shoes(db, guild_id, user_id):
        expected = sum(r.distance_m for r in runs if r.shoe_id == shoe.id)
        assert math.isclose(shoe.distance_m, expected, abs_tol=1e-6), shoe

    expected_bests = [(r.label, r.run_id, r.duration_s, r.run_date) for r in records.best_efforts(runs).values()]
    stored_bests = await db.runs.member_records(guild_id, user_id)
    whole_run = [r for r in stored_bests if not r.inside_run]  # best efforts inside runs: test_import_storage
    assert [(r.label, r.run_id, r.duration_s, r.run_date) for r in whole_run] == expected_bests


async def add(db: Store, day: date, metres: float, seconds: int, user: int = ME, shoe_id: int | None = None) -> int:
    async with db.transaction() as tx:
        return await runs_db.insert_run(tx, GUILD, user, Run(0, day, metres, seconds, shoe_id=shoe_id))


async def test_a_back_dated_run_lands_in_its_own_week_and_can_take_a_record(db: Store) -> None:
    await add(db, date(2026, 11, 23), 5000, 1500)
    old = await add(db, date(2025, 3, 4), 5000, 1400)
    await recompute_matches(db, GUILD, ME)
    [five_k] = await db.runs.member_records(GUILD, ME)
    assert five_k.run_id == old and five_k.run_date == date(2025, 3, 4)
    rows = await db.fetchall("SELECT week_start FROM member_weeks WHERE user_id = ? ORDER BY 1", (ME,))
    assert [r[0] for r in rows] == ["2025-03-03", "2026-11-23"]


async def test_editing_a_run_moves_its_week_shoe_and_record(db: Store) -> None:
    shoe = await shoes.add_shoe(db, GUILD, ME, "Pegasus", None)
    fast = await add(db, date(2026, 11, 2), 5000, 1300, shoe_id=shoe.id)
    await add(db, date(2026, 11, 10), 5000, 1500)
    form = service.RunForm(distance="10k", time="50:00", date="2026-11-24")
    await service.edit_run(db, GUILD, ME, fast, form, NOW)
    await recompute_matches(db, GUILD, ME)
    [five_k, ten_k] = await db.runs.member_records(GUILD, ME)
    assert (five_k.duration_s, ten_k.run_id) == (1500, fast)
    await service.edit_run(db, GUILD, ME, fast, service.RunForm(shoe="pegasus"), NOW)
    await recompute_matches(db, GUILD, ME)
    assert (await shoes.list_shoes(db, GUILD, ME))[0].distance_m == 10_000


async def test_deleting_the_record_run_falls_back_to_the_next_best(db: Store) -> None:
    slow = await add(db, date(2026, 11, 2), 5050, 1515)  # 101%: counts, scaled to 1500 s
    fast = await add(db, date(2026, 11, 3), 5000, 1400)
    await add(db, date(2026, 11, 4), 5000, 1500)  # ties with the first: the earlier one keeps it
    assert await service.delete_run(db, GUILD, ME, fast)
    await recompute_matches(db, GUILD, ME)
    [five_k] = await db.runs.member_records(GUILD, ME)
    assert five_k.run_id == slow and math.isclose(five_k.duration_s, 1500)


async def test_deleting_every_run_leaves_no_aggregate_behind(db: Store) -> None:
    ids = [await add(db, date(2026, 11, day), 5000 + day, 1500) for day in range(1, 10)]
    for run_id in ids:
        await service.delete_run(db, GUILD, ME, run_id)
    for table in ("member_weeks", "member_totals", "member_bests"):
        assert await db.fetchall(f"SELECT * FROM {table}") == []


@pytest.mark.skipif(on_postgres(), reason="SQLite's migration 0007 on an SQLite file")
async def test_migration_backfills_runs_stored_before_it(tmp_path) -> None:
    db = await SqliteDatabase.open(tmp_path / "old.db")
    try:
        async with db.transaction() as tx:  # stop at 0005, log runs the old way, then migrate
            await tx.execute("PRAGMA user_version=0")
        await db.close()
        import sqlite3

        from bot.db.sqlite.migrations import migrations as _migrations

        conn = sqlite3.connect(tmp_path / "old.db")
        for version, _, sql in _migrations()[:5]:
            conn.executescript(sql)
            conn.execute(f"PRAGMA user_version={version}")
        conn.execute(
            "INSERT INTO shoes (id, guild_id, user_id, name, retire_at_m, created_at)"
            " VALUES (7, 1, 42, 'P', 800000, 'x')"
        )
        for day, metres, seconds, shoe in [("2026-01-05", 5000, 1500, 7), ("2026-01-07", 10000, 3100, None)]:
            conn.execute(
                "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, shoe_id, created_at)"
                " VALUES (1, 42, ?, ?, ?, ?, 'x')",
                (day, metres, seconds, shoe),
            )
        conn.commit()
        conn.close()
        db = await open_sqlite(tmp_path / "old.db")
        await db.migrate()
        await recompute_matches(db, GUILD, ME)
        assert (await shoes.list_shoes(db, GUILD, ME))[0].distance_m == 5000
    finally:
        await db.close()


runs_strategy = st.lists(
    st.tuples(
        st.integers(0, 120),  # days before NOW
        st.sampled_from([1609.344, 5000, 5050, 5100, 10000, 10150, 21097.5, 42195, 7000, 3000]),
        st.integers(600, 20000),
        st.booleans(),  # with the shoe
        st.sampled_from([None, "sore knee", "knee again", "lower back", "none", "shin splints"]),
    ),
    min_size=1,
    max_size=12,
)
edits_strategy = st.lists(st.tuples(st.integers(0, 11), st.sampled_from(["delete", "date", "distance", "shoe"])))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(runs_strategy, edits_strategy, st.integers(0, 60), st.sampled_from([5000, 10000, 42195, 8000]))
async def test_aggregates_and_log_inputs_match_a_recompute(db: Store, runs, edits, new_days, new_m) -> None:
    user = next(_members)
    shoe = await shoes.add_shoe(db, GUILD, user, "Pegasus", None)
    ids = []
    for days, metres, seconds, with_shoe, pain in runs:
        day = NOW.date() - timedelta(days=days)
        async with db.transaction() as tx:
            run = Run(0, day, metres, seconds, pain=pain, shoe_id=shoe.id if with_shoe else None)
            ids.append(await runs_db.insert_run(tx, GUILD, user, run))
    for index, what in edits:
        run = await runs_db.get_run(db, GUILD, user, ids[index % len(ids)])
        if run is None:
            continue
        if what == "delete":
            await service.delete_run(db, GUILD, user, run.id)
        else:
            change = {
                "date": service.RunForm(date=(run.run_date - timedelta(days=9)).isoformat()),
                "distance": service.RunForm(distance="5k"),
                "shoe": service.RunForm(shoe="Pegasus"),
            }[what]
            try:
                await service.edit_run(db, GUILD, user, run.id, change, NOW)
            except UserError:  # e.g. the pace of the new distance is out of range: nothing changes
                assert await runs_db.get_run(db, GUILD, user, run.id) == run
        await recompute_matches(db, GUILD, user)
    await recompute_matches(db, GUILD, user)

    before = await runs_db.member_runs(db, GUILD, user)
    day = NOW.date() - timedelta(days=new_days)
    seconds = new_m * 3 // 10  # 5:00 /km
    form = service.RunForm(
        distance=f"{new_m}m", time=f"{seconds // 60}:{seconds % 60:02d}", date=day.isoformat(), pain="knee pain",
        shoe="Pegasus",
    )  # fmt: skip
    result = await service.log_run(db, GUILD, user, form, NOW)
    assert result.insights == history_insights.insights_for_log(
        before, result.run, NOW.date(), shoe=result.shoe, red_flag=False, units="km"
    )
    assert result.new_records == records.new_records(before, result.run)
    assert result.shoe is not None
    expected_shoe = sum(r.distance_m for r in before if r.shoe_id == shoe.id) + result.run.distance_m
    assert math.isclose(result.shoe.distance_m, expected_shoe, abs_tol=1e-6)
    await recompute_matches(db, GUILD, user)
