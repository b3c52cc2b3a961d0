"""/challenge through the real bot and the fake Discord: the card and its buttons, progress from runs,
standings, the manager commands, and every refusal (ephemeral, naming the option, nothing stored)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from standin import CommandUsageError
from standin.state import SEND_MESSAGES
from tests.e2e.helpers import press, query

pytestmark = pytest.mark.asyncio(loop_scope="module")

TODAY = datetime.now(UTC).date()
START, END = TODAY - timedelta(days=3), TODAY + timedelta(days=20)


def challenge_count(bot) -> int:
    return query(bot.database, "SELECT count(*) FROM challenges")[0][0]


async def create(fake, club, name: str, **options):
    values = {"metric": "distance", "goal": "100k", "start": START.isoformat(), "end": END.isoformat(), **options}
    return await fake.slash(club.admin, "challenge create", name=name, in_channel=club.general, **values)


def card_of(fake, club, name: str):
    cards = [m for m in fake.messages_in(club.general) if m.embeds and name in m.embed_text() and m.buttons()]
    assert cards, f"no card for {name}"
    return cards[-1]


async def test_a_challenge_card_with_join_and_progress_from_runs(fake, club, bot) -> None:
    reply = await create(fake, club, "December 100k")
    assert reply.ephemeral and "December 100k" in reply.content
    card = card_of(fake, club, "December 100k")
    assert card.button_labels() == ["Join", "Leave"]
    assert card.allowed_mentions is not None and card.allowed_mentions.get("parse") == []
    await fake.slash(club.alice, "run log", distance="12k", time="60:00", date=(TODAY - timedelta(days=1)).isoformat())
    edited = await fake.click(club.alice, card, "Join")
    assert "Participants\n1" in edited.embed_text()
    note = await fake.wait_for_message(lambda m: m.ephemeral and "You're in" in m.content, channel=club.general)
    assert "12.0 km so far" in note.content
    await fake.slash(club.alice, "run log", distance="10k", time="50:00")
    shown = await fake.slash(club.alice, "challenge show", name="December 100k")
    assert shown.ephemeral and f"<@{club.alice.id}> — 22.0 km (22%)" in shown.embed_text()
    assert "#1 of 1" in shown.embed_text()
    stored = query(bot.database, "SELECT value FROM challenge_members WHERE user_id = ?", (club.alice.id,))
    assert stored == [(22000.0,)]


async def test_join_and_leave_by_command_and_the_only_active_one_by_default(fake, club, bot) -> None:
    await fake.slash(club.bob, "run log", distance="5k", time="25:00")
    joined = await fake.slash(club.bob, "challenge join", name="december 100K")
    assert "You're in" in joined.content and "5.0 km" in joined.content
    again = await fake.slash(club.bob, "challenge join", name="December 100k")
    assert "already in" in again.content
    shown = await fake.slash(club.bob, "challenge show")
    assert "Standings" in shown.embed_text() and "#2 of 2" in shown.embed_text()
    left = await fake.slash(club.bob, "challenge leave", name="December 100k")
    assert "You left" in left.content
    choices = await fake.autocomplete(club.bob, "challenge join", "name", "dec")
    assert [c["value"] for c in choices] == ["December 100k"]
    listed = await fake.slash(club.bob, "challenge list")
    assert "Active" in listed.embed_text() and "December 100k" in listed.embed_text()


async def test_club_mode_shows_the_total_and_top_contributors(fake, club, bot) -> None:
    await create(fake, club, "Club 50 runs", metric="runs", goal="50", mode="club")
    for member in (club.alice, club.bob):
        await fake.slash(member, "challenge join", name="Club 50 runs")
    shown = await fake.slash(club.alice, "challenge show", name="Club 50 runs", public=True)
    assert not shown.ephemeral
    text = shown.embed_text()
    assert "Club total" in text and "Top contributors" in text and "runs of 50 runs" in text


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"name": "December 100K"}, "already an active or upcoming challenge"),
        ({"name": "bad goal", "goal": "lots"}, "Couldn't read the distance goal `lots`. Try `100k`"),
        ({"name": "bad time", "metric": "time", "goal": "ages"}, "Try `20h`"),
        ({"name": "bad runs", "metric": "runs", "goal": "many"}, "Try `20` (runs)"),
        ({"name": "bad climb", "metric": "elevation", "goal": "high"}, "Try `2000m` or `6500ft`"),
        ({"name": "backwards", "end": (START - timedelta(days=1)).isoformat()}, "is before the start"),
        ({"name": "too long", "end": (START + timedelta(days=400)).isoformat()}, "at most 366"),
        ({"name": "bad start", "start": "someday"}, "Couldn't read the start `someday`"),
        ({"name": "bad end", "end": "never"}, "Couldn't read the end `never`"),
        ({"name": "over", "start": "2020-01-01", "end": "2020-01-31"}, "already passed"),
    ],
)
async def test_bad_input_is_refused_naming_the_option(fake, club, bot, options, expected) -> None:
    before = challenge_count(bot)
    reply = await create(fake, club, **options)
    assert reply.ephemeral and expected in reply.content, reply.content
    assert challenge_count(bot) == before


async def test_discord_stops_a_61_character_name_while_typing(fake, club, bot) -> None:
    """The 60-character limit is declared on the option, so Discord refuses the 61st character."""
    before = challenge_count(bot)
    with pytest.raises(CommandUsageError, match="length"):
        await create(fake, club, name="x" * 61)
    assert challenge_count(bot) == before


async def test_a_channel_stride_cannot_post_in_is_refused(fake, club, bot) -> None:
    closed = fake.add_channel(club.guild, "closed")
    await fake.dispatch("CHANNEL_CREATE", closed.payload())
    await fake.deny(closed, fake.bot, SEND_MESSAGES)
    before = challenge_count(bot)
    reply = await create(fake, club, "Closed", options={"channel": closed})
    assert reply.ephemeral and "can't post in" in reply.content and "channel:" in reply.content
    assert challenge_count(bot) == before


async def test_members_cannot_create_end_or_delete(fake, club, bot) -> None:
    before = challenge_count(bot)
    for command, extra in (("challenge create", {"metric": "runs", "goal": "5", "start": "today", "end": "today"}),
                           ("challenge end", {}), ("challenge delete", {})):  # fmt: skip
        reply = await fake.slash(club.alice, command, name="December 100k", **extra)
        assert reply.ephemeral and "Only server managers" in reply.content
    assert challenge_count(bot) == before


async def test_the_eleventh_open_challenge_is_refused(fake, club, bot) -> None:
    open_now = query(bot.database, "SELECT count(*) FROM challenges WHERE ends_at > ?",
                     (datetime.now(UTC).isoformat(timespec="seconds"),))[0][0]  # fmt: skip
    for i in range(10 - open_now):
        reply = await create(fake, club, f"Filler {i}", metric="runs", goal="5")
        assert "is on" in reply.content
    reply = await create(fake, club, "Eleventh", metric="runs", goal="5")
    assert "already has 10" in reply.content
    for i in range(10 - open_now):
        await fake.slash(club.admin, "challenge end", name=f"Filler {i}")


async def test_end_fixes_results_and_buttons_say_so(fake, club, bot) -> None:
    await create(fake, club, "Short one", metric="time", goal="1h")
    card = card_of(fake, club, "Short one")
    ended = await fake.slash(club.admin, "challenge end", name="Short one")
    assert "has ended" in ended.content
    refreshed = await fake.wait_for_edit(card)
    assert "Ended" in refreshed.embed_text()
    crafted = await press(fake, club.bob, card, card.button("Join")["custom_id"])
    assert crafted.ephemeral and "has ended" in crafted.content
    again = await fake.slash(club.admin, "challenge end", name="Short one")
    assert "has ended" in again.content
    rows = query(bot.database, "SELECT action FROM tip_audit WHERE action LIKE 'challenge:%' ORDER BY id")
    assert ("challenge:create",) in rows and ("challenge:end",) in rows


async def test_foreign_and_crafted_buttons_get_a_short_answer(fake, club, bot) -> None:
    card = card_of(fake, club, "December 100k")
    reply = await press(fake, club.bob, card, "stride:ch:join:99999999")
    assert reply.ephemeral and "deleted" in reply.content
    reply = await press(fake, club.bob, card, "stride:ch:explode:1")
    assert reply.ephemeral and "isn't one Stride made" in reply.content


async def test_delete_asks_first_then_removes_the_standings(fake, club, bot) -> None:
    await create(fake, club, "Doomed", metric="runs", goal="5")
    await fake.slash(club.alice, "challenge join", name="Doomed")
    prompt = await fake.slash(club.admin, "challenge delete", name="Doomed")
    assert prompt.ephemeral and "Delete **Doomed**" in prompt.content
    done = await fake.click(club.admin, prompt, "Delete")
    assert "Deleted **Doomed**" in done.content
    assert query(bot.database, "SELECT count(*) FROM challenges WHERE name = 'Doomed'") == [(0,)]
    missing = await fake.slash(club.alice, "challenge show", name="Doomed")
    assert "No challenge called `Doomed`" in missing.content
