from datetime import UTC, date, datetime, timedelta

import pytest

from bot.db.members import update_profile
from bot.db.runs import insert_run
from bot.db.store import Store
from bot.errors import UserError
from bot.running.models import Run
from bot.running.services.stats import club_leaderboard, member_records, member_stats

GUILD, ME, OTHER_GUILD = 1, 42, 2
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # Wednesday
MON = date(2026, 11, 23)


async def log(db: Store, day: date, metres: float, seconds: int, user: int = ME, guild: int = GUILD) -> None:
    async with db.transaction() as tx:
        await insert_run(tx, guild, user, Run(0, day, metres, seconds))


async def set_profile(db: Store, user: int = ME, **changes: object) -> None:
    async with db.transaction() as tx:
        await update_profile(tx, GUILD, user, **changes)


async def seed_history(db: Store) -> None:
    await log(db, date(2025, 12, 30), 21_097.5, 6300)  # last year: a half in 1:45:00
    await log(db, date(2026, 11, 2), 10_000, 3000)  # this month
    await log(db, MON - timedelta(days=1), 5_000, 1500)  # last Sunday
    await log(db, MON, 10_100, 3030)  # this week: 101% of 10K
    await log(db, NOW.date(), 5_000, 1400)
    await log(db, NOW.date(), 99_000, 36_000, guild=OTHER_GUILD)  # another server: never counted


async def test_all_time_totals(db: Store) -> None:
    await seed_history(db)
    stats = await member_stats(db, GUILD, ME, "all", NOW)
    s = stats.summary
    assert (s.count, s.distance_m, s.duration_s) == (5, 51_197.5, 15_230)
    assert s.longest is not None and s.longest.run_date == date(2025, 12, 30)
    assert s.weeks == 48  # Mon 2025-12-29 .. this week
    assert s.weekly_avg_m == pytest.approx(51_197.5 / 48)
    assert stats.since is None and stats.today == NOW.date() and stats.total_runs == 5
    assert stats.weekly_streak == 2  # this week and last week
    assert [(r.label, round(r.duration_s)) for r in stats.records] == [
        ("5K", 1400),
        ("10K", 3000),
        ("Half marathon", 6300),
    ]
    assert len(stats.weeks) == 12 and stats.weeks[-1] == (MON, 15_100)
    assert stats.weeks[-2] == (MON - timedelta(weeks=1), 5_000)


@pytest.mark.parametrize(
    ("period", "count", "metres", "since"),
    [
        ("week", 2, 15_100, MON),
        ("month", 4, 30_100, date(2026, 11, 1)),
        ("year", 4, 30_100, date(2026, 1, 1)),
    ],
)
async def test_periods(db: Store, period: str, count: int, metres: float, since: date) -> None:
    await seed_history(db)
    stats = await member_stats(db, GUILD, ME, period, NOW)
    assert (stats.summary.count, stats.summary.distance_m, stats.since) == (count, metres, since)
    assert stats.total_runs == 5 and stats.weekly_streak == 2
    assert len(stats.weeks) == 12  # the chart always shows 12 weeks


async def test_a_periods_weekly_average_counts_weeks_from_the_first_run(db: Store) -> None:
    await log(db, date(2026, 11, 4), 10_000, 3000)  # started in November (a Wednesday)
    await log(db, MON, 20_000, 6000)
    year = await member_stats(db, GUILD, ME, "year", NOW)
    assert year.since == date(2026, 1, 1)
    assert year.summary.weeks == 4 and year.summary.weekly_avg_m == pytest.approx(30_000 / 4)  # 2 Nov .. 23 Nov
    month = await member_stats(db, GUILD, ME, "month", NOW)
    assert month.summary.weeks == 4
    await log(db, date(2025, 6, 1), 5_000, 1500)  # a run last year: this year's weeks count from 1 January
    assert (await member_stats(db, GUILD, ME, "year", NOW)).summary.weeks == 48


async def test_records_within_the_period(db: Store) -> None:
    await seed_history(db)
    week = await member_stats(db, GUILD, ME, "week", NOW)
    assert [(r.label, round(r.duration_s)) for r in week.records] == [("5K", 1400), ("10K", 3000)]
    assert "Half marathon" not in {r.label for r in (await member_stats(db, GUILD, ME, "year", NOW)).records}


