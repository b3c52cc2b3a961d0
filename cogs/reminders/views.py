"""Done / Skip / Snooze 1 h on delivered reminders, and Done on the club ping.

A `DynamicItem` matches the custom id (`stride:rem:<action>:<reminder id>:<slot>`), so the buttons
work on any message, also after a restart; registered with `bot.add_dynamic_items` in cogs/reminders/__init__.py.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import datetime

import discord

from bot.errors import UserError
from bot.reminders.messages import CUSTOM_ID, ButtonRef, parse_custom_id
from bot.reminders.models import to_ts
from bot.reminders.service import DoneResult, ReminderService
from cogs.reminders.delivery import reminder_service
from cogs.ui.kit import explain

log = logging.getLogger(__name__)


def when(instant: datetime, style: str = "F") -> str:
    """A Discord timestamp: every member sees it in their own time zone."""
    return f"<t:{to_ts(instant)}:{style}>"


def _streak_text(result: DoneResult) -> str:
    days = f"{result.streak} day" + ("" if result.streak == 1 else "s")
    head = "✅ Nice work, counted!" if result.counted else "✅ Already counted."
    return f"{head} Reminder streak: {days} in a row."


async def handle(service: ReminderService, ref: ButtonRef, user_id: int, guild_id: int | None) -> str:
    """What pressing the button does, as the text the member sees."""
    if ref.scope == "srv":
        if guild_id != ref.target:
            raise UserError("This button belongs to another server's club ping.")
        return _streak_text(await service.server_done(ref.target, user_id, ref.fire))
    if ref.action == "done":
        return _streak_text(await service.done(user_id, ref.target, ref.fire))
    if ref.action == "skip":
        result = await service.skip_after(user_id, ref.target, ref.fire)
        if result.skipped is None:
            return f"Already skipped. Your next one is {when(result.next_fire)}."
        return f"⏭️ Skipped the one on {when(result.skipped)}. Next: {when(result.next_fire)}."
    until = await service.snooze(user_id, ref.target, ref.fire)
    return f"😴 Snoozed: I'll remind you again {when(until, 'R')} ({when(until, 't')})."


class ReminderButton(discord.ui.DynamicItem[discord.ui.Button], template=CUSTOM_ID):
    def __init__(self, ref: ButtonRef, button: discord.ui.Button) -> None:
        super().__init__(button)
        self.ref = ref

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> ReminderButton:
        ref = parse_custom_id(item.custom_id or "")
        if ref is None:  # the template and the parser are the same pattern
            raise ValueError(f"not a reminder button: {item.custom_id}")
        return cls(ref, discord.ui.Button(label=item.label, custom_id=item.custom_id, style=item.style))

    async def callback(self, interaction: discord.Interaction) -> None:
        started, outcome = time.perf_counter(), "ok"
        try:
            text = await handle(
                reminder_service(interaction.client), self.ref, interaction.user.id, interaction.guild_id
            )
        except Exception as error:
            outcome, text = explain(error)
            if outcome == "error":
                log.exception("reminder button %s failed for user %s", self.ref, interaction.user.id)
        log.info(
            "button user=%s guild=%s action=%s:%s ms=%.1f outcome=%s",
            interaction.user.id,
            interaction.guild_id,
            self.ref.scope,
            self.ref.action,
            (time.perf_counter() - started) * 1000,
            outcome,
        )
        await interaction.response.send_message(text, ephemeral=True)
