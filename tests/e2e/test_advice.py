"""/advice and /tips: the seed question, red flags, votes, and admin curation."""

from __future__ import annotations

import json

import pytest

from standin import CommandUsageError
from tests.e2e.helpers import press, query

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_seed_question_gets_back_core_and_form_tips_with_sources(fake, club, bot) -> None:
    reply = await fake.slash(club.alice, "advice", question="my lower back spasms at mile 17 of my long run")
    assert reply.ephemeral and len(reply.embeds) == 3
    topics = {e["author"]["name"].split(" · ")[1] for e in reply.embeds}
    assert topics & {"back", "core", "form", "long-run"}, topics
    assert "back" in topics
    for embed in reply.embeds:
        source = next(f["value"] for f in embed["fields"] if f["name"] == "Source")
        assert len(source) > 10
    assert reply.embeds[-1]["footer"]["text"] == "Tips from runners and coaches, not medical advice."
    assert "see a doctor" not in reply.content.lower()


def tip_tags(bot, reply) -> list[str]:
    ids = [int(e["author"]["name"].split(" · ")[0][1:]) for e in reply.embeds]
    return [query(bot.database, "SELECT tags FROM tips WHERE id = ?", (i,))[0][0] for i in ids]


async def test_emergency_banner_and_only_tips_about_that_situation(fake, club, bot) -> None:
    reply = await fake.slash(club.bob, "advice", question="chest pain and dizzy on the hill, also tight calves")
    assert reply.content.startswith("🚨 Chest pain and dizziness: stop and get urgent medical help now")
    assert reply.embeds and all("redflag-cardiac" in tags for tags in tip_tags(bot, reply)), tip_tags(bot, reply)
    assert not any("stretch" in e["title"].lower() for e in reply.embeds)
    assert reply.embeds[-1]["footer"]["text"] == "Tips from runners and coaches, not medical advice."


async def test_doctor_today_banner_leads_with_the_tip_about_it(fake, club, bot) -> None:
    reply = await fake.slash(club.bob, "advice", question="after my marathon my wee looked like coke")
    assert reply.content == "⚠️ Dark urine: please see a doctor today, and don't run until you have."
    assert "redflag-rhabdo" in tip_tags(bot, reply)[0]


async def test_doctor_or_physio_banner_for_numbness(fake, club, bot) -> None:
    reply = await fake.slash(club.bob, "advice", question="no feeling in my foot after 10 miles")
    assert reply.content.startswith("⚠️ Numbness or tingling: please see a doctor or physiotherapist before you run")


async def test_negated_symptom_and_ordinary_question_get_no_banner(fake, club, bot) -> None:
    negated = await fake.slash(club.bob, "advice", question="no chest pain or dizziness, just a side stitch")
    assert negated.content in (None, "") and negated.embeds
    assert " · breathing · " in negated.embeds[0]["author"]["name"]
    blister = await fake.slash(club.bob, "advice", question="small blood blister on my toe")
    assert blister.content in (None, "") and " · skin · " in blister.embeds[0]["author"]["name"]
    assert "doctor" not in blister.embeds[0]["description"][:120].lower()


async def test_topic_only_and_autocomplete_and_nothing_found(fake, club, bot) -> None:
    reply = await fake.slash(club.alice, "advice", topic="core")
    assert all(" · core · " in e["author"]["name"] for e in reply.embeds)
    choices = await fake.autocomplete(club.alice, "advice", "topic", "str")
    assert [c["value"] for c in choices] == ["stretching"]
    empty = await fake.slash(club.alice, "advice", question="xylophone quartz")
    assert "No tip matched" in empty.content and "`" in empty.content
    with pytest.raises(CommandUsageError, match="question"):  # Discord stops it while the member types
        await fake.slash(club.alice, "advice", question="a" * 301)


async def test_votes_are_one_per_member_per_tip(fake, club, bot) -> None:
    reply = await fake.slash(club.alice, "advice", question="gels during a marathon")
    tip_id = int(reply.embeds[0]["author"]["name"].split(" · ")[0][1:])
    up = await fake.click(club.alice, reply, f"👍 #{tip_id}")
    assert "helpful" in up.content
    await fake.click(club.alice, reply, f"👍 #{tip_id}")
    await fake.click(club.alice, reply, f"👎 #{tip_id}")
    assert query(bot.database, "SELECT vote FROM tip_votes WHERE user_id = ? AND tip_id = ?",
                 (club.alice.id, tip_id)) == [(-1,)]  # fmt: skip
    # A crafted button for a tip this server does not have counts nothing and says why.
    forged = await press(fake, club.alice, reply, "vote:987654321:1")
    assert forged.ephemeral and "Tip #987654321 is no longer among this server's tips" in forged.content
    assert query(bot.database, "SELECT count(*) FROM tip_votes WHERE tip_id = 987654321") == [(0,)]


TIPS_COMMANDS = [
    ("tips add", {"topic": "back", "title": "t", "body": "b"}),
    ("tips edit", {"id": 1, "title": "x"}),
    ("tips remove", {"id": 1}),
    ("tips restore", {"id": 1}),
    ("tips hide", {"id": 1}),
    ("tips unhide", {"id": 1}),
    ("tips list", {}),
    ("tips topics", {}),
    ("tips export", {}),
    ("tips log", {}),
]


