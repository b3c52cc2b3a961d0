"""/run import use cases: read an upload off the event loop, preview it against the log, write it at once.

Reading (parsing, best efforts) happens in a process pool, created on the first import and shut down by
`Importer.close()`: one file in one worker, an archive's files spread over all of them by a thread. A few
uploads are read at once in a process (`IMPORTS_AT_ONCE`); later ones wait their turn, not yet downloaded.
Writing is one storage call: the runs and their best efforts in one transaction. Nothing here knows Discord.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.club.feed import FeedItem
from bot.club.services import feed
from bot.db.members import get_profile
from bot.db.storage import ImportedRun
from bot.db.store import Store
from bot.errors import UserError
from bot.importing import Activity, ArchiveContents, ImportPreview, Limits, build_preview, import_pool, read_upload
from bot.importing.errors import ImportRefused, display_name
from bot.importing.files import BIG_INPUT, give_memory_back
from bot.running.import_queue import ImportQueue, Waiting
from bot.running.models import Profile, Run
from bot.running.records import Record
from bot.running.services.runs import LogResult, member_today

log = logging.getLogger(__name__)

# The run log's types for the sports an import keeps (a plain run has no type).
RUN_TYPE_OF_SPORT = {"trail run": "trail", "treadmill": "treadmill", "virtual run": "treadmill"}
_SOURCE_MAX = 200


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """An upload read and checked against the member's log: what Import would write."""

    filename: str
    contents: ArchiveContents
    preview: ImportPreview
    profile: Profile

    @property
    def is_single_file(self) -> bool:
        return self.contents.kind == "file"


@dataclass(frozen=True, slots=True)
class ImportResult:
    imported: int
    duplicates: int  # skipped because the log (or the upload itself) already had them
    not_runs: int
    unreadable: int
    distance_m: float
    best_efforts: int
    new_records: list[Record] = field(default_factory=list)
    first_run: Run | None = None  # the (first) run written, as the log reply shows it


# Uploads read at once in one process; each holds its upload (up to the server's attachment limit) and
# keeps a worker busy, so more at once would only queue inside the pool while holding memory here.
IMPORTS_AT_ONCE = 2


class Importer:
    """Owns the import process pool (one per bot, made when first needed) and the line for it."""

    def __init__(self, max_workers: int | None = None, at_once: int = IMPORTS_AT_ONCE) -> None:
        self._max_workers = max_workers
        self._pool: ProcessPoolExecutor | None = None
        self.queue = ImportQueue(at_once)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = import_pool(self._max_workers)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    async def read(
        self,
        filename: str,
        fetch: Callable[[], Awaitable[bytes]],
        max_upload_bytes: int,
        on_progress: Callable[[int, int], None] | None = None,
        on_wait: Waiting | None = None,
    ) -> ArchiveContents:
        """Wait for a turn, download the upload with `fetch`, parse it off the loop; ImportRefused (a
        UserError) names the file and the problem.

        `on_wait(position)` is called on the loop while the upload waits in line (1: next);
        `on_progress(done, total)` from a worker thread, not the event loop.
        """
        limits = Limits(max_upload_bytes=max_upload_bytes)
        async with self.queue.turn(on_wait):
            data = await fetch()
            big = len(data) > BIG_INPUT
            try:
                return await self._parse(filename, data, limits, on_progress)
            finally:
                del data
                if big:  # large uploads leave the heap grown: hand it back (no collection: the loop runs)
                    give_memory_back(collect=False)

    async def _parse(
        self, filename: str, data: bytes, limits: Limits, on_progress: Callable[[int, int], None] | None
    ) -> ArchiveContents:
        executor = self._executor()
        try:
            return await asyncio.to_thread(
                read_upload, filename, data, limits=limits, on_progress=on_progress, executor=executor
            )
        except BrokenProcessPool:
            # A worker died (killed for its memory, say): the pool cannot be used again; the next import
            # gets a new one.
            log.warning("an import worker died reading %r; starting a new pool", filename)
            if self._pool is executor:
                self._pool = None
                executor.shutdown(wait=False, cancel_futures=True)
            raise ImportRefused(filename, "reading it stopped half way; try again in a minute.") from None


