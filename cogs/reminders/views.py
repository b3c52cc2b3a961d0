"""Done / Skip / Snooze 1 h on delivered reminders, and Done on the club ping.

A `DynamicItem` matches every custom id in Stride's reminder namespace (`stride:rem:<action>:<reminder
id>:<slot>`), so the buttons work on any message, also after a restart, and a crafted id still gets an
answer; registered with `bot.add_dynamic_items` in cogs/reminders/__init__.py. A member's own reminder
message is edited to show the outcome, its buttons gone; the club ping is shared, so it stays as it is.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import datetime
from typing import Any

import discord

from bot.client import refuse_while_stopping, stride_bot
from bot.errors import UserError
from bot.reminders.messages import ANY_REMINDER_ID, ButtonRef, parse_custom_id
from bot.reminders.models import Answer, to_ts
from bot.reminders.services.reminders import DoneResult, ReminderService
from cogs.reminders.delivery import reminder_service
from cogs.ui.kit import NO_MENTIONS, button_again, explain

log = logging.getLogger(__name__)

MALFORMED = "This button isn't one Stride made, so nothing happened. Use the buttons on your reminder messages."


def when(instant: datetime, style: str = "F") -> str:
    """A Discord timestamp: every member sees it in their own time zone."""
    return f"<t:{to_ts(instant)}:{style}>"


def _streak_text(result: DoneResult) -> str:
    days = f"{result.streak} day" + ("" if result.streak == 1 else "s")
    if result.counted:
        head = "✅ Nice work, counted!"
    elif result.answer == Answer.SKIPPED:
        head = "This one was already skipped, so it can't be marked done."
    else:
        head = "✅ Already counted."
    return f"{head} Reminder streak: {days} in a row."


async def handle(
    service: ReminderService, ref: ButtonRef, user_id: int, guild_id: int | None, now: datetime
) -> tuple[str, str | None]:
    """What pressing the button does: (the text the member sees, the outcome line that replaces the
    message's buttons, or None to leave the message as it is)."""
    at = when(now, "t")
    if ref.scope == "srv":
        if guild_id != ref.target:
            raise UserError("This button belongs to another server's club ping.")
        return _streak_text(await service.server_done(ref.target, user_id, ref.fire)), None
    if ref.action == "done":
        result = await service.done(user_id, ref.target, ref.fire)
        outcome = f"✅ Done at {at}" if result.counted else None
        if result.answer is not None:  # already answered: show that on the message too
            outcome = "✅ Done" if result.answer == Answer.DONE else "⏭️ Skipped"
        return _streak_text(result), outcome
    if ref.action == "skip":
        skip = await service.skip_slot(user_id, ref.target, ref.fire)
        if skip.skipped is None:
            word = "done" if skip.answer == Answer.DONE else "skipped"
            return f"This one is already marked {word}. Your next one is {when(skip.next_fire)}.", None
        return f"⏭️ Skipped this one. Your next one is still on: {when(skip.next_fire)}.", f"⏭️ Skipped at {at}"
    until = await service.snooze(user_id, ref.target, ref.fire)
    text = f"😴 Snoozed: I'll remind you again {when(until, 'R')} ({when(until, 't')})."
    return text, f"😴 Snoozed until {when(until, 't')}"


class ReminderButton(discord.ui.DynamicItem[discord.ui.Button], template=ANY_REMINDER_ID):
    def __init__(self, ref: ButtonRef | None, button: discord.ui.Button) -> None:
        super().__init__(button)
        self.ref = ref  # None: a malformed or out-of-range custom id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ReminderButton:
        button = button_again(item)
        return cls(parse_custom_id(button.custom_id or ""), button)

    async def callback(self, interaction: discord.Interaction) -> None:
        if await refuse_while_stopping(interaction):
            return
        started, outcome, edit = time.perf_counter(), "ok", None
        if self.ref is None:
            outcome, text = "refused", MALFORMED
        else:
            try:
                text, edit = await handle(
                    reminder_service(stride_bot(interaction)),
                    self.ref,
                    interaction.user.id,
                    interaction.guild_id,
                    discord.utils.utcnow(),
                )
            except Exception as error:
                outcome, text = explain(error)
                if outcome == "error":
                    log.exception("reminder button %s failed for user %s", self.ref, interaction.user.id)
        log.info(
            "button user=%s guild=%s action=%s ms=%.1f outcome=%s",
            interaction.user.id,
            interaction.guild_id,
            f"{self.ref.scope}:{self.ref.action}" if self.ref else "malformed",
            (time.perf_counter() - started) * 1000,
            outcome,
        )
        if edit is not None and interaction.message is not None and interaction.message.components:
            # The reminder message itself shows the outcome and loses its buttons; the details follow.
            content = f"{interaction.message.content}\n{edit}".strip()[:2000]
            await interaction.response.edit_message(content=content, view=None, allowed_mentions=NO_MENTIONS)
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
