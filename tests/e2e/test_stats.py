"""/run stats, /run records, insights in the /run log reply, /leaderboard and /profile show, end to end."""

from __future__ import annotations

import struct
from datetime import date, timedelta

import pytest

from standin import FakeDiscord
from standin.client import Reply
from standin.state import Member
from tests.e2e.helpers import monday, newcomer, stats_chart, today

pytestmark = pytest.mark.asyncio(loop_scope="module")


JUMP, LONGEST = "Big jump in mileage", "Longest run in 8 weeks"
SHOE_CHECK, SHOE_RETIRE = "Shoes getting worn", "Shoes past their life"
PAIN, PAIN_AGAIN, RED_FLAG = "Pain noted", "Pain keeps coming back", "Please get this checked"
WARNINGS = (JUMP, LONGEST, SHOE_CHECK, SHOE_RETIRE, PAIN, PAIN_AGAIN, RED_FLAG)


def warnings(reply: Reply) -> list[str]:
    names = [f["name"] for e in reply.embeds for f in e.get("fields", [])]
    return [w for w in WARNINGS if any(w in n for n in names)]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    return struct.unpack(">II", data[16:24])


async def log(fake: FakeDiscord, member: Member, distance: str, time: str, day: date | None = None, **more) -> Reply:
    options = {"date": day.isoformat()} if day else {}
    reply = await fake.slash(member, "run log", distance=distance, time=time, **options, **more)
    assert reply.embeds and reply.embeds[0]["title"] == "Run logged", reply.content
    return reply


async def five_steady_weeks(fake: FakeDiscord, member: Member, weeks: int = 5) -> None:
    """10 km on the Monday of each of the previous `weeks` weeks, oldest first: no warnings."""
    for back in range(weeks, 0, -1):
        reply = await log(fake, member, "10k", "50:00", monday() - timedelta(weeks=back))
        assert warnings(reply) == []


# --- /run stats and /run records ---------------------------------------------------------------


