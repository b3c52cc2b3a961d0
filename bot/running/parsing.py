"""Reading what a member typed into `/run log`: distance, time, date and the optional extras.

Every function raises only `InputError`, whose message names the field, says what was wrong
and shows a value that would work.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.errors import UserError
from bot.running.units import (
    HALF_MARATHON_M,
    MARATHON_M,
    METRES_PER_KM,
    METRES_PER_MILE,
    format_pace,
    metres_per_unit,
)

MIN_DISTANCE_M = 100.0
MAX_DISTANCE_M = 500_000.0
MAX_DURATION_S = 100 * 3600  # exclusive
MIN_PACE_S_PER_KM = 120
MAX_PACE_S_PER_KM = 3600
EARLIEST_DATE = date(1970, 1, 1)

DISTANCE_EXAMPLES = "Try `10k`, `6.2mi` or `half`."
TIME_EXAMPLES = "Try `52:30`, `1:45:30` or `45min`."
DATE_EXAMPLES = "Try `today`, `yesterday`, `sat`, `last friday`, `Nov 22` or `2026-11-21`."


class InputError(UserError):
    """A value the member typed that we cannot use. `message` is the whole friendly sentence."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field)
        self.field: str = field
        self.message: str = message


def _shown(text: str, limit: int = 40) -> str:
    """The member's text, safe to put between backticks in a reply."""
    flat = " ".join(text.replace("`", "'").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --- distance ---------------------------------------------------------------------------------

_NUMBER = r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+"
_DISTANCE_RE = re.compile(rf"({_NUMBER})\s*([a-z]*)")
_DISTANCE_UNITS: dict[str, float] = {
    **dict.fromkeys(("k", "km", "kms", "kilometer", "kilometers", "kilometre", "kilometres"), 1000.0),
    **dict.fromkeys(("m", "meter", "meters", "metre", "metres"), 1.0),
    **dict.fromkeys(("mi", "mile", "miles"), METRES_PER_MILE),
}
_NAMED_DISTANCES: dict[str, float] = {
    **dict.fromkeys(("half", "half marathon", "half-marathon", "halfmarathon", "hm"), HALF_MARATHON_M),
    **dict.fromkeys(("marathon", "full marathon", "full"), MARATHON_M),
    **dict.fromkeys(("mile", "a mile"), METRES_PER_MILE),
}


# How a distance field is named in messages, and examples of good values for it.
_DISTANCE_FIELDS: dict[str, tuple[str, str]] = {
    "retire_at": ("shoe's retirement distance", "Try `800km` or `500mi`."),
    "weekly_goal": ("weekly goal", "Try `40k` or `25mi`."),
}


def parse_distance(
    text: str,
    default_units: str = "km",
    *,
    min_m: float = MIN_DISTANCE_M,
    max_m: float = MAX_DISTANCE_M,
    field: str = "distance",
) -> float:
    """Metres from '10k', '6.2mi', '5000m', 'half', '10,5 km'; a bare number is in `default_units`.
    Runs accept 0.1-500 km; other uses (shoe life, weekly goal) may pass their own bounds and field."""
    name, examples = _DISTANCE_FIELDS.get(field, ("distance", DISTANCE_EXAMPLES))
    cleaned = " ".join(text.lower().replace(",", ".").split())
    if not cleaned:
        raise InputError(field, f"The {name} is empty. {examples}")
    match = _DISTANCE_RE.fullmatch(cleaned)
    unit = match.group(2) if match else ""
    if cleaned in _NAMED_DISTANCES:
        metres = _NAMED_DISTANCES[cleaned]
    elif not match or (unit and unit not in _DISTANCE_UNITS):
        raise InputError(field, f"Couldn't read the {name} `{_shown(text)}`. {examples}")
    else:
        metres = float(match.group(1)) * (_DISTANCE_UNITS[unit] if unit else metres_per_unit(default_units))
    if not min_m - 1e-6 <= metres <= max_m + 1e-6:
        hint = " (for metres, add `m`: `800m`)" if match and not unit and metres > max_m else ""
        raise InputError(
            field,
            f"The {name} `{_shown(text)}` is outside the range I accept, "
            f"{min_m / METRES_PER_KM:g} to {max_m / METRES_PER_KM:g} km{hint}. {examples}",
        )
    return metres


# --- time -------------------------------------------------------------------------------------

_CLOCK_RE = re.compile(r"([0-9]+)(?::([0-9]{2}))?:([0-9]{2}(?:\.[0-9]+)?)")
_TIME_TOKEN_RE = re.compile(rf"\s*({_NUMBER})\s*([a-z'\"]*)\s*")
_TIME_UNITS: dict[str, int] = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "'"), 60),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", '"'), 1),
}


def _clock_seconds(match: re.Match[str]) -> float | None:
    first, middle, last = match.group(1), match.group(2), float(match.group(3))
    if last >= 60 or (middle is not None and int(middle) >= 60):
        return None
    if middle is None:  # mm:ss
        return float(first) * 60 + last
    return float(first) * 3600 + int(middle) * 60 + last


