"""Whether an imported activity is a run the member already has: pure functions over plain values.

A candidate equals a run when it starts within ± 2 minutes of it (or on the same local date, when the run
was logged without a time) and its distance is within ± 2 %. Runs logged by hand carry only a date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from bot.importing.models import Activity

START_TOLERANCE = timedelta(minutes=2)
DISTANCE_TOLERANCE = 0.02


@dataclass(frozen=True, slots=True)
class KnownRun:
    """A run already in the member's log."""

    run_date: date  # the member's local date
    distance_m: float
    start: datetime | None = None  # aware, when known (imported runs have one)


def same_distance(a: float, b: float) -> bool:
    return abs(a - b) <= DISTANCE_TOLERANCE * max(a, b)


def is_duplicate(candidate: Activity, known: KnownRun, tz: tzinfo) -> bool:
    if not same_distance(candidate.distance_m, known.distance_m):
        return False
    if known.start is not None:
        return abs(candidate.start - known.start) <= START_TOLERANCE
    return candidate.start.astimezone(tz).date() == known.run_date


def split_duplicates(
    candidates: Iterable[Activity], known: Sequence[KnownRun], tz: tzinfo
) -> tuple[list[Activity], list[Activity]]:
    """(new, duplicates): against the log, and within the candidates themselves (the first one wins)."""
    by_date: dict[date, list[KnownRun]] = defaultdict(list)
    for run in known:
        by_date[run.run_date].append(run)
    new: list[Activity] = []
    duplicates: list[Activity] = []
    for candidate in candidates:
        day = candidate.start.astimezone(tz).date()
        # ± 2 minutes can cross midnight, so neighbouring dates are looked at too.
        nearby = (run for d in (day - timedelta(days=1), day, day + timedelta(days=1)) for run in by_date.get(d, ()))
        if any(is_duplicate(candidate, run, tz) for run in nearby):
            duplicates.append(candidate)
            continue
        new.append(candidate)
        by_date[day].append(KnownRun(day, candidate.distance_m, candidate.start))
    return new, duplicates
