"""Uploads: one activity file, or a Strava / Garmin export `.zip` read in memory, entry by entry.

Nothing is extracted to disk. The archive is checked against `Limits` from its directory before any entry
is inflated (count, declared sizes, compression ratio, entry names), and Python's zipfile never inflates an
entry past its declared size. Per-file failures are collected; a broken limit refuses the whole archive.
"""

from __future__ import annotations

import csv
import io
import logging
import struct
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.importing.errors import ImportRefused, LimitExceeded, display_name
from bot.importing.files import ACTIVITY_SUFFIXES, FileOutcome, read_activity, read_file_outcome, sniff
from bot.importing.limits import Limits
from bot.importing.models import RUNNING_SPORTS, Activity, ArchiveContents, Unreadable
from bot.importing.track import normalise_sport

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
STRAVA_CSV = "activities.csv"
STRAVA_DATE = "%b %d, %Y, %I:%M:%S %p"
# Files read ahead of the pool: enough to keep every worker busy, few enough to bound memory.
IN_FLIGHT = 32


@dataclass(frozen=True, slots=True)
class _Job:
    archive: zipfile.ZipFile
    info: zipfile.ZipInfo
    source: str  # as shown to the member
    sport: str | None = None
    name: str | None = None


def read_upload(
    filename: str,
    data: bytes,
    *,
    limits: Limits | None = None,
    on_progress: Progress | None = None,
    executor: Executor | None = None,
) -> ArchiveContents:
    """Everything importable in an upload. Blocking: call it from a worker thread.

    `executor` (a process pool, say) reads the files of an archive in parallel; `on_progress(done, total)`
    is called from the calling thread after each file. Raises ImportRefused when nothing can be imported.
    """
    limits = limits or Limits()
    if len(data) > limits.max_upload_bytes:
        raise LimitExceeded(filename, f"the upload is larger than {limits.max_upload_bytes // 2**20} MB.")
    if sniff(data) == "zip":
        return _read_archive(filename, data, limits, on_progress, executor)
    activity = read_activity(filename, data, limits)
    if not activity.is_run:
        raise ImportRefused(filename, f"this is a {activity.sport} activity, not a run: only runs are imported.")
    return ArchiveContents([activity], kind="file")


