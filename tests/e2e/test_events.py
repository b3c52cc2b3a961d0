"""/event through the real bot and the fake Discord: the card and its answers, cancelling, the DM an hour
before (exactly once, not early), a weekly series' next card, Discord's scheduled event where allowed, and
every refusal (ephemeral, naming the option, nothing stored)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from standin import CommandUsageError
from standin.state import MANAGE_EVENTS, SEND_MESSAGES
from tests.e2e.helpers import press, query

pytestmark = pytest.mark.asyncio(loop_scope="module")


def event_count(bot) -> int:
    return query(bot.database, "SELECT count(*) FROM events")[0][0]


def card_of(fake, club, title: str):
    cards = [m for m in fake.messages_in(club.general) if m.embeds and title in m.embed_text() and m.buttons()]
    assert cards, f"no card for {title}"
    return cards[-1]


def minute_after(delay: timedelta) -> datetime:
    """The first whole minute at least 15 s after now + delay (UTC)."""
    at = (datetime.now(UTC) + delay + timedelta(seconds=15)).replace(second=0, microsecond=0)
    return at + timedelta(minutes=1)


async def test_a_group_run_card_with_answers(fake, club, bot) -> None:
    reply = await fake.slash(club.alice, "event create", title="Saturday long run", when="sat 08:00",
                             where="Park gates", distance="18k", pace="5:45/km", details="Coffee after!",
                             in_channel=club.general)  # fmt: skip
    assert reply.ephemeral and "is posted in" in reply.content and "UTC" in reply.content
    card = card_of(fake, club, "Saturday long run")
    assert card.button_labels() == ["Going", "Maybe", "Can't go"]
    text = card.embed_text()
    assert "Park gates" in text and "18.00 km" in text and "5:45 /km" in text and "<t:" in text
    assert card.allowed_mentions == {"parse": []}
    going = await fake.click(club.bob, card, "Going")
    assert "Going (1)" in going.embed_text() and f"<@{club.bob.id}>" in going.embed_text()
    maybe = await fake.click(club.bob, going, "Maybe")
    assert "Going (0)" in maybe.embed_text() and "Maybe (1)" in maybe.embed_text()
    note = await fake.wait_for_message(lambda m: m.ephemeral and "down as **Maybe**" in m.content)
    assert note.ephemeral
    listed = await fake.slash(club.bob, "event list")
    assert "Saturday long run" in listed.embed_text() and "0 going" in listed.embed_text()
    stored = query(bot.database, "SELECT answer FROM event_rsvps WHERE user_id = ?", (club.bob.id,))
    assert stored == [("maybe",)]


async def test_cancel_marks_the_card_and_tells_who_was_going(fake, club, bot) -> None:
    await fake.slash(club.alice, "event create", title="Track night", when="tomorrow 19:00", in_channel=club.general)
    card = card_of(fake, club, "Track night")
    await fake.click(club.bob, card, "Going")
    event_id = query(bot.database, "SELECT id FROM events WHERE title = 'Track night'")[0][0]
    refused = await fake.slash(club.bob, "event cancel", id=event_id)
    assert refused.ephemeral and "Only the organiser or a server manager" in refused.content
    done = await fake.slash(club.alice, "event cancel", id=event_id)
    assert "Cancelled" in done.content
    dm = await fake.wait_for_message(lambda m: "Track night" in m.content, dm_to=club.bob)
    assert "cancelled" in dm.content
    marked = await fake.wait_for_edit(card, lambda r: "Cancelled" in r.embed_text())
    assert all(b.get("disabled") for b in marked.buttons())
    late = await press(fake, club.admin, card, card.button("Going")["custom_id"])
    assert late.ephemeral and "was cancelled" in late.content
    assert fake.dms_to(club.alice) == []  # the organiser never said Going


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"when": "whenever"}, "Couldn't read the when `whenever`"),
        ({"when": "2020-01-01 08:00"}, "is in the past"),
        ({"when": f"{datetime.now(UTC).year + 2}-01-01 08:00"}, "more than a year ahead"),
        ({"distance": "far"}, "Couldn't read the distance `far`"),
        ({"pace": "fast"}, "Couldn't read the pace `fast`"),
    ],
)
async def test_bad_input_is_refused_naming_the_option(fake, club, bot, options, expected) -> None:
    before = event_count(bot)
    values = {"title": "Bad one", "when": "tomorrow 7:00", **options}
    reply = await fake.slash(club.alice, "event create", in_channel=club.general, **values)
    assert reply.ephemeral and expected in reply.content, reply.content
    assert event_count(bot) == before


@pytest.mark.parametrize(("option", "limit"), [("title", 100), ("where", 100), ("details", 500)])
async def test_discord_stops_over_long_text_while_typing(fake, club, bot, option, limit) -> None:
    """The limits are declared on the options, so Discord refuses the extra character as it is typed."""
    before = event_count(bot)
    values = {"title": "Long one", "when": "tomorrow 7:00", option: "x" * (limit + 1)}
    with pytest.raises(CommandUsageError, match="length"):
        await fake.slash(club.alice, "event create", in_channel=club.general, **values)
    assert event_count(bot) == before


async def test_a_channel_stride_cannot_post_in_is_refused(fake, club, bot) -> None:
    closed = fake.add_channel(club.guild, "closed-events")
    await fake.dispatch("CHANNEL_CREATE", closed.payload())
    await fake.deny(closed, fake.bot, SEND_MESSAGES)
    before = event_count(bot)
    reply = await fake.slash(club.alice, "event create", title="Hidden", when="tomorrow 7:00",
                             options={"channel": closed})  # fmt: skip
    assert "can't post in" in reply.content and event_count(bot) == before


async def test_a_matching_discord_event_where_stride_may_make_one(fake, club, bot) -> None:
    await fake.slash(club.alice, "event create", title="No rights", when="tomorrow 6:00", in_channel=club.general)
    assert fake.world.scheduled_events == {}  # not allowed: nothing made, nothing broke
    organisers = fake.add_role(club.guild, "Events", MANAGE_EVENTS)
    club.guild.members[fake.bot.id].roles.append(organisers)
    await fake.slash(club.alice, "event create", title="With rights", when="tomorrow 6:30", where="Lake",
                     in_channel=club.general)  # fmt: skip
    made = await fake.wait_until(lambda: list(fake.world.scheduled_events.values()), timeout=15, what="a Discord event")
    assert made[0]["name"] == "With rights" and made[0]["entity_metadata"] == {"location": "Lake"}
    event_id = query(bot.database, "SELECT id FROM events WHERE title = 'With rights'")[0][0]
    await fake.slash(club.alice, "event cancel", id=event_id)
    await fake.wait_until(lambda: made[0]["status"] == 4, timeout=15, what="the Discord event cancelled")


async def test_the_dm_an_hour_before_and_a_weekly_next_card(fake, club, bot) -> None:
    soon = minute_after(timedelta(hours=1))
    weekly = minute_after(timedelta())
    await fake.slash(club.alice, "event create", title="Hour check", when=f"{soon:%Y-%m-%d %H:%M}",
                     in_channel=club.general)  # fmt: skip
    await fake.slash(club.alice, "event create", title="Weekly tempo", when=f"{weekly:%Y-%m-%d %H:%M}",
                     repeat="weekly", in_channel=club.general)  # fmt: skip
    card = card_of(fake, club, "Hour check")
    await fake.click(club.admin, card, "Going")
    await fake.click(club.bob, card, "Maybe")
    due = soon - timedelta(hours=1)
    dm = await fake.wait_for_message(lambda m: "Hour check" in m.content, dm_to=club.admin, timeout=100)
    assert datetime.now(UTC) >= due - timedelta(seconds=1) and "starts in about an hour" in dm.content
    nexts = await fake.wait_until(
        lambda: [m for m in fake.messages_in(club.general) if "Weekly tempo" in m.embed_text()][1:],
        timeout=100, what="the next weekly card",
    )  # fmt: skip
    assert f"<t:{int((weekly + timedelta(days=7)).timestamp())}:F>" in nexts[0].embed_text()
    assert nexts[0].button_labels() == ["Going", "Maybe", "Can't go"]
    answered = await fake.click(club.bob, nexts[0], "Going")
    assert "Going (1)" in answered.embed_text()
    await asyncio.sleep(1.0)
    assert len([m for m in fake.dms_to(club.admin) if "Hour check" in m.content]) == 1
    assert [m for m in fake.dms_to(club.bob) if "Hour check" in m.content] == []
    assert len([m for m in fake.messages_in(club.general) if "Weekly tempo" in m.embed_text()]) == 2


async def test_member_text_on_the_card_shows_a_link_as_typed(fake, club, bot) -> None:
    """A masked link in a title, place or details is not a link on the card: the brackets are escaped."""
    link = "[click me](https://evil.example/x)"
    reply = await fake.slash(
        club.alice, "event create", in_channel=club.general, title=f"Run {link}", when="tomorrow 7:00",
        where=link, details=link,
    )  # fmt: skip
    assert reply.ephemeral
    [card] = [m for m in fake.messages_in(club.general) if m.embeds and "evil.example" in m.embed_text()]
    text = card.embed_text()
    assert link not in text  # no masked link left as typed
    assert text.count("\\[click me") == 3, text  # title, place and details, each escaped
