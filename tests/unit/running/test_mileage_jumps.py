"""The mileage-jump rule against a brute-force recompute from the runs themselves: weeks before the
member's first logged week do not count, back-filled weeks are judged, each jump is told once."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from bot.running.insights import jump_weeks
from bot.running.models import Run
from bot.running.stats import WEEK, week_start
from tests.unit.running.history_insights import mileage_jump

TODAY = date(2026, 11, 25)  # a Wednesday
THIS_MONDAY = week_start(TODAY)
SPAN_WEEKS = 14


def brute_force_jumps(runs: list[Run]) -> set[date]:
    """Every week whose distance is over 13/10 of the mean of the (up to 4) weeks before it that are not
    before the first run's week, when there are at least 3 such weeks."""
    if not runs:
        return set()
    first = week_start(min(r.run_date for r in runs))
    totals: dict[date, Fraction] = {}
    for r in runs:
        monday = week_start(r.run_date)
        totals[monday] = totals.get(monday, Fraction(0)) + Fraction(r.distance_m)
    found = set()
    monday = first
    while monday <= THIS_MONDAY:
        before = [monday - WEEK * k for k in (1, 2, 3, 4) if monday - WEEK * k >= first]
        if len(before) >= 3:
            mean = sum((totals.get(m, Fraction(0)) for m in before), Fraction(0)) / len(before)
            if totals.get(monday, Fraction(0)) > Fraction(13, 10) * mean:
                found.add(monday)
        monday += WEEK
    return found


# Whole kilometres keep the comparisons exact, so the brute force (fractions) and the rule agree on ties.
runs_strategy = st.lists(
    st.tuples(st.integers(0, SPAN_WEEKS * 7 - 1), st.integers(1, 30)),
    min_size=0,
    max_size=25,
).map(
    lambda pairs: [
        Run(i + 1, TODAY - timedelta(days=back), km * 1000.0, km * 300) for i, (back, km) in enumerate(pairs)
    ]
)


@given(runs_strategy)
def test_jump_weeks_match_a_brute_force_recompute(runs: list[Run]) -> None:
    by_week: dict[date, float] = {}
    for r in runs:
        by_week[week_start(r.run_date)] = by_week.get(week_start(r.run_date), 0.0) + r.distance_m
    first = week_start(min(r.run_date for r in runs)) if runs else None
    mondays = [THIS_MONDAY - WEEK * back for back in range(SPAN_WEEKS + 1)]
    found = {jump.monday for jump in jump_weeks(by_week, first, mondays)}
    assert found == brute_force_jumps(runs)


@given(runs_strategy, st.integers(0, SPAN_WEEKS * 7 - 1), st.integers(1, 40))
def test_a_logged_run_is_warned_about_exactly_when_the_rule_says(runs: list[Run], back: int, km: int) -> None:
    new = Run(999, TODAY - timedelta(days=back), km * 1000.0, km * 300)
    monday = week_start(new.run_date)
    jumped_before = monday in brute_force_jumps(runs)
    jumps_after = monday in brute_force_jumps([*runs, new])
    insight = mileage_jump([*runs, new], new, TODAY)
    assert (insight is not None) == (jumps_after and not jumped_before)  # once a week, by the run that tips it


def test_a_steady_runner_since_3_nov_never_jumps() -> None:
    """10 km every Tuesday and Friday from Tuesday 3 Nov: each week equals the average of the weeks before."""
    start = date(2026, 11, 3)
    days = [start + timedelta(days=d) for d in range(0, 23) if (start + timedelta(days=d)).weekday() in (1, 4)]
    runs: list[Run] = []
    for i, day in enumerate(days):
        new = Run(i + 1, day, 10_000.0, 3000)
        runs.append(new)
        assert mileage_jump(runs, new, day) is None, day
    assert brute_force_jumps(runs) == set()
