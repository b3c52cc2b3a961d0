"""Reading what a member typed into `/run log`: distance, time and the optional extras (dates: `dates.py`).

Every function raises only `InputError`, whose message names the field, says what was wrong
and shows a value that would work.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.errors import echo
from bot.running.dates import parse_run_date as parse_run_date
from bot.running.input_error import InputError as InputError
from bot.running.units import (
    HALF_MARATHON_M,
    MARATHON_M,
    METRES_PER_KM,
    METRES_PER_MILE,
    format_pace,
    metres_per_unit,
)
from bot.text import clean, is_blank

MIN_DISTANCE_M = 100.0
MAX_DISTANCE_M = 500_000.0
MAX_DURATION_S = 100 * 3600  # exclusive
MIN_PACE_S_PER_KM = 120
MAX_PACE_S_PER_KM = 3600
# A running pace, from a world-class 10K to a walk-run: the only paces an `h:mm` reading may give.
RUNNING_PACE_MIN_S_PER_KM = 150
RUNNING_PACE_MAX_S_PER_KM = 900

DISTANCE_EXAMPLES = "Try `10k`, `6.2mi` or `half`."
TIME_EXAMPLES = "Try `52:30`, `1:45:30` or `45min`."


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
        raise InputError(f"The {name} is empty. {examples}", field)
    match = _DISTANCE_RE.fullmatch(cleaned)
    unit = match.group(2) if match else ""
    if cleaned in _NAMED_DISTANCES:
        metres = _NAMED_DISTANCES[cleaned]
    elif not match or (unit and unit not in _DISTANCE_UNITS):
        raise InputError(f"Couldn't read the {name} `{echo(text)}`. {examples}", field)
    else:
        metres = float(match.group(1)) * (_DISTANCE_UNITS[unit] if unit else metres_per_unit(default_units))
    if not min_m - 1e-6 <= metres <= max_m + 1e-6:
        hint = " (for metres, add `m`: `800m`)" if match and not unit and metres > max_m else ""
        raise InputError(
            f"The {name} `{echo(text)}` is outside the range I accept, "
            f"{min_m / METRES_PER_KM:g} to {max_m / METRES_PER_KM:g} km{hint}. {examples}",
            field,
        )
    return metres


def typed_units(text: str | None, default_units: str) -> str:
    """The units a distance was typed in: `mi` for `500mi`, `km` for `800 km`, else `default_units`."""
    match = _DISTANCE_RE.fullmatch(" ".join((text or "").lower().replace(",", ".").split()))
    unit = match.group(2) if match else ""
    if _DISTANCE_UNITS.get(unit) == METRES_PER_MILE:
        return "mi"
    return "km" if _DISTANCE_UNITS.get(unit) == 1000.0 else default_units


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
        f"Is `{echo(text)}` minutes and seconds or {decimal} minutes? Write minutes and seconds with a colon "
        f"(`52:30`) or give the unit (`{decimal} min`).",
        "time",
    )


def parse_time(text: str) -> ParsedTime:
    """A duration from '52:30', '52.30' (= 52:30), '1:45:30', '45m', '1h05m', '95 min', '2h', '90s'."""
    cleaned = text.strip().lower()
    if not cleaned:
        raise InputError(f"The time is empty. {TIME_EXAMPLES}", "time")
    clock_text = _dotted_clock(cleaned, text) or cleaned
    clock = _CLOCK_RE.fullmatch(clock_text)
    seconds = _clock_seconds(clock) if clock else _unit_seconds(cleaned)
    if seconds is None:
        raise InputError(f"Couldn't read the time `{echo(text)}`. {TIME_EXAMPLES}", "time")
    if not math.isfinite(seconds) or seconds >= MAX_DURATION_S - 0.5:
        raise InputError(f"The time `{echo(text)}` is 100 hours or more. {TIME_EXAMPLES}", "time")
    if round(seconds) <= 0:
        raise InputError(f"The time `{echo(text)}` needs to be more than zero. {TIME_EXAMPLES}", "time")
    as_hours_minutes = None
    if clock and clock.group(2) is None and "." not in clock.group(3) and len(clock.group(1)) <= 2:
        as_hours_minutes = int(clock.group(1)) * 3600 + int(clock.group(3)) * 60
    return ParsedTime(round(seconds), echo(text), as_hours_minutes)


def parse_duration(text: str) -> int:
    """Whole seconds, as `parse_time` reads them (no distance to judge `h:mm` against)."""
    return parse_time(text).seconds


def _pace_s_per_km(distance_m: float, seconds: int) -> int | None:
    return round(seconds / (distance_m / METRES_PER_KM)) if distance_m > 0 else None


def _plausible(distance_m: float, seconds: int) -> bool:
    pace = _pace_s_per_km(distance_m, seconds)
    return pace is not None and MIN_PACE_S_PER_KM <= pace <= MAX_PACE_S_PER_KM


def _running_pace(distance_m: float, seconds: int) -> bool:
    pace = _pace_s_per_km(distance_m, seconds)
    return pace is not None and RUNNING_PACE_MIN_S_PER_KM <= pace <= RUNNING_PACE_MAX_S_PER_KM


def fit_time_to_distance(time: ParsedTime, distance_m: float, units: str = "km") -> ParsedTime:
    """The reading of `time` that gives a pace over `distance_m`: mm:ss when its pace is 2:00-60:00 per
    km; else h:mm when that is a running pace, 2:30-15:00 per km (`half` in `1:45`), noted for the reply.
    When neither is (`5k` in `5:00`), an error showing both paces and asking which was meant: a
    5-hour 5K is never logged from a typo."""
    if _plausible(distance_m, time.seconds):
        return time
    alternative = time.as_hours_minutes
    if alternative is None:
        check_pace(distance_m, time.seconds, units)
        return time
    hours, minutes = divmod(alternative // 60, 60)
    if _running_pace(distance_m, alternative):
        return ParsedTime(alternative, time.text, None, f"read `{time.text}` as {hours} h {minutes:02d} min")
    as_mm_ss = format_pace(distance_m, time.seconds, units)
    as_h_mm = format_pace(distance_m, alternative, units)
    mm, ss = divmod(time.seconds, 60)
    raise InputError(
        f"Which did you mean by `{time.text}`? As {mm} min {ss:02d} s that's a pace of {as_mm_ss}, as "
        f"{hours} h {minutes:02d} min a pace of {as_h_mm}: neither is a running pace, so nothing was logged. "
        f"Check the distance and the time (e.g. `5k` in `25:00`); for hours, write them in full "
        f"(`{hours}:{minutes:02d}:00`).",
        "time",
    )


# --- pace and extras --------------------------------------------------------------------------


def check_pace(distance_m: float, duration_s: int, units: str = "km") -> None:
    """Refuse a pace outside 2:00-60:00 per km, showing the pace it worked out (in `units`)."""
    if distance_m <= 0 or duration_s <= 0:
        raise InputError("The distance and the time must be more than zero, e.g. `10k` in `52:30`.", "pace")
    pace = round(duration_s / (distance_m / METRES_PER_KM))
    if MIN_PACE_S_PER_KM <= pace <= MAX_PACE_S_PER_KM:
        return
    shown = format_pace(distance_m, duration_s, units)
    limit_s = MIN_PACE_S_PER_KM if pace < MIN_PACE_S_PER_KM else MAX_PACE_S_PER_KM
    limit = format_pace(METRES_PER_KM, limit_s, units)
    side = "faster" if pace < MIN_PACE_S_PER_KM else "slower"
    raise InputError(
        f"That's a pace of {shown} — {side} than {limit}, so the distance or the time is probably off. "
        "Check both, e.g. `10k` in `52:30`.",
        "pace",
    )


_TEXT_EXAMPLES: dict[str, str] = {
    "pain": "`left knee sore on downhills`",
    "notes": "`easy loop with the club, felt good`",
}


_PLURAL_NAMES = frozenset({"notes", "tags"})


def check_text(field: str, text: str | None, max_len: int) -> str | None:
    """Cleaned text (see bot.text), None when empty; invisible-only or too long text is an error."""
    if text is None or not text.strip():
        return None
    stripped = clean(text)
    if is_blank(stripped):
        name = field.replace("_", " ")
        has = "have" if name in _PLURAL_NAMES else "has"
        raise InputError(f"The {name} {has} no visible characters. Type some words, or leave it out.", field)
    if len(stripped) > max_len:
        example = _TEXT_EXAMPLES.get(field)
        advice = f"Shorten it, e.g. {example}." if example else f"Keep it to {max_len} characters."
        name = field.replace("_", " ")
        verb = "are" if name in _PLURAL_NAMES else "is"
        raise InputError(f"The {name} {verb} {len(stripped)} characters; the limit is {max_len}. {advice}", field)
    return stripped


def check_effort(effort: int | None) -> int | None:
    """Effort from 1 (very easy) to 10 (all-out), or None when not given."""
    if effort is None:
        return None
    if isinstance(effort, bool) or not isinstance(effort, int) or not 1 <= effort <= 10:
        raise InputError(
            f"The effort `{echo(str(effort))}` must be a whole number from 1 (very easy) to 10 (all-out). "
            "Try `6` for a steady run.",
            "effort",
        )
    return effort
