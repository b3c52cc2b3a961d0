"""The /run import use cases: read in the pool, preview against the log, commit once, duplicates, time zones."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date

import pytest

from bot.db.members import update_profile
from bot.db.store import Store
from bot.errors import UserError
from bot.importing import ImportRefused, read_upload
from bot.running.services import imports as import_service
from bot.running.services.imports import Importer, commit_import, import_single_file, plan_import
from tests.unit.importing.builders import START
from tests.unit.importing.samples import FAST_5K_S, strava_archive, ten_miler_gpx

GUILD, ME = 1, 10


def fetched(data: bytes):
    async def fetch() -> bytes:
        return data

    return fetch


async def plan(db: Store, filename: str, data: bytes) -> import_service.ImportPlan:
    return await plan_import(db, GUILD, ME, filename, read_upload(filename, data))


async def test_preview_then_commit_then_the_same_archive_again_adds_nothing(db: Store) -> None:
    first = await plan(db, "export.zip", strava_archive())
    assert not first.is_single_file
    preview = first.preview
    assert (len(preview.runs), len(preview.duplicates), preview.not_runs, len(preview.unreadable)) == (2, 0, 1, 1)
    assert (preview.first_date, preview.last_date) == (date(2026, 10, 12), date(2026, 10, 13))
    result = await commit_import(db, GUILD, ME, first)
    assert (result.imported, result.duplicates, result.best_efforts) == (2, 0, 9)
    assert any(r.inside_run and r.label == "5K" and r.duration_s == FAST_5K_S for r in result.new_records)

    again = await plan(db, "export.zip", strava_archive())
    assert (len(again.preview.runs), len(again.preview.duplicates)) == (0, 2)
    # A preview made before the first import and confirmed after it writes nothing either.
    late = await commit_import(db, GUILD, ME, first)
    assert (late.imported, late.duplicates, late.new_records) == (0, 2, [])
    rows = await db.fetchall("SELECT count(*) FROM runs")
    assert rows[0][0] == 2


async def test_a_single_file_is_logged_at_once_and_refused_the_second_time(db: Store) -> None:
    single = await plan(db, "ten.gpx", ten_miler_gpx().encode())
    assert single.is_single_file
    logged = await import_single_file(db, GUILD, ME, single)
    assert logged.run.run_date == date(2026, 10, 12) and logged.run.distance_m == pytest.approx(16094)
    assert "5K (a stretch inside this run)" in logged.new_records
    assert logged.notes == ["imported it from `ten.gpx`"]
    again = await plan(db, "ten.gpx", ten_miler_gpx().encode())
    with pytest.raises(UserError, match="already in your log"):
        await import_single_file(db, GUILD, ME, again)


async def test_run_dates_are_the_members_local_dates(db: Store) -> None:
    async with db.transaction() as tx:
        await update_profile(tx, GUILD, ME, timezone="America/Los_Angeles", units="mi")
    early_utc = START.replace(hour=5)  # 05:30 UTC, 22:30 the evening before in Los Angeles
    logged = await import_single_file(db, GUILD, ME, await plan(db, "ten.gpx", ten_miler_gpx(early_utc).encode()))
    assert logged.run.run_date == date(2026, 10, 11)
    stored = await db.fetchone("SELECT run_date, started_at FROM runs")
    assert tuple(stored) == ("2026-10-11", "2026-10-12T05:30:00+00:00")


async def test_a_run_logged_by_hand_that_day_counts_as_a_duplicate(db: Store) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, created_at)"
            " VALUES (?, ?, '2026-10-12', 16100, 4950, '2026-10-12T10:00:00+00:00')",
            (GUILD, ME),
        )
    archive = await plan(db, "export.zip", strava_archive())
    assert [a.name for a in archive.preview.duplicates] == ["Ten miles"]
    assert [a.name for a in archive.preview.runs] == ["Easy 5K"]


async def test_the_importer_reads_archives_in_its_pool_with_progress_and_closes_it() -> None:
    importer = Importer(max_workers=1)
    seen: list[tuple[int, int]] = []
    try:
        contents = await importer.read(
            "export.zip", fetched(strava_archive()), 25 * 1024 * 1024, lambda d, t: seen.append((d, t))
        )
    finally:
        importer.close()
    assert contents.kind == "strava" and len(contents.activities) == 2
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert importer._pool is None


async def test_an_upload_over_the_servers_limit_is_refused_before_reading() -> None:
    importer = Importer(max_workers=1)
    try:
        with pytest.raises(UserError, match=r"export\.zip"):
            await importer.read("export.zip", fetched(strava_archive()), 1000)
    finally:
        importer.close()


class SpyPool(ThreadPoolExecutor):
    """Stands in for the process pool: records what it was given to run."""

    def __init__(self, broken: bool = False) -> None:
        super().__init__(1)
        self.ran: list[str] = []
        self.broken = broken

    def submit(self, fn, /, *args, **kwargs):
        self.ran.append(fn.__name__)
        if self.broken:
            failed: Future = Future()
            failed.set_exception(BrokenProcessPool("a worker was killed"))
            return failed
        return super().submit(fn, *args, **kwargs)


async def test_a_single_file_is_read_in_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    pool = SpyPool()
    monkeypatch.setattr(import_service, "import_pool", lambda workers: pool)
    importer = Importer()
    try:
        contents = await importer.read("ten.gpx", fetched(ten_miler_gpx().encode()), 25 * 1024 * 1024)
    finally:
        importer.close()
    assert contents.kind == "file" and len(contents.activities) == 1
    assert pool.ran == ["read_one"]


async def test_uploads_past_the_slots_wait_undownloaded_and_are_told_their_place() -> None:
    importer = Importer(max_workers=1, at_once=1)
    first_may_end = asyncio.Event()
    downloads: list[str] = []
    places: list[int] = []

    def download(name: str, data: bytes, hold: asyncio.Event | None = None):
        async def fetch() -> bytes:
            downloads.append(name)
            if hold is not None:
                await hold.wait()
            return data

        return fetch

    try:
        first = asyncio.create_task(
            importer.read("a.gpx", download("a.gpx", ten_miler_gpx().encode(), first_may_end), 25 * 2**20)
        )
        await asyncio.sleep(0)
        second = asyncio.create_task(
            importer.read("b.gpx", download("b.gpx", ten_miler_gpx().encode()), 25 * 2**20, on_wait=places.append)
        )
        await asyncio.sleep(0.05)
        assert downloads == ["a.gpx"] and places == [1]
        first_may_end.set()
        assert len((await first).activities) == 1
        assert len((await second).activities) == 1
        assert downloads == ["a.gpx", "b.gpx"] and places == [1]
    finally:
        importer.close()


async def test_a_dead_worker_is_told_as_a_refusal_and_the_next_import_gets_a_new_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pools = [SpyPool(broken=True), SpyPool()]
    monkeypatch.setattr(import_service, "import_pool", lambda workers: pools.pop(0))
    importer = Importer()
    try:
        with pytest.raises(ImportRefused, match=r"`ten\.gpx`: reading it stopped half way"):
            await importer.read("ten.gpx", fetched(ten_miler_gpx().encode()), 25 * 2**20)
        again = await importer.read("ten.gpx", fetched(ten_miler_gpx().encode()), 25 * 2**20)
    finally:
        importer.close()
    assert len(again.activities) == 1 and pools == []
    assert importer.queue.reading == 0
