"""Storage of imported runs (migration 0008): one transaction, best efforts, records inside longer runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.db.memberdata import export_member, forget_member
from bot.db.storage import ImportedRun
from bot.db.store import Store
from bot.importing import read_upload
from bot.running.records import shown_records
from tests.unit.db.test_run_aggregates import recompute_matches
from tests.unit.importing.builders import START
from tests.unit.importing.samples import FAST_5K_S, strava_archive

GUILD, ME, OTHER = 1, 10, 11


def archive_runs() -> list[ImportedRun]:
    contents = read_upload("export.zip", strava_archive())
    return [
        ImportedRun(a, a.start.date(), None, f"import:strava {a.source}")
        for a in sorted(contents.activities, key=lambda a: a.start)
    ]


async def count(db: Store, table: str) -> int:
    row = await db.fetchone(f"SELECT count(*) FROM {table}")
    return row[0]


async def test_import_writes_runs_with_their_fields_efforts_and_aggregates(db: Store) -> None:
    storage = db.runs
    summary = await storage.import_runs(GUILD, ME, archive_runs())
    assert len(summary.run_ids) == 2 and summary.best_efforts == 9
    row = await db.fetchone("SELECT * FROM runs WHERE id = ?", (summary.run_ids[0],))
    assert (row["run_date"], row["started_at"], row["title"]) == (
        "2026-10-12",
        "2026-10-12T07:30:00+00:00",
        "Ten miles",
    )
    assert row["source"] == "import:strava activities/1.gpx" and row["avg_heart_rate"] == 150
    assert row["avg_cadence_spm"] == 170 and row["elevation_gain_m"] is not None
    totals = await db.fetchone(
        "SELECT runs, distance_m FROM member_totals WHERE guild_id = ? AND user_id = ?", (GUILD, ME)
    )
    assert totals["runs"] == 2 and totals["distance_m"] == pytest.approx(21095, abs=1)


async def test_records_hold_the_fastest_5k_inside_the_ten_miler_beside_the_whole_run_5k(db: Store) -> None:
    storage = db.runs
    summary = await storage.import_runs(GUILD, ME, archive_runs())
    ten_miler, easy_5k = summary.run_ids
    records = await storage.member_records(GUILD, ME)
    whole = {r.label: r for r in records if not r.inside_run}
    inside = {r.label: r for r in records if r.inside_run}
    assert whole["5K"].run_id == easy_5k and whole["5K"].duration_s == pytest.approx(1667 * 5000 / 5001)
    assert inside["5K"].run_id == ten_miler and inside["5K"].duration_s == FAST_5K_S
    assert inside["5K"].run_distance_m == pytest.approx(16094) and inside["5K"].run_date == date(2026, 10, 12)
    # The easy 5K's own 5K stretch is not "inside a longer run"; the 10-miler is not a 10K run.
    assert "10K" in inside and "10K" not in whole
    assert set(inside) == {"400 m", "1 km", "1 mile", "5K", "10K"}
    # Every record is one of the new runs, and the inside 5K is faster than the whole-run one: both announced.
    announced = {(r.label, r.inside_run) for r in summary.new_records}
    assert ("5K", True) in announced and ("5K", False) in announced
    assert set(summary.new_records) == set(shown_records(records))


async def test_a_slower_later_import_announces_no_record(db: Store) -> None:
    storage = db.runs
    await storage.import_runs(GUILD, ME, archive_runs())
    slow = archive_runs()[1]
    later = replace(slow, activity=replace(slow.activity, start=START + timedelta(days=30), duration_s=2000))
    summary = await storage.import_runs(GUILD, ME, [replace(later, run_date=date(2026, 11, 11))])
    assert summary.new_records == []
    assert len(summary.run_ids) == 1 and summary.best_efforts == 4


async def test_a_failing_run_writes_nothing_at_all(db: Store) -> None:
    runs = archive_runs()
    broken = replace(runs[1], activity=replace(runs[1].activity, distance_m=0.0))  # CHECK (distance_m > 0)
    with pytest.raises(Exception, match=r"(?i)check"):  # SQLite: "CHECK constraint", PostgreSQL: "check constraint"
        await db.runs.import_runs(GUILD, ME, [runs[0], broken])
    assert (await count(db, "runs"), await count(db, "best_efforts"), await count(db, "member_totals")) == (0, 0, 0)


async def test_candidates_are_the_date_range_with_starts(db: Store) -> None:
    storage = db.runs
    await storage.import_runs(GUILD, ME, archive_runs())
    await storage.import_runs(GUILD, OTHER, archive_runs())
    known = await storage.import_candidates(GUILD, ME, date(2026, 10, 13), date(2026, 10, 20))
    assert [(k.run_date, k.start) for k in known] == [(date(2026, 10, 13), START + timedelta(days=1))]


async def test_deleting_a_run_takes_its_efforts_and_forget_erases_everything(db: Store) -> None:
    storage = db.runs
    ten_miler, _ = (await storage.import_runs(GUILD, ME, archive_runs())).run_ids
    await storage.import_runs(GUILD, OTHER, archive_runs())
    assert await storage.delete_run(GUILD, ME, ten_miler)
    assert not [r for r in await storage.member_records(GUILD, ME) if r.inside_run and r.label == "10K"]
    exported = await export_member(db, GUILD, ME)
    assert len(exported["best_efforts"]) == 4 and exported["runs"][0]["started_at"] == "2026-10-13T07:30:00+00:00"
    async with db.transaction() as tx:
        await forget_member(tx, GUILD, ME)
    left = await db.fetchall("SELECT DISTINCT user_id FROM best_efforts")
    assert [r[0] for r in left] == [OTHER]


async def test_aggregates_stay_right_through_imports_edits_and_deletes(db: Store) -> None:
    storage = db.runs
    ten_miler, easy_5k = (await storage.import_runs(GUILD, ME, archive_runs())).run_ids
    await recompute_matches(db, GUILD, ME)
    await storage.edit_run(GUILD, ME, easy_5k, lambda run: replace(run, duration_s=1500), None)
    await recompute_matches(db, GUILD, ME)
    assert await storage.delete_run(GUILD, ME, ten_miler)
    await recompute_matches(db, GUILD, ME)
    assert [r.label for r in await storage.member_records(GUILD, ME) if not r.inside_run] == ["5K"]
