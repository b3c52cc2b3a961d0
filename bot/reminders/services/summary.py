"""The Monday summary: last week's running, as the dispatcher puts it in a DM.

The numbers come from the storage interface in one call (`member_stats` over last week); the
summary is delivered as a reminder of kind `summary`, so it has the dispatcher's exactly-once rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.db.members import get_profile
from bot.db.store import Store
from bot.reminders.models import Reminder
from bot.running.stats import WEEK, week_start

AVERAGE_WEEKS = 4


@dataclass(frozen=True, slots=True)
class WeekNumbers:
    week_of: date  # the Monday of the week summarised
    units: str
    distance_m: float
    runs: int
    duration_s: int
    longest_m: float | None
    average_m: float | None  # over the up to 4 weeks before, from the member's first logged week
    goal_m: float | None
    weekly_streak: int


async def weekly_summary(db: Store, reminder: Reminder, slot: datetime) -> WeekNumbers:
    """The week before the slot's local Monday."""
    profile = await get_profile(db, reminder.guild_id, reminder.user_id)
    monday = week_start(slot.astimezone(ZoneInfo(reminder.timezone)).date()) - WEEK
    sunday = monday + timedelta(days=6)
    stats = await db.runs.member_stats(
        reminder.guild_id, reminder.user_id, since=monday, today=sunday, chart_weeks=AVERAGE_WEEKS + 1
    )
    totals = stats.totals
    first_week = week_start(stats.first_date) if stats.first_date else monday
    before = [monday - WEEK * n for n in range(1, AVERAGE_WEEKS + 1)]
    counted = [stats.weeks.get(m, 0.0) for m in before if m >= first_week]
    return WeekNumbers(
        week_of=monday,
        units=profile.units,
        distance_m=stats.weeks.get(monday, 0.0),
        runs=totals.count,
        duration_s=totals.duration_s,
        longest_m=totals.longest.distance_m if totals.longest else None,
        average_m=sum(counted) / len(counted) if counted else None,
        goal_m=profile.weekly_goal_m,
        weekly_streak=stats.weekly_streak,
    )
