"""Scheduled posts end to end: a test kind (tests/e2e/bots/outbox_bot.py) queued through a slash command
wakes the dispatcher, which sends one DM per member and a results card with fields and a colour in the
channel, each once and with a nonce of its own, then the follow-up the post queued when it settled."""

from __future__ import annotations

import asyncio

import pytest

from standin import FakeDiscord
from standin.botproc import BotProcess
from tests.fakediscord.fixtures import Club

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def bot_module() -> str:
    return "tests.e2e.bots.outbox_bot"


async def test_a_queued_post_fans_out_once_then_its_follow_up(fake: FakeDiscord, club: Club, bot: BotProcess) -> None:
    members = [club.alice, club.bob, club.admin]
    ids = ",".join(str(m.id) for m in members)
    reply = await fake.slash(club.alice, "testpost", key="race-1", users=ids)
    assert reply.ephemeral and reply.content == "queued", bot.tail()
    for member in members:
        await fake.wait_for_message(lambda m: "race-1" in m.content, dm_to=member, timeout=10)
    card = await fake.wait_for_message(lambda m: m.content == "🏁 race-1", channel=club.general, timeout=10)
    [embed] = card.embeds
    assert embed["title"] == "Results" and embed["color"] == 0x2ECC71
    assert [(f["name"], f["value"], f["inline"]) for f in embed["fields"]] == [
        ("Finishers", "3", True),
        ("Winner", f"<@{club.alice.id}>", False),
    ]
    assert card.allowed_mentions is not None and card.allowed_mentions.get("parse") == []  # the winner not pinged
    again = await fake.wait_for_message(lambda m: m.content == "🏁 race-1/again", channel=club.general, timeout=10)
    assert again.embeds[0]["fields"][0]["value"] == "1"
    await fake.wait_for_message(lambda m: "race-1/again" in m.content, dm_to=club.alice, timeout=10)
    # Queued again under the same key: nothing changes, nothing more is sent.
    reply = await fake.slash(club.alice, "testpost", key="race-1", users=ids)
    assert reply.content == "already queued"
    await bot_says(bot, "scheduled posts: claimed 1", times=2)
    assert [len(fake.dms_to(m)) for m in members] == [2, 1, 1]
    assert [m.content for m in fake.messages_in(club.general)] == ["🏁 race-1", "🏁 race-1/again"]
    sent = [m for m in fake.world.messages.values() if m.interaction is None]
    nonces = [m.nonce for m in sent]
    assert None not in nonces and len(set(nonces)) == len(sent) == 6


async def bot_says(bot: BotProcess, text: str, times: int = 1) -> None:
    for _ in range(100):
        if bot.log().count(text) >= times:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{text!r} not logged {times} times:\n{bot.tail()}")
