"""Plain records of the running domain: distances in metres, times in whole seconds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Run:
    id: int
    run_date: date  # in the member's local zone
    distance_m: float
    duration_s: int
    run_type: str | None = None
    effort: int | None = None
    pain: str | None = None
    shoe_id: int | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Shoe:
    id: int
    name: str
    retire_at_m: float
    distance_m: float  # total run in this pair
    retired: bool = False
