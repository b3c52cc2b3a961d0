"""Garmin FIT through fitdecode: the session gives totals and sport, records the track, timer events pauses."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import fitdecode

from bot.importing.errors import ImportRefused
from bot.importing.limits import MAX_POINTS
from bot.importing.track import RawActivity, normalise_sport

FIT_EPOCH = 631_065_600  # 1989-12-31T00:00:00Z in POSIX seconds
SEMICIRCLE_DEG = 180.0 / 2**31


class NotAnActivity(ImportRefused):
    """A FIT file of another kind (settings, monitoring, a course): skipped, not an error in an archive."""


def _posix(value: object) -> float | None:
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, int | float) and value >= 0x10000000:  # smaller values are device-relative
        return float(value) + FIT_EPOCH
    return None


def _fields(frame: fitdecode.FitDataMessage, wanted: set[str]) -> dict[str, object]:
    return {f.name: f.value for f in frame.fields if f.name in wanted and f.value is not None}


def read_fit(data: bytes, source: str, max_points: int = MAX_POINTS) -> RawActivity:
    # fitdecode reads frame by frame: the points are all that piles up, and `add_point` caps them.
    raw = RawActivity("fit", max_points=max_points)
    sessions: list[dict[str, object]] = []
    file_type = None
    paused = False
    # The FIT CRC is checked in pure Python, doubling the decode time; archives and gzip carry a CRC-32 and a
    # truncated file still fails below. Without a processor values stay raw (FIT timestamps): 20 % faster.
    # Odd field sizes (seen in real watch files) are skipped quietly, as fitdecode would after a warning.
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.DISABLED,
        processor=None,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    )
    with reader:
        for frame in reader:
            if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                continue
            name = frame.name
            if name == "record":
                # The hot loop (one record a second): plain locals rather than a dict a record.
                t = lat = lon = dist = alt = ealt = hr = cad = None
                for f in frame.fields:
                    value = f.value
                    if value is None:
                        continue
                    field = f.name
                    if field == "timestamp":
                        t = value
                    elif field == "position_lat":
                        lat = value
                    elif field == "position_long":
                        lon = value
                    elif field == "distance":
                        dist = value
                    elif field == "enhanced_altitude":
                        ealt = value
                    elif field == "altitude":
                        alt = value
                    elif field == "heart_rate":
                        hr = value
                    elif field == "cadence":
                        cad = value
                posix = _posix(t)
                if posix is None:
                    continue
                if paused and raw.times:
                    raw.breaks.add(len(raw.times))
                paused = False
                raw.add_point(
                    posix,
                    lat * SEMICIRCLE_DEG if isinstance(lat, int) else None,
                    lon * SEMICIRCLE_DEG if isinstance(lon, int) else None,
                    dist,
                    ealt if ealt is not None else alt,
                    hr,
                    cad,
                )
            elif name == "event":
                v = _fields(frame, {"event", "event_type"})
                if v.get("event") == "timer" and v.get("event_type") in {"stop", "stop_all", "stop_disable_all"}:
                    paused = True
            elif name == "session":
                sessions.append({f.name: f.value for f in frame.fields if f.value is not None})
            elif name == "file_id":
                file_type = _fields(frame, {"type"}).get("type")
    if file_type is not None and file_type != "activity":
        raise NotAnActivity(source, f"this FIT file is not an activity (it is a {file_type} file).")
    if not sessions and not raw.times:
        raise ImportRefused(source, "the FIT file holds no activity data.")
    session = next((s for s in sessions if s.get("sport") == "running"), sessions[0] if sessions else {})
    sport = session.get("sport")
    raw.sport = normalise_sport(str(sport), str(session.get("sub_sport") or "")) if sport is not None else None
    start = _posix(session.get("start_time"))
    if start is not None:
        raw.start = datetime.fromtimestamp(start, UTC)
    raw.total_distance_m = _number(session.get("total_distance"))
    raw.timer_s = _number(session.get("total_timer_time"))
    raw.elapsed_s = _number(session.get("total_elapsed_time"))
    raw.ascent_m = _number(session.get("total_ascent"))
    raw.avg_hr = _number(session.get("avg_heart_rate"))
    raw.avg_cadence = _number(session.get("avg_running_cadence", session.get("avg_cadence")))
    return raw


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
