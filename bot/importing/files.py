"""One activity file: recognise it by its content (gzipped or not), read it, and finish it into an `Activity`.

`read_file_outcome` is the unit of work sent to a process pool: it never raises for bad input, it returns
what happened, so that one damaged file in an archive does not stop the others.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, replace

from bot.importing.errors import ImportRefused, LimitExceeded
from bot.importing.fit import NotAnActivity, read_fit
from bot.importing.gpx import read_gpx
from bot.importing.limits import Limits
from bot.importing.models import Activity
from bot.importing.tcx import read_tcx
from bot.importing.track import finish

log = logging.getLogger(__name__)

ACTIVITY_SUFFIXES = (".gpx", ".tcx", ".fit", ".gpx.gz", ".tcx.gz", ".fit.gz")
GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
_UNKNOWN = "this is not a file Stride can import: send a .gpx, .tcx or .fit file (gzipped or not) or a .zip export."


def gunzip(data: bytes, source: str, limits: Limits) -> bytes:
    """The decompressed bytes, refusing a gzip bomb before it is inflated in full."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, limits.max_file_bytes + 1)
    except zlib.error as exc:
        raise ImportRefused(source, "the gzip data is damaged.") from exc
    if len(out) > limits.max_file_bytes or inflater.unconsumed_tail:
        raise LimitExceeded(source, f"it expands to more than {limits.max_file_bytes // 2**20} MB once unzipped.")
    if len(out) > limits.ratio_floor_bytes and len(out) > limits.max_ratio * len(data):
        raise LimitExceeded(source, "it expands suspiciously much (a compression bomb?), so it was refused.")
    if not inflater.eof:
        raise ImportRefused(source, "the gzip data is truncated (the upload may have been cut short).")
    return out


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
            data = gunzip(data, source, limits)
            kind = sniff(data)
        if len(data) > limits.max_file_bytes:
            raise LimitExceeded(source, f"the file is larger than {limits.max_file_bytes // 2**20} MB.")
        if kind == "gpx":
            raw = read_gpx(data, source)
        elif kind == "tcx":
            raw = read_tcx(data, source)
        elif kind == "fit":
            raw = read_fit(data, source)
        elif not data.strip():
            raise ImportRefused(source, "the file is empty.")
        else:
            raise ImportRefused(source, _UNKNOWN)
        return finish(raw, source)
    except ImportRefused:
        raise
    except UnicodeDecodeError as exc:
        raise ImportRefused(source, "the file is not valid UTF-8 text, so it is not a GPX file.") from exc
    except Exception as exc:
        # Parsers of untrusted bytes fail in many ways (struct errors, EOF, bad values); the member only
        # needs to know the file is damaged.
        log.debug("unreadable activity file %r", source, exc_info=True)
        raise ImportRefused(source, "the file is truncated or damaged and could not be read.") from exc


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
    if sport is not None:
        # The export's type wins, but keep the file's finer word for a plain run ("treadmill").
        keep_file = sport == "run" and activity.is_run
        activity = replace(activity, sport=activity.sport if keep_file else sport, name=name or activity.name)
    elif name:
        activity = replace(activity, name=name)
    return FileOutcome(source, activity=activity)
