import pytest

from bot.running.units import (
    HALF_MARATHON_M,
    MARATHON_M,
    METRES_PER_MILE,
    STANDARD_DISTANCES,
    format_distance,
    format_duration,
    format_pace,
    pace_seconds_per_km,
)


def test_constants():
    assert METRES_PER_MILE == 1609.344
    assert HALF_MARATHON_M == 21097.5
    assert MARATHON_M == 42195
    assert list(STANDARD_DISTANCES) == ["1 mile", "5K", "10K", "Half marathon", "Marathon"]


@pytest.mark.parametrize(
    ("metres", "units", "shown"),
    [
        (10000, "km", "10.00 km"),
        (10000, "mi", "6.21 mi"),
        (HALF_MARATHON_M, "km", "21.10 km"),
        (0, "km", "0.00 km"),
    ],
)
def test_format_distance(metres, units, shown):
    assert format_distance(metres, units) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(3150, "52:30"), (6330, "1:45:30"), (59, "0:59"), (3600, "1:00:00"), (0, "0:00"), (359999, "99:59:59")],
)
def test_format_duration(seconds, shown):
    assert format_duration(seconds) == shown


def test_pace():
    assert pace_seconds_per_km(10000, 3150) == 315
    assert format_pace(10000, 3150, "km") == "5:15 /km"
    assert format_pace(10000, 3150, "mi") == "8:27 /mi"
    assert format_pace(1000, 4000, "km") == "66:40 /km"
