"""What a new club hit in its first month, as the members saw it: records in miles, impossible time
readings, pain notes that say there is no pain, insights that nag or mislead, personal nudges on a
public log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.running.units import FIVE_K_M, METRES_PER_MILE, TEN_K_M, format_duration
from standin import FakeDiscord
from standin.client import Reply
from standin.options import CommandUsageError, find_command
from standin.state import Member
from tests.e2e.helpers import monday, newcomer, query, today
from tests.fakediscord.fixtures import Club
from tests.unit.importing.samples import ten_miler_gpx

pytestmark = pytest.mark.asyncio(loop_scope="module")


def stored(bot, member: Member) -> list[tuple]:
    return query(
        bot.database,
        "SELECT run_date, distance_m, duration_s, pain FROM runs WHERE user_id = ? ORDER BY id",
        (member.id,),
    )


def field_names(reply: Reply) -> list[str]:
    return [f["name"] for e in reply.embeds for f in e.get("fields", [])]


async def log(fake: FakeDiscord, member: Member, distance: str, time: str, day: date | None = None, **more) -> Reply:
    options = {"date": day.isoformat()} if day else {}
    reply = await fake.slash(member, "run log", distance=distance, time=time, **options, **more)
    assert reply.embeds and reply.embeds[0]["title"] == "Run logged", reply.content
    return reply


# --- records in miles ---------------------------------------------------------------------------


async def test_a_miles_runners_3_1_and_6_2_are_5k_and_10k_records(fake, club, bot) -> None:
    member = newcomer(fake, club)
    await fake.slash(member, "profile set", units="mi")
    five = await log(fake, member, "3.1mi", "22:00", today() - timedelta(days=1))
    assert "New record" in five.embed_text() and "5K" in five.embed_text()
    ten = await log(fake, member, "6.2", "48:00")
    assert "New record" in ten.embed_text() and "10K" in ten.embed_text()
    text = (await fake.slash(member, "run records")).embed_text()
    five_k = format_duration(22 * 60 * FIVE_K_M / (3.1 * METRES_PER_MILE))
    ten_k = format_duration(48 * 60 * TEN_K_M / (6.2 * METRES_PER_MILE))
    assert f"**5K** — {five_k}" in text and "of 3.10 mi" in text
    assert f"**10K** — {ten_k}" in text and "of 6.20 mi" in text
    assert "5K** — not yet" not in text and "10K** — not yet" not in text
    assert "**Half marathon** — not yet (a run of 13.10 mi–13.37 mi counts)" in text


async def test_a_km_members_6_2mi_is_a_10k_record(fake, club, bot) -> None:
    member = newcomer(fake, club)
    logged = await log(fake, member, "6.2mi", "50:00")
    assert "New record" in logged.embed_text() and "10K" in logged.embed_text()
    text = (await fake.slash(member, "run records")).embed_text()
    assert f"**10K** — {format_duration(3000 * TEN_K_M / (6.2 * METRES_PER_MILE))}" in text and "of 9.98 km" in text
    assert "**5K** — not yet (a run of 4.99 km–5.10 km counts)" in text


# --- impossible time readings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("distance", "time", "paces"),
    [
        ("5k", "5:00", ("1:00 /km", "60:00 /km")),
        ("5k", "2:00", ("0:24 /km", "24:00 /km")),
        ("10k", "10:00", ("1:00 /km", "60:00 /km")),
    ],
)
async def test_a_time_that_is_no_running_pace_either_way_is_asked_about(fake, club, bot, distance, time, paces) -> None:
    member = newcomer(fake, club)
    reply = await fake.slash(member, "run log", distance=distance, time=time)
    assert reply.ephemeral and not reply.embeds
    assert f"Which did you mean by `{time}`?" in reply.content and "nothing was logged" in reply.content
    assert all(f"a pace of {pace}" in reply.content for pace in paces)
    assert stored(bot, member) == []
    assert "**5K** — not yet" in (await fake.slash(member, "run records")).embed_text()


async def test_a_long_race_in_h_mm_is_still_read_as_hours(fake, club, bot) -> None:
    member = newcomer(fake, club)
    reply = await log(fake, member, "half", "1:45")
    assert "I read `1:45` as 1 h 45 min" in reply.embed_text() and "1:45:00" in reply.embed_text()
    assert [row[2] for row in stored(bot, member)] == [6300]
    asked = await fake.slash(member, "pace", distance="5k", time="5:00")
    assert asked.ephemeral and "Which did you mean" in asked.content


# --- pain notes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("pain", ["no pain today", "pain free!", "no knee pain, felt great"])
async def test_a_pain_note_saying_nothing_hurt_is_not_pain(fake, club, bot, pain) -> None:
    member = newcomer(fake, club)
    reply = await log(fake, member, "10k", "50:00", pain=pain)
    assert not [name for name in field_names(reply) if "🩹" in name or "🩺" in name], reply.embed_text()
    assert "physiotherapist" not in reply.embed_text()
    assert stored(bot, member)[0][3] == pain  # kept as written


async def test_pain_when_walking_is_triaged_as_in_advice(fake, club, bot) -> None:
    member = newcomer(fake, club)
    pain = "sharp pain in my shin, hurts to walk"
    reply = await log(fake, member, "10k", "50:00", pain=pain)
    text = reply.embed_text()
    assert "🩺 Please get this checked" in field_names(reply)
    assert "⚠️ Pain when walking: please see a sports doctor or physiotherapist before you run again." in text
    assert "bone stress injury" in text and "Ease off" not in text and "/advice topic: shin" in text
    advice = await fake.slash(member, "advice", question=pain)
    assert "⚠️ Pain when walking: please see a sports doctor or physiotherapist before you run again." in advice.text()
    assert stored(bot, member)[0][3] == pain


# --- insights that nag or mislead ---------------------------------------------------------------

JUMP, LONGEST = "📈 Big jump in mileage", "🏔️ Longest run in 8 weeks"


async def steady_mondays(fake: FakeDiscord, member: Member, weeks: range) -> None:
    for back in weeks:
        await log(fake, member, "10k", "50:00", monday() - timedelta(weeks=back))


async def test_a_week_that_jumped_is_told_once_not_on_every_log(fake, club, bot) -> None:
    member = newcomer(fake, club)
    await steady_mondays(fake, member, range(5, 1, -1))  # 10 km in each of the 4 weeks before last week
    last_week = monday() - timedelta(weeks=1)
    told = []
    for day, km in enumerate((7, 7, 3, 3, 3, 3)):  # back-filled into last week: 14 km tips it over
        reply = await log(fake, member, f"{km}k", f"{km * 5}:00", last_week + timedelta(days=day))
        told.append(JUMP in field_names(reply))
    assert told == [False, True, False, False, False, False]
    this_week = [JUMP in field_names(await log(fake, member, "20k", "1:40:00")) for _ in range(3)]
    assert this_week == [True, False, False]  # 20 km against an average of 14 km: told once too


async def test_the_jump_of_last_week_is_worded_in_the_past(fake, club, bot) -> None:
    member = newcomer(fake, club)
    await steady_mondays(fake, member, range(5, 1, -1))
    reply = await log(fake, member, "20k", "1:40:00", monday() - timedelta(days=3))
    assert "Last week you ran 20.00 km, 100% more than your average" in reply.embed_text()


async def test_a_second_ever_run_is_not_the_longest_in_8_weeks(fake, club, bot) -> None:
    member = newcomer(fake, club)
    await log(fake, member, "5k", "25:00", today() - timedelta(days=3))
    reply = await log(fake, member, "15k", "1:20:00")
    assert LONGEST not in field_names(reply), reply.embed_text()


async def test_a_back_dated_run_is_compared_with_later_runs_in_the_window(fake, club, bot) -> None:
    member, control = newcomer(fake, club), newcomer(fake, club)
    for who in (member, control):
        await steady_mondays(fake, who, range(4, 0, -1))
    await log(fake, member, "half", "1:50:00", today() - timedelta(days=1))
    back_dated = await log(fake, member, "12k", "1:00:00", today() - timedelta(days=3))
    assert LONGEST not in field_names(back_dated), back_dated.embed_text()
    longest = await log(fake, control, "12k", "1:00:00", today() - timedelta(days=3))
    assert LONGEST in field_names(longest)
    assert "12.00 km is your longest run in 8 weeks, 20% further than 10.00 km" in longest.embed_text()


async def test_a_years_weekly_average_counts_weeks_from_the_first_run(fake, club, bot) -> None:
    member = newcomer(fake, club)
    await steady_mondays(fake, member, range(3, -1, -1))  # 4 Mondays, this week's included
    text = (await fake.slash(member, "run stats", period="year")).embed_text()
    assert "10.00 km over 4 weeks" in text, text


# --- personal nudges on a public log ------------------------------------------------------------


async def private_follow_up(fake: FakeDiscord, reply: Reply) -> Reply:
    return await fake.wait_until(
        lambda: next((m for m in fake.followups(reply) if m.ephemeral), None), what="the private follow-up"
    )


async def test_a_public_log_keeps_the_time_zone_notice_and_the_jump_to_the_member(fake, club, bot) -> None:
    member = newcomer(fake, club)
    first = await fake.slash(member, "run log", distance="10k", time="50:00", date="28 days ago", public=True)
    assert not first.ephemeral and "10.00 km" in first.embed_text()
    assert "Time zone" not in first.embed_text() and "UTC" not in first.embed_text()
    private = await private_follow_up(fake, first)
    assert "🕒 Time zone" in field_names(private) and "Your runs are dated in UTC" in private.embed_text()
    for back in (21, 14, 7):
        await log(fake, member, "10k", "50:00", today() - timedelta(days=back))
    jumped = await fake.slash(member, "run log", distance="50k", time="4:30:00", public=True)
    assert not jumped.ephemeral and "50.00 km" in jumped.embed_text()
    assert JUMP not in field_names(jumped) and "more than your average" not in jumped.embed_text()
    nudge = await private_follow_up(fake, jumped)
    assert JUMP in field_names(nudge) and "400% more than your average" in nudge.embed_text()
    assert nudge.allowed_mentions == {"parse": []}
    channel = [m.embed_text() + m.content for m in fake.messages_in(club.general)]
    assert not any("Big jump" in text or "dated in UTC" in text for text in channel)


# --- replies that leave things out ------------------------------------------------------------


async def test_an_edit_that_sets_a_shoe_shows_it(fake, club, bot) -> None:
    member = newcomer(fake, club)
    await fake.slash(member, "shoes add", name="Pegasus 40")
    logged = await log(fake, member, "10k", "50:00")
    run_id = int(logged.embeds[0]["footer"]["text"].split("#")[1])
    edited = await fake.slash(member, "run edit", id=run_id, shoe="Pegasus 40")
    assert "Run updated" in edited.embed_text() and "Shoe" in field_names(edited)
    assert "Pegasus 40" in edited.embed_text()
    shoe_of_run = "SELECT s.name FROM runs r JOIN shoes s ON s.id = r.shoe_id WHERE r.id = ?"
    assert query(bot.database, shoe_of_run, (run_id,)) == [("Pegasus 40",)]
    again = await fake.slash(member, "run edit", id=run_id, effort=5)  # the shoe stays in the reply
    assert "Pegasus 40" in again.embed_text()


async def test_a_record_inside_a_longer_run_takes_the_place_of_not_yet(fake, club, bot) -> None:
    member = newcomer(fake, club)
    await fake.slash(member, "run import", file=fake.attachment("ten.gpx", ten_miler_gpx().encode()))
    text = (await fake.slash(member, "run records")).embed_text()
    assert "**5K** 20:50 — inside your 16.1 km run of 12 Oct 2026" in text
    assert "**5K** — not yet" not in text and "**10K** — not yet" not in text
    assert text.count("**5K**") == 1 and "**Half marathon** — not yet" in text


async def test_the_same_run_logged_twice_says_so_with_both_ids(fake, club, bot) -> None:
    member = newcomer(fake, club)
    first = await log(fake, member, "10k", "50:00", today() - timedelta(days=1))
    assert "Logged twice" not in first.embed_text()
    second = await log(fake, member, "10 km", "50:00", today() - timedelta(days=1))
    ids = [row[0] for row in query(bot.database, "SELECT id FROM runs WHERE user_id = ? ORDER BY id", (member.id,))]
    assert len(ids) == 2
    assert "🔁 Logged twice?" in field_names(second)
    assert f"Run #{ids[0]} has the same date, distance and time" in second.embed_text()
    assert f"`/run delete id: {ids[1]}`" in second.embed_text()
    other_day = await log(fake, member, "10k", "50:00")
    assert "Logged twice" not in other_day.embed_text()


# --- text limits declared to Discord ----------------------------------------------------------

TEXT_LIMITS = [
    ("run log", "notes", 500),
    ("run log", "pain", 200),
    ("run edit", "notes", 500),
    ("run edit", "pain", 200),
    ("shoes add", "name", 60),
    ("advice", "question", 300),
    ("remind set", "message", 200),
    ("profile set", "goal_race", 100),
    ("tips add", "title", 100),
    ("tips add", "body", 1500),
    ("tips add", "source", 300),
    ("tips edit", "title", 100),
    ("tips edit", "body", 1500),
    ("tips edit", "source", 300),
]


def option_schema(fake: FakeDiscord, club: Club, path: str, name: str) -> dict:
    _, _, options = find_command(fake.commands(club.guild), path)
    return next(o for o in options if o["name"] == name)


@pytest.mark.parametrize(("path", "option", "limit"), TEXT_LIMITS)
async def test_text_options_declare_their_limit_to_discord(fake, club, bot, path, option, limit) -> None:
    assert option_schema(fake, club, path, option).get("max_length") == limit


async def test_discord_stops_a_note_at_its_limit_while_the_member_types(fake, club, bot) -> None:
    member = newcomer(fake, club)
    with pytest.raises(CommandUsageError, match="notes"):
        await fake.slash(member, "run log", distance="5k", time="25:00", notes="x" * 501)
    assert stored(bot, member) == []
    logged = await log(fake, member, "5k", "25:00", notes="x" * 500, pain="y" * 200)
    assert "x" * 500 in logged.embed_text()
    assert query(bot.database, "SELECT length(notes), length(pain) FROM runs WHERE user_id = ?", (member.id,)) == [
        (500, 200)
    ]