def _declared_entries(data: bytes) -> int | None:
    """The entry count in the end-of-central-directory record, read before zipfile lists every entry."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    (count,) = struct.unpack_from("<H", data, end + 10)
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        (offset,) = struct.unpack_from("<Q", data, locator + 8)  # the zip64 end record holds the real count
        if data[offset : offset + 4] == b"PK\x06\x06" and offset + 40 <= len(data):
            (count,) = struct.unpack_from("<Q", data, offset + 32)
    return count


def _open_zip(filename: str, data: bytes, limits: Limits) -> zipfile.ZipFile:
    declared = _declared_entries(data)
    if declared is not None and declared > limits.max_entries:
        # Listing a million entries would cost memory before any limit could be checked.
        raise LimitExceeded(filename, f"the archive holds more than {limits.max_entries:,} files.")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, EOFError, ValueError, struct errors: all mean a broken archive
        raise ImportRefused(filename, "the zip archive is damaged or truncated.") from exc


def _check_entry_name(filename: str, name: str) -> None:
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts or "\x00" in name:
        problem = f"the archive holds an unsafe entry name ({display_name(name)}), so it was refused."
        raise LimitExceeded(filename, problem)


@dataclass(slots=True)
class _Budget:
    """What the archive (nested zips included) has declared so far, against the limits."""

    filename: str
    limits: Limits
    entries: int = 0
    uncompressed: int = 0

    def admit(self, infos: list[zipfile.ZipInfo]) -> None:
        """Refuse the archive on its directory alone: count, names, declared sizes and ratios."""
        limits = self.limits
        self.entries += len(infos)
        if self.entries > limits.max_entries:
            raise LimitExceeded(self.filename, f"the archive holds more than {limits.max_entries:,} files.")
        for info in infos:
            _check_entry_name(self.filename, info.filename)
            self.uncompressed += info.file_size
            size = info.file_size
            if size > limits.ratio_floor_bytes and size > limits.max_ratio * max(info.compress_size, 1):
                problem = f"{display_name(info.filename)} expands suspiciously much (a zip bomb?), so it was refused."
                raise LimitExceeded(self.filename, problem)
        if self.uncompressed > limits.max_uncompressed_bytes:
            mb = limits.max_uncompressed_bytes // 2**20
            raise LimitExceeded(self.filename, f"the archive expands to more than {mb} MB.")


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, filename: str) -> bytes:
    if info.file_size > cap:
        raise LimitExceeded(filename, f"{display_name(info.filename)} is larger than {cap // 2**20} MB.")
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) != info.file_size:  # zipfile stops at the declared size; never trust it blindly though
        raise LimitExceeded(filename, f"{display_name(info.filename)} does not match its declared size.")
    return data


def _read_archive(
    filename: str, data: bytes, limits: Limits, on_progress: Progress | None, executor: Executor | None
) -> ArchiveContents:
    archive = _open_zip(filename, data, limits)
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        budget = _Budget(filename, limits)
        budget.admit(infos)
        csv_info = _strava_csv(infos)
        if csv_info is not None:
            contents = ArchiveContents(kind="strava")
            jobs = _plan_strava(filename, archive, csv_info, infos, limits, contents)
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


def _strava_csv(infos: list[zipfile.ZipInfo]) -> zipfile.ZipInfo | None:
    candidates = [i for i in infos if i.filename.replace("\\", "/").rsplit("/", 1)[-1].lower() == STRAVA_CSV]
    return min(candidates, key=lambda i: i.filename.count("/"), default=None)


def _plan_files(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], budget: _Budget, contents: ArchiveContents, depth: int = 0
) -> Iterator[_Job]:
    """Every activity file, also inside the zips a Garmin export nests one level down."""
    for info in infos:
        lower = info.filename.lower()
        if lower.endswith(ACTIVITY_SUFFIXES):
            yield _Job(archive, info, info.filename)
        elif lower.endswith(".zip") and depth == 0:
            try:
                data = _read_entry(archive, info, budget.limits.max_uncompressed_bytes, budget.filename)
                inner = zipfile.ZipFile(io.BytesIO(data))
                inner_infos = [i for i in inner.infolist() if not i.is_dir()]
            except LimitExceeded:
                raise
            except Exception:  # a bad CRC, BadZipFile, EOFError, ValueError...: a broken inner archive
                contents.unreadable.append(Unreadable(info.filename, "this inner zip archive is damaged."))
                continue
            budget.admit(inner_infos)
            yield from _plan_files(inner, inner_infos, budget, contents, depth + 1)


def _plan_strava(
    filename: str,
    archive: zipfile.ZipFile,
    csv_info: zipfile.ZipInfo,
    infos: list[zipfile.ZipInfo],
    limits: Limits,
    contents: ArchiveContents,
) -> list[_Job]:
    """One job per run listed in activities.csv; manual entries (no file) come straight from the CSV."""
    prefix = csv_info.filename[: -len(STRAVA_CSV)]
    by_name = {i.filename: i for i in infos}
    try:
        text = _read_entry(archive, csv_info, limits.max_csv_bytes, filename).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
    except LimitExceeded:
        raise
    except Exception as exc:  # bad UTF-8, a bad CRC, a field over csv's size limit
        raise ImportRefused(filename, "its activities.csv is damaged and could not be read.") from exc
    if not rows:
        raise ImportRefused(filename, "its activities.csv is empty.")
    columns = _StravaColumns(rows[0])
    if columns.type is None:
        raise ImportRefused(filename, "its activities.csv has no “Activity Type” column; is it a Strava export?")
    jobs = []
    for number, row in enumerate(rows[1:], start=2):
        sport = normalise_sport(columns.get(row, columns.type))
        if sport is None:
            contents.unreadable.append(Unreadable(f"{STRAVA_CSV} line {number}", "the row has no activity type."))
            continue
        if sport not in RUNNING_SPORTS:
            contents.not_runs += 1
            continue
        name = columns.get(row, columns.name)
        file = columns.get(row, columns.filename)
        if not file:
            manual = columns.manual_run(row, sport, name, f"{STRAVA_CSV} line {number}")
            if isinstance(manual, Activity):
                contents.activities.append(manual)
            else:
                contents.unreadable.append(manual)
            continue
        info = by_name.get(prefix + file)
        if info is None:
            contents.unreadable.append(Unreadable(file, "listed in activities.csv but missing from the archive."))
            continue
        jobs.append(_Job(archive, info, file, sport, name))
    return jobs


class _StravaColumns:
    """Where each field sits; the export repeats some names (the last "Distance" is in metres)."""

    def __init__(self, header: list[str]) -> None:
        names = [h.strip().lower() for h in header]

        def first(label: str) -> int | None:
            return names.index(label) if label in names else None

        def last(label: str) -> int | None:
            return len(names) - 1 - names[::-1].index(label) if label in names else None

        self.type, self.name, self.filename = first("activity type"), first("activity name"), first("filename")
        self.date, self.elapsed, self.moving = first("activity date"), first("elapsed time"), first("moving time")
        self.distance = last("distance")
        self.distance_in_km = names.count("distance") == 1

    @staticmethod
    def get(row: list[str], index: int | None) -> str | None:
        return row[index].strip() or None if index is not None and index < len(row) else None

    def manual_run(self, row: list[str], sport: str, name: str | None, where: str) -> Activity | Unreadable:
        try:
            start = datetime.strptime(self.get(row, self.date) or "", STRAVA_DATE).replace(tzinfo=UTC)
            distance = float(self.get(row, self.distance) or 0) * (1000 if self.distance_in_km else 1)
            seconds = float(self.get(row, self.moving) or self.get(row, self.elapsed) or 0)
        except ValueError:
            return Unreadable(where, "a manual entry without a readable date, distance or time.")
        if distance <= 0 or seconds <= 0:
            return Unreadable(where, "a manual entry without distance or time.")
        elapsed = float(self.get(row, self.elapsed) or seconds)
        return Activity(
            where, start, round(distance, 1), round(seconds), round(elapsed), sport, name, file_format="csv"
        )


def _run(
    filename: str,
    jobs: list[_Job],
    limits: Limits,
    contents: ArchiveContents,
    on_progress: Progress | None,
    executor: Executor | None,
) -> None:
    """Read every job's file, `IN_FLIGHT` at a time when a pool helps, in order."""
    total = len(jobs)
    if on_progress:
        on_progress(0, total)
    pending: deque[Future[FileOutcome] | FileOutcome] = deque()
    done = 0

    def collect(outcome: FileOutcome) -> None:
        nonlocal done
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
                data = _read_entry(job.archive, job.info, limits.max_file_bytes, filename)
            except LimitExceeded:
                raise
            except Exception as exc:  # a bad CRC, encryption, an unknown compression method
                log.debug("unreadable zip entry %r", job.source, exc_info=True)
                outcome = FileOutcome(job.source, problem=_entry_problem(exc))
                pending.append(outcome)
            else:
                if executor is None:
                    pending.append(read_file_outcome(job.source, data, limits, job.sport, job.name))
                else:
                    pending.append(executor.submit(read_file_outcome, job.source, data, limits, job.sport, job.name))
            while pending and (len(pending) >= IN_FLIGHT or not isinstance(pending[0], Future)):
                head = pending.popleft()
                collect(head.result() if isinstance(head, Future) else head)
        while pending:
            head = pending.popleft()
            collect(head.result() if isinstance(head, Future) else head)
    finally:
        for left in pending:
            if isinstance(left, Future):
                left.cancel()


def _entry_problem(exc: Exception) -> str:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc).lower():
        return "the entry is password-protected."
    if isinstance(exc, NotImplementedError):
        return "the entry uses a compression method Stride cannot read."
    return "the entry is damaged in the archive (bad checksum or truncated)."