def _unit_seconds(text: str) -> float | None:
    """'1h05m', '1h 5m 30s', '45 min', '90s', '1h05' (minutes), '45m30' (seconds), '45' (minutes)."""
    total, pos, last_scale = 0.0, 0, 0
    while pos < len(text):
        match = _TIME_TOKEN_RE.match(text, pos)
        if not match:
            return None
        number, unit = float(match.group(1)), match.group(2)
        if unit:
            scale = _TIME_UNITS.get(unit)
        elif match.end() == len(text):  # a bare last number: the unit below the previous one
            scale = {0: 60, 3600: 60, 60: 1}.get(last_scale)
        else:
            scale = None
        if scale is None or (last_scale and scale >= last_scale):
            return None
        total += number * scale
        pos, last_scale = match.end(), scale
    return total if last_scale else None


@dataclass(frozen=True, slots=True)
class ParsedTime:
    """A time as typed, read the usual way; `as_hours_minutes` is the other reading of a two-part
    clock (`1:45`, `1.45`) as h:mm, for distances where mm:ss makes no sense."""

    seconds: int
    text: str = ""
    as_hours_minutes: int | None = None
    note: str | None = None  # how an ambiguous form was read, for the reply


# `52.30`: a bare number with two decimals, written by runners for 52 min 30 s.
_DOTTED_RE = re.compile(r"([0-9]+)\.([0-9]+)")


def _dotted_clock(cleaned: str, text: str) -> str | None:
    """`52.30` → `52:30`; None when the text is not a bare decimal; asks when it can't tell."""
    dotted = _DOTTED_RE.fullmatch(cleaned)
    if dotted is None:
        return None
    minutes, fraction = dotted.groups()
    if len(fraction) == 2 and int(fraction) < 60:
        return f"{minutes}:{fraction}"
    decimal = f"{float(cleaned):g}"
    raise InputError(
        "time",
        f"Is `{_shown(text)}` minutes and seconds or {decimal} minutes? Write minutes and seconds with a colon "
        f"(`52:30`) or give the unit (`{decimal} min`).",
    )


def parse_time(text: str) -> ParsedTime:
    """A duration from '52:30', '52.30' (= 52:30), '1:45:30', '45m', '1h05m', '95 min', '2h', '90s'."""
    cleaned = text.strip().lower()
    if not cleaned:
        raise InputError("time", f"The time is empty. {TIME_EXAMPLES}")
    clock_text = _dotted_clock(cleaned, text) or cleaned
    clock = _CLOCK_RE.fullmatch(clock_text)
    seconds = _clock_seconds(clock) if clock else _unit_seconds(cleaned)
    if seconds is None:
        raise InputError("time", f"Couldn't read the time `{_shown(text)}`. {TIME_EXAMPLES}")
    if not math.isfinite(seconds) or seconds >= MAX_DURATION_S - 0.5:
        raise InputError("time", f"The time `{_shown(text)}` is 100 hours or more. {TIME_EXAMPLES}")
    if round(seconds) <= 0:
        raise InputError("time", f"The time `{_shown(text)}` needs to be more than zero. {TIME_EXAMPLES}")
    as_hours_minutes = None
    if clock and clock.group(2) is None and "." not in clock.group(3) and len(clock.group(1)) <= 2:
        as_hours_minutes = int(clock.group(1)) * 3600 + int(clock.group(3)) * 60
    return ParsedTime(round(seconds), _shown(text), as_hours_minutes)


def parse_duration(text: str) -> int:
    """Whole seconds, as `parse_time` reads them (no distance to judge `h:mm` against)."""
    return parse_time(text).seconds


def _plausible(distance_m: float, seconds: int) -> bool:
    return distance_m > 0 and MIN_PACE_S_PER_KM <= round(seconds / (distance_m / METRES_PER_KM)) <= MAX_PACE_S_PER_KM


def fit_time_to_distance(time: ParsedTime, distance_m: float, units: str = "km") -> ParsedTime:
    """The reading of `time` that gives a runnable pace over `distance_m`: mm:ss first, then h:mm
    (`half` in `1:45`), noted for the reply. Neither → the pace error, showing the mm:ss pace."""
    if _plausible(distance_m, time.seconds):
        return time
    alternative = time.as_hours_minutes
    if alternative is not None and _plausible(distance_m, alternative):
        hours, minutes = divmod(alternative // 60, 60)
        return ParsedTime(alternative, time.text, None, f"read `{time.text}` as {hours} h {minutes:02d} min")
    check_pace(distance_m, time.seconds, units)
    return time


# --- date -------------------------------------------------------------------------------------

_WEEKDAYS: dict[str, int] = {
    **dict.fromkeys(("mon", "monday"), 0),
    **dict.fromkeys(("tue", "tues", "tuesday"), 1),
    **dict.fromkeys(("wed", "weds", "wednesday"), 2),
    **dict.fromkeys(("thu", "thur", "thurs", "thursday"), 3),
    **dict.fromkeys(("fri", "friday"), 4),
    **dict.fromkeys(("sat", "saturday"), 5),
    **dict.fromkeys(("sun", "sunday"), 6),
}
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
        ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
        ("nov", "november"), ("dec", "december"),
    ),
    start=1,
):  # fmt: skip
    _MONTHS.update(dict.fromkeys(_names, _number))

