"""What a new club hit in its first month, as the members saw it: records in miles, impossible time
readings, pain notes that say there is no pain, insights that nag or mislead, personal nudges on a
public log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.running.units import FIVE_K_M, METRES_PER_MILE, TEN_K_M, format_duration
from tests.e2e.helpers import newcomer, query, today
from tests.fakediscord import FakeDiscord
from tests.fakediscord.client import Reply
from tests.fakediscord.state import Member

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
    assert "⚠️ Pain when walking: please see a doctor or physiotherapist before you run again." in text
    assert "bone stress injury" in text and "Ease off" not in text and "/advice topic: shin" in text
    advice = await fake.slash(member, "advice", question=pain)
    assert "⚠️ Pain when walking: please see a doctor or physiotherapist before you run again." in advice.text()
    assert stored(bot, member)[0][3] == pain
