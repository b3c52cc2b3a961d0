"""The pace calculator and Riegel race-time estimates."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import UserError
from bot.running.models import Run
from bot.running.pace import RIEGEL_EXPONENT, parse_pace, race_estimates, riegel, solve
from bot.running.units import MARATHON_M, format_pace

TODAY = date(2026, 11, 25)


def test_marathon_in_four_hours_is_the_pace_runners_quote():
    solution = solve("marathon", "4:00", None)
    assert solution is not None and solution.solved == "pace"
    assert solution.duration_s == 4 * 3600 and solution.note == "read `4:00` as 4 h 00 min"
    assert format_pace(solution.distance_m, solution.duration_s, "mi") == "9:09 /mi"
    assert format_pace(solution.distance_m, solution.duration_s, "km") == "5:41 /km"


def test_ten_k_at_five_minutes_a_km_takes_fifty_minutes():
    solution = solve("10k", None, "5:00")
    assert solution is not None and (solution.solved, solution.duration_s) == ("time", 3000)


def test_time_and_pace_give_the_distance():
    solution = solve(None, "50:00", "8:02/mi")
    assert solution is not None and solution.solved == "distance"
    assert solution.distance_m == pytest.approx(50 * 60 / (482 / 1609.344), rel=1e-9)


@pytest.mark.parametrize(
    ("text", "units", "per_km"),
    [
        ("5:00", "km", 300),
        ("5:00/km", "mi", 300),
        ("8:00 /mi", "km", 480 / 1.609344),
        ("8.00 min/mile", "km", 480 / 1.609344),
        ("8:00", "mi", 480 / 1.609344),
        ("4:30 per km", "mi", 270),
    ],
)
def test_parse_pace(text, units, per_km):
    assert parse_pace(text, units) == pytest.approx(per_km)


@pytest.mark.parametrize("text", ["fast", "5:60", "1:00", "99:00", ""])
def test_bad_pace_is_a_friendly_error(text):
    with pytest.raises(UserError) as caught:
        parse_pace(text)
    assert caught.value.field == "pace" and "5:00/km" in caught.value.message


def test_none_asks_for_estimates_only_while_one_or_three_values_are_refused():
    assert solve(None, None, None) is None and solve(" ", None, "") is None
    for values in (("10k", None, None), (None, "50:00", None), ("10k", "50:00", "5:00")):
        with pytest.raises(UserError, match="Give two of distance, time and pace"):
            solve(*values)


def test_distance_out_of_range_from_time_and_pace():
    with pytest.raises(UserError, match=r"0\.1–500 km"):
        solve(None, "99:00:00", "2:00")


def test_riegel_formula():
    assert riegel(1200, 5000, 10000) == pytest.approx(1200 * 2**RIEGEL_EXPONENT)
    assert riegel(3000, 10000, 10000) == pytest.approx(3000)


def _run(run_id, metres, seconds, days_ago):
    return Run(id=run_id, run_date=TODAY - timedelta(days=days_ago), distance_m=metres, duration_s=seconds)


def test_estimates_come_from_the_best_recent_effort():
    runs = [
        _run(1, 10000, 3000, 10),  # 50:00 10K
        _run(2, 5000, 1320, 5),  # 22:00 5K: the better effort
        _run(3, 5000, 1100, 200),  # faster, but too long ago
        _run(4, 1000, 180, 1),  # too short to extrapolate from
    ]
    estimates = race_estimates(runs, TODAY)
    assert estimates is not None and estimates.basis.id == 2
    by_label = {p.label: p.duration_s for p in estimates.predictions}
    assert by_label["5K"] == pytest.approx(1320)
    assert by_label["Marathon"] == pytest.approx(1320 * (MARATHON_M / 5000) ** 1.06)
    assert list(by_label) == ["1 mile", "5K", "10K", "Half marathon", "Marathon"]


def test_no_recent_efforts_no_estimates():
    assert race_estimates([_run(1, 10000, 3000, 100)], TODAY) is None
    assert race_estimates([], TODAY) is None


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["10k", "half", "marathon", "5", "6.2mi"])),
    st.one_of(st.none(), st.text(max_size=10), st.sampled_from(["50:00", "4:00", "1:45", "52.30"])),
    st.one_of(st.none(), st.text(max_size=10), st.sampled_from(["5:00", "8:00/mi", "4.30"])),
    st.sampled_from(["km", "mi"]),
)
def test_solve_only_raises_friendly_errors(distance, time, pace, units):
    try:
        solution = solve(distance, time, pace, units)
    except UserError as error:  # either outcome is allowed: pytest.raises would demand the error
        assert error.message  # noqa: PT017
    else:
        if solution is not None:
            assert 120 <= round(solution.pace_s_per_km) <= 3600
