"""A tiny real discord.py bot for the harness's own smoke tests (`python -m tests.fakediscord.demo_bot`).

It reads DISCORD_TOKEN, DISCORD_API_BASE, DEV_GUILD_ID and LOG_LEVEL from the environment and
redirects discord.py to the fake the same way the product does (`redirect_discord` below).
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal

import discord
import discord.gateway
import discord.http
import discord.webhook.async_
import yarl
from discord import app_commands
from discord.ext import commands

log = logging.getLogger("demo_bot")
ZONES = ["Europe/Berlin", "Europe/Belgrade", "Europe/Brussels", "America/New_York", "Asia/Tokyo"]


def redirect_discord(api_base: str) -> None:
    """Point discord.py's REST and webhook (interaction) clients at `api_base` (before login)."""
    discord.http.Route.BASE = api_base
    discord.webhook.async_.Route.BASE = api_base


async def adopt_gateway_url(bot: discord.Client) -> None:
    """A non-sharded discord.py client never asks /gateway/bot: it dials wss://gateway.discord.gg
    directly. Ask the (redirected) API for the gateway URL and make that the default."""
    _shards, url, _limits = await bot.http.get_bot_gateway()
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)


class Pager(discord.ui.View):
    def __init__(self, owner_id: int, pages: int = 3) -> None:
        super().__init__(timeout=600)
        self.owner_id, self.page, self.pages = owner_id, 1, pages
        self._sync_buttons()

    def content(self) -> str:
        return f"Page {self.page}/{self.pages}"

    def _sync_buttons(self) -> None:
        self.prev.disabled = self.page == 1
        self.next.disabled = self.page == self.pages

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message("This pager isn't yours.", ephemeral=True)
            return False
        return True

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        self.page += step
        self._sync_buttons()
        await interaction.response.edit_message(content=self.content(), view=self)

    @discord.ui.button(label="Prev", custom_id="pager:prev")
    async def prev(self, interaction: discord.Interaction, button: discord.ui.Button[Pager]) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="Next", custom_id="pager:next")
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button[Pager]) -> None:
        await self._turn(interaction, 1)

    @discord.ui.button(label="First", custom_id="pager:first")
    async def first(self, interaction: discord.Interaction, button: discord.ui.Button[Pager]) -> None:
        await interaction.response.defer()  # deferred update (type 6), then edit the original
        self.page = 1
        self._sync_buttons()
        await interaction.edit_original_response(content=self.content(), view=self)


class Feedback(discord.ui.Modal, title="Feedback"):
    text: discord.ui.TextInput[Feedback] = discord.ui.TextInput(label="Your feedback", custom_id="feedback_text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"Thanks: {self.text.value}", ephemeral=True)


class Demo(app_commands.Group, name="demo", description="Demo commands"):
    @app_commands.command(description="Repeat text")
    async def echo(self, interaction: discord.Interaction, text: str, count: int = 1, flag: bool = False) -> None:
        reply = " ".join([text] * count) + (" !" if flag else "")
        await interaction.response.send_message(reply, allowed_mentions=discord.AllowedMentions.none())

    @app_commands.command(description="Pages with buttons")
    async def pager(self, interaction: discord.Interaction) -> None:
        view = Pager(interaction.user.id)
        await interaction.response.send_message(view.content(), view=view)

    @app_commands.command(description="Deferred reply with a file")
    async def report(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await asyncio.sleep(0.1)
        data = io.BytesIO(b"distance,time\n10k,50:00\n")
        await interaction.followup.send("Your report", file=discord.File(data, "report.csv"))

    @app_commands.command(description="Size of an uploaded file")
    async def size(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await file.read()
        await interaction.response.send_message(f"{file.filename}: {len(data)} bytes")

    @app_commands.command(description="Post in a channel")
    async def announce(self, interaction: discord.Interaction, channel: discord.TextChannel, text: str) -> None:
        await channel.send(text)
        await interaction.response.send_message(f"Posted in #{channel.name}", ephemeral=True)

    @app_commands.command(description="DM me")
    async def dmme(self, interaction: discord.Interaction, text: str) -> None:
        try:
            await interaction.user.send(text)
        except discord.Forbidden as exc:
            await interaction.response.send_message(f"Could not DM you ({exc.code})", ephemeral=True)
            return
        await interaction.response.send_message("Sent you a DM", ephemeral=True)

    @app_commands.command(description="Many channel messages")
    async def burst(self, interaction: discord.Interaction, count: int) -> None:
        await interaction.response.defer(ephemeral=True)
        assert isinstance(interaction.channel, discord.TextChannel)
        for i in range(count):
            await interaction.channel.send(f"burst {i}")
        await interaction.followup.send(f"sent {count}")

    @app_commands.command(description="Pick a time zone")
    async def tz(self, interaction: discord.Interaction, zone: str) -> None:
        await interaction.response.send_message(f"Zone set to {zone}", ephemeral=True)

    @tz.autocomplete("zone")
    async def tz_complete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in ZONES if z.lower().startswith(current.lower())]

    @app_commands.command(description="Send feedback")
    async def feedback(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(Feedback())

    @app_commands.command(description="Who is that")
    async def who(self, interaction: discord.Interaction, member: discord.Member) -> None:
        embed = discord.Embed(title=member.display_name, description=f"id {member.id}")
        embed.add_field(name="Admin", value=str(member.guild_permissions.manage_guild))
        await interaction.response.send_message(embed=embed)

    @app_commands.command(description="Answers too late")
    async def slow(self, interaction: discord.Interaction, seconds: float) -> None:
        await asyncio.sleep(seconds)
        try:
            await interaction.response.send_message("finally")
        except discord.NotFound:
            log.warning("interaction expired before the answer")


class DemoBot(commands.Bot):
    def __init__(self, *, api_base: str | None, dev_guild_id: int | None) -> None:
        intents = discord.Intents.default()
        intents.presences = False
        intents.message_content = False
        super().__init__(command_prefix=commands.when_mentioned, intents=intents)
        self.api_base, self.dev_guild_id = api_base, dev_guild_id

    async def setup_hook(self) -> None:
        if self.api_base:
            await adopt_gateway_url(self)
        self.tree.add_command(Demo())
        self.tree.add_command(app_commands.Command(name="ping", description="Pong", callback=ping))
        self.tree.add_command(admin)
        if self.dev_guild_id:
            guild = discord.Object(self.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)


async def ping(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("pong", ephemeral=True)


# default_permissions only works on top-level commands (discord.py ignores it on subcommands).
@app_commands.command(description="Admins only")
@app_commands.default_permissions(manage_guild=True)
async def admin(interaction: discord.Interaction) -> None:
    ok = interaction.permissions.manage_guild
    await interaction.response.send_message("admin ok" if ok else "not admin", ephemeral=True)


async def main() -> None:
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    api_base = os.environ.get("DISCORD_API_BASE") or None
    if api_base:
        redirect_discord(api_base)
    guild_id = os.environ.get("DEV_GUILD_ID", "")
    bot = DemoBot(api_base=api_base, dev_guild_id=int(guild_id) if guild_id else None)
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, lambda: asyncio.ensure_future(bot.close()))
    async with bot:
        await bot.start(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    asyncio.run(main())
