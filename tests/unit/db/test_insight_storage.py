"""Storage behind the insights (migration 0008): monthly totals kept by triggers, the stats inputs for
jump weeks and the month chart, leaderboard periods in the server's zone, the first-log zone notice."""

from __future__ import annotations

import asyncio
import itertools
import math
import sqlite3
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import asyncpg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.db import runs as runs_db
from bot.db.members import get_profile, pop_notice, start_member_cache
from bot.db.sqlite.database import SqliteDatabase
from bot.db.sqlite.migrations import migrations as _migrations
from bot.db.store import Store
from bot.running.models import Run
from bot.running.services import runs as service
from bot.running.services.profile import set_profile
from bot.running.services.stats import club_leaderboard, member_stats
from tests.postgres import on_postgres
from tests.unit.polling import eventually

GUILD, ME = 1, 42
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)  # a Wednesday
MON = date(2026, 11, 23)
_members = itertools.count(5000)


async def add(db: Store, day: date, km: float, user: int = ME) -> int:
    async with db.transaction() as tx:
        return await runs_db.insert_run(tx, GUILD, user, Run(0, day, km * 1000, round(km * 300)))


async def months_match_the_runs(db: Store, user: int) -> None:
    expected: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    for run in await runs_db.member_runs(db, GUILD, user):
        month = expected[run.run_date.replace(day=1).isoformat()]
        month[0] += 1
        month[1] += run.distance_m
        month[2] += run.duration_s
    rows = await db.fetchall("SELECT * FROM member_months WHERE guild_id = ? AND user_id = ?", (GUILD, user))
    stored = {row["month_start"]: (row["runs"], row["distance_m"], row["duration_s"]) for row in rows}
    assert stored.keys() == expected.keys()
    for month, (count, metres, seconds) in expected.items():
        assert stored[month][0] == count and math.isclose(stored[month][1], metres, abs_tol=1e-6)
        assert stored[month][2] == seconds


operations = st.lists(
    st.tuples(st.sampled_from(["add", "edit", "delete"]), st.integers(0, 400), st.integers(1, 42)), max_size=20
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations)
async def test_monthly_totals_follow_inserts_edits_and_deletes(db: Store, steps) -> None:
    user = next(_members)
    ids: list[int] = []
    for action, back, km in steps:
        day = MON - timedelta(days=back)
        if action == "add" or not ids:
            ids.append(await add(db, day, km, user))
        elif action == "edit":
            async with db.transaction() as tx:
                await runs_db.update_run(tx, GUILD, user, Run(ids[back % len(ids)], day, km * 1000, km * 300))
        else:
            await service.delete_run(db, GUILD, user, ids.pop(back % len(ids)))
    await months_match_the_runs(db, user)


async def test_stats_judge_jump_weeks_from_the_weeks_before_the_chart(db: Store) -> None:
    first = MON - timedelta(weeks=15)  # the chart shows 12 weeks; its first week needs the 4 before
    for week in range(16):
        await add(db, first + timedelta(weeks=week), 10)
    await add(db, MON - timedelta(weeks=11), 10)  # the chart's first week: 20 km after weeks of 10
    await add(db, MON - timedelta(weeks=3, days=-2), 40)  # 50 km, 3.5x the 4 weeks before (average 12.5)
    stats = await member_stats(db, GUILD, ME, "week", NOW)
    assert [(j.monday, j.distance_m, j.average_m) for j in stats.jumps] == [
        (MON - timedelta(weeks=3), 50_000, 10_000),
        (MON - timedelta(weeks=11), 20_000, 10_000),
    ]
    assert len(stats.weeks) == 12 and stats.months == [] and not stats.chart_by_month


async def test_a_new_members_first_weeks_are_not_jumps(db: Store) -> None:
    for week in range(4):  # 20 km a week since 4 weeks ago
        await add(db, MON - timedelta(weeks=3 - week), 10)
        await add(db, MON - timedelta(weeks=3 - week, days=-2), 10)
    assert (await member_stats(db, GUILD, ME, "all", NOW)).jumps == []


