"""What members type for a reminder schedule, read into values: a time of day, a set of weekdays
(a bit mask, Monday = bit 0). Bad input raises ScheduleError with a friendly message; the maths on
these values is in `bot.reminders.schedule`. Time zones are read by `bot.running.timezones.resolve_timezone`,
the same for reminders and profiles."""

from __future__ import annotations

import re
from datetime import time

from bot.errors import UserError, echo
from bot.reminders.schedule import ALL_DAYS, WEEKDAYS, WEEKENDS, check_mask

__all__ = ["ScheduleError", "format_days", "parse_days", "parse_time_of_day"]


class ScheduleError(UserError):
    """A member typed something we could not understand; ``message`` is safe to show them."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message, field)

    def __str__(self) -> str:
        return self.message


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
        raise ScheduleError(f"Please give a time. {_TIME_EXAMPLE}", "time")
    if cleaned in _TIME_WORDS:
        return _TIME_WORDS[cleaned]
    bad = ScheduleError(f"Couldn't read the time `{echo(raw)}`. {_TIME_EXAMPLE}", "time")
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
    bad = ScheduleError(f"Couldn't read the days `{echo(raw)}`. {_DAYS_EXAMPLE}", "days")
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


def format_days(mask: int) -> str:
    """Human form of a weekday mask: ``daily``, ``weekdays``, ``weekends`` or ``Mon, Wed, Fri``."""
    check_mask(mask)
    if mask == ALL_DAYS:
        return "daily"
    if mask == WEEKDAYS:
        return "weekdays"
    if mask == WEEKENDS:
        return "weekends"
    return ", ".join(name for index, name in enumerate(_DAY_ABBR) if mask >> index & 1)
