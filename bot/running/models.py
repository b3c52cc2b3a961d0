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


@dataclass(frozen=True, slots=True)
class Profile:
    """A member's settings in one server (the defaults until they set any)."""

    guild_id: int
    user_id: int
    units: str = "km"
    timezone: str = "UTC"
    goal_race: str | None = None
    goal_date: date | None = None
    weekly_goal_m: float | None = None
    leaderboard: bool = True
    zone_noticed: bool = False  # told which zone their runs are dated in, or chose one
    weekly_summary: bool = False  # the Monday summary DM (opt-in)
    feed: bool = False  # their runs go to the server's feed (`/profile set feed: on`; kept from feed_members)
