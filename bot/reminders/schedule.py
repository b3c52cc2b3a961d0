"""Pure reminder schedule maths: DST-safe localisation, next-fire and catch-up computation.

Nothing here reads the clock: every "now" is passed in, so the whole module is deterministic.
All instants returned are timezone-aware and in UTC. What members type (times, days, zones) is read
in `bot.reminders.schedule_input`.

DST rules for a local wall-clock time on a given date:

* a time that does not exist (spring-forward gap) fires at the first valid minute after the gap,
  and still counts as that intended date (so a ``mon`` reminder stays a Monday reminder even if
  the gap pushes the instant past midnight);
* an ambiguous time (fall-back fold) fires once, at its first occurrence (``fold=0``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

__all__ = [
    "ALL_DAYS",
    "WEEKDAYS",
    "WEEKENDS",
    "CatchUp",
    "catch_up",
    "check_mask",
    "day_allowed",
    "localize",
    "next_fire",
]

ALL_DAYS = 0b1111111
WEEKDAYS = 0b0011111
WEEKENDS = 0b1100000

DEFAULT_GRACE = timedelta(hours=1)


def check_mask(days_mask: int) -> None:
    if not isinstance(days_mask, int) or not 1 <= days_mask <= ALL_DAYS:
        raise ValueError(f"days_mask must be in 1..{ALL_DAYS}, got {days_mask!r}")


def day_allowed(day: date, days_mask: int) -> bool:
    """Whether ``day``'s weekday is selected in ``days_mask``."""
    return bool(days_mask >> day.weekday() & 1)


# --------------------------------------------------------------------------- instants

_SEARCH_DAYS = 15  # a non-empty mask always has an allowed day within 7 (+ slack for DST edges)


def _check_aware(value: datetime, label: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{label} must be a timezone-aware datetime")


def _check_wall_time(at: time) -> None:
    if at.tzinfo is not None:
        raise ValueError("at must be a naive wall-clock time (the zone is passed separately)")


def _wall(instant: datetime, tz: tzinfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None, fold=0)


def _end_of_gap(wall: datetime, tz: tzinfo) -> datetime:
    """First valid minute (as a UTC instant) at or after a non-existent local ``wall`` time."""
    # In a gap, fold=1 applies the post-transition offset (an instant before the transition) and
    # fold=0 the pre-transition offset (an instant after it); the transition lies in between.
    before = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    after = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    low, high = 0, int((after - before).total_seconds())
    if high <= 0:  # not a gap in the usual shape; fall back to the pre-transition reading
        return after
    # Smallest k such that the local wall clock at before + k seconds has reached `wall`.
    while low < high:
        mid = (low + high) // 2
        if _wall(before + timedelta(seconds=mid), tz) >= wall:
            high = mid
        else:
            low = mid + 1
    instant = before + timedelta(seconds=low)
    local = _wall(instant, tz)
    if local.second or local.microsecond:  # odd historical offsets: round up to a whole minute
        instant += timedelta(minutes=1) - timedelta(seconds=local.second, microseconds=local.microsecond)
    return instant


def localize(day: date, at: time, tz: tzinfo) -> datetime:
    """The UTC instant of local wall time ``at`` on ``day`` in ``tz``.

    Non-existent times (spring-forward gap) move to the first valid minute after the gap;
    ambiguous times (fall-back) resolve to the first occurrence (``fold=0``).
    """
    _check_wall_time(at)
    wall = datetime.combine(day, at)
    instant = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if _wall(instant, tz) == wall:  # round-trips: exists (first occurrence if ambiguous)
        return instant
    return _end_of_gap(wall, tz)


def next_fire(after: datetime, at: time, days_mask: int, tz: tzinfo) -> datetime:
    """First fire instant strictly after ``after`` (aware), in UTC, on an allowed local weekday.

    The weekday checked is that of the *intended* local date, even when a DST gap shifts the
    instant onto the following date.
    """
    _check_aware(after, "after")
    _check_wall_time(at)
    check_mask(days_mask)
    start = after.astimezone(tz).date() - timedelta(days=1)
    for offset in range(_SEARCH_DAYS):
        day = start + timedelta(days=offset)
        if not day_allowed(day, days_mask):
            continue
        fire = localize(day, at, tz)
        if fire > after:
            return fire
    raise RuntimeError("no fire time found; unreachable for a non-empty days mask")  # pragma: no cover


class CatchUp(NamedTuple):
    """Decision for a due reminder: whether to send now, and the instant to store as next fire."""

    send: bool
    next_fire: datetime


def catch_up(
    next_fire_utc: datetime,
    now_utc: datetime,
    at: time,
    days_mask: int,
    tz: tzinfo,
    grace: timedelta = DEFAULT_GRACE,
) -> CatchUp:
    """Decide what to do with a reminder whose stored fire time is ``next_fire_utc`` at ``now_utc``.

    * Not due yet (``now < next_fire``): don't send, keep the stored time.
    * Due and late by less than ``grace``: send once.
    * Due but older than ``grace``: skip it; still send once if a *later* scheduled slot is itself
      within ``grace`` of now (the bot came back shortly after today's slot after a long outage).

    The returned next fire is always strictly after ``max(now, next_fire)``, so a slot can never
    fire twice and a long outage never produces a burst.
    """
    _check_aware(next_fire_utc, "next_fire_utc")
    _check_aware(now_utc, "now_utc")
    if grace < timedelta(0):
        raise ValueError("grace must not be negative")
    stored = next_fire_utc.astimezone(UTC)
    now = now_utc.astimezone(UTC)
    if now < stored:
        return CatchUp(False, stored)
    send = now - stored < grace
    if not send:
        latest = next_fire(now - grace, at, days_mask, tz)  # first slot inside (now - grace, ...]
        send = latest <= now
    return CatchUp(send, next_fire(now, at, days_mask, tz))