_ISO_RE = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})")
_MONTH_DAY_RE = re.compile(r"([a-z]+)\.?\s*([0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s+([0-9]{4}))?")
_DAY_MONTH_RE = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?\s*([a-z]+)\.?(?:,?\s+([0-9]{4}))?")
_NUMERIC_RE = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})(?:[/.]([0-9]{4}))?")
_AGO_RE = re.compile(r"([0-9]{1,5}|a|an|one)\s+(day|days|week|weeks)\s+ago")
_RELATIVE_RE = re.compile(r"(last|next|this|coming)\s+([a-z]+)\.?")
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
    for pattern, month_group, day_group in ((_MONTH_DAY_RE, 1, 2), (_DAY_MONTH_RE, 2, 1)):
        match = pattern.fullmatch(cleaned)
        if match and match.group(month_group) in _MONTHS:
            month, day = _MONTHS[match.group(month_group)], int(match.group(day_group))
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
            "date",
            f"`{_shown(text)}` could be {one} or {other}. Write it as `{past[0].isoformat()}` "
            f"or `{past[1].isoformat()}`.",
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
    relative = _RELATIVE_RE.fullmatch(cleaned)
    if relative is None:
        return None
    which, name = relative.groups()
    if name == "week" and which == "last":
        return today - timedelta(days=7)
    if name not in _WEEKDAYS:
        return None
    if which in ("next", "coming"):
        raise _Future
    back = (today.weekday() - _WEEKDAYS[name]) % 7
    if which == "last":  # the one before today: last friday on a friday is a week ago
        return today - timedelta(days=back or 7)
    return today - timedelta(days=back)  # this friday: the one of this week, if it has passed


def _read_date(cleaned: str, text: str, today: date) -> date | None:
    if cleaned in ("", "today", "tod"):
        return today
    if cleaned in ("yesterday", "yday", "yest"):
        return today - timedelta(days=1)
    if cleaned.rstrip(".") in _WEEKDAYS:
        return today - timedelta(days=(today.weekday() - _WEEKDAYS[cleaned.rstrip(".")]) % 7)
    iso = _ISO_RE.fullmatch(cleaned)
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
            "date",
            f"`{_shown(text or '')}` is in the future: log a run once you've run it. "
            "Try `today`, `last friday` or `2 days ago`.",
        ) from None
    if when is None:
        raise InputError("date", f"Couldn't read the date `{_shown(text or '')}`. {DATE_EXAMPLES}")
    if when > today:
        raise InputError(
            "date",
            f"The date {when.isoformat()} is in the future (your today is {today.isoformat()}). {DATE_EXAMPLES}",
        )
    if when < EARLIEST_DATE:
        raise InputError("date", f"The date can't be before 1970-01-01. {DATE_EXAMPLES}")
    return when


# --- pace and extras --------------------------------------------------------------------------


def check_pace(distance_m: float, duration_s: int, units: str = "km") -> None:
    """Refuse a pace outside 2:00-60:00 per km, showing the pace it worked out (in `units`)."""
    if distance_m <= 0 or duration_s <= 0:
        raise InputError("pace", "The distance and the time must be more than zero, e.g. `10k` in `52:30`.")
    pace = round(duration_s / (distance_m / METRES_PER_KM))
    if MIN_PACE_S_PER_KM <= pace <= MAX_PACE_S_PER_KM:
        return
    shown = format_pace(distance_m, duration_s, units)
    limit_s = MIN_PACE_S_PER_KM if pace < MIN_PACE_S_PER_KM else MAX_PACE_S_PER_KM
    limit = format_pace(METRES_PER_KM, limit_s, units)
    side = "faster" if pace < MIN_PACE_S_PER_KM else "slower"
    raise InputError(
        "pace",
        f"That's a pace of {shown} — {side} than {limit}, so the distance or the time is probably off. "
        "Check both, e.g. `10k` in `52:30`.",
    )


_TEXT_EXAMPLES: dict[str, str] = {
    "pain": "`left knee sore on downhills`",
    "notes": "`easy loop with the club, felt good`",
}


def check_text(field: str, text: str | None, max_len: int) -> str | None:
    """Stripped text, None when empty; too long is an error that gives the count."""
    stripped = (text or "").strip()
    if not stripped:
        return None
    if len(stripped) > max_len:
        example = _TEXT_EXAMPLES.get(field)
        advice = f"Shorten it, e.g. {example}." if example else f"Keep it to {max_len} characters."
        name = field.replace("_", " ")
        raise InputError(field, f"The {name} is {len(stripped)} characters; the limit is {max_len}. {advice}")
    return stripped


def check_effort(effort: int | None) -> int | None:
    """Effort from 1 (very easy) to 10 (all-out), or None when not given."""
    if effort is None:
        return None
    if isinstance(effort, bool) or not isinstance(effort, int) or not 1 <= effort <= 10:
        raise InputError(
            "effort",
            f"The effort `{_shown(str(effort))}` must be a whole number from 1 (very easy) to 10 (all-out). "
            "Try `6` for a steady run.",
        )
    return effort
