"""/profile, /shoes, /me, /help, and isolation between members and servers."""

from __future__ import annotations

import json

import pytest

from tests.e2e.helpers import count_runs, query

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_profile_set_and_show(fake, club, bot) -> None:
    member = fake.add_member(club.guild, "planner")
    saved = await fake.slash(
        member,
        "profile set",
        units="km",
        timezone="europe/berlin",
        goal_race="Berlin Marathon",
        goal_date="2099-09-27",
        weekly_goal="40k",
    )
    assert saved.ephemeral and "Saved" in saved.content
    await fake.slash(member, "run log", distance="10k", time="55:00")
    shown = await fake.slash(member, "profile show")
    text = shown.embed_text()
    assert "Europe/Berlin" in text and "Berlin Marathon" in text and "days" in text
    assert "10.00 km of 40.00 km (25%)" in text and "███" in text
    assert query(bot.database, "SELECT timezone, weekly_goal_m FROM members WHERE user_id = ?", (member.id,)) == [
        ("Europe/Berlin", 40000.0)
    ]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"timezone": "Mars/Olympus"}, "time zone `Mars/Olympus`"),
        ({"goal_date": "next spring"}, "goal date"),
        ({"goal_date": "2001-01-01"}, "past"),
        ({"weekly_goal": "lots"}, "lots"),
    ],
)
async def test_profile_errors_change_nothing(fake, club, bot, options, expected) -> None:
    member = fake.add_member(club.guild, f"p{len(options)}{expected[:3]}")
    reply = await fake.slash(member, "profile set", **options)
    assert reply.ephemeral and expected.lower() in reply.content.lower()
    assert query(bot.database, "SELECT count(*) FROM members WHERE user_id = ?", (member.id,)) == [(0,)]


async def test_timezone_autocomplete(fake, club, bot) -> None:
    choices = await fake.autocomplete(club.alice, "profile set", "timezone", "Europe/Be")
    values = [c["value"] for c in choices]
    assert "Europe/Berlin" in values and "Europe/Belgrade" in values and len(values) <= 25


async def test_shoes_add_list_retire_and_autocomplete(fake, club, bot) -> None:
    member = fake.add_member(club.guild, "shoeperson")
    added = await fake.slash(member, "shoes add", name="Pegasus 40")
    assert "Pegasus 40" in added.content and "800.00 km" in added.content
    duplicate = await fake.slash(member, "shoes add", name="pegasus 40")
    assert "already have" in duplicate.content
    await fake.slash(member, "shoes add", name="Old Trail", retire_at="600km")
    choices = await fake.autocomplete(member, "run log", "shoe", "peg", distance="10k", time="50:00")
    assert [c["value"] for c in choices] == ["Pegasus 40"]
    await fake.slash(member, "run log", distance="20k", time="1:50:00", shoe="Pegasus 40")
    listed = await fake.slash(member, "shoes list")
    assert "20.00 km of 800.00 km (2%)" in listed.embed_text()
    retired = await fake.slash(member, "shoes retire", name="Pegasus 40")
    assert "Retired" in retired.content
    again = await fake.slash(member, "shoes retire", name="Pegasus 40")
    assert "already retired" in again.content
    missing = await fake.slash(member, "shoes retire", name="Nope")
    assert "no shoe called" in missing.content
    blocked = await fake.slash(member, "run log", distance="5k", time="25:00", shoe="Pegasus 40")
    assert "`Pegasus 40` is retired, so it takes no new runs" in blocked.content
    bad = await fake.slash(member, "shoes add", name="Too far", retire_at="100000km")
    assert bad.ephemeral and "retire" in bad.content.lower()


async def test_me_export_and_forget(fake, club, bot) -> None:
    member = fake.add_member(club.guild, "leaver")
    await fake.slash(member, "shoes add", name="Racer")
    await fake.slash(member, "run log", distance="5k", time="22:00", shoe="Racer", notes="parkrun")
    exported = await fake.slash(member, "me export")
    assert exported.ephemeral
    data = json.loads(exported.files["stride-data.json"])
    assert [r["notes"] for r in data["runs"]] == ["parkrun"] and data["shoes"][0]["name"] == "Racer"
    csv_text = exported.files["stride-runs.csv"].decode()
    assert csv_text.splitlines()[0].startswith("id,date,distance_km,time,pace_per_km") and "parkrun" in csv_text

    prompt = await fake.slash(member, "me forget")
    assert "cannot be undone" in prompt.content
    done = await fake.click(member, prompt, "Erase everything")
    assert "erased" in done.content
    for table in ("runs", "shoes", "members"):
        assert query(bot.database, f"SELECT count(*) FROM {table} WHERE user_id = ?", (member.id,)) == [(0,)]


async def test_help_lists_the_commands(fake, club, bot) -> None:
    reply = await fake.slash(club.alice, "help")
    text = reply.embed_text()
    for command in ("/run log", "/advice", "/remind set", "/profile set", "/me export"):
        assert command in text


async def test_members_and_servers_are_isolated(fake, club, bot) -> None:
    # The same person in two servers keeps two separate logs; commands must exist in the other server too.
    fake.world.guild_commands[club.other_guild.id] = fake.world.guild_commands[club.guild.id]
    twin = fake.add_member(club.other_guild, "twin", user=club.alice.user)
    await fake.slash(club.alice, "run log", distance="8k", time="40:00")
    await fake.slash(twin, "run log", distance="3k", time="15:00", guild=club.other_guild)
    alice_here = count_runs(bot.database, club.alice.id, club.guild.id)
    alice_there = count_runs(bot.database, club.alice.id, club.other_guild.id)
    assert alice_there == 1 and alice_here == 1
    history = await fake.slash(twin, "run history", guild=club.other_guild)
    assert "1 run ·" in history.embed_text() and "3.00 km" in history.embed_text()
    assert "8.00 km" not in history.embed_text()
    # bob never sees alice's runs
    bob_history = await fake.slash(club.bob, "run history")
    assert "8.00 km" not in bob_history.embed_text()
