"""Reading the date of a run as members write it: `today`, `sat`, `last friday`, `2 days ago`,
`Nov 22`, `22 Nov`, `11/25`, `2026-11-22`. Never in the future, never before 1970.

Raises only `InputError` (field "date") with a message that says why and what would work.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.club.days import DAY_EXAMPLES, parse_day
from bot.errors import echo
from bot.running.day_words import DAY_MONTH, ISO_DATE, MONTH_DAY, MONTHS, RELATIVE_DAY, WEEKDAYS
from bot.running.input_error import InputError

EARLIEST_DATE = date(1970, 1, 1)
DATE_EXAMPLES = "Try `today`, `yesterday`, `sat`, `last friday`, `Nov 22` or `2026-11-21`."

_NUMERIC_RE = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})(?:[/.]([0-9]{4}))?")
_AGO_RE = re.compile(r"([0-9]{1,5}|a|an|one)\s+(day|days|week|weeks)\s+ago")
# A date written without its year is this year's, or last year's when that is at most this far back
# ("Dec 30" typed in January); anything else without a year is a future date and refused.
_YEARLESS_LOOKBACK = timedelta(days=183)


class _Future(Exception):
    """A date form that can only mean a day to come (`next friday`, `tomorrow`)."""


def _on(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _yearless(month: int, day: int, today: date) -> date | None:
    """This year's `month`/`day` when it has passed, else last year's within _YEARLESS_LOOKBACK;
    otherwise this year's (a future date, refused by the caller) or None when there is no such day."""
    this_year = _on(today.year, month, day)
    if this_year is not None and this_year <= today:
        return this_year
    for year in range(today.year - 1, max(0, today.year - 8), -1):  # Feb 29 may be years back
        earlier = _on(year, month, day)
        if earlier is not None:
            return earlier if today - earlier <= _YEARLESS_LOOKBACK else this_year
    return this_year


def _month_name_date(cleaned: str, today: date) -> date | None:
    for pattern, month_group, day_group in ((MONTH_DAY, 1, 2), (DAY_MONTH, 2, 1)):
        match = pattern.fullmatch(cleaned)
        if match and match.group(month_group) in MONTHS:
            month, day = MONTHS[match.group(month_group)], int(match.group(day_group))
            year = match.group(3)
            return _on(int(year), month, day) if year else _yearless(month, day, today)
    return None


def _numeric_date(cleaned: str, text: str, today: date) -> date | None:
    """`11/25` (month first) or `25/11` (day first): the one reading that is a real, past date;
    asks with both readings when each could be meant."""
    match = _NUMERIC_RE.fullmatch(cleaned)
    if match is None:
        return None
    first, second, year = int(match.group(1)), int(match.group(2)), match.group(3)

    def reading(month: int, day: int) -> date | None:
        return _on(int(year), month, day) if year else _yearless(month, day, today)

    readings = {d for d in (reading(first, second), reading(second, first)) if d is not None}
    past = sorted(d for d in readings if d <= today)
    if len(past) == 2:
        one, other = (f"{d.day} {d:%B %Y}" for d in past)
        raise InputError(
            f"`{echo(text)}` could be {one} or {other}. Write it as `{past[0].isoformat()}` "
            f"or `{past[1].isoformat()}`.",
            "date",
        )
    if past:
        return past[0]
    return min(readings) if readings else None


def _relative_date(cleaned: str, today: date) -> date | None:
    if cleaned in ("tomorrow", "tmrw", "tmr"):
        raise _Future
    ago = _AGO_RE.fullmatch(cleaned)
    if ago:
        count = 1 if ago.group(1) in ("a", "an", "one") else int(ago.group(1))
        return today - timedelta(days=count * (7 if ago.group(2).startswith("week") else 1))
    relative = RELATIVE_DAY.fullmatch(cleaned)
    if relative is None:
        return None
    which, name = relative.groups()
    if name == "week" and which == "last":
        return today - timedelta(days=7)
    if name not in WEEKDAYS:
        return None
    if which in ("next", "coming"):
        raise _Future
    back = (today.weekday() - WEEKDAYS[name]) % 7
    if which == "last":  # the one before today: last friday on a friday is a week ago
        return today - timedelta(days=back or 7)
    return today - timedelta(days=back)  # this friday: the one of this week, if it has passed


def _read_date(cleaned: str, text: str, today: date) -> date | None:
    if cleaned in ("", "today", "tod"):
        return today
    if cleaned in ("yesterday", "yday", "yest"):
        return today - timedelta(days=1)
    if cleaned.rstrip(".") in WEEKDAYS:
        return today - timedelta(days=(today.weekday() - WEEKDAYS[cleaned.rstrip(".")]) % 7)
    iso = ISO_DATE.fullmatch(cleaned)
    if iso:
        return _on(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    return _relative_date(cleaned, today) or _month_name_date(cleaned, today) or _numeric_date(cleaned, text, today)


def parse_run_date(text: str | None, today: date) -> date:
    """The run's date: 'today' (default), 'yesterday', a weekday (most recent, today included),
    'last friday', '2 days ago', 'Nov 22', '22 Nov', '11/25', ISO '2026-11-22' or '2026/11/22'."""
    cleaned = " ".join((text or "").strip().lower().split())
    try:
        when = _read_date(cleaned, text or "", today)
    except OverflowError:
        when = date.min
    except _Future:
        raise InputError(
            f"`{echo(text or '')}` is in the future: log a run once you've run it. "
            "Try `today`, `last friday` or `2 days ago`.",
            "date",
        ) from None
    if when is None:
        raise InputError(f"Couldn't read the date `{echo(text or '')}`. {DATE_EXAMPLES}", "date")
    if when > today:
        raise InputError(
            f"The date {when.isoformat()} is in the future (your today is {today.isoformat()}). {DATE_EXAMPLES}",
            "date",
        )
    if when < EARLIEST_DATE:
        raise InputError(f"The date can't be before 1970-01-01. {DATE_EXAMPLES}", "date")
    return when


def parse_upcoming_date(text: str, today: date, field: str) -> date:
    """A day to come (today included) in the run date forms, `21/11` and `11/21` too: the coming one
    where the year is left out; asks when a numeric date reads as two days to come."""
    cleaned = " ".join(text.strip().lower().split())
    match = _NUMERIC_RE.fullmatch(cleaned)
    if match is None:
        return parse_day(text, today, field, upcoming=True)
    first, second, year = int(match.group(1)), int(match.group(2)), match.group(3)

    def reading(month: int, day: int) -> date | None:
        if year:
            return _on(int(year), month, day)
        return next((d for d in (_on(today.year + k, month, day) for k in (0, 1)) if d and d >= today), None)

    readings = sorted({d for d in (reading(first, second), reading(second, first)) if d is not None})
    upcoming = [d for d in readings if d >= today]
    if len(upcoming) == 2:
        one, other = (f"{d.day} {d:%B %Y}" for d in upcoming)
        raise InputError(
            f"`{echo(text)}` could be {one} or {other}. Write it as `{upcoming[0].isoformat()}` "
            f"or `{upcoming[1].isoformat()}`.",
            field,
        )
    if upcoming:
        return upcoming[0]
    if readings:
        return readings[-1]  # a day that has passed: the caller says so
    raise InputError(f"Couldn't read the {field.replace('_', ' ')} `{echo(text)}`. {DAY_EXAMPLES}", field)
