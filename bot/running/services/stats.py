"""Use cases behind /run stats and /run records: read a member's history once, summarise it.

Dates are the member's: "today", weeks (Monday start), months and years are taken in the member's
time zone, matching the local dates their runs are stored with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.db import leaderboard as board_db
from bot.db.leaderboard import Standing
from bot.db.store import Store
from bot.errors import UserError
from bot.running.insights import WeekJump, jump_weeks
from bot.running.models import Profile
from bot.running.records import Record
from bot.running.services.runs import member_today
from bot.running.stats import Period, Summary, chart_months, chart_weeks, period_start, summary_of, week_start

PERIODS: tuple[Period, ...] = ("week", "month", "year", "all")
BOARD_PERIODS: tuple[Period, ...] = ("week", "month", "year")
BOARD_SIZE = 10
CHART_WEEKS = 12
CHART_MONTHS = 12
MONTH_CHART_PERIODS: tuple[Period, ...] = ("year", "all")


@dataclass(frozen=True, slots=True)
class MemberStats:
    profile: Profile
    period: Period
    today: date
    since: date | None  # first day of the period, None for all time
    summary: Summary
    weekly_streak: int
    records: list[Record]  # best efforts within the period, shortest distance first
    weeks: list[tuple[date, float]]  # (Monday, metres) of the last CHART_WEEKS weeks, oldest first
    total_runs: int  # all time, to tell "no runs this week" from "no runs yet"
    jumps: list[WeekJump] = field(default_factory=list)  # mileage jumps among `weeks`, newest first
    months: list[tuple[date, float]] = field(default_factory=list)  # (1st, metres), oldest first: year and all

    @property
    def chart_by_month(self) -> bool:
        """A year or all time is charted by month, a week or month by week."""
        return self.period in MONTH_CHART_PERIODS


@dataclass(frozen=True, slots=True)
class MemberRecords:
    profile: Profile
    records: list[Record]  # all-time best efforts, shortest distance first


@dataclass(frozen=True, slots=True)
class ClubBoard:
    period: Period
    since: date  # first day of the period, in `zone`
    standings: list[Standing]  # the top BOARD_SIZE
    viewer_id: int
    viewer: Standing | None  # the member who asked, when they have runs and did not opt out
    viewer_hidden: bool  # the member who asked opted out
    units: str  # the viewer's units
    zone: str = "UTC"  # the zone the periods start in: the server reminder's, else UTC
    zone_is_servers: bool = False  # `zone` comes from the server's club reminder


def check_period(period: str, allowed: tuple[Period, ...] = PERIODS) -> Period:
    if period not in allowed:
        raise UserError(f"Unknown period `{period[:20]}`. Pick one of: {', '.join(allowed)}.", "period")
    return period


def counted_from(since: date | None, first_run: date | None) -> date | None:
    """Where a period's weeks start for its weekly average: the period's start, or the member's first run
    when that is later (a member who started in November has not had 50 quiet weeks this year)."""
    if since is None or first_run is None:
        return since
    return max(since, first_run)


async def member_stats(db: Store, guild_id: int, user_id: int, period: str, now: datetime) -> MemberStats:
    chosen = check_period(period)
    storage = db.runs
    profile = await storage.profile(guild_id, user_id)
    today = member_today(profile, now)
    since = period_start(chosen, today)
    by_month = chosen in MONTH_CHART_PERIODS
    found = await storage.member_stats(guild_id, user_id, since, today, CHART_WEEKS, CHART_MONTHS if by_month else 0)
    weeks = chart_weeks(found.weeks, today, CHART_WEEKS)
    first_monday = week_start(found.first_date) if found.first_date else None
    jumps = jump_weeks(found.weeks, first_monday, [monday for monday, _ in weeks])
    return MemberStats(
        profile=profile,
        period=chosen,
        today=today,
        since=since,
        summary=summary_of(found.totals, counted_from(since, found.first_date), today),
        weekly_streak=found.weekly_streak,
        records=found.records,
        weeks=weeks,
        total_runs=found.total_runs,
        jumps=jumps[::-1],
        months=chart_months(found.months, today, CHART_MONTHS) if by_month else [],
    )


async def member_records(db: Store, guild_id: int, user_id: int) -> MemberRecords:
    storage = db.runs
    profile = await storage.profile(guild_id, user_id)
    return MemberRecords(profile=profile, records=await storage.member_records(guild_id, user_id))


async def club_leaderboard(db: Store, guild_id: int, user_id: int, period: str, now: datetime) -> ClubBoard:
    """Top members by distance this week / month / year, the periods starting in the server's zone (its
    club reminder's, else UTC); runs are counted by their (member-local) run date."""
    chosen = check_period(period, BOARD_PERIODS)
    server = _known_zone(await board_db.server_zone(db, guild_id))
    zone = server or "UTC"
    since = period_start(chosen, now.astimezone(ZoneInfo(zone)).date())
    assert since is not None
    profile = await db.runs.profile(guild_id, user_id)
    board = await board_db.leaderboard(db, guild_id, since, BOARD_SIZE, include_user=user_id)
    standings = [s for s in board if s.rank <= BOARD_SIZE]
    viewer = next((s for s in board if s.user_id == user_id), None)
    return ClubBoard(
        chosen, since, standings, user_id, viewer, not profile.leaderboard, profile.units, zone, server is not None
    )


@dataclass(frozen=True, slots=True)
class ClubActivity:
    members_with_runs: int  # ever
    runs_this_week: int
    active_this_week: int  # members who logged those runs
    week_start: date  # Monday, in the server's zone
    zone: str  # the server's zone (its club reminder's), else UTC


async def club_activity(db: Store, guild_id: int, now: datetime) -> ClubActivity:
    """The club at a glance: who runs, and this week's runs (the week starting Monday in the server's zone)."""
    zone = _known_zone(await board_db.server_zone(db, guild_id)) or "UTC"
    monday = week_start(now.astimezone(ZoneInfo(zone)).date())
    members, runs, active = await board_db.club_activity(db, guild_id, monday)
    return ClubActivity(members, runs, active, monday, zone)


def _known_zone(name: str | None) -> str | None:
    """`name` when this machine's zone database has it (a stored zone may have been renamed since)."""
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name
