from datetime import date, timedelta

import pytest

from bot.running.models import Run
from bot.running.stats import (
    current_weekly_streak,
    period_start,
    summarize,
    week_start,
    weekly_totals,
)

WED = date(2026, 11, 25)
MON = date(2026, 11, 23)
SUN = date(2026, 11, 22)


def run(day: date, km: float = 5, seconds: int = 1800, run_id: int = 0) -> Run:
    return Run(id=run_id, run_date=day, distance_m=km * 1000, duration_s=seconds)


def test_week_start():
    assert week_start(WED) == MON
    assert week_start(MON) == MON
    assert week_start(SUN) == date(2026, 11, 16)
    assert week_start(date(2026, 11, 29)) == MON


@pytest.mark.parametrize(
    ("period", "expected"),
    [("week", MON), ("month", date(2026, 11, 1)), ("year", date(2026, 1, 1)), ("all", None)],
)
def test_period_start(period, expected):
    assert period_start(period, WED) == expected


def test_period_start_unknown():
    with pytest.raises(ValueError, match="unknown period 'decade'"):
        period_start("decade", WED)  # type: ignore[arg-type]


def test_summarize_empty():
    summary = summarize([], None)
    assert (summary.count, summary.distance_m, summary.avg_pace_s_per_km, summary.longest) == (
        0,
        0,
        None,
        None,
    )
    assert summarize([], MON, WED).weeks == 1


def test_summarize():
    runs = [run(date(2026, 11, 2), 10, 3000, 1), run(date(2026, 11, 10), 5, 1500, 2), run(WED, 15, 4500, 3)]
    summary = summarize(runs, None)
    assert summary.count == 3
    assert summary.distance_m == 30000
    assert summary.duration_s == 9000
    assert summary.avg_pace_s_per_km == 300
    assert summary.longest is not None and summary.longest.id == 3
    assert summary.weeks == 4  # Nov 2 (Mon), 9, 16, 23
    assert summary.weekly_avg_m == 7500


def test_summarize_period_and_today():
    runs = [run(date(2026, 10, 30), 10, run_id=1), run(date(2026, 11, 3), 8, run_id=2)]
    month = summarize(runs, date(2026, 11, 1), WED)
    assert month.count == 1 and month.distance_m == 8000
    assert month.weeks == 5  # Oct 26 (week of Nov 1) .. Nov 23
    week = summarize(runs, MON, WED)
    assert week.count == 0 and week.weekly_avg_m == 0


def test_weekly_totals_includes_empty_weeks_oldest_first():
    runs = [run(SUN, 4), run(MON, 3), run(WED, 2), run(MON - timedelta(weeks=12), 50)]
    totals = weekly_totals(runs, WED, weeks=4)
    assert [start for start, _ in totals] == [MON - timedelta(weeks=n) for n in (3, 2, 1, 0)]
    assert [m for _, m in totals] == [0, 0, 4000, 5000]
    assert len(weekly_totals([], WED)) == 12


def test_streak_counts_current_week_when_it_has_a_run():
    runs = [run(MON), run(SUN), run(SUN - timedelta(days=7)), run(SUN - timedelta(days=6))]
    assert current_weekly_streak(runs, WED) == 3  # this week, last week, the week before


def test_streak_starts_last_week_when_this_week_is_empty():
    runs = [run(SUN), run(SUN - timedelta(weeks=1)), run(SUN - timedelta(weeks=3))]
    assert current_weekly_streak(runs, WED) == 2


def test_streak_broken_and_empty():
    assert current_weekly_streak([run(SUN - timedelta(weeks=1))], WED) == 0
    assert current_weekly_streak([], WED) == 0


def test_streak_sunday_monday_boundary():
    # On a Monday with no run yet, yesterday's (Sunday) run keeps the streak.
    assert current_weekly_streak([run(SUN)], MON) == 1
    assert current_weekly_streak([run(MON)], MON) == 1
    assert current_weekly_streak([run(SUN), run(MON)], MON) == 2
