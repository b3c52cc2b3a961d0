"""A group run's later life through the real bot and the fake Discord: the DM before the run reaches each
member Going once, whether they answered before the reminder an hour before or after it; a weekly series'
next card, posted by the dispatcher, can be cancelled before anyone answers it (the card is marked, its
buttons off), and comes with its Discord scheduled event where Stride may make one (cancelled with it).

The series start at the first whole minute a little over a minute from now (`timeline`, made once for the
module), so the waits of the tests overlap."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio

from standin import FakeDiscord
from standin.client import Reply
from standin.state import MANAGE_EVENTS
from tests.e2e.helpers import query
from tests.fakediscord.fixtures import Club, build_club

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def club(fake: FakeDiscord) -> Club:
    """The default world, Stride allowed to manage events in "Club" (from its start) and not in "Other"."""
    club = build_club(fake)
    organisers = fake.add_role(club.guild, "Events", MANAGE_EVENTS)
    club.guild.members[fake.bot.id].roles.append(organisers)
    return club


def minute_after(delay: timedelta) -> datetime:
    """The first whole minute at least 15 s after now + delay (UTC)."""
    at = (datetime.now(UTC) + delay + timedelta(seconds=15)).replace(second=0, microsecond=0)
    return at + timedelta(minutes=1)


@dataclass(frozen=True)
class Timeline:
    weekly: datetime  # when the weekly series below start, and the moment of "Hour check"'s reminder
    hour_check: Reply  # its card, the admin down as Going before that moment


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def timeline(fake: FakeDiscord, club: Club, bot_process: object) -> Timeline:
    weekly = minute_after(timedelta())
    when = f"{weekly:%Y-%m-%d %H:%M}"
    for title in ("Hills", "Tempo"):
        await fake.slash(club.alice, "event create", title=title, when=when, repeat="weekly", in_channel=club.general)
    # A server where Stride may not manage events.
    fake.world.guild_commands[club.other_guild.id] = fake.world.guild_commands[club.guild.id]
    await fake.slash(club.stranger, "event create", title="Lobby loop", when=when, repeat="weekly",
                     guild=club.other_guild, in_channel=club.other_guild.channel("lobby"))  # fmt: skip
    hour = f"{weekly + timedelta(hours=1):%Y-%m-%d %H:%M}"
    await fake.slash(club.alice, "event create", title="Hour check", when=hour, in_channel=club.general)
    [card] = cards(fake, club.general, "Hour check")
    await fake.click(club.admin, card, "Going")
    assert datetime.now(UTC) < weekly, "set up too slowly: the reminder's moment has passed"
    return Timeline(weekly, card)


def cards(fake: FakeDiscord, channel, title: str) -> list[Reply]:
    return [m for m in fake.messages_in(channel) if m.embeds and title in m.embed_text()]


async def next_card(fake: FakeDiscord, channel, title: str) -> Reply:
    """The card of the series' second occurrence, once the first has started."""
    found = await fake.wait_until(lambda: cards(fake, channel, title)[1:], timeout=150, what=f"the next {title} card")
    return found[0]


def discord_events(fake: FakeDiscord, title: str, start: datetime) -> list[dict]:
    """The Discord scheduled events Stride made for a group run's occurrence at `start`."""
    return [
        made
        for made in fake.world.scheduled_events.values()
        if made["name"] == title and datetime.fromisoformat(made["scheduled_start_time"]) == start
    ]


def reminders(fake: FakeDiscord, member, title: str) -> int:
    return len([m for m in fake.dms_to(member) if title in m.content and "starts in about an hour" in m.content])


def occurrences(bot, title: str) -> list[tuple[int, int | None]]:
    """(id, card message id) of each occurrence of a series, in order."""
    return query(bot.database, "SELECT id, message_id FROM events WHERE title = ? ORDER BY starts_at", (title,))


async def test_going_within_the_hour_brings_the_dm_at_once_and_once(fake, club, bot) -> None:
    soon = minute_after(timedelta(minutes=30))
    await fake.slash(
        club.alice, "event create", title="Soon run", when=f"{soon:%Y-%m-%d %H:%M}", in_channel=club.general
    )
    [card] = cards(fake, club.general, "Soon run")  # its reminder went out at once, to nobody
    card = await fake.click(club.bob, card, "Going")
    dm = await fake.wait_for_message(lambda m: "Soon run" in m.content, dm_to=club.bob, timeout=15)
    assert "starts in about an hour" in dm.content and f"<t:{int(soon.timestamp())}:F>" in dm.content
    for answer in ("Maybe", "Going"):  # changing one's mind sends no second DM
        card = await fake.click(club.bob, card, answer)
    card = await fake.click(club.admin, card, "Going")
    await fake.wait_for_message(lambda m: "Soon run" in m.content, dm_to=club.admin, timeout=15)
    await asyncio.sleep(1.0)  # a second DM would be here by now
    assert [reminders(fake, m, "Soon run") for m in (club.bob, club.admin, club.alice)] == [1, 1, 0]
    stored = query(bot.database, "SELECT user_id, reminder FROM event_rsvps WHERE event_id ="
                   " (SELECT id FROM events WHERE title = 'Soon run') ORDER BY user_id", ())  # fmt: skip
    assert sorted(stored) == sorted([(club.bob.id, "own"), (club.admin.id, "own")])


