"""Totals over a member's runs: summaries, weekly totals and streaks. Weeks start on Monday."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from bot.running.models import Run
from bot.running.units import METRES_PER_KM

Period = Literal["week", "month", "year", "all"]
WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Summary:
    count: int
    distance_m: float
    duration_s: int
    avg_pace_s_per_km: float | None  # None without runs
    longest: Run | None
    weeks: int  # Monday-start weeks spanned, at least 1 when there are runs
    weekly_avg_m: float


def week_start(d: date) -> date:
    """The Monday of d's week."""
    return d - timedelta(days=d.weekday())


def weeks_between(first: date, last: date) -> int:
    """Monday-start weeks from first's week to last's week, both included (0 if last is earlier)."""
    return max(0, (week_start(last) - week_start(first)).days // 7 + 1)


def period_start(period: Period, today: date) -> date | None:
    """First day of this week / month / year, or None for all time."""
    if period == "week":
        return week_start(today)
    if period == "month":
        return today.replace(day=1)
    if period == "year":
        return today.replace(month=1, day=1)
    if period == "all":
        return None
    raise ValueError(f"unknown period {period!r}")


def summarize(runs: Iterable[Run], period_start: date | None, today: date | None = None) -> Summary:
    """Runs from period_start on (all when None). Weeks span from period_start (or the first run)
    to today's week when given, else to the last run's week."""
    chosen = [r for r in runs if period_start is None or r.run_date >= period_start]
    return summary_of(
        Totals(
            count=len(chosen),
            distance_m=sum(r.distance_m for r in chosen),
            duration_s=sum(r.duration_s for r in chosen),
            longest=max(chosen, key=lambda r: r.distance_m) if chosen else None,
            first_date=min((r.run_date for r in chosen), default=None),
            last_date=max((r.run_date for r in chosen), default=None),
        ),
        period_start,
        today,
    )


@dataclass(frozen=True, slots=True)
class Totals:
    """Sums over a set of runs, as storage keeps or computes them."""

    count: int = 0
    distance_m: float = 0.0
    duration_s: int = 0
    longest: Run | None = None  # the first of the longest, in date order
    first_date: date | None = None
    last_date: date | None = None


def summary_of(totals: Totals, period_start: date | None, today: date | None = None) -> Summary:
    """`summarize` from totals: weeks span from period_start (or the first run) to today's week when
    given, else to the last run's week."""
    if not totals.count:
        weeks = weeks_between(period_start, today) if period_start and today else 0
        return Summary(0, 0.0, 0, None, None, weeks, 0.0)
    first = period_start or totals.first_date
    last = today or totals.last_date
    assert first is not None and last is not None
    weeks = max(1, weeks_between(first, last))
    distance, duration = totals.distance_m, totals.duration_s
    return Summary(
        count=totals.count,
        distance_m=distance,
        duration_s=duration,
        avg_pace_s_per_km=duration / (distance / METRES_PER_KM) if distance > 0 else None,
        longest=totals.longest,
        weeks=weeks,
        weekly_avg_m=distance / weeks,
    )


def weekly_totals(runs: Iterable[Run], today: date, weeks: int = 12) -> list[tuple[date, float]]:
    """(Monday, metres) for the last `weeks` weeks up to today's week, oldest first, empty weeks too."""
    by_week: dict[date, float] = {}
    for run in runs:
        monday = week_start(run.run_date)
        by_week[monday] = by_week.get(monday, 0.0) + run.distance_m
    return chart_weeks(by_week, today, weeks)


def chart_weeks(by_week: dict[date, float], today: date, weeks: int = 12) -> list[tuple[date, float]]:
    """`weekly_totals` from metres per Monday."""
    current = week_start(today)
    starts = [current - WEEK * back for back in range(weeks - 1, -1, -1)]
    return [(monday, by_week.get(monday, 0.0)) for monday in starts]


def current_weekly_streak(runs: Iterable[Run], today: date) -> int:
    """Consecutive weeks with a run, counting this week if it has one, otherwise ending last week."""
    return streak_of({week_start(r.run_date) for r in runs if r.run_date <= today}, today)


def streak_of(active: set[date], today: date) -> int:
    """`current_weekly_streak` from the Mondays of weeks with a run (up to today)."""
    monday = week_start(today)
    if monday not in active:
        monday -= WEEK
    streak = 0
    while monday in active:
        streak += 1
        monday -= WEEK
    return streak


def chart_months(by_month: dict[date, float], today: date, months: int = 12) -> list[tuple[date, float]]:
    """(1st of month, metres) for the last `months` months up to today's, oldest first, empty months too."""
    current = today.year * 12 + today.month - 1
    firsts = [date(index // 12, index % 12 + 1, 1) for index in range(current - months + 1, current + 1)]
    return [(first, by_month.get(first, 0.0)) for first in firsts]
