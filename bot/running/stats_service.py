"""Use cases behind /run stats and /run records: read a member's history once, summarise it.

Dates are the member's: "today", weeks (Monday start), months and years are taken in the member's
time zone, matching the local dates their runs are stored with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.db import leaderboard as board_db
from bot.db.connection import Database
from bot.db.leaderboard import Standing
from bot.db.sqlite_storage import storage_for
from bot.errors import UserError
from bot.running.models import Profile
from bot.running.records import Record
from bot.running.service import member_today
from bot.running.stats import Period, Summary, chart_weeks, period_start, summary_of

PERIODS: tuple[Period, ...] = ("week", "month", "year", "all")
BOARD_PERIODS: tuple[Period, ...] = ("week", "month", "year")
BOARD_SIZE = 10
CHART_WEEKS = 12


@dataclass(frozen=True, slots=True)
class MemberStats:
    profile: Profile
    period: Period
    today: date
    since: date | None  # first day of the period, None for all time
    summary: Summary
    weekly_streak: int
    records: list[Record]  # best efforts within the period, shortest distance first
    weeks: list[tuple[date, float]]  # (Monday, metres) for the chart, oldest first
    total_runs: int  # all time, to tell "no runs this week" from "no runs yet"


@dataclass(frozen=True, slots=True)
class MemberRecords:
    profile: Profile
    records: list[Record]  # all-time best efforts, shortest distance first


@dataclass(frozen=True, slots=True)
class ClubBoard:
    period: Period
    since: date  # first day of the period, in UTC
    standings: list[Standing]  # the top BOARD_SIZE
    viewer_id: int
    viewer: Standing | None  # the member who asked, when they have runs and did not opt out
    viewer_hidden: bool  # the member who asked opted out
    units: str  # the viewer's units


def check_period(period: str, allowed: tuple[Period, ...] = PERIODS) -> Period:
    if period not in allowed:
        raise UserError(f"Unknown period `{period[:20]}`. Pick one of: {', '.join(allowed)}.", "period")
    return period  # type: ignore[return-value]


async def member_stats(db: Database, guild_id: int, user_id: int, period: str, now: datetime) -> MemberStats:
    chosen = check_period(period)
    storage = storage_for(db)
    profile = await storage.profile(guild_id, user_id)
    today = member_today(profile, now)
    since = period_start(chosen, today)
    found = await storage.member_stats(guild_id, user_id, since, today, CHART_WEEKS)
    return MemberStats(
        profile=profile,
        period=chosen,
        today=today,
        since=since,
        summary=summary_of(found.totals, since, today),
        weekly_streak=found.weekly_streak,
        records=found.records,
        weeks=chart_weeks(found.weeks, today, CHART_WEEKS),
        total_runs=found.total_runs,
    )


async def member_records(db: Database, guild_id: int, user_id: int) -> MemberRecords:
    storage = storage_for(db)
    profile = await storage.profile(guild_id, user_id)
    return MemberRecords(profile=profile, records=await storage.member_records(guild_id, user_id))


async def club_leaderboard(db: Database, guild_id: int, user_id: int, period: str, now: datetime) -> ClubBoard:
    """Top members by distance this UTC week / month / year. The server has no single time zone, so
    periods start on UTC dates; runs are counted by their (member-local) run date."""
    chosen = check_period(period, BOARD_PERIODS)
    since = period_start(chosen, now.astimezone(UTC).date())
    assert since is not None
    profile = await storage_for(db).profile(guild_id, user_id)
    board = await board_db.leaderboard(db, guild_id, since, BOARD_SIZE, include_user=user_id)
    standings = [s for s in board if s.rank <= BOARD_SIZE]
    viewer = next((s for s in board if s.user_id == user_id), None)
    return ClubBoard(chosen, since, standings, user_id, viewer, not profile.leaderboard, profile.units)
