"""The insight rules applied to a whole list of runs: the reference the storage's aggregates must match.

The bot never reads a member's whole history (storage hands `LogContext` over); tests state the rules on
plain lists of runs and check the aggregates against `context_from_history`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from bot.advice.redflags import Triage
from bot.running.insights import (
    LONG_RUN_WINDOW,
    PAIN_WINDOW_DAYS,
    Insight,
    LogContext,
    insights_in,
    mileage_jump_in,
    new_longest_run_in,
    pain_insight_in,
)
from bot.running.models import Run, Shoe
from bot.running.stats import WEEK, week_start


def context_from_history(history: Iterable[Run], new_run: Run) -> LogContext:
    """The context worked out from a full list of runs (the reference the aggregates must match)."""
    others = [r for r in history if r.id != new_run.id]
    day, monday = new_run.run_date, week_start(new_run.run_date)
    recent = [r.distance_m for r in others if day - LONG_RUN_WINDOW <= r.run_date]
    return LogContext(
        first_date=min((r.run_date for r in others), default=None),
        week_m=sum(r.distance_m for r in others if week_start(r.run_date) == monday),
        before_m=sum(r.distance_m for r in others if monday - WEEK * 4 <= r.run_date < monday),
        longest_recent_m=max(recent, default=None),
        recent_runs=len(recent),
        nearby_pains=tuple(
            Counter(r.pain for r in others if r.pain and abs((r.run_date - day).days) <= PAIN_WINDOW_DAYS).items()
        ),
    )


def mileage_jump(history: Iterable[Run], new_run: Run, today: date, units: str = "km") -> Insight | None:
    return mileage_jump_in(context_from_history(history, new_run), new_run, today, units)


def new_longest_run(history: Iterable[Run], new_run: Run, units: str = "km") -> Insight | None:
    return new_longest_run_in(context_from_history(history, new_run), new_run, units)


def pain_insight(history: Iterable[Run], new_run: Run, red_flag: bool | Triage = False) -> Insight | None:
    return pain_insight_in(context_from_history(history, new_run), new_run, red_flag)


def insights_for_log(
    history: Iterable[Run],
    new_run: Run,
    today: date,
    *,
    shoe: Shoe | None = None,
    red_flag: bool | Triage = False,
    units: str = "km",
) -> list[Insight]:
    """All notes for a freshly logged run, most important first.
    `shoe` is the run's shoe with its total distance including this run."""
    context = context_from_history(history, new_run)
    return insights_in(context, new_run, today, shoe=shoe, red_flag=red_flag, units=units)
