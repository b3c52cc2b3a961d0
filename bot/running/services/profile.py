"""Profile use cases: settings with friendly validation, and the numbers /profile show needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.club.races import Race
from bot.db import club_settings, memberdata
from bot.db import races as races_db
from bot.db.members import get_profile, update_profile
from bot.db.store import Store
from bot.errors import UserError
from bot.reminders.services.reminders import ReminderService, reminder_streak
from bot.running.dates import parse_upcoming_date
from bot.running.models import Profile
from bot.running.parsing import check_text, parse_distance
from bot.running.services.runs import member_today
from bot.running.timezones import resolve_timezone

GOAL_RACE_MAX = 100
CLEAR_WORDS = {"none", "clear", "off", "-"}


@dataclass(frozen=True, slots=True)
class ProfileSummary:
    profile: Profile
    today: date
    week_distance_m: float
    weekly_streak: int
    days_to_goal: int | None
    reminder_streak: int = 0  # days in a row with a reminder marked Done
    next_race: Race | None = None  # the member's next race in the calendar (/race add): their goal race
    kudos_this_month: int = 0  # 👏 on their runs in the feed since the 1st (their zone)
    in_feed: bool = False


def _goal_date(text: str, today: date) -> date | None:
    """The race day in the run date forms (`2027-04-25`, `25/4`, `Apr 25`, `next sunday`), the coming one."""
    if text.strip().lower() in CLEAR_WORDS:
        return None
    goal = parse_upcoming_date(text, today, "goal_date")
    if goal < today:
        raise UserError(f"The goal date {goal.isoformat()} is in the past. Pick the upcoming race day.", "goal_date")
    return goal


@dataclass(frozen=True, slots=True)
class SavedProfile:
    profile: Profile
    reminders_moved: int = 0  # reminders without a zone of their own that followed a new profile zone


async def set_profile(
    db: Store,
    guild_id: int,
    user_id: int,
    now: datetime,
    *,
    units: str | None = None,
    timezone: str | None = None,
    goal_race: str | None = None,
    goal_date: str | None = None,
    weekly_goal: str | None = None,
    leaderboard: bool | None = None,
    weekly_summary: bool | None = None,
    feed: bool | None = None,
) -> SavedProfile:
    given = (units, timezone, goal_race, goal_date, weekly_goal, leaderboard, weekly_summary, feed)
    if all(option is None for option in given):
        raise UserError(
            "Nothing to change: give at least one setting, e.g. `/profile set timezone: Europe/Berlin` or "
            "`units: mi`. `/profile show` shows your settings.",
            "units",
        )
    current = await get_profile(db, guild_id, user_id)
    changes: dict[str, object] = {}
    if units is not None:
        if units not in ("km", "mi"):
            raise UserError("Units must be `km` or `mi`.", "units")
        changes["units"] = units
    if timezone is not None:
        changes["timezone"] = resolve_timezone(timezone).name
        changes["zone_noticed"] = True  # chosen: no need to tell them which zone their runs use
    if goal_race is not None:
        changes["goal_race"] = (
            None if goal_race.strip().lower() in CLEAR_WORDS else check_text("goal_race", goal_race, GOAL_RACE_MAX)
        )
    if goal_date is not None:
        zone = str(changes.get("timezone", current.timezone))
        today = member_today(Profile(guild_id, user_id, timezone=zone), now)
        changes["goal_date"] = _goal_date(goal_date, today)
    if weekly_goal is not None:
        if weekly_goal.strip().lower() in CLEAR_WORDS:
            changes["weekly_goal_m"] = None
        else:
            units_now = str(changes.get("units", current.units))
            changes["weekly_goal_m"] = parse_distance(weekly_goal, units_now, max_m=2_000_000, field="weekly_goal")
    if leaderboard is not None:
        changes["leaderboard"] = leaderboard
    if weekly_summary is not None:
        changes["weekly_summary"] = weekly_summary
    summary_on = weekly_summary if weekly_summary is not None else current.weekly_summary
    reminders = ReminderService(db, clock=lambda: now)
    moved = 0
    async with db.transaction(guild_id, user_id) as tx:
        await update_profile(tx, guild_id, user_id, **changes)
        if feed is not None:
            await club_settings.set_feed_member(tx, guild_id, user_id, feed)
        zone = str(changes.get("timezone", current.timezone))
        if weekly_summary is not None or (summary_on and "timezone" in changes):
            await reminders.set_summary(tx, guild_id, user_id, summary_on, zone)
        if "timezone" in changes:
            moved = await reminders.follow_profile_zone(tx, guild_id, user_id, zone)
    return SavedProfile(await get_profile(db, guild_id, user_id), moved)


async def profile_summary(db: Store, guild_id: int, user_id: int, now: datetime) -> ProfileSummary:
    storage = db.runs
    profile = await storage.profile(guild_id, user_id)
    today = member_today(profile, now)
    week_m, streak = await storage.week_and_streak(guild_id, user_id, today)
    local_month = datetime.combine(today.replace(day=1), time(0), ZoneInfo(profile.timezone))
    month_start = local_month.astimezone(UTC)
    return ProfileSummary(
        profile=profile,
        today=today,
        week_distance_m=week_m,
        weekly_streak=streak,
        days_to_goal=(profile.goal_date - today).days if profile.goal_date else None,
        reminder_streak=await reminder_streak(db, guild_id, user_id, now),
        next_race=await races_db.next_race(db, guild_id, user_id, today),
        kudos_this_month=await club_settings.kudos_received(db, guild_id, user_id, month_start),
        in_feed=await club_settings.in_feed(db, guild_id, user_id),
    )


async def export_data(db: Store, guild_id: int, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row Stride stores about the member in this server, by table."""
    return await memberdata.export_member(db, guild_id, user_id)


async def forget_data(db: Store, guild_id: int, user_id: int) -> int:
    """Erase the member's rows in this server in one transaction; return how many went."""
    async with db.transaction(guild_id, user_id) as tx:
        return await memberdata.forget_member(tx, guild_id, user_id)
