"""Days and times members type for club things, where the future is allowed: challenge windows, race
dates and group-run start times.

The forms are the run log's (`today`, `sat`, `Nov 22`, `2026-11-21`, `2 days ago`) plus the future ones
(`tomorrow`, `next friday`, `in 3 days`). A bare weekday or a date without a year means the coming one
(today included) where a past one would make no sense (events, races), and the nearest one otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.errors import echo
from bot.running.day_words import DAY_MONTH, ISO_DATE, MONTH_DAY, MONTHS, RELATIVE_DAY, WEEKDAYS
from bot.running.input_error import InputError

DAY_EXAMPLES = "Try `today`, `tomorrow`, `sat`, `Dec 12` or `2026-12-12`."
WHEN_EXAMPLES = "Try `sat 08:00`, `tomorrow 7:00`, `Dec 12 18:30` or `2026-12-12 08:00`."

_AGO = re.compile(r"([0-9]{1,4}|a|an|one)\s+(day|days|week|weeks)\s+ago")
_IN = re.compile(r"in\s+([0-9]{1,4}|a|an|one)\s+(day|days|week|weeks)")
_CLOCK = re.compile(r"([0-9]{1,2})(?:[:.h]([0-9]{2}))?\s*(am|pm|a\.m\.|p\.m\.)?")


def _count(word: str) -> int:
    return 1 if word in ("a", "an", "one") else int(word)


def _on(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _yearless(month: int, day: int, today: date, upcoming: bool) -> date | None:
    candidates = [d for d in (_on(today.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    if not candidates:
        return None
    if upcoming:
        return min((d for d in candidates if d >= today), default=None)
    return min(candidates, key=lambda d: (abs((d - today).days), d < today))


def _read(cleaned: str, today: date, upcoming: bool) -> date | None:
    if cleaned in ("", "today", "tod"):
        return today
    if cleaned in ("tomorrow", "tmrw", "tmr"):
        return today + timedelta(days=1)
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    name = cleaned.rstrip(".")
    if name in WEEKDAYS:  # the coming one, today included
        return today + timedelta(days=(WEEKDAYS[name] - today.weekday()) % 7)
    if iso := ISO_DATE.fullmatch(cleaned):
        return _on(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    if ago := _AGO.fullmatch(cleaned):
        return today - timedelta(days=_count(ago.group(1)) * (7 if ago.group(2).startswith("week") else 1))
    if ahead := _IN.fullmatch(cleaned):
        return today + timedelta(days=_count(ahead.group(1)) * (7 if ahead.group(2).startswith("week") else 1))
    if relative := RELATIVE_DAY.fullmatch(cleaned):
        which, day_name = relative.groups()
        if day_name == "week":
            return today + timedelta(days=7) if which in ("next", "coming") else None
        if day_name not in WEEKDAYS:
            return None
        forward = (WEEKDAYS[day_name] - today.weekday()) % 7
        if which == "last":
            return today - timedelta(days=(today.weekday() - WEEKDAYS[day_name]) % 7 or 7)
        return today + timedelta(days=forward or (7 if which == "next" else 0))
    for pattern, month_group, day_group in ((MONTH_DAY, 1, 2), (DAY_MONTH, 2, 1)):
        match = pattern.fullmatch(cleaned)
        if match and match.group(month_group).rstrip(".") in MONTHS:
            month, day = MONTHS[match.group(month_group).rstrip(".")], int(match.group(day_group))
            year = match.group(3)
            return _on(int(year), month, day) if year else _yearless(month, day, today, upcoming)
    return None


def parse_day(text: str, today: date, field: str, *, upcoming: bool = False) -> date:
    """A calendar day in the forms above; InputError naming `field` when it cannot be read."""
    cleaned = " ".join(text.strip().lower().split())
    try:
        when = _read(cleaned, today, upcoming)
    except (OverflowError, ValueError):
        when = None
    if when is None or not date(1970, 1, 1) <= when <= date(9000, 1, 1):
        raise InputError(f"Couldn't read the {field.replace('_', ' ')} `{echo(text)}`. {DAY_EXAMPLES}", field)
    return when


@dataclass(frozen=True, slots=True)
class When:
    start: datetime  # timezone-aware, in the zone it was read in
    zone: str


def read_clock(text: str) -> time | None:
    match = _CLOCK.fullmatch(text)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match.group(2) is None:
        return None  # a bare number is not a time ("sat 8" could be the 8th)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def parse_when(text: str, now: datetime, zone: str, field: str = "when") -> When:
    """A start: a day (the coming one) and a clock time, in `zone`. Times that do not exist there (a DST
    gap) move forward by the gap, as clocks do."""
    cleaned = re.sub(r"\s+", " ", text.strip().lower()).strip()
    parts = cleaned.rsplit(" ", 1)
    if len(parts) == 2 and parts[1] in ("am", "pm"):  # "sat 8 am"
        head, _, hour = parts[0].rpartition(" ")
        parts = [head, f"{hour}{parts[1]}"]
    clock = read_clock(parts[-1]) if parts else None
    if clock is None or len(parts) == 1:
        only = read_clock(cleaned)
        if only is not None:  # a time alone: today, or tomorrow once it has passed
            local_now = now.astimezone(ZoneInfo(zone))
            start = datetime.combine(local_now.date(), only, ZoneInfo(zone))
            if start <= local_now:
                start += timedelta(days=1)
            return When(_settle(start), zone)
        raise InputError(f"Couldn't read the {field} `{echo(text)}`: give a day and a time. {WHEN_EXAMPLES}", field)
    today = now.astimezone(ZoneInfo(zone)).date()
    day = _read(parts[0], today, upcoming=True)
    if day is None:
        raise InputError(f"Couldn't read the day in `{echo(text)}`. {WHEN_EXAMPLES}", field)
    return When(_settle(datetime.combine(day, clock, ZoneInfo(zone))), zone)


def _settle(local: datetime) -> datetime:
    """A wall-clock time that does not exist (spring forward) becomes the instant the clocks jump to."""
    round_trip = local.astimezone(ZoneInfo("UTC")).astimezone(local.tzinfo)
    return round_trip if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None) else local