async def test_year_and_all_time_are_charted_by_month(db: Store) -> None:
    await add(db, date(2025, 11, 30), 7)  # 12 months back: just outside the chart
    await add(db, date(2025, 12, 1), 5)
    await add(db, date(2026, 10, 31), 10)
    await add(db, date(2026, 11, 2), 12)
    for period in ("year", "all"):
        stats = await member_stats(db, GUILD, ME, period, NOW)
        assert stats.chart_by_month
        assert [first for first, _ in stats.months] == [
            date(2025 + (11 + i) // 12, (11 + i) % 12 + 1, 1) for i in range(12)
        ]
        assert stats.months[0] == (date(2025, 12, 1), 5_000)
        assert stats.months[-2:] == [(date(2026, 10, 1), 10_000), (date(2026, 11, 1), 12_000)]


async def set_server_zone(db: Store, zone: str) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO server_reminders (guild_id, channel_id, at_time, timezone, kind, next_fire_utc, set_by,"
            " updated_at) VALUES (?, 1, '07:00', ?, 'stretch', 0, 1, 'x')",
            (GUILD, zone),
        )


async def test_leaderboard_weeks_start_in_the_servers_zone(db: Store) -> None:
    """A Berlin member's run at 23:30 on Sunday is last week's once it is Monday in Berlin."""
    await set_profile(db, GUILD, ME, NOW, timezone="Europe/Berlin")
    sunday_2330_berlin = datetime(2026, 11, 29, 22, 30, tzinfo=UTC)
    logged = await service.log_run(db, GUILD, ME, service.RunForm("10k", "50:00"), sunday_2330_berlin)
    assert logged.run.run_date == date(2026, 11, 29)
    monday_0030_berlin = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # still Sunday in UTC

    utc = await club_leaderboard(db, GUILD, ME, "week", monday_0030_berlin)
    assert (utc.zone, utc.zone_is_servers, utc.since) == ("UTC", False, MON)
    assert [s.user_id for s in utc.standings] == [ME]  # UTC's week still runs: the run counts

    await set_server_zone(db, "Europe/Berlin")
    berlin = await club_leaderboard(db, GUILD, ME, "week", monday_0030_berlin)
    assert (berlin.zone, berlin.zone_is_servers, berlin.since) == ("Europe/Berlin", True, date(2026, 11, 30))
    assert berlin.standings == []  # a new week in Berlin: Sunday's run was last week
    before_midnight = await club_leaderboard(db, GUILD, ME, "week", sunday_2330_berlin)
    assert [s.user_id for s in before_midnight.standings] == [ME]
    month = await club_leaderboard(db, GUILD, ME, "month", monday_0030_berlin)
    assert month.since == date(2026, 11, 1) and [s.user_id for s in month.standings] == [ME]


async def test_leaderboard_falls_back_to_utc_for_a_zone_this_machine_does_not_know(db: Store) -> None:
    await set_server_zone(db, "Mars/Olympus_Mons")
    board = await club_leaderboard(db, GUILD, ME, "week", NOW)
    assert (board.zone, board.zone_is_servers) == ("UTC", False)


@pytest.mark.skipif(on_postgres(), reason="SQLite's query plan (INDEXED BY)")
async def test_leaderboard_stays_on_the_covering_index(db: Store) -> None:
    plan = await db.fetchall(
        f"EXPLAIN QUERY PLAN {db.statements.leaderboard}",
        {"guild": GUILD, "since": "2026-11-30", "limit": 10, "user": ME},
    )
    assert any("COVERING INDEX runs_guild_date" in row["detail"] for row in plan)


@pytest.mark.skipif(on_postgres(), reason="SQLite's query plan")
async def test_stats_read_the_longest_run_from_the_index_without_sorting(db: Store) -> None:
    from bot.db.run_storage_base import stats_params
    from bot.db.sqlite.run_storage import _STATS

    plan = await db.fetchall(f"EXPLAIN QUERY PLAN {_STATS}", stats_params(GUILD, ME, None, NOW.date(), 12, 12))
    assert any("runs_member_longest" in row["detail"] for row in plan)
    assert not any("TEMP B-TREE" in row["detail"] for row in plan), [row["detail"] for row in plan]


async def test_the_longest_run_among_ties_is_the_first_run_at_that_distance(db: Store) -> None:
    for day in ("2026-11-20", "2026-11-10", "2026-11-15"):
        await service.log_run(db, GUILD, ME, service.RunForm("10k", "50:00", day), NOW)
    await service.log_run(db, GUILD, ME, service.RunForm("5k", "25:00", "2026-11-01"), NOW)
    stats = await member_stats(db, GUILD, ME, "all", NOW)
    longest = stats.summary.longest
    assert longest is not None and (longest.distance_m, longest.run_date) == (10000.0, date(2026, 11, 10))


async def test_the_zone_notice_comes_with_the_first_log_only(db: Store) -> None:
    first = await service.log_run(db, GUILD, ME, service.RunForm("5k", "25:00"), NOW)
    assert first.zone_notice is not None and "UTC" in first.zone_notice
    assert "/profile set timezone: Europe/Berlin" in first.zone_notice
    stored = await db.fetchone("SELECT zone_noticed FROM members WHERE guild_id = ? AND user_id = ?", (GUILD, ME))
    assert stored is not None and stored[0] == 1
    second = await service.log_run(db, GUILD, ME, service.RunForm("5k", "25:00"), NOW)
    assert second.zone_notice is None
    db.members.forget(GUILD, ME)  # as after a restart: the flag is read back from the table
    assert (await get_profile(db, GUILD, ME)).zone_noticed
    assert (await service.log_run(db, GUILD, ME, service.RunForm("5k", "25:00"), NOW)).zone_notice is None


async def test_a_member_who_chose_a_zone_is_not_told(db: Store) -> None:
    await set_profile(db, GUILD, ME, NOW, timezone="America/New_York")
    assert (await service.log_run(db, GUILD, ME, service.RunForm("5k", "25:00"), NOW)).zone_notice is None


@pytest.mark.skipif(on_postgres(), reason="SQLite's migration 0008 on an SQLite file")
async def test_migration_spares_members_who_already_logged_or_chose_a_zone(tmp_path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for version, _, sql in _migrations()[:7]:
        conn.executescript(sql)
        conn.execute(f"PRAGMA user_version={version}")
    conn.executemany(
        "INSERT INTO members (guild_id, user_id, timezone, created_at) VALUES (1, ?, ?, 'x')",
        [(1, "UTC"), (2, "Europe/Berlin"), (3, "UTC")],
    )
    conn.execute(
        "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, created_at)"
        " VALUES (1, 1, '2026-10-05', 5000, 1500, 'x')"
    )
    conn.commit()
    conn.close()
    db = await SqliteDatabase.open(path)
    try:
        await db.migrate()
        rows = await db.fetchall("SELECT user_id, zone_noticed FROM members ORDER BY user_id")
        assert [tuple(r) for r in rows] == [(1, 1), (2, 1), (3, 0)]
        await months_match_the_runs(db, 1)
    finally:
        await db.close()


def count_trips(db: Store, monkeypatch) -> list[str]:
    """The round trips to the database from now on: a statement sent while none is waiting for its answer
    starts one; statements sent while another waits ride along with it (SQLite: calls queued to aiosqlite's
    thread together; PostgreSQL: any asyncpg connection, leaving out the reset the pool runs as it takes a
    connection back)."""
    trips: list[str] = []
    waiting = [0]
    if on_postgres():
        target, names = asyncpg.Connection, ("execute", "executemany", "fetch", "fetchrow", "fetchval")
    else:
        target, names = db.db._conn, ("execute", "execute_fetchall", "executemany")
    for name in names:
        original = getattr(target, name)

        async def counted(*args, _original=original, _name=name, **kwargs):
            if on_postgres() and args[1] == args[0].get_reset_query():
                return await _original(*args, **kwargs)
            if not waiting[0]:
                trips.append(_name)
            waiting[0] += 1
            try:
                return await _original(*args, **kwargs)
            finally:
                waiting[0] -= 1

        monkeypatch.setattr(target, name, counted)
    return trips


async def test_run_log_is_one_round_trip_after_the_first(db: Store, monkeypatch) -> None:
    """Only the first log pays for the zone notice flag; after it, one trip: SQLite queues its read and its
    insert together, PostgreSQL sends them as one statement; the profile comes from the member cache (on
    PostgreSQL once this process listens for changes to members)."""
    await start_member_cache(db)
    heard = db.members.changes
    await service.log_run(db, GUILD, ME, service.RunForm("5k", "25:00"), NOW)  # the notice, the storage setup
    if not db.exclusive:  # the zone flag's change comes back as a notification, dropping the profile
        await eventually(lambda: db.members.changes > heard, what="the zone flag's notification")
        # The first log may announce the member twice (created, then the zone flag): under load the second
        # can come after the first was seen, and would drop the profile cached below. Wait for quiet.
        for _ in range(50):
            seen = db.members.changes
            await asyncio.sleep(0.1)
            if db.members.changes == seen:
                break
        await get_profile(db, GUILD, ME)
    trips = count_trips(db, monkeypatch)
    for back in range(3):
        trips.clear()
        await service.log_run(db, GUILD, ME, service.RunForm("5k", "25:00", f"{back} days ago"), NOW)
        assert len(trips) == 1, trips
        assert await pop_notice(db, GUILD, ME) is None
        assert len(trips) == 1, trips


@pytest.mark.skipif(on_postgres(), reason="SQLite queues the read and the insert as two statements")
async def test_a_failed_log_read_leaves_no_run_behind(db: Store, monkeypatch) -> None:
    """The insert queued behind a read that fails still runs on aiosqlite's thread: it is undone."""
    from bot.db.sqlite import run_storage as sqlite_storage

    await service.log_run(db, GUILD, ME, service.RunForm("5k", "25:00"), NOW)
    monkeypatch.setattr(sqlite_storage, "_LOG_INPUTS", "SELECT no_such_column")
    with pytest.raises(sqlite3.OperationalError):
        await service.log_run(db, GUILD, ME, service.RunForm("10k", "50:00"), NOW)
    rows = await db.fetchall("SELECT distance_m FROM runs")
    assert [r[0] for r in rows] == [5000.0]
    totals = await db.fetchall("SELECT runs, distance_m FROM member_totals")
    assert [tuple(r) for r in totals] == [(1, 5000.0)]


async def test_a_retired_or_unknown_shoe_logs_nothing(db: Store) -> None:
    from bot.running.services.shoes import add_shoe, retire_shoe

    await add_shoe(db, GUILD, ME, "Pegasus", "800 km")
    await retire_shoe(db, GUILD, ME, "pegasus")
    for name, why in (("Pegasus", "`Pegasus` is retired"), ("Clifton", "no active shoe")):
        with pytest.raises(service.UserError, match=why):
            await service.log_run(db, GUILD, ME, service.RunForm("5k", "25:00", shoe=name), NOW)
    assert await db.fetchall("SELECT id FROM runs") == []
    await add_shoe(db, GUILD, ME, "Clifton", "800 km")
    result = await service.log_run(db, GUILD, ME, service.RunForm("5k", "25:00", shoe="clifton"), NOW)
    assert result.shoe is not None and result.shoe.name == "Clifton" and result.shoe.distance_m == 5000.0
    rows = await db.fetchall("SELECT r.shoe_id, s.name FROM runs r JOIN shoes s ON s.id = r.shoe_id")
    assert [tuple(r)[1] for r in rows] == ["Clifton"]
