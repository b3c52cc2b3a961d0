"""Units and formatting: metres, seconds and how they are shown to a member."""

from __future__ import annotations

from typing import Literal

Units = Literal["km", "mi"]

METRES_PER_KM = 1000.0
METRES_PER_MILE = 1609.344

MILE_M = METRES_PER_MILE
FIVE_K_M = 5000.0
TEN_K_M = 10000.0
HALF_MARATHON_M = 21097.5
MARATHON_M = 42195.0

# Labels as shown to members, shortest first.
STANDARD_DISTANCES: dict[str, float] = {
    "1 mile": MILE_M,
    "5K": FIVE_K_M,
    "10K": TEN_K_M,
    "Half marathon": HALF_MARATHON_M,
    "Marathon": MARATHON_M,
}


def metres_per_unit(units: str) -> float:
    """Metres in one of the member's units ("mi" or anything else meaning km)."""
    return METRES_PER_MILE if units == "mi" else METRES_PER_KM


def format_distance(metres: float, units: str) -> str:
    """'10.00 km' or '6.21 mi'."""
    return f"{metres / metres_per_unit(units):.2f} {'mi' if units == 'mi' else 'km'}"


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_duration(seconds: float) -> str:
    """'52:30' under an hour, '1:45:30' from an hour on."""
    return _clock(max(0, round(seconds)))


def pace_seconds_per_km(metres: float, seconds: float) -> float:
    """Seconds per kilometre; raises ZeroDivisionError for a zero distance."""
    return seconds / (metres / METRES_PER_KM)


def format_pace(metres: float, seconds: float, units: str) -> str:
    """'5:15 /km' or '8:27 /mi'; minutes are not rolled into hours ('75:00 /km')."""
    if metres <= 0:
        return "–"
    per_unit = round(pace_seconds_per_km(metres, seconds) * metres_per_unit(units) / METRES_PER_KM)
    minutes, secs = divmod(per_unit, 60)
    return f"{minutes}:{secs:02d} /{'mi' if units == 'mi' else 'km'}"
