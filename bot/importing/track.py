"""From the points a reader found to an `Activity`: cumulative distance and timer time, totals, efforts.

Readers fill a `RawActivity` with parallel lists (one entry a point) and whatever totals the file states;
`finish` prefers the file's totals and falls back on the track. The points are dropped once the best
efforts are computed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.importing.best_efforts import best_efforts
from bot.importing.errors import ImportRefused
from bot.importing.limits import MAX_POINTS
from bot.importing.models import Activity

EARTH_RADIUS_M = 6_371_008.8
# Faster than any runner over a second: a GPS jump, not a stride (Bolt's top speed is about 12.4 m/s).
MAX_SPEED_M_S = 12.5
# Beyond any multi-day ultra: such totals come from a damaged or forged file.
MAX_DISTANCE_M = 1_000_000.0
MAX_DURATION_S = 10 * 24 * 3600.0
# Altitude changes smaller than this are GPS or barometer noise, not climbing.
ELEVATION_DEADBAND_M = 3.0


class PointLimit(Exception):
    """A reader met more than `max_points` points; raised before they pile up in memory."""


@dataclass(slots=True)
class RawActivity:
    """What a reader found. `times` are POSIX seconds; optional lists are empty or one entry a point."""

    file_format: str
    max_points: int = MAX_POINTS  # `add_point` raises PointLimit past this many
    sport: str | None = None  # normalised by `normalise_sport`; None when the file does not say
    name: str | None = None
    start: datetime | None = None
    times: list[float] = field(default_factory=list)
    lats: list[float | None] = field(default_factory=list)
    lons: list[float | None] = field(default_factory=list)
    dists: list[float | None] = field(default_factory=list)  # the file's own cumulative distance
    eles: list[float | None] = field(default_factory=list)
    hrs: list[float | None] = field(default_factory=list)
    cads: list[float | None] = field(default_factory=list)  # as recorded (strides or steps per minute)
    breaks: set[int] = field(default_factory=set)  # indices that resume after a pause
    total_distance_m: float | None = None
    timer_s: float | None = None
    elapsed_s: float | None = None
    ascent_m: float | None = None
    avg_hr: float | None = None
    avg_cadence: float | None = None

    def add_point(
        self,
        time: float,
        lat: float | None = None,
        lon: float | None = None,
        dist: float | None = None,
        ele: float | None = None,
        hr: float | None = None,
        cad: float | None = None,
    ) -> None:
        if len(self.times) >= self.max_points:
            raise PointLimit
        self.times.append(time)
        self.lats.append(lat)
        self.lons.append(lon)
        self.dists.append(dist)
        self.eles.append(ele)
        self.hrs.append(hr)
        self.cads.append(cad)


_SPORT_WORDS = {
    "running": "run",
    "9": "run",  # Strava's GPX writes numeric types: 9 is Run, 1 Ride
    "1": "cycling",
    "trail running": "trail run",
    "trail": "trail run",
    "virtualrun": "virtual run",
    "treadmill running": "treadmill",
    "treadmill run": "treadmill",
    "indoor running": "treadmill",
    "biking": "cycling",
    "ride": "cycling",
}
_RUN_SUB_SPORTS = {
    "treadmill": "treadmill",
    "trail": "trail run",
    "virtual activity": "virtual run",
    "track": "track run",
}


def normalise_sport(word: str | None, sub: str | None = None) -> str | None:
    """One vocabulary for GPX `<type>`, TCX `Sport`, FIT sport/sub_sport and Strava's activity type."""
    if word is None or not word.strip():
        return None
    w = " ".join(word.strip().lower().replace("_", " ").split())
    w = _SPORT_WORDS.get(w, w)
    if w == "run" and sub:
        return _RUN_SUB_SPORTS.get(sub.strip().lower().replace("_", " "), "run")
    return w


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _cumulative(raw: RawActivity) -> tuple[list[float], list[float]]:
    """Cumulative metres and timer seconds a point; nothing accrues across a pause or a GPS jump."""
    times = raw.times
    use_file = sum(d is not None for d in raw.dists) >= 0.9 * len(times)
    dist_out, time_out = [0.0], [0.0]
    d_acc = t_acc = 0.0
    last_file_d = raw.dists[0] if use_file else None
    last_pos = (raw.lats[0], raw.lons[0])
    for i in range(1, len(times)):
        dt = times[i] - times[i - 1]
        if use_file:
            d = raw.dists[i]
            step = 0.0 if d is None or last_file_d is None else d - last_file_d
            if d is not None:
                last_file_d = d
        else:
            lat, lon = raw.lats[i], raw.lons[i]
            step = 0.0
            if lat is not None and lon is not None:
                if last_pos[0] is not None and last_pos[1] is not None:
                    step = haversine_m(last_pos[0], last_pos[1], lat, lon)
                last_pos = (lat, lon)
        if i in raw.breaks:
            dt = step = 0.0
        if step < 0 or step > MAX_SPEED_M_S * max(dt, 1.0):
            step = 0.0
        d_acc += step
        t_acc += max(dt, 0.0)  # a point stamped before the one ahead of it (a clock glitch) adds no time
        dist_out.append(d_acc)
        time_out.append(t_acc)
    return dist_out, time_out


