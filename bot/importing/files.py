"""One activity file: recognise it by its content (gzipped or not), read it, and finish it into an `Activity`.

`read_file_outcome` is the unit of work sent to a process pool: it never raises for bad input, it returns
what happened, so that one damaged file in an archive does not stop the others.
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import logging
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from bot.importing.errors import ImportRefused, LimitExceeded, too_many_points
from bot.importing.fit import NotAnActivity, read_fit
from bot.importing.gpx import read_gpx
from bot.importing.limits import Limits
from bot.importing.models import Activity
from bot.importing.safexml import CHUNK
from bot.importing.tcx import read_tcx
from bot.importing.track import PointLimit, finish

log = logging.getLogger(__name__)

BIG_INPUT = 2 * 2**20  # bytes past which a file may leave a heap grown (a worker's, or the bot's for an upload)

ACTIVITY_SUFFIXES = (".gpx", ".tcx", ".fit", ".gpx.gz", ".tcx.gz", ".fit.gz")
GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
_UNKNOWN = "this is not a file Stride can import: send a .gpx, .tcx or .fit file (gzipped or not) or a .zip export."


def gunzip(data: bytes, source: str, limits: Limits) -> Iterator[bytes]:
    """The decompressed bytes, `CHUNK` at a time, refusing a gzip bomb as soon as it shows: a reader that
    stops early (too many points) never inflates the rest."""
    inflater = zlib.decompressobj(wbits=31)
    pending, total = data, 0
    while not inflater.eof:
        try:
            out = inflater.decompress(pending, CHUNK)
        except zlib.error as exc:
            raise ImportRefused(source, "the gzip data is damaged.") from exc
        pending = inflater.unconsumed_tail
        total += len(out)
        if total > limits.max_file_bytes:
            raise LimitExceeded(source, f"it expands to more than {limits.max_file_bytes // 2**20} MB once unzipped.")
        if total > limits.ratio_floor_bytes and total > limits.max_ratio * len(data):
            raise LimitExceeded(source, "it expands suspiciously much (a compression bomb?), so it was refused.")
        if not out and not pending and not inflater.eof:
            raise ImportRefused(source, "the gzip data is truncated (the upload may have been cut short).")
        if out:
            yield out


def _chunks(data: bytes) -> Iterator[memoryview]:
    view = memoryview(data)
    for offset in range(0, len(view), CHUNK):
        yield view[offset : offset + CHUNK]


def sniff(data: bytes) -> str | None:
    """'gpx', 'tcx', 'fit', 'gzip', 'zip' or None, from the first bytes."""
    if data[:2] == GZIP_MAGIC:
        return "gzip"
    if data[:4] == ZIP_MAGIC:
        return "zip"
    if len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT":
        return "fit"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<gpx" in head:
            return "gpx"
        if b"<trainingcenterdatabase" in head:
            return "tcx"
    return None


def read_activity(source: str, data: bytes, limits: Limits) -> Activity:
    """The activity in one file; raises ImportRefused (LimitExceeded for a bomb) naming `source`."""
    try:
        kind = sniff(data)
        if kind == "gzip":
            inflated = gunzip(data, source, limits)
            head = next(inflated, b"")
            kind = sniff(head)
            chunks: Iterable[bytes | memoryview] = itertools.chain([head], inflated)
        else:
            if len(data) > limits.max_file_bytes:
                raise LimitExceeded(source, f"the file is larger than {limits.max_file_bytes // 2**20} MB.")
            head, chunks = data, _chunks(data)
        if kind == "gpx":
            raw = read_gpx(chunks, source, limits.max_points)
        elif kind == "tcx":
            raw = read_tcx(chunks, source, limits.max_points)
        elif kind == "fit":
            # fitdecode reads a whole file object; FIT is compact (a 1 Hz day is about 3 MB).
            raw = read_fit(data if head is data else b"".join(chunks), source, limits.max_points)
        elif not head or head.isspace():
            raise ImportRefused(source, "the file is empty.")
        else:
            raise ImportRefused(source, _UNKNOWN)
        del data, head, chunks  # the points are read: the file's bytes go back before the track is finished
        return finish(raw, source)
    except ImportRefused:
        raise
    except PointLimit:
        pass  # refused below, not chained to it: its traceback holds every point read
    except Exception as exc:
        # Parsers of untrusted bytes fail in many ways (struct errors, EOF, bad values); the member only
        # needs to know the file is damaged.
        log.debug("unreadable activity file %r", source, exc_info=True)
        raise ImportRefused(source, "the file is truncated or damaged and could not be read.") from exc
    raise too_many_points(source, limits.max_points)


def read_one(source: str, data: bytes, limits: Limits) -> Activity:
    """`read_activity` as a pool's task for a single upload. What it raises keeps none of the readers'
    frames (a pool's worker keeps its last task's exception until the next one, and a traceback keeps its
    frames with the points they read), and the worker hands back the memory the file took."""
    try:
        return read_activity(source, data, limits)
    except ImportRefused as exc:
        refused = exc.__reduce__()
    finally:
        give_memory_back()
    kind, args = refused
    raise kind(*args)


def give_memory_back(*, collect: bool = True) -> None:
    """Hand the heap a large file grew back to the system: glibc keeps freed memory for later otherwise.
    `collect=False` skips the garbage collection (a pause an event loop may not want)."""
    if collect:
        gc.collect()
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc's; elsewhere there is nothing to do
    if trim is not None:
        trim(0)


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What became of one file of an archive: an activity, or the reason it is not one."""

    source: str
    activity: Activity | None = None
    problem: str | None = None  # the member-facing reason
    not_an_activity: bool = False  # e.g. a FIT settings file: skipped without complaint
    limit: bool = False  # a limit was broken: the whole archive must be refused


def read_file_outcome(
    source: str, data: bytes, limits: Limits, sport: str | None = None, name: str | None = None
) -> FileOutcome:
    """`read_activity` without raising; `sport` (normalised) and `name` from Strava's CSV override the file's."""
    try:
        activity = read_activity(source, data, limits)
    except LimitExceeded as exc:
        return FileOutcome(source, problem=exc.problem, limit=True)
    except NotAnActivity as exc:
        return FileOutcome(source, problem=exc.problem, not_an_activity=True)
    except ImportRefused as exc:
        return FileOutcome(source, problem=exc.problem)
    finally:
        if len(data) > BIG_INPUT:
            give_memory_back()
    if sport is not None:
        # The export's type wins, but keep the file's finer word for a plain run ("treadmill").
        keep_file = sport == "run" and activity.is_run
        activity = replace(activity, sport=activity.sport if keep_file else sport, name=name or activity.name)
    elif name:
        activity = replace(activity, name=name)
    return FileOutcome(source, activity=activity)
