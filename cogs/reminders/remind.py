"""/remind: a member's stretch, core and custom reminders."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot, stride_bot
from bot.errors import UserError
from bot.reminders.models import Reminder, Target
from bot.reminders.schedule_input import format_days
from bot.reminders.services.reminders import KINDS, MAX_MESSAGE, MAX_PER_MEMBER, reminder_streak
from bot.text import no_links
from cogs.reminders.delivery import reminder_service
from cogs.reminders.views import when
from cogs.ui import kit
from cogs.ui.autocomplete import timezone_autocomplete
from cogs.ui.embeds import plural
from cogs.ui.kit import BRAND

KIND_CHOICES = [app_commands.Choice(name=k.value, value=k.value) for k in KINDS]
WHERE_CHOICES = [
    app_commands.Choice(name="DM (default)", value=Target.DM.value),
    app_commands.Choice(name="this channel", value=Target.CHANNEL.value),
]


def describe(r: Reminder) -> str:
    """`#3` **stretch** 07:30 daily · Europe/Berlin · DM"""
    place = "DM" if r.target == Target.DM else f"<#{r.channel_id}>"
    text = f" “{no_links(r.message)}”" if r.message else ""
    zone = f"{r.timezone} (your profile's)" if r.zone_from_profile else r.timezone
    return f"`#{r.id}` **{r.kind}**{text} {r.at:%H:%M} {format_days(r.days_mask)} · {zone} · {place}"


def status(r: Reminder) -> str:
    if r.paused:
        return "⏸️ paused"
    line = f"next {when(r.next_fire)}"
    if r.snooze:
        line += f" · snoozed until {when(r.snooze, 't')}"
    if r.failures:
        line += f" · ⚠️ {'the last one' if r.failures == 1 else f'the last {r.failures}'} could not be delivered"
    return line


async def reminder_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
    bot = stride_bot(interaction)
    reminders = await reminder_service(bot).list(kit.guild_id(interaction), interaction.user.id)
    choices = []
    for r in reminders:
        label = f"#{r.id} {r.kind} {r.at:%H:%M} {format_days(r.days_mask)}" + (" (paused)" if r.paused else "")
        if current.strip().lstrip("#") in label:
            choices.append(app_commands.Choice(name=label[:100], value=r.id))
    return choices[:25]


@app_commands.guild_only()
class RemindCog(commands.GroupCog, group_name="remind", group_description="Stretch, core and custom reminders"):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    async def _reply(self, interaction: discord.Interaction, content: str, **kwargs: Any) -> None:
        await interaction.response.send_message(content, ephemeral=True, **kwargs)

    @app_commands.command(name="set", description="A reminder with a tip, at your local time")
    @app_commands.describe(
        kind="stretch or core (with a tip of that kind), or custom (your own message)",
        time="your local time, e.g. 07:30 or 7:30pm",
        days="daily (default), weekdays, weekends or mon,wed,fri",
        timezone="a city zone like Europe/Berlin (default: your profile's)",
        where="by DM (default) or in this channel",
        message="your own text (200 characters max); required for custom",
    )
    @app_commands.choices(kind=KIND_CHOICES, where=WHERE_CHOICES)
    @app_commands.autocomplete(timezone=timezone_autocomplete)
    async def set_(
        self,
        interaction: discord.Interaction,
        kind: str,
        time: str,
        days: str | None = None,
        timezone: str | None = None,
        where: str = Target.DM.value,
        message: app_commands.Range[str, None, MAX_MESSAGE] | None = None,
    ) -> None:
        if where == Target.CHANNEL and not interaction.app_permissions.send_messages:
            raise UserError("I can't post in this channel. Run it in a channel where Stride may write, or use DM.")
        reminder, zone_note = await reminder_service(self.bot).set_and_explain(
            kit.guild_id(interaction),
            interaction.user.id,
            kind=kind,
            time=time,
            days=days,
            timezone=timezone,
            where=where,
            channel_id=interaction.channel_id,
            message=message,
        )
        note = "\nMake sure Stride can DM you (this server's privacy settings)." if where == Target.DM else ""
        if zone_note:
            note += f"\n{zone_note}"
        await self._reply(
            interaction,
            f"⏰ Reminder set: {describe(reminder)}\nFirst one: {when(reminder.next_fire)} "
            f"({when(reminder.next_fire, 'R')}).{note}",
        )

    @app_commands.command(name="list", description="Your reminders, with their ids")
    async def list_(self, interaction: discord.Interaction) -> None:
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id
        reminders = await reminder_service(self.bot).list(guild_id, user_id)
        embed = discord.Embed(title="Your reminders", colour=BRAND)
        if reminders:
            embed.description = "\n".join(f"{describe(r)}\n  {status(r)}" for r in reminders)
        else:
            embed.description = "No reminders yet. Try `/remind set kind: stretch time: 07:30`."
        streak = await reminder_streak(self.bot.store, guild_id, user_id, discord.utils.utcnow())
        embed.set_footer(text=f"{len(reminders)} of {MAX_PER_MEMBER} · Done streak: {plural(streak, 'day')}")
        await self._reply(interaction, "", embed=embed)

    @app_commands.command(name="remove", description="Delete one of your reminders")
    @app_commands.describe(id="the reminder's id (see /remind list)")
    @app_commands.autocomplete(id=reminder_autocomplete)
    async def remove(self, interaction: discord.Interaction, id: kit.RecordId) -> None:
        reminder = await reminder_service(self.bot).remove(kit.guild_id(interaction), interaction.user.id, id)
        await self._reply(interaction, f"🗑️ Removed {describe(reminder)}")

    @app_commands.command(name="pause", description="Stop a reminder until you resume it")
    @app_commands.describe(id="the reminder's id (see /remind list)")
    @app_commands.autocomplete(id=reminder_autocomplete)
    async def pause(self, interaction: discord.Interaction, id: kit.RecordId) -> None:
        reminder = await reminder_service(self.bot).pause(kit.guild_id(interaction), interaction.user.id, id)
        await self._reply(interaction, f"⏸️ Paused {describe(reminder)}\n`/remind resume id: {id}` starts it again.")

    @app_commands.command(name="resume", description="Start a paused reminder again")
    @app_commands.describe(id="the reminder's id (see /remind list)")
    @app_commands.autocomplete(id=reminder_autocomplete)
    async def resume(self, interaction: discord.Interaction, id: kit.RecordId) -> None:
        reminder = await reminder_service(self.bot).resume(kit.guild_id(interaction), interaction.user.id, id)
        await self._reply(interaction, f"▶️ Resumed {describe(reminder)}\nNext: {when(reminder.next_fire)}.")

    @app_commands.command(name="skip", description="Skip the next one (again to skip the one after)")
    @app_commands.describe(id="the reminder's id (see /remind list)")
    @app_commands.autocomplete(id=reminder_autocomplete)
    async def skip(self, interaction: discord.Interaction, id: kit.RecordId) -> None:
        result = await reminder_service(self.bot).skip(kit.guild_id(interaction), interaction.user.id, id)
        skipped = when(result.skipped) if result.skipped else "the next one"
        await self._reply(interaction, f"⏭️ Skipped {skipped}. Next: {when(result.next_fire)}.")
