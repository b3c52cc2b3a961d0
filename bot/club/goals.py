"""Challenge metrics: how a goal is typed for each one, and how values are shown.

Values are stored in base units: metres (distance, elevation), seconds (time), runs (count).
"""

from __future__ import annotations

import math
import re

from bot.errors import echo
from bot.running.input_error import InputError
from bot.running.parsing import parse_distance
from bot.running.units import metres_per_unit

METRICS = ("distance", "time", "runs", "elevation")
MODES = ("individual", "club")
METRES_PER_FOOT = 0.3048

GOAL_EXAMPLES = {
    "distance": "Try `100k`, `62mi` or `100 km`.",
    "time": "Try `20h`, `30h30m` or `1200 min`.",
    "runs": "Try `20` (runs).",
    "elevation": "Try `2000m` or `6500ft`.",
}
MAX_GOAL = {  # a year of very keen running, per metric
    "distance": 100_000_000.0,  # 100,000 km (a club total)
    "time": 10_000 * 3600.0,
    "runs": 100_000.0,
    "elevation": 10_000_000.0,
}

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_TIME_PART = re.compile(rf"({_NUMBER})\s*(hours|hour|hrs|hr|h|minutes|minute|mins|min|m)")
_CLOCK = re.compile(r"([0-9]+):([0-9]{2})")
_RUNS = re.compile(r"([0-9]+)(?:\s*runs?)?")
_ELEVATION = re.compile(rf"({_NUMBER})\s*(m|metres|meters|ft|feet|foot)?")


def _refuse(metric: str, text: str, why: str = "") -> InputError:
    reason = why or f"Couldn't read the {metric} goal `{echo(text)}`."
    return InputError(f"{reason} {GOAL_EXAMPLES[metric]}", "goal")


def _time_goal(cleaned: str, text: str) -> float:
    clock = _CLOCK.fullmatch(cleaned)
    if clock:
        return int(clock.group(1)) * 3600.0 + int(clock.group(2)) * 60.0
    compact = cleaned.replace(" ", "")
    seconds, at = 0.0, 0
    for part in _TIME_PART.finditer(compact):
        if part.start() != at:
            raise _refuse("time", text)
        seconds += float(part.group(1)) * (3600 if part.group(2).startswith("h") else 60)
        at = part.end()
    if at != len(compact) or at == 0:
        raise _refuse("time", text)
    return seconds


def parse_goal(metric: str, text: str, units: str = "km") -> float:
    """The goal in base units; InputError (field "goal") naming the metric and a good example."""
    if metric not in METRICS:
        raise InputError(f"Unknown metric `{echo(metric)}`. Pick one of: {', '.join(METRICS)}.", "metric")
    cleaned = " ".join(text.strip().lower().replace(",", ".").split())
    if not cleaned:
        raise _refuse(metric, text, f"The {metric} goal is empty.")
    if metric == "distance":
        try:
            value = parse_distance(cleaned, units, min_m=1000.0, max_m=MAX_GOAL["distance"], field="goal")
        except InputError:
            raise _refuse(metric, text) from None
    elif metric == "time":
        value = _time_goal(cleaned, text)
    elif metric == "runs":
        match = _RUNS.fullmatch(cleaned)
        if match is None:
            raise _refuse(metric, text)
        value = float(int(match.group(1)))
    else:
        match = _ELEVATION.fullmatch(cleaned)
        if match is None:
            raise _refuse(metric, text)
        unit = match.group(2) or ("ft" if units == "mi" else "m")
        value = float(match.group(1)) * (METRES_PER_FOOT if unit.startswith("f") else 1.0)
    if not math.isfinite(value) or value <= 0:
        raise _refuse(metric, text, f"The {metric} goal `{echo(text)}` needs to be more than zero.")
    if value > MAX_GOAL[metric]:
        raise _refuse(metric, text, f"The {metric} goal `{echo(text)}` is more than a club could do in a year.")
    return value


def format_value(metric: str, value: float, units: str = "km") -> str:
    """A value as members read it: '123.4 km', '20h 30m', '12 runs', '2,000 m' / '6,562 ft'."""
    if metric == "distance":
        amount = value / metres_per_unit(units)
        shown = f"{amount:,.1f}" if amount < 10_000 else f"{amount:,.0f}"
        return f"{shown} {'mi' if units == 'mi' else 'km'}"
    if metric == "time":
        minutes = round(value / 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"
    if metric == "runs":
        count = round(value)
        return f"{count} run" + ("" if count == 1 else "s")
    if units == "mi":
        return f"{value / METRES_PER_FOOT:,.0f} ft"
    return f"{value:,.0f} m"


def fraction(value: float, goal: float) -> float:
    return value / goal if goal > 0 else 0.0