def elevation_gain(eles: list[float | None]) -> float | None:
    """Climbing between turning points, ignoring swings smaller than the dead band (noise on a flat road)."""
    values = [e for e in eles if e is not None]
    if len(values) < 2:
        return None
    gain = 0.0
    anchor = extreme = values[0]  # the last confirmed turning point, and the furthest point since
    rising: bool | None = None
    for e in values[1:]:
        if rising is None:
            if abs(e - anchor) >= ELEVATION_DEADBAND_M:
                rising, extreme = e > anchor, e
        elif rising:
            if e > extreme:
                extreme = e
            elif extreme - e >= ELEVATION_DEADBAND_M:
                gain += extreme - anchor
                anchor, extreme, rising = extreme, e, False
        elif e < extreme:
            extreme = e
        elif e - extreme >= ELEVATION_DEADBAND_M:
            anchor, extreme, rising = extreme, e, True
    if rising:
        gain += extreme - anchor
    return gain


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None and v > 0]
    return sum(present) / len(present) if present else None


def steps_per_minute(cadence: float | None) -> int | None:
    """Watches record strides (one foot) a minute for running; members know steps (both feet)."""
    if cadence is None or cadence <= 0:
        return None
    return round(cadence * 2 if cadence < 130 else cadence)


def finish(raw: RawActivity, source: str) -> Activity:
    """The activity a reader found, with totals and best efforts; raises when there is nothing to import."""
    start = raw.start or (datetime.fromtimestamp(raw.times[0], UTC) if raw.times else None)
    if start is None:
        raise ImportRefused(source, "the activity has no start time.")
    efforts: tuple = ()
    track_distance = track_time = None
    if len(raw.times) >= 2:
        dists, times = _cumulative(raw)
        track_distance, track_time = dists[-1], times[-1]
        efforts = tuple(best_efforts(dists, times))
    distance = raw.total_distance_m if raw.total_distance_m else track_distance
    elapsed = raw.elapsed_s if raw.elapsed_s else (raw.times[-1] - raw.times[0] if len(raw.times) >= 2 else None)
    timer = raw.timer_s if raw.timer_s else (track_time if track_time else elapsed)
    if not distance or distance <= 0 or not timer or timer <= 0:
        raise ImportRefused(source, "the activity has no distance or no duration to import.")
    if not (math.isfinite(distance) and math.isfinite(timer)) or distance > MAX_DISTANCE_M or timer > MAX_DURATION_S:
        raise ImportRefused(source, "the activity's distance or duration is impossible; the file looks damaged.")
    ascent = raw.ascent_m if raw.ascent_m is not None else elevation_gain(raw.eles)
    avg_hr = raw.avg_hr if raw.avg_hr else _mean(raw.hrs)
    return Activity(
        source=source,
        start=start.astimezone(UTC),
        distance_m=round(float(distance), 1),
        duration_s=round(timer),
        elapsed_s=round(max(elapsed or 0.0, timer)),
        sport=raw.sport or "run",
        name=raw.name.strip()[:100] if raw.name and raw.name.strip() else None,
        elevation_gain_m=round(ascent, 1) if ascent is not None else None,
        avg_heart_rate=round(avg_hr) if avg_hr and 20 <= avg_hr <= 250 else None,
        avg_cadence_spm=steps_per_minute(raw.avg_cadence if raw.avg_cadence else _mean(raw.cads)),
        best_efforts=efforts,
        file_format=raw.file_format,
    )
