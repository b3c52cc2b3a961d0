"""Insights that are right, end to end: no false jump for a steady new member, a back-filled jump week
flagged in the reply and in /run stats, the chart following the period, leaderboard periods in the
server's zone, and the first-log time zone notice."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from standin import FakeDiscord
from standin.client import Reply
from standin.state import Member
from tests.e2e.helpers import monday, newcomer, query, stats_chart, today

pytestmark = pytest.mark.asyncio(loop_scope="module")

JUMP = "Big jump in mileage"
ZONE = "Time zone"


def field_names(reply: Reply) -> list[str]:
    return [f["name"] for e in reply.embeds for f in e.get("fields", [])]


def has_field(reply: Reply, name: str) -> bool:
    return any(name in n for n in field_names(reply))


async def log(fake: FakeDiscord, member: Member, distance: str, time: str, day: date | None = None) -> Reply:
    options = {"date": day.isoformat()} if day else {}
    reply = await fake.slash(member, "run log", distance=distance, time=time, **options)
    assert reply.embeds and reply.embeds[0]["title"] == "Run logged", reply.content
    return reply


async def test_a_steady_new_member_is_never_told_of_a_jump(fake, club, bot) -> None:
    """10 km every Tuesday and Friday since the Tuesday four weeks ago: each week matches the weeks before."""
    member = newcomer(fake, club, "insight")
    start = monday() - timedelta(weeks=4) + timedelta(days=1)
    days = [start + timedelta(days=d) for d in range((today() - start).days + 1)]
    for day in (d for d in days if d.weekday() in (1, 4)):
        reply = await log(fake, member, "10k", "55:00", day)
        assert not has_field(reply, JUMP), (day, reply.embed_text())
    stats = await fake.slash(member, "run stats", period="week")
    assert "Mileage jumps" not in stats.embed_text()


async def test_a_back_filled_52_mile_week_is_flagged_in_the_reply_and_in_stats(fake, club, bot) -> None:
    member = newcomer(fake, club, "insight")
    await fake.slash(member, "profile set", units="mi")
    base = monday()
    for back, miles in ((7, 15), (6, 20), (5, 23), (4, 18), (2, 17), (1, 16)):
        time = f"{miles * 9 // 60}:{miles * 9 % 60:02d}:00"  # 9 min a mile
        reply = await log(fake, member, f"{miles}mi", time, base - timedelta(weeks=back))
        assert not has_field(reply, JUMP), reply.embed_text()
    week = base - timedelta(weeks=3)  # the gap, filled in afterwards: 4 weeks before average 19 mi
    first = await log(fake, member, "20mi", "3:00:00", week + timedelta(days=1))
    assert not has_field(first, JUMP)  # 20 mi: not over 1.3x 19 mi
    jumped = await log(fake, member, "32mi", "5:00:00", week + timedelta(days=5))
    assert has_field(jumped, JUMP), jumped.embed_text()
    said = f"The week of {week.day} {week:%b} is now 52.00 mi, 2.7× the 4 weeks before"
    assert said in jumped.embed_text()
    stored = query(bot.database, "SELECT sum(distance_m) FROM runs WHERE user_id = ?", (member.id,))[0][0]
    assert stored == pytest.approx(161 * 1609.344)

    stats = await stats_chart(fake, await fake.slash(member, "run stats", period="week"))
    assert "Mileage jumps" in stats.embed_text()
    assert f"Week of {week.day} {week:%b}: 52.00 mi, 2.7× the 4 weeks before" in stats.embed_text()
    assert "red: a mileage jump" in stats.embed_text()


async def test_the_chart_follows_the_period(fake, club, bot) -> None:
    member = newcomer(fake, club, "insight")
    for back in (0, 40, 100, 200):
        await log(fake, member, "8k", "44:00", today() - timedelta(days=back))
    week, month, year, everything = [
        await stats_chart(fake, await fake.slash(member, "run stats", period=period))
        for period in ("week", "month", "year", "all")
    ]
    assert "Distance by week, last 12 weeks" in week.embed_text() and "Distance by week" in month.embed_text()
    assert "Distance by month, last 12 months" in year.embed_text()
    assert "Distance by month" in everything.embed_text()
    assert week.files["weekly.png"] != year.files["weekly.png"]
    assert week.files["weekly.png"] == month.files["weekly.png"]  # the same 12 weeks
    assert year.files["weekly.png"] == everything.files["weekly.png"]  # the same 12 months


async def test_the_leaderboard_names_its_zone_and_counts_by_the_servers_week(fake, club, bot) -> None:
    utc_board = await fake.slash(club.alice, "leaderboard")
    assert "Weeks start Monday, UTC (the server has no reminder zone)" in utc_board.embed_text()

    set_reply = await fake.slash(
        club.admin, "server reminders set", options={"channel": club.runs}, time="6pm", timezone="Europe/Berlin"
    )
    assert "Club ping set" in set_reply.content
    member = newcomer(fake, club, "insight")
    await fake.slash(member, "profile set", timezone="Europe/Berlin")
    berlin_today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    berlin_monday = berlin_today - timedelta(days=berlin_today.weekday())
    # A run late on the Sunday before this Berlin week: last week's, on any day this test runs.
    await log(fake, member, "42k", "4:00:00", berlin_monday - timedelta(days=1))
    board = await fake.slash(club.alice, "leaderboard")
    text = board.embed_text()
    assert "Weeks start Monday, Europe/Berlin (the server's reminder zone)" in text
    assert f"since {berlin_monday:%a %d %b %Y}" in text
    assert f"<@{member.id}>" not in text
    await log(fake, member, "5k", "25:00", berlin_today)
    assert f"<@{member.id}> — **5.00 km**" in (await fake.slash(club.alice, "leaderboard")).embed_text()
    month = await fake.slash(club.alice, "leaderboard", period="month")
    assert "Months start on the 1st, Europe/Berlin" in month.embed_text()


async def test_the_first_log_says_which_zone_dates_the_runs_once(fake, club, bot) -> None:
    member = newcomer(fake, club, "insight")
    first = await log(fake, member, "5k", "25:00")
    assert has_field(first, ZONE)
    assert "dated in UTC" in first.embed_text() and "/profile set timezone: Europe/Berlin" in first.embed_text()
    flag = query(
        bot.database,
        "SELECT zone_noticed FROM members WHERE guild_id = ? AND user_id = ?",
        (club.guild.id, member.id),
    )
    assert flag == [(1,)]
    assert not has_field(await log(fake, member, "5k", "25:00"), ZONE)

    chose = newcomer(fake, club, "insight")
    await fake.slash(chose, "profile set", timezone="America/New_York")
    assert not has_field(await log(fake, chose, "5k", "25:00"), ZONE)