@pytest.mark.parametrize(("command", "options"), TIPS_COMMANDS)
async def test_members_cannot_run_tips_commands_even_bypassing_the_client(fake, club, bot, command, options) -> None:
    schema = next(c for c in fake.commands(club.guild) if c["name"] == "tips")
    assert schema["default_member_permissions"] == str(0x20)
    saved = schema.pop("default_member_permissions")  # a client that ignores the hidden permission
    try:
        reply = await fake.slash(club.bob, command, **options)
    finally:
        schema["default_member_permissions"] = saved
    assert reply.ephemeral and "Manage Server" in reply.content
    assert query(bot.database, "SELECT count(*) FROM tip_audit WHERE user_id = ?", (club.bob.id,)) == [(0,)]


async def test_add_remove_restore_and_hide(fake, club, bot) -> None:
    added = await fake.slash(
        club.admin, "tips add", topic="back", title="Club hill loop @everyone",
        body="Walk the zebraquartz hill loop to loosen your back <@&123>.", source="Club coach", tags="zebraquartz",
    )  # fmt: skip
    tip_id = int(added.content.split("#")[1].rstrip("."))
    assert added.allowed_mentions == {"parse": []}
    found = await fake.slash(club.alice, "advice", question="zebraquartz")
    assert "Club hill loop" in found.embed_text() and found.allowed_mentions == {"parse": []}

    await fake.slash(club.admin, "tips remove", id=tip_id)
    gone = await fake.slash(club.alice, "advice", question="zebraquartz")
    assert "No tip matched" in gone.content
    await fake.slash(club.admin, "tips restore", id=tip_id)
    back = await fake.slash(club.alice, "advice", question="zebraquartz")
    assert "Club hill loop" in back.embed_text()

    edited = await fake.slash(club.admin, "tips edit", id=tip_id, title="Hill loop")
    assert "Hill loop" in edited.embed_text()
    with pytest.raises(CommandUsageError, match="title"):  # Discord stops it while the admin types
        await fake.slash(club.admin, "tips edit", id=tip_id, title="x" * 101)

    builtin = await fake.slash(club.alice, "advice", question="gels")
    builtin_id = int(builtin.embeds[0]["author"]["name"].split(" · ")[0][1:])
    await fake.slash(club.admin, "tips hide", id=builtin_id)
    hidden = await fake.slash(club.alice, "advice", question="gels")
    assert f"#{builtin_id} " not in hidden.embed_text()
    # hidden for this server only
    fake.world.guild_commands[club.other_guild.id] = fake.world.guild_commands[club.guild.id]
    elsewhere = await fake.slash(club.stranger, "advice", question="gels", guild=club.other_guild)
    assert f"#{builtin_id} " in elsewhere.embed_text()
    await fake.slash(club.admin, "tips unhide", id=builtin_id)
    shown = await fake.slash(club.alice, "advice", question="gels")
    assert f"#{builtin_id} " in shown.embed_text()

    log = await fake.slash(club.admin, "tips log")
    lines = log.embeds[0]["description"].splitlines()
    who = f"<@{club.admin.id}>"
    expected = [  # newest first, each a sentence: when, who, what
        f"{who} unhid built-in tip #{builtin_id}",
        f"{who} hid built-in tip #{builtin_id}",
        f"{who} edited tip #{tip_id}: changed the title to “Hill loop”.",
        f"{who} restored tip #{tip_id} “Club hill loop @everyone”.",
        f"{who} removed tip #{tip_id} “Club hill loop @everyone”.",
        f"{who} added tip #{tip_id} “Club hill loop @everyone” on back.",
    ]
    for line, sentence in zip(lines, expected, strict=False):
        assert line.startswith("<t:") and sentence in line
    assert len(lines) >= len(expected) and "{" not in log.embed_text()  # no raw JSON
    assert log.allowed_mentions == {"parse": []}


async def test_import_is_all_or_nothing_and_export_round_trips(fake, club, bot) -> None:
    def count() -> int:
        return query(bot.database, "SELECT count(*) FROM tips WHERE guild_id = ?", (club.guild.id,))[0][0]

    before = count()
    document = {
        "tips": [
            {"topic": "hydration", "title": "Carry water on hot days", "body": "Plan a loop past a fountain."},
            {"topic": "hydration", "title": "Too long", "body": "x" * 1501},
            {"topic": "pacing", "title": "Negative splits", "body": "Start slower than goal pace."},
        ]
    }
    payload = json.dumps(document, indent=2).encode()
    reply = await fake.slash(club.admin, "tips import", file=fake.attachment("tips.json", payload))
    assert "Nothing was imported" in reply.content and "entry 2 (line 8)" in reply.content
    assert count() == before

    broken = await fake.slash(club.admin, "tips import", file=fake.attachment("tips.json", b'{"tips": [}'))
    assert "not valid JSON: line 1" in broken.content

    del document["tips"][1]
    ok = await fake.slash(club.admin, "tips import", file=fake.attachment("tips.json", json.dumps(document).encode()))
    assert "2 added, 0 updated, 0 skipped" in ok.content and count() == before + 2

    exported = await fake.slash(club.admin, "tips export")
    first = exported.files["stride-tips.json"]
    again = await fake.slash(club.admin, "tips import", file=fake.attachment("tips.json", first))
    assert "0 added, 0 updated" in again.content
    second = (await fake.slash(club.admin, "tips export")).files["stride-tips.json"]
    assert first == second

    full = await fake.slash(club.admin, "tips export", include_builtin=True)
    entries = json.loads(full.files["stride-tips.json"])["tips"]
    assert sum(1 for e in entries if e.get("builtin")) >= 60