async def plan_import(db: Store, guild_id: int, user_id: int, filename: str, contents: ArchiveContents) -> ImportPlan:
    storage = db.runs
    profile = await storage.profile(guild_id, user_id)
    return ImportPlan(filename, contents, await _preview(db, guild_id, user_id, contents, profile), profile)


async def _preview(
    db: Store, guild_id: int, user_id: int, contents: ArchiveContents, profile: Profile
) -> ImportPreview:
    tz = ZoneInfo(profile.timezone)
    days = [a.start.astimezone(tz).date() for a in contents.activities if a.is_run]
    known = []
    if days:  # ± 2 minutes of start can cross midnight: a day either side
        first, last = min(days) - timedelta(days=1), max(days) + timedelta(days=1)
        known = await db.runs.import_candidates(guild_id, user_id, first, last)
    return build_preview(contents, known, tz)


def _source(kind: str, activity: Activity) -> str:
    origin = f"import:{activity.file_format or 'file'}" if kind == "file" else f"import:{kind}"
    return f"{origin} {display_name(activity.source)}"[:_SOURCE_MAX]


async def commit_import(
    db: Store, guild_id: int, user_id: int, plan: ImportPlan, now: datetime | None = None
) -> ImportResult:
    """Write the plan's runs in one transaction, with their feed post (a file's run as /run log posts it,
    an archive's one summary). Duplicates are checked again against the log as it is now, so a second
    click or a second import of the same file adds nothing."""
    now = now or datetime.now(UTC)
    preview = await _preview(db, guild_id, user_id, plan.contents, plan.profile)
    tz = ZoneInfo(plan.profile.timezone)
    rows = [
        ImportedRun(
            activity=a,
            run_date=a.start.astimezone(tz).date(),
            run_type=RUN_TYPE_OF_SPORT.get(a.sport),
            source=_source(plan.contents.kind, a),
        )
        for a in preview.runs
    ]

    def posted(run_ids: list[int]) -> FeedItem:
        if plan.is_single_file:
            first = rows[0]
            a = first.activity
            return FeedItem(run_ids[0], a.distance_m, max(1, a.duration_s), first.run_type, a.name)
        seconds = sum(row.activity.duration_s for row in rows)
        return FeedItem(run_ids[0], preview.total_distance_m, seconds, runs=len(rows))

    profile = await get_profile(db, guild_id, user_id)  # as it is now: the feed may have been turned on or off
    then = feed.with_runs(profile, member_today(profile, now), now, posted)
    summary = await db.runs.import_runs(guild_id, user_id, rows, then) if rows else None
    first_run = None
    if summary is not None:
        row = rows[0]
        first_run = Run(
            summary.run_ids[0], row.run_date, row.activity.distance_m, max(1, row.activity.duration_s), row.run_type
        )
    log.info("import by %s in %s: %d runs, %d duplicates", user_id, guild_id, len(rows), len(preview.duplicates))
    return ImportResult(
        imported=len(rows),
        duplicates=len(preview.duplicates),
        not_runs=preview.not_runs,
        unreadable=len(preview.unreadable),
        distance_m=preview.total_distance_m,
        best_efforts=summary.best_efforts if summary else 0,
        new_records=summary.new_records if summary else [],
        first_run=first_run,
    )


async def import_single_file(db: Store, guild_id: int, user_id: int, plan: ImportPlan) -> LogResult:
    """A one-activity upload is logged at once; the reply is the one `/run log` gives."""
    if not plan.preview.runs:
        raise UserError(
            f"`{display_name(plan.filename)}`: this run is already in your log, so nothing was imported.", "file"
        )
    result = await commit_import(db, guild_id, user_id, plan)
    if result.first_run is None:  # logged meanwhile by another command
        raise UserError(f"`{display_name(plan.filename)}`: this run is already in your log.", "file")
    return LogResult(
        run=result.first_run,
        profile=plan.profile,
        new_records=[record_label(r) for r in result.new_records],
        notes=[f"imported it from `{display_name(plan.filename)}`"],
    )


def record_label(record: Record) -> str:
    """'5K' for a whole-run record, '5K (a stretch inside this run)' for a best effort."""
    return f"{record.label} (a stretch inside this run)" if record.inside_run else record.label
