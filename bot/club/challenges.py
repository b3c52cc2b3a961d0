"""Challenge rules: names, windows, when a challenge starts and stops counting, and its standings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.club.goals import fraction
from bot.errors import UserError, echo
from bot.running.input_error import InputError

NAME_MAX = 60
MAX_OPEN = 10  # active and upcoming challenges per server
MAX_DAYS = 366
RECENT_DAYS = 30  # /challenge list shows challenges ended this recently
TOP = 10


@dataclass(frozen=True, slots=True)
class Challenge:
    id: int
    guild_id: int
    name: str
    metric: str
    goal: float
    mode: str
    units: str
    start: date
    end: date
    ends_at: datetime  # counting stops here (UTC)
    channel_id: int
    message_id: int | None
    created_by: int
    total: float = 0.0
    reached_on: date | None = None
    ended_by: int | None = None
    participants: int = 0

    def status(self, now: datetime, today: date) -> str:
        """'upcoming', 'active' or 'ended' (today: the server's date)."""
        if self.ends_at <= now:
            return "ended"
        return "upcoming" if today < self.start else "active"

    def days_left(self, today: date) -> int:
        return max(0, (self.end - today).days + 1)


@dataclass(frozen=True, slots=True)
class Standing:
    user_id: int
    value: float
    finished_on: date | None
    rank: int  # 1-based place among the participants shown

    def done(self, goal: float) -> bool:
        return self.value >= goal - 1e-9


@dataclass(frozen=True, slots=True)
class Board:
    """What /challenge show, the card and the results need."""

    challenge: Challenge
    leaders: list[Standing]  # top participants who appear on leaderboards, best first
    participants: int
    finishers: int  # individual mode: participants at or past the goal
    me: Standing | None = None  # the viewer, when they take part
    joined: bool = False  # whether the viewer takes part
    extras: dict[str, int] = field(default_factory=dict)

    @property
    def club_fraction(self) -> float:
        return fraction(self.challenge.total, self.challenge.goal)


def check_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InputError("The name is empty. Try `December 100k`.", "name")
    if len(cleaned) > NAME_MAX:
        raise InputError(
            f"The name is {len(cleaned)} characters; the limit is {NAME_MAX}. Try something shorter, "
            "e.g. `December 100k`.",
            "name",
        )
    return cleaned


def check_window(start: date, end: date, today: date) -> None:
    if end < start:
        raise InputError(
            f"The end ({end.isoformat()}) is before the start ({start.isoformat()}). Try `start: Dec 1 end: Dec 31`.",
            "end",
        )
    if (end - start).days + 1 > MAX_DAYS:
        raise InputError(
            f"That window is {(end - start).days + 1} days; a challenge lasts at most {MAX_DAYS}. "
            "Try `start: Jan 1 end: Dec 31`.",
            "end",
        )
    if end < today:
        raise InputError(
            f"The end ({end.isoformat()}) has already passed (today is {today.isoformat()}). Try `end: Dec 31`.",
            "end",
        )


def counting_stops(end: date, zone: str) -> datetime:
    """The instant after the last day (midnight in the server's zone), in UTC."""
    local = datetime.combine(end + timedelta(days=1), time(0), ZoneInfo(zone))
    return local.astimezone(UTC)


def open_limit_reached(open_count: int) -> UserError:
    return UserError(
        f"This server already has {open_count} active or upcoming challenges, the most it can have. "
        "End or delete one first (`/challenge end name: …`).",
        "name",
    )


def duplicate_name(name: str) -> UserError:
    return UserError(
        f"There is already an active or upcoming challenge called `{echo(name)}`. "
        "Pick another name, e.g. `December 100k (club)`.",
        "name",
    )
