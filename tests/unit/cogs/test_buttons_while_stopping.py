"""While Stride stops, a button press is told to try again (like a command) and does nothing."""

from __future__ import annotations

from types import SimpleNamespace

import discord

from bot.client import RESTARTING
from bot.reminders.messages import parse_custom_id
from cogs.advice import VoteButton
from cogs.reminders.views import ReminderButton
from cogs.ui.views import OwnerView
from tests.unit.test_client import interaction

OWNER = 7


def pressed(draining: bool) -> SimpleNamespace:
    press = interaction(discord.InteractionType.component, 5, draining=draining)
    press.user = SimpleNamespace(id=OWNER)
    return press


class Forbidden:
    """A bot whose database must not be touched."""

    @property
    def db(self) -> None:
        raise AssertionError("a button did work while stopping")


async def test_owner_view_refuses_while_stopping() -> None:
    view = OwnerView(OWNER)
    stopping = pressed(draining=True)
    assert not await view.interaction_check(stopping)  # type: ignore[arg-type]
    assert stopping.response.sent == [RESTARTING]
    running = pressed(draining=False)
    assert await view.interaction_check(running)  # type: ignore[arg-type]
    assert running.response.sent == []


async def test_vote_and_reminder_buttons_refuse_while_stopping() -> None:
    vote = pressed(draining=True)
    vote.client = SimpleNamespace(draining=True)  # no database: a vote while stopping would fail here
    await VoteButton(3, 1).callback(vote)  # type: ignore[arg-type]
    assert vote.response.sent == [RESTARTING]
    ref = parse_custom_id("stride:rem:done:1:1780000000")
    button = ReminderButton(ref, discord.ui.Button(label="Done", custom_id="stride:rem:done:1:1780000000"))
    press = pressed(draining=True)
    await button.callback(press)  # type: ignore[arg-type]
    assert press.response.sent == [RESTARTING]
