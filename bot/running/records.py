"""Best efforts at the standard distances, from runs of (nearly) that distance."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.running.models import Run
from bot.running.units import METRES_PER_MILE, STANDARD_DISTANCES

MAX_OVER = 1.02  # a run up to 2% longer still counts, its time scaled down
_EPSILON_M = 1e-6


@dataclass(frozen=True, slots=True)
class Record:
    label: str  # "5K", "Half marathon", ...
    distance_m: float  # the standard distance
    duration_s: float  # time scaled to the standard distance
    run_date: date
    run_id: int
    run_distance_m: float | None = None  # what was run, when it differs from the standard distance
    # A stretch inside a longer imported run (its best effort): duration_s is the stretch's own time.
    inside_run: bool = False


def shortest_counted(standard_m: float) -> float:
    """The shortest run that counts for `standard_m`: the distance itself, or the distance in miles to one
    decimal as miles runners write it, when that is shorter (3.1 mi for a 5K, 6.2 mi for a 10K, 13.1 mi
    and 26.2 mi), so a member logging in miles gets every record a member in km does."""
    in_miles = math.floor(standard_m / METRES_PER_MILE * 10 + 1e-9) / 10
    return min(standard_m, in_miles * METRES_PER_MILE)


def longest_counted(standard_m: float) -> float:
    return standard_m * MAX_OVER


def scaled_time(run: Run, standard_m: float) -> float | None:
    """The run's time over `standard_m`, or None unless it is 100-102% of that distance (or the miles
    runners' 3.1 mi, 6.2 mi, 13.1 mi, 26.2 mi)."""
    if not shortest_counted(standard_m) - _EPSILON_M <= run.distance_m <= longest_counted(standard_m) + _EPSILON_M:
        return None
    return run.duration_s * standard_m / run.distance_m


def best_efforts(runs: Iterable[Run]) -> dict[str, Record]:
    """The fastest qualifying run per standard distance (the earliest one on a tie)."""
    ordered = sorted(runs, key=lambda r: (r.run_date, r.id))
    best: dict[str, Record] = {}
    for label, standard in STANDARD_DISTANCES.items():
        for run in ordered:
            time = scaled_time(run, standard)
            if time is not None and (label not in best or time < best[label].duration_s):
                ran = None if abs(run.distance_m - standard) < 0.5 else run.distance_m
                best[label] = Record(label, standard, time, run.run_date, run.id, ran)
    return best


def new_records(previous_runs: Iterable[Run], new_run: Run) -> list[str]:
    """Labels of the distances where new_run beats every earlier qualifying run (or is the first)."""
    before = best_efforts(r for r in previous_runs if r.id != new_run.id)
    labels = []
    for label, standard in STANDARD_DISTANCES.items():
        time = scaled_time(new_run, standard)
        if time is not None and (label not in before or time < before[label].duration_s):
            labels.append(label)
    return labels


def shown_records(records: Iterable[Record]) -> list[Record]:
    """Whole-run records, plus each record inside a longer run that is faster than the whole-run one."""
    records = list(records)
    whole = {r.label: r.duration_s for r in records if not r.inside_run}
    return [r for r in records if not r.inside_run or r.duration_s < whole.get(r.label, float("inf"))]
