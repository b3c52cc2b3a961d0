"""/server: the server's Stride settings (Manage Server): the daily club ping."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot
from bot.reminders.models import ServerReminder
from bot.reminders.services.reminders import SERVER_KINDS
from cogs.reminders.delivery import reminder_service
from cogs.reminders.views import when
from cogs.ui import kit
from cogs.ui.autocomplete import timezone_autocomplete
from cogs.ui.club import check_postable
from cogs.ui.embeds import plural
from cogs.ui.kit import BRAND
from cogs.ui.managers import ManagersOnly

KIND_CHOICES = [app_commands.Choice(name=k.value, value=k.value) for k in SERVER_KINDS]


def describe(server: ServerReminder) -> str:
    role = f", mentioning <@&{server.role_id}>" if server.role_id else ""
    return f"**{server.kind}** tip daily at {server.at:%H:%M} ({server.timezone}) in <#{server.channel_id}>{role}"


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class ServerCog(
    ManagersOnly, commands.GroupCog, group_name="server", group_description="Stride settings for this server"
):
    reminders = app_commands.Group(name="reminders", description="The daily club ping with the tip of the day")

    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    @reminders.command(name="set", description="Post a daily ping with the tip of the day in a channel")
    @app_commands.describe(
        channel="where the ping goes",
        time="local time, e.g. 18:00 or 6pm",
        timezone="IANA time zone, e.g. Europe/Berlin",
        role="a role to mention (optional; the only role Stride ever mentions)",
        kind="stretch (default) or core",
    )
    @app_commands.choices(kind=KIND_CHOICES)
    @app_commands.autocomplete(timezone=timezone_autocomplete)
    async def set_(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time: str,
        timezone: str,
        role: discord.Role | None = None,
        kind: str = "stretch",
    ) -> None:
        channel_id = check_postable(interaction, channel)  # refused, naming what Stride lacks there
        server = await reminder_service(self.bot).set_server(
            kit.guild_id(interaction),
            interaction.user.id,
            channel_id=channel_id,
            time=time,
            timezone=timezone,
            role_id=role.id if role else None,
            kind=kind,
        )
        await self._reply(
            interaction,
            f"📣 Club ping set: {describe(server)}.\n"
            f"First one: {when(server.next_fire)} ({when(server.next_fire, 'R')}).",
        )

    @reminders.command(name="off", description="Stop the daily club ping")
    async def off(self, interaction: discord.Interaction) -> None:
        removed = await reminder_service(self.bot).server_off(kit.guild_id(interaction), interaction.user.id)
        await self._reply(
            interaction, "🔕 The daily club ping is off." if removed else "There was no club ping to stop."
        )

    @app_commands.command(name="show", description="This server's Stride settings")
    async def show(self, interaction: discord.Interaction) -> None:
        server = await reminder_service(self.bot).server(kit.guild_id(interaction))
        embed = discord.Embed(title="Stride in this server", colour=BRAND)
        if server is None:
            value = "Off. Turn it on with `/server reminders set`."
        else:
            value = f"{describe(server)}\nNext: {when(server.next_fire)}"
            if server.failures:
                failed = plural(server.failures, "ping")
                value += f"\n⚠️ The last {failed} failed: can Stride post in <#{server.channel_id}>?"
        embed.add_field(name="Daily club ping", value=value, inline=False)
        await self._reply(interaction, "", embed=embed)