async def test_stats_total_a_history_logged_with_past_dates(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    half_day = today() - timedelta(days=40)
    await log(fake, member, "10k", "50:00")
    await log(fake, member, "5k", "25:00", today() - timedelta(days=7))
    await log(fake, member, "half", "1:45:00", half_day)

    reply = await fake.slash(member, "run stats")
    assert reply.ephemeral
    text = reply.embed_text()
    for expected in (
        "all time",
        "Runs\n3",
        "Distance\n36.10 km",
        "Time\n3:00:00",
        "Average pace\n4:59 /km",
        f"Longest run\n21.10 km on {half_day.isoformat()}",
        "Weekly average\n",
        "2 weeks in a row",
        "**Half marathon** — 1:45:00",
    ):
        assert expected in text
    # The numbers come first, without a chart; the same reply is then edited to show it.
    assert reply.file_names[0] == () and "image" not in reply.embeds[0]
    charted = await stats_chart(fake, reply)
    assert charted.id == reply.id and charted.ephemeral
    assert charted.embeds[0]["image"]["url"] == "attachment://weekly.png"
    assert "Chart\nDistance by month, last 12 months" in charted.embed_text()  # all time: by month
    assert [f for f in charted.embeds[0]["fields"] if f["name"] != "Chart"] == reply.embeds[0]["fields"]
    assert png_size(charted.files["weekly.png"]) == (800, 400)
    assert list(charted.files) == ["weekly.png"] and fake.followups(reply) == [charted]

    week = await fake.slash(member, "run stats", period="week")
    assert "Runs\n1" in week.embed_text() and "Distance\n10.00 km" in week.embed_text()
    assert "Weekly average" not in week.embed_text()
    assert png_size((await stats_chart(fake, week)).files["weekly.png"]) == (800, 400)


async def test_stats_in_miles_in_public_and_without_runs(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    empty = await fake.slash(member, "run stats")
    assert "No runs yet" in empty.embed_text() and empty.files == {}
    await fake.slash(member, "help")  # answered after the stats command finished...
    assert fake.message(empty.id).edits == 0 and fake.message(empty.id).files == {}  # ...and no chart came

    await fake.slash(member, "profile set", units="mi", weekly_goal="20mi")
    await log(fake, member, "6.2mi", "55:00")
    reply = await fake.slash(member, "run stats", period="month", public=True)
    assert not reply.ephemeral and reply.allowed_mentions.get("parse") == []
    assert "Distance\n6.20 mi" in reply.embed_text()
    charted = await stats_chart(fake, reply)
    assert not charted.ephemeral and "Distance\n6.20 mi" in charted.embed_text()
    assert png_size(charted.files["weekly.png"]) == (800, 400)


async def test_a_quiet_week_says_the_chart_is_below_once_it_is(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    await log(fake, member, "10k", "50:00", today() - timedelta(days=40))
    reply = await fake.slash(member, "run stats", period="week")
    assert reply.embeds[0]["description"] == "No runs in this period yet."
    charted = await stats_chart(fake, reply)
    assert charted.embeds[0]["description"] == "No runs in this period yet. Your recent distance is charted below."


async def test_stats_keep_the_numbers_when_the_chart_cannot_be_attached(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    await log(fake, member, "10k", "50:00")
    fake.fail_next("PATCH", r"/webhooks/\d+/[^/]+/messages/@original", 400)
    reply = await fake.slash(member, "run stats", period="week")
    assert "Distance\n10.00 km" in reply.embed_text()
    await fake.wait_until(lambda: "could not attach the stats chart" in bot.log(), what="the failure logged")
    await fake.slash(member, "help")  # the bot has moved on
    after = fake.message(reply.id)
    assert after.embed_text() == reply.embed_text() and after.files == {}
    assert fake.followups(reply) == [after]  # no error message under the numbers
    # The next look gets its chart.
    again = await fake.slash(member, "run stats", period="week")
    assert png_size((await stats_chart(fake, again)).files["weekly.png"]) == (800, 400)


async def test_records_show_scaled_times_and_new_records_are_announced(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    first = await log(fake, member, "5.05", "25:15", today() - timedelta(days=3))  # 101%: 25:00 over 5K
    assert "New record" in first.embed_text() and "5K" in first.embed_text()
    slower = await log(fake, member, "5k", "26:00", today() - timedelta(days=2))
    assert "New record" not in slower.embed_text()
    too_long = await log(fake, member, "10.21", "50:00", today() - timedelta(days=1))  # 102.1%: not a 10K
    assert "New record" not in too_long.embed_text()
    ten = await log(fake, member, "10.2", "51:00")  # 102%: 50:00 over 10K
    assert "New record" in ten.embed_text()

    reply = await fake.slash(member, "run records")
    assert reply.ephemeral
    text = reply.embed_text()
    assert f"**5K** — 25:00 (5:00 /km) · {(today() - timedelta(days=3)).isoformat()}" in text
    assert f"**10K** — 50:00 (5:00 /km) · {today().isoformat()}" in text
    assert "**Marathon** — not yet" in text and "**1 mile** — not yet" in text


# --- insights in the /run log reply -------------------------------------------------------------


async def test_steady_week_and_exactly_1_3x_stay_quiet(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    await five_steady_weeks(fake, member)
    assert warnings(await log(fake, member, "6.5k", "32:30")) == []
    assert warnings(await log(fake, member, "6.5k", "32:30")) == []  # 13 km = exactly 1.3x the 10 km average


async def test_mileage_jump(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    await five_steady_weeks(fake, member)
    assert warnings(await log(fake, member, "7k", "35:00")) == []
    reply = await log(fake, member, "7k", "35:00")  # 14 km this week, 1.4x
    assert warnings(reply) == [JUMP]
    assert "/advice topic: load" in reply.embed_text() and "40% more" in reply.embed_text()


async def test_two_weeks_of_history_is_too_little_for_a_jump(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    await five_steady_weeks(fake, member, weeks=2)
    assert warnings(await log(fake, member, "30k", "2:30:00")) == []  # two runs are too few for "longest" too


async def test_new_longest_run(fake, club, bot) -> None:
    quiet, longer = newcomer(fake, club, "runner"), newcomer(fake, club, "runner")
    await five_steady_weeks(fake, quiet)
    assert warnings(await log(fake, quiet, "11k", "55:00")) == []  # exactly 10% longer
    await five_steady_weeks(fake, longer)
    reply = await log(fake, longer, "12k", "1:00:00")
    assert warnings(reply) == [LONGEST]
    assert "Run new distances slower" in reply.embed_text() and "/advice topic: long-run" in reply.embed_text()


async def test_shoe_wear_at_80_and_100_percent(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    added = await fake.slash(member, "shoes add", name="Pegasus", retire_at="100k")
    assert "Pegasus" in added.content
    assert warnings(await log(fake, member, "40k", "3:20:00", shoe="Pegasus")) == []
    assert warnings(await log(fake, member, "39k", "3:15:00", shoe="Pegasus")) == []  # 79%
    check = await log(fake, member, "1k", "5:00", shoe="Pegasus")  # 80%
    assert warnings(check) == [SHOE_CHECK] and "80%" in check.embed_text()
    assert warnings(await log(fake, member, "10k", "50:00", shoe="Pegasus")) == []  # 90%: already told
    retire = await log(fake, member, "10k", "50:00", shoe="Pegasus")  # 100%
    assert warnings(retire) == [SHOE_RETIRE] and "/advice topic: shoes" in retire.embed_text()
    assert warnings(await log(fake, member, "5k", "25:00", shoe="Pegasus")) == []  # past it: said once


async def test_pain_recurring_and_red_flags(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    first = await log(fake, member, "30k", "2:45:00", today() - timedelta(days=10), pain="lower back spasms at 17 mi")
    assert warnings(first) == [PAIN] and "/advice topic: back" in first.embed_text()
    knee = await log(fake, member, "5k", "25:00", today() - timedelta(days=5), pain="sore knee")
    assert warnings(knee) == [PAIN] and "/advice topic: knee" in knee.embed_text()
    again = await log(fake, member, "10k", "50:00", pain="back tight again")
    assert warnings(again) == [PAIN_AGAIN]
    assert "doctor or physiotherapist" in again.embed_text() and "/advice topic: back" in again.embed_text()
    assert warnings(await log(fake, member, "5k", "25:00", pain="none")) == []
    flag = await log(fake, member, "5k", "25:00", pain="numbness in my foot")
    assert warnings(flag) == [RED_FLAG] and "doctor or physiotherapist" in flag.embed_text()


async def test_same_pain_three_weeks_apart_is_not_recurring(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    await log(fake, member, "10k", "50:00", today() - timedelta(days=22), pain="shin splints")
    assert warnings(await log(fake, member, "2k", "10:00", pain="shins sore")) == [PAIN]


# --- /leaderboard and /profile show ------------------------------------------------------------


async def test_leaderboard_ranks_by_distance_without_pings_and_leaves_out_opted_out(fake, club, bot) -> None:
    await log(fake, club.alice, "300k", "25:00:00")
    await log(fake, club.bob, "400k", "33:20:00")
    await log(fake, club.bob, "5k", "25:00")
    opted_out = await fake.slash(club.bob, "profile set", leaderboard="off")
    assert "Leaderboard\noff" in opted_out.embed_text()

    board = await fake.slash(club.admin, "leaderboard")
    assert not board.ephemeral
    assert board.allowed_mentions is not None and board.allowed_mentions.get("parse") == []
    assert board.content == ""  # mentions only inside the embed: shown as names, never pinged
    text = board.embed_text()
    assert f"🥇 <@{club.alice.id}> — **300.00 km** · 1 run" in text
    assert f"<@{club.bob.id}>" not in text
    assert "this week" in text and "Weeks start Monday, UTC" in text

    hidden = await fake.slash(club.bob, "leaderboard", period="month")
    assert f"<@{club.bob.id}>" not in hidden.embed_text() and "You're hidden" in hidden.embed_text()

    await fake.slash(club.bob, "profile set", leaderboard="on")
    back = await fake.slash(club.admin, "leaderboard", period="year")
    assert f"🥇 <@{club.bob.id}> — **405.00 km** · 2 runs" in back.embed_text()
    assert f"🥈 <@{club.alice.id}>" in back.embed_text()


async def test_profile_show_goal_countdown_and_weekly_progress(fake, club, bot) -> None:
    member = newcomer(fake, club, "runner")
    race_day = today() + timedelta(days=30)
    await fake.slash(
        member, "profile set", goal_race="Valencia Marathon", goal_date=race_day.isoformat(), weekly_goal="40k"
    )
    await log(fake, member, "10k", "50:00")
    reply = await fake.slash(member, "profile show")
    text = reply.embed_text()
    assert f"Valencia Marathon ({race_day.isoformat()}) — in 30 days" in text
    assert "███░░░░░░░░░ 10.00 km of 40.00 km (25%)" in text
