"""Pure reminder schedule maths: parsing, DST-safe localisation and next-fire computation.

Nothing here reads the clock: every "now" is passed in, so the whole module is deterministic.
All instants returned are timezone-aware and in UTC.

DST rules for a local wall-clock time on a given date:

* a time that does not exist (spring-forward gap) fires at the first valid minute after the gap,
  and still counts as that intended date (so a ``mon`` reminder stays a Monday reminder even if
  the gap pushes the instant past midnight);
* an ambiguous time (fall-back fold) fires once, at its first occurrence (``fold=0``).
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.errors import UserError

__all__ = [
    "ALL_DAYS",
    "WEEKDAYS",
    "WEEKENDS",
    "CatchUp",
    "ScheduleError",
    "catch_up",
    "day_allowed",
    "format_days",
    "localize",
    "next_fire",
    "parse_days",
    "parse_time_of_day",
    "parse_timezone",
    "suggest_timezones",
]

ALL_DAYS = 0b1111111
WEEKDAYS = 0b0011111
WEEKENDS = 0b1100000

DEFAULT_GRACE = timedelta(hours=1)


class ScheduleError(UserError):
    """A member typed something we could not understand; ``message`` is safe to show them."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field)

    def __str__(self) -> str:
        return self.message


def _echo(text: str, limit: int = 40) -> str:
    """Render user input for an error message: one line, no backticks, bounded length."""
    cleaned = " ".join(text.split()).replace("`", "'")
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned


# --------------------------------------------------------------------------- time of day

_TIME_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}
_TIME_RE = re.compile(
    r"(?P<h>[0-9]{1,2})(?:\s*[:.h]?\s*(?P<m>[0-9]{2}))?\s*(?P<ampm>[ap])?(?:\.?\s*m\.?)?",
)
_TIME_EXAMPLE = "Try `07:30` or `7:30pm`."


def parse_time_of_day(text: str) -> time:
    """Parse a wall-clock time such as ``07:30``, ``7:30pm``, ``7pm``, ``19:05``, ``7.30`` or ``noon``.

    Returns a naive :class:`datetime.time` with minute precision.
    """
    raw = text or ""
    cleaned = " ".join(raw.split()).lower()
    if not cleaned:
        raise ScheduleError("time", f"Please give a time. {_TIME_EXAMPLE}")
    if cleaned in _TIME_WORDS:
        return _TIME_WORDS[cleaned]
    bad = ScheduleError("time", f"Couldn't read the time `{_echo(raw)}`. {_TIME_EXAMPLE}")
    match = _TIME_RE.fullmatch(cleaned)
    if match is None:
        raise bad
    hour = int(match["h"])
    minute = int(match["m"]) if match["m"] is not None else 0
    ampm = match["ampm"]
    has_m_suffix = cleaned.rstrip(".").endswith("m")
    if has_m_suffix and ampm is None:
        raise bad  # a stray "m" without a/p
    if minute > 59:
        raise bad
    if ampm is not None:
        if not 1 <= hour <= 12:
            raise bad
        hour %= 12
        if ampm == "p":
            hour += 12
    elif hour > 23:
        raise bad
    return time(hour, minute)


# --------------------------------------------------------------------------- days

_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_NAMES: dict[str, int] = {}
for _index, _aliases in enumerate(
    (
        ("mo", "mon", "monday"),
        ("tu", "tue", "tues", "tuesday"),
        ("we", "wed", "weds", "wednesday"),
        ("th", "thu", "thur", "thurs", "thursday"),
        ("fr", "fri", "friday"),
        ("sa", "sat", "saturday"),
        ("su", "sun", "sunday"),
    )
):
    for _alias in _aliases:
        _DAY_NAMES[_alias] = _index
_DAY_KEYWORDS = {
    "daily": ALL_DAYS,
    "everyday": ALL_DAYS,
    "all": ALL_DAYS,
    "weekday": WEEKDAYS,
    "weekdays": WEEKDAYS,
    "weekend": WEEKENDS,
    "weekends": WEEKENDS,
}
_DAY_FILLER = {"and", "every", "on"}
_DAYS_EXAMPLE = "Try `daily`, `weekdays`, `weekends`, `mon,wed,fri` or `mon-fri`."


def _day_index(token: str) -> int | None:
    token = token.strip(".")
    if token in _DAY_NAMES:
        return _DAY_NAMES[token]
    if token.endswith("s") and token[:-1] in _DAY_NAMES and len(token) > 3:
        return _DAY_NAMES[token[:-1]]  # "mondays"
    return None