async def test_no_runs(db: Store) -> None:
    stats = await member_stats(db, GUILD, ME, "all", NOW)
    assert (stats.total_runs, stats.summary.count, stats.weekly_streak, stats.records) == (0, 0, 0, [])
    assert all(metres == 0 for _, metres in stats.weeks)


async def test_unknown_period_is_a_user_error(db: Store) -> None:
    with pytest.raises(UserError, match="week, month, year, all"):
        await member_stats(db, GUILD, ME, "decade", NOW)
    with pytest.raises(UserError, match="week, month, year"):
        await club_leaderboard(db, GUILD, ME, "all", NOW)


async def test_week_follows_the_members_time_zone(db: Store) -> None:
    sunday_night_utc = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # already Monday 00:30 in Berlin
    await log(db, date(2026, 11, 29), 8_000, 2400)
    utc = await member_stats(db, GUILD, ME, "week", sunday_night_utc)
    assert (utc.today, utc.since, utc.summary.count) == (date(2026, 11, 29), MON, 1)
    await set_profile(db, timezone="Europe/Berlin")
    berlin = await member_stats(db, GUILD, ME, "week", sunday_night_utc)
    assert (berlin.today, berlin.since, berlin.summary.count) == (date(2026, 11, 30), date(2026, 11, 30), 0)
    assert berlin.weekly_streak == 1  # this week is empty: the streak ends last week
    assert berlin.weeks[-1] == (date(2026, 11, 30), 0.0) and berlin.weeks[-2] == (MON, 8_000)


async def test_records_use_100_to_102_percent_and_scale(db: Store) -> None:
    await log(db, date(2026, 11, 1), 10_210, 2900)  # 102.1%: too long to count as a 10K
    await log(db, date(2026, 11, 2), 10_200, 3060)  # 102%: 50:00 over 10K
    await log(db, date(2026, 11, 3), 5_000, 1500)  # exactly 100%
    await log(db, date(2026, 11, 4), 4_988, 1000)  # 99.76%: short of 3.1 mi, so of 5K
    records = await member_records(db, GUILD, ME)
    assert [(r.label, r.duration_s, r.run_date) for r in records.records] == [
        ("5K", 1500, date(2026, 11, 3)),
        ("10K", pytest.approx(3000), date(2026, 11, 2)),
    ]
    assert records.profile.user_id == ME


async def test_leaderboard_periods_start_on_utc_dates(db: Store) -> None:
    await log(db, date(2026, 11, 30), 5_000, 1500, user=7)  # a member already in Monday (ahead of UTC)
    await log(db, date(2026, 11, 27), 20_000, 6000, user=8)
    late_sunday_utc = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    board = await club_leaderboard(db, GUILD, ME, "week", late_sunday_utc)
    assert board.since == MON
    assert [(s.user_id, s.distance_m) for s in board.standings] == [(8, 20_000), (7, 5_000)]
    month = await club_leaderboard(db, GUILD, ME, "month", datetime(2026, 12, 1, 0, 30, tzinfo=UTC))
    assert month.since == date(2026, 12, 1) and month.standings == []


async def test_leaderboard_viewer_outside_the_top_and_hidden(db: Store) -> None:
    for user in range(100, 112):
        await log(db, NOW.date(), 10_000 + user, 3600, user=user)
    await log(db, NOW.date(), 1_000, 400)
    board = await club_leaderboard(db, GUILD, ME, "week", NOW)
    assert len(board.standings) == 10 and board.standings[0].user_id == 111
    assert board.viewer is not None and (board.viewer.rank, board.viewer.distance_m) == (13, 1_000)
    assert not board.viewer_hidden and board.units == "km"
    await set_profile(db, leaderboard=False, units="mi")
    hidden = await club_leaderboard(db, GUILD, ME, "week", NOW)
    assert hidden.viewer is None and hidden.viewer_hidden and hidden.units == "mi"
    top = await club_leaderboard(db, GUILD, 111, "week", NOW)
    assert top.viewer == top.standings[0]