async def test_the_reminder_an_hour_before_goes_once_and_later_goings_get_theirs(fake, club, bot, timeline) -> None:
    dm = await fake.wait_for_message(lambda m: "Hour check" in m.content, dm_to=club.admin, timeout=150)
    assert datetime.now(UTC) >= timeline.weekly - timedelta(seconds=1) and "starts in about an hour" in dm.content
    card = await fake.click(club.bob, timeline.hour_check, "Going")  # after the reminder went out
    await fake.wait_for_message(lambda m: "Hour check" in m.content, dm_to=club.bob, timeout=15)
    await fake.wait_for_message(lambda m: m.ephemeral and "on their way to your DMs" in m.content)
    for answer in ("Maybe", "Going"):
        card = await fake.click(club.admin, card, answer)
        card = await fake.click(club.bob, card, answer)
    await asyncio.sleep(1.0)
    assert [reminders(fake, m, "Hour check") for m in (club.admin, club.bob, club.alice)] == [1, 1, 0]


async def test_cancelling_the_next_card_before_anyone_answers_marks_it(fake, club, bot, timeline) -> None:
    card = await next_card(fake, club.general, "Hills")
    assert f"<t:{int((timeline.weekly + timedelta(days=7)).timestamp())}:F>" in card.embed_text()
    # Known once the dispatcher has settled the post that sent it (a moment after the send), not at a first press.
    _, following = await fake.wait_until(
        lambda: (found := occurrences(bot, "Hills"))[1][1] is not None and found, timeout=10, what="the card's id"
    )
    assert following[1] == card.id
    following_start = timeline.weekly + timedelta(days=7)
    [made] = await fake.wait_until(lambda: discord_events(fake, "Hills", following_start), timeout=10,
                                   what="the next occurrence's Discord event")  # fmt: skip
    done = await fake.slash(club.alice, "event cancel", id=following[0])
    assert done.ephemeral and "Cancelled" in done.content
    marked = await fake.wait_for_edit(card, lambda r: "Cancelled" in r.embed_text())
    assert marked.buttons() and all(b.get("disabled") for b in marked.buttons())
    [first_card] = cards(fake, club.general, "Hills")[:1]
    assert "Cancelled" not in first_card.embed_text()  # only the occurrence cancelled
    await fake.wait_until(lambda: made["status"] == 4, timeout=10, what="its Discord event cancelled")
    [first_made] = discord_events(fake, "Hills", timeline.weekly)
    assert first_made["status"] == 1


async def test_the_next_occurrence_gets_its_discord_event_where_stride_may_make_one(fake, club, bot, timeline) -> None:
    following_start = timeline.weekly + timedelta(days=7)
    card = await next_card(fake, club.general, "Tempo")
    [made] = await fake.wait_until(lambda: discord_events(fake, "Tempo", following_start), timeout=10,
                                   what="the next occurrence's Discord event")  # fmt: skip
    assert made["entity_metadata"] == {"location": "See #general"} and made["status"] == 1
    _, following = occurrences(bot, "Tempo")
    stored = query(bot.database, "SELECT discord_event_id FROM events WHERE id = ?", (following[0],))
    assert stored == [(int(made["id"]),)]
    # Where Stride may not manage events, the next card is posted all the same, and no Discord event is made.
    lobby = club.other_guild.channel("lobby")
    elsewhere = await next_card(fake, lobby, "Lobby loop")
    assert elsewhere.button_labels() == ["Going", "Maybe", "Can't go"]
    assert [e for e in fake.world.scheduled_events.values() if e["guild_id"] == str(club.other_guild.id)] == []
    assert all(occurrence[1] is not None for occurrence in occurrences(bot, "Lobby loop"))
    # Cancelling the series from the next occurrence cancels its Discord event and marks its card.
    done = await fake.slash(club.alice, "event cancel", id=following[0], all=True)
    assert done.ephemeral and "Cancelled the series" in done.content
    await fake.wait_until(lambda: made["status"] == 4, timeout=10, what="its Discord event cancelled")
    marked = await fake.wait_for_edit(card, lambda r: "Cancelled" in r.embed_text())
    assert all(b.get("disabled") for b in marked.buttons())
