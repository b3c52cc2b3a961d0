"""Uploads: one activity file, or a Strava / Garmin export `.zip` read in memory, entry by entry.

Nothing is extracted to disk. The archive is checked against `Limits` from its directory before any entry
is inflated (count, declared sizes, compression ratio, entry names), and Python's zipfile never inflates an
entry past its declared size. Per-file failures are collected; a broken limit refuses the whole archive.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future

from bot.importing.errors import ImportRefused, LimitExceeded, display_name
from bot.importing.files import ACTIVITY_SUFFIXES, FileOutcome, read_activity, read_file_outcome, read_one, sniff
from bot.importing.limits import Limits
from bot.importing.models import ArchiveContents, Unreadable
from bot.importing.strava import find_strava_csv, plan_strava
from bot.importing.zipsafe import Budget, Job, entry_problem, open_zip, read_entry

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
# Files read ahead of the pool: enough to keep every worker busy, few enough to bound memory (their bytes
# stay in this process until a worker has read them).
IN_FLIGHT = 32
IN_FLIGHT_BYTES = 64 * 2**20


def read_upload(
    filename: str,
    data: bytes,
    *,
    limits: Limits | None = None,
    on_progress: Progress | None = None,
    executor: Executor | None = None,
) -> ArchiveContents:
    """Everything importable in an upload. Blocking: call it from a worker thread.

    `executor` (a process pool, say) reads the file, or the files of an archive in parallel;
    `on_progress(done, total)` is called from the calling thread after each file of an archive. Raises
    ImportRefused when nothing can be imported.
    """
    limits = limits or Limits()
    if len(data) > limits.max_upload_bytes:
        raise LimitExceeded(filename, f"the upload is larger than {limits.max_upload_bytes // 2**20} MB.")
    if sniff(data) == "zip":
        return _read_archive(filename, data, limits, on_progress, executor)
    # One file too is read in the pool: a file of a million points costs a worker its memory, not the bot.
    if executor is None:
        activity = read_activity(filename, data, limits)
    else:
        activity = executor.submit(read_one, filename, data, limits).result()
    if not activity.is_run:
        raise ImportRefused(filename, f"the file records {activity.sport}, not a run: only runs are imported.")
    return ArchiveContents([activity], kind="file")


def _read_archive(
    filename: str, data: bytes, limits: Limits, on_progress: Progress | None, executor: Executor | None
) -> ArchiveContents:
    archive = open_zip(filename, data, limits)
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        budget = Budget(filename, limits)
        budget.admit(infos)
        csv_info = find_strava_csv(infos)
        if csv_info is not None:
            contents = ArchiveContents(kind="strava")
            jobs = plan_strava(filename, archive, csv_info, infos, limits, contents)
        else:
            contents = ArchiveContents(kind="garmin")
            jobs = list(_plan_files(archive, infos, budget, contents))
        _run(filename, jobs, limits, contents, on_progress, executor)
    if not contents.activities:
        raise ImportRefused(filename, _nothing_found(contents))
    contents.activities.sort(key=lambda a: a.start)
    return contents


def _nothing_found(contents: ArchiveContents) -> str:
    if contents.unreadable:
        first = contents.unreadable[0]
        return (
            f"no run could be read: {len(contents.unreadable)} file(s) not understood, "
            f"e.g. {display_name(first.source)}: {first.reason}"
        )
    if contents.not_runs:
        return f"the archive holds no running activity ({contents.not_runs} other activities were left out)."
    return "the archive holds no activity files (.gpx, .tcx or .fit, or a Strava export's activities.csv)."


def _plan_files(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], budget: Budget, contents: ArchiveContents, depth: int = 0
) -> Iterator[Job]:
    """Every activity file, also inside the zips a Garmin export nests one level down."""
    for info in infos:
        lower = info.filename.lower()
        if lower.endswith(ACTIVITY_SUFFIXES):
            yield Job(archive, info, info.filename)
        elif lower.endswith(".zip") and depth == 0:
            try:
                data = read_entry(archive, info, budget.limits.max_uncompressed_bytes, budget.filename)
                inner = zipfile.ZipFile(io.BytesIO(data))
                inner_infos = [i for i in inner.infolist() if not i.is_dir()]
            except LimitExceeded:
                raise
            except Exception:  # a bad CRC, BadZipFile, EOFError, ValueError...: a broken inner archive
                contents.unreadable.append(Unreadable(info.filename, "this inner zip archive is damaged."))
                continue
            budget.admit(inner_infos)
            yield from _plan_files(inner, inner_infos, budget, contents, depth + 1)


def _run(
    filename: str,
    jobs: list[Job],
    limits: Limits,
    contents: ArchiveContents,
    on_progress: Progress | None,
    executor: Executor | None,
) -> None:
    """Read every job's file, `IN_FLIGHT` (and `IN_FLIGHT_BYTES`) at a time when a pool helps, in order."""
    total = len(jobs)
    if on_progress:
        on_progress(0, total)
    pending: deque[tuple[Future[FileOutcome] | FileOutcome, int]] = deque()
    done = in_flight = 0

    def collect() -> None:
        nonlocal done, in_flight
        head, size = pending.popleft()
        outcome = head.result() if isinstance(head, Future) else head
        in_flight -= size
        done += 1
        if outcome.limit:
            raise LimitExceeded(
                filename, f"{display_name(outcome.source)}: {outcome.problem} The whole archive was refused."
            )
        if outcome.activity is not None:
            if outcome.activity.is_run:
                contents.activities.append(outcome.activity)
            else:
                contents.not_runs += 1
        elif outcome.not_an_activity:
            contents.not_runs += 1
        else:
            contents.unreadable.append(Unreadable(outcome.source, outcome.problem or "not understood."))
        if on_progress:
            on_progress(done, total)

    try:
        for job in jobs:
            try:
                data = read_entry(job.archive, job.info, limits.max_file_bytes, filename)
            except LimitExceeded:
                raise
            except Exception as exc:  # a bad CRC, encryption, an unknown compression method
                log.debug("unreadable zip entry %r", job.source, exc_info=True)
                pending.append((FileOutcome(job.source, problem=entry_problem(exc)), 0))
            else:
                if executor is None:
                    pending.append((read_file_outcome(job.source, data, limits, job.sport, job.name), 0))
                else:
                    future = executor.submit(read_file_outcome, job.source, data, limits, job.sport, job.name)
                    pending.append((future, len(data)))
                    in_flight += len(data)
                del data
            while pending and (
                len(pending) >= IN_FLIGHT or in_flight >= IN_FLIGHT_BYTES or not isinstance(pending[0][0], Future)
            ):
                collect()
        while pending:
            collect()
    finally:
        for left, _ in pending:
            if isinstance(left, Future):
                left.cancel()