def parse_days(text: str | None) -> int:
    """Parse a day selection into a 7-bit weekday mask (bit 0 = Monday … bit 6 = Sunday).

    Accepts ``daily`` (also the default for ``None``/blank), ``weekdays``, ``weekends``, lists
    such as ``mon,wed,fri`` / ``Mon Wed Fri`` / ``monday,tuesday`` and ranges like ``mon-fri``
    (ranges may wrap: ``fri-mon``).
    """
    raw = text or ""
    cleaned = " ".join(raw.split()).lower()
    if not cleaned:
        return ALL_DAYS
    bad = ScheduleError("days", f"Couldn't read the days `{_echo(raw)}`. {_DAYS_EXAMPLE}")
    cleaned = re.sub(r"\bevery\s*day\b", "daily", cleaned)
    cleaned = re.sub(r"\s+(?:to|through|thru|till|until)\s+", "-", cleaned)
    cleaned = re.sub(r"\s*[-–—]\s*", "-", cleaned)
    mask = 0
    for token in re.split(r"[\s,;/&+]+", cleaned):
        if not token or token in _DAY_FILLER:
            continue
        if token in _DAY_KEYWORDS:
            mask |= _DAY_KEYWORDS[token]
            continue
        if "-" in token:
            parts = token.split("-")
            if len(parts) != 2:
                raise bad
            start, end = _day_index(parts[0]), _day_index(parts[1])
            if start is None or end is None:
                raise bad
            for step in range((end - start) % 7 + 1):
                mask |= 1 << ((start + step) % 7)
            continue
        index = _day_index(token)
        if index is None:
            raise bad
        mask |= 1 << index
    if mask == 0:
        raise bad
    return mask


def _check_mask(days_mask: int) -> None:
    if not isinstance(days_mask, int) or not 1 <= days_mask <= ALL_DAYS:
        raise ValueError(f"days_mask must be in 1..{ALL_DAYS}, got {days_mask!r}")


def format_days(mask: int) -> str:
    """Human form of a weekday mask: ``daily``, ``weekdays``, ``weekends`` or ``Mon, Wed, Fri``."""
    _check_mask(mask)
    if mask == ALL_DAYS:
        return "daily"
    if mask == WEEKDAYS:
        return "weekdays"
    if mask == WEEKENDS:
        return "weekends"
    return ", ".join(name for index, name in enumerate(_DAY_ABBR) if mask >> index & 1)


def day_allowed(day: date, days_mask: int) -> bool:
    """Whether ``day``'s weekday is selected in ``days_mask``."""
    return bool(days_mask >> day.weekday() & 1)


# --------------------------------------------------------------------------- timezones

_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
_COMMON_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Amsterdam",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Stockholm",
    "Europe/Warsaw",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Vancouver",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Australia/Melbourne",
    "Pacific/Auckland",
    "Africa/Johannesburg",
    "Africa/Nairobi",
)
_TZ_EXAMPLE = "Use an IANA name like `Europe/Berlin`."
_ETC_OFFSET_RE = re.compile(r"(?:^|/)GMT[+-]")


@functools.cache
def _zone_names() -> dict[str, str]:
    """Lower-cased key -> canonical IANA name."""
    names = {name for name in available_timezones() if name not in _NOT_ZONES}
    names.add("UTC")
    return {name.lower(): name for name in sorted(names)}


@functools.cache
def _common_rank() -> dict[str, int]:
    known = set(_zone_names().values())
    return {name: rank for rank, name in enumerate(n for n in _COMMON_ZONES if n in known)}


def _tz_key(text: str) -> str:
    return "_".join(text.split()).lower()


def suggest_timezones(prefix: str, limit: int = 25) -> list[str]:
    """Timezone names containing ``prefix`` (case-insensitive; spaces match underscores).

    Common zones come first, then names where the match starts a path segment, then the rest,
    alphabetically. An empty prefix lists the common zones.
    """
    if limit <= 0:
        return []
    query = _tz_key(prefix or "")
    common = _common_rank()
    if not query:
        return list(common)[:limit]

    def rank(name: str) -> tuple[int, int, str]:
        lowered = name.lower()
        segment_start = lowered.startswith(query) or f"/{query}" in lowered
        return (common.get(name, len(common)), 0 if segment_start else 1, name)

    matches = [name for key, name in _zone_names().items() if query in key]
    return sorted(matches, key=rank)[:limit]


def parse_timezone(name: str) -> ZoneInfo:
    """Resolve an IANA timezone name case-insensitively (``europe/berlin``, ``UTC``)."""
    raw = name or ""
    key = _tz_key(raw)
    if not key:
        raise ScheduleError("timezone", f"Please give a timezone. {_TZ_EXAMPLE}")
    canonical = _zone_names().get(key)
    if canonical is not None:
        try:
            return ZoneInfo(canonical)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    message = f"Couldn't find the timezone `{_echo(raw)}`. {_TZ_EXAMPLE}"
    hints = suggest_timezones(key, limit=6) if len(key) >= 3 else []
    # POSIX-style Etc/GMT+2 means UTC-2: never nudge a member towards those.
    hints = [hint for hint in hints if not _ETC_OFFSET_RE.search(hint)][:3]
    if hints:
        message += " Did you mean " + " or ".join(f"`{hint}`" for hint in hints) + "?"
    raise ScheduleError("timezone", message)


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
    _check_mask(days_mask)
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
