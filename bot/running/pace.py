"""The pace calculator: any two of distance, time and pace give the third; race-time estimates.

Estimates use Riegel's formula, T2 = T1 × (D2 / D1) ^ 1.06, from the member's best recent effort.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from bot.errors import UserError, echo
from bot.running.models import Run
from bot.running.parsing import (
    MAX_DISTANCE_M,
    MAX_PACE_S_PER_KM,
    MIN_DISTANCE_M,
    MIN_PACE_S_PER_KM,
    InputError,
    fit_time_to_distance,
    parse_distance,
    parse_time,
)
from bot.running.units import METRES_PER_KM, STANDARD_DISTANCES, metres_per_unit

RIEGEL_EXPONENT = 1.06
RECENT = timedelta(weeks=12)  # efforts older than this say little about today's form
MIN_EFFORT_M = 3000.0  # Riegel extrapolates poorly from short runs
REFERENCE_M = 10_000.0  # efforts are compared by their predicted 10K time

NEEDS_TWO = (
    "Give two of distance, time and pace, and I'll work out the third, e.g. `/pace distance: marathon time: 4:00` "
    "or `/pace distance: 10k pace: 5:00`. With none, I estimate race times from your recent runs."
)
PACE_EXAMPLES = "Try `5:00`, `5:00/km` or `8:30/mi`."
_PACE_RE = re.compile(
    r"([0-9]{1,2})[:.]([0-9]{2})\s*(?:min)?\s*(?:/|per\s+|a\s+)?\s*(km|k|kilometer|kilometre|mi|mile)?"
)


@dataclass(frozen=True, slots=True)
class PaceSolution:
    distance_m: float
    duration_s: float
    solved: str  # which of "distance", "time", "pace" was worked out
    note: str | None = None  # how an ambiguous time was read ("read `4:00` as 4 h 00 min")

    @property
    def pace_s_per_km(self) -> float:
        return self.duration_s / (self.distance_m / METRES_PER_KM)


@dataclass(frozen=True, slots=True)
class Prediction:
    label: str  # "5K", "Marathon", ...
    distance_m: float
    duration_s: float


@dataclass(frozen=True, slots=True)
class Estimates:
    basis: Run  # the effort the estimates come from
    predictions: list[Prediction]


def parse_pace(text: str, units: str = "km") -> float:
    """Seconds per km from '5:00', '5:00/km', '8:30 /mi', '8.30 min/mile'; bare paces are in `units`."""
    cleaned = " ".join(text.strip().lower().split())
    match = _PACE_RE.fullmatch(cleaned)
    if match is None or int(match.group(2)) >= 60:
        raise InputError(f"Couldn't read the pace `{echo(text, 30)}`. {PACE_EXAMPLES}", "pace")
    per_unit = int(match.group(1)) * 60 + int(match.group(2))
    unit = match.group(3) or units
    per_km = per_unit * METRES_PER_KM / metres_per_unit("mi" if unit.startswith("mi") else "km")
    if not MIN_PACE_S_PER_KM <= round(per_km) <= MAX_PACE_S_PER_KM:
        raise InputError(f"A pace of `{match.group(0)}` is outside 2:00–60:00 per km. {PACE_EXAMPLES}", "pace")
    return per_km


def solve(distance: str | None, time: str | None, pace: str | None, units: str = "km") -> PaceSolution | None:
    """The third of distance, time and pace from the two given; None when none is given (the member
    asks for race-time estimates only)."""
    given = sum(value is not None and value.strip() != "" for value in (distance, time, pace))
    if given == 0:
        return None
    if given != 2:
        raise UserError(NEEDS_TWO, "distance" if given == 1 else "pace")
    if distance and time:
        metres = parse_distance(distance, units)
        fitted = fit_time_to_distance(parse_time(time), metres, units)
        return PaceSolution(metres, fitted.seconds, "pace", fitted.note)
    per_km = parse_pace(pace or "", units)
    if distance:
        metres = parse_distance(distance, units)
        return PaceSolution(metres, per_km * metres / METRES_PER_KM, "time")
    seconds = parse_time(time or "").seconds
    metres = seconds / per_km * METRES_PER_KM
    if not MIN_DISTANCE_M <= metres <= MAX_DISTANCE_M:
        raise UserError(
            f"That time at that pace is {metres / METRES_PER_KM:.2f} km, outside the 0.1–500 km I work with. "
            "Check both, e.g. `time: 50:00 pace: 5:00`.",
            "time",
        )
    return PaceSolution(metres, float(seconds), "distance")


def riegel(duration_s: float, from_m: float, to_m: float) -> float:
    """Riegel's estimate of the time over `to_m` for someone who ran `from_m` in `duration_s`."""
    return duration_s * (to_m / from_m) ** RIEGEL_EXPONENT


def race_estimates(runs: Iterable[Run], today: date) -> Estimates | None:
    """Estimates for the standard distances from the best effort of the last 12 weeks (runs of 3 km
    or more, compared by the 10K time they predict); None without such a run."""
    since = today - RECENT
    efforts = [r for r in runs if since <= r.run_date <= today and r.distance_m >= MIN_EFFORT_M and r.duration_s > 0]
    if not efforts:
        return None
    best = min(efforts, key=lambda r: (riegel(r.duration_s, r.distance_m, REFERENCE_M), -r.run_date.toordinal()))
    predictions = [
        Prediction(label, metres, riegel(best.duration_s, best.distance_m, metres))
        for label, metres in STANDARD_DISTANCES.items()
    ]
    if not all(math.isfinite(p.duration_s) for p in predictions):
        return None
    return Estimates(best, predictions)
