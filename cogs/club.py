"""Club life's shared side: the scheduled posts' renderers (registered with the reminder dispatcher),
congratulations queued as soon as a participant's runs reach a goal, the feed's Kudos button, and the digest
and feed settings under `/server` (managers, checked in code).

The runs triggers mark a goal reached in the run's own statement; `settle_congratulations` turns each mark
into one queued post. It runs after a command changed the runs of a member who may take part in a challenge
still counting (the command's own read says so: the database answers, for every process alike), and once at
start-up for marks a crash left. Feed posts are queued by the run services in the run's own transaction.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot, refuse_while_stopping, stride_bot
from bot.club import posts
from bot.club.digest import DAYS
from bot.club.services import digest as service
from bot.errors import UserError, is_record_id
from cogs.reminders.delivery import register_post_kind
from cogs.ui import kit
from cogs.ui.club import check_postable
from cogs.ui.kit import NO_MENTIONS, explain
from cogs.ui.managers import ManagersOnly

log = logging.getLogger(__name__)
KUDOS_ID = re.compile(r"stride:kudos:([0-9]{1,19})")
MALFORMED = "This button isn't one Stride made, so nothing happened."
DAY_CHOICES = [app_commands.Choice(name=day, value=day) for day in DAYS]


class KudosButton(discord.ui.DynamicItem[discord.ui.Button], template=r"stride:kudos:.{0,40}"):
    def __init__(self, button: discord.ui.Button) -> None:
        super().__init__(button)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> KudosButton:
        return cls(kit.button_again(item))

    async def callback(self, interaction: discord.Interaction) -> None:
        if await refuse_while_stopping(interaction):
            return
        started, outcome = time.perf_counter(), "ok"
        match = KUDOS_ID.fullmatch(self.item.custom_id or "")
        try:
            if match is None or interaction.guild_id is None or not is_record_id(int(match.group(1))):
                raise UserError(MALFORMED)
            run_id = int(match.group(1))
            db = stride_bot(interaction).store
            owner, added, count = await service.kudos(db, interaction.guild_id, run_id, interaction.user.id)
            if owner is None:
                raise UserError("That run is no longer in the feed.")
            if owner == interaction.user.id:
                raise UserError("That's your own run: kudos are for your clubmates' runs.")
            if not added:
                raise UserError("You already gave this run kudos. 👏")
            label = f"👏 Kudos ({count})"
            view = discord.ui.View(timeout=None)
            view.add_item(discord.ui.Button(label=label, custom_id=self.item.custom_id,
                                            style=discord.ButtonStyle.primary))  # fmt: skip
            await interaction.response.edit_message(view=view)
            await interaction.followup.send("👏 Kudos given!", ephemeral=True)
        except Exception as error:
            outcome, text = explain(error)
            if outcome == "error":
                log.exception("kudos button %s failed for user %s", self.item.custom_id, interaction.user.id)
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            else:
                await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        log.info("button user=%s guild=%s action=kudos ms=%.1f outcome=%s", interaction.user.id,
                 interaction.guild_id, (time.perf_counter() - started) * 1000, outcome)  # fmt: skip


class ManagersGroup(ManagersOnly, app_commands.Group):
    """A subgroup of /server: its commands are bound to it, so /server's own check never runs for them."""


class DigestGroup(ManagersGroup):
    def __init__(self, bot: StrideBot) -> None:
        super().__init__(name="digest", description="A weekly round-up of the club's running in a channel")
        self.bot = bot

    @app_commands.command(name="set", description="Post the weekly digest in a channel")
    @app_commands.describe(channel="where it goes", day="which day (default: monday)",
                           time="local time in the server's zone (default: 09:00)")  # fmt: skip
    @app_commands.choices(day=DAY_CHOICES)
    async def set_(self, interaction: discord.Interaction, channel: discord.TextChannel, day: str | None = None,
                   time: str | None = None) -> None:  # fmt: skip
        channel_id = check_postable(interaction, channel)
        plan = await service.set_digest(self.bot.store, kit.guild_id(interaction), interaction.user.id, channel_id, day,
                                        time, discord.utils.utcnow())  # fmt: skip
        unix = int(plan.first.timestamp())
        await interaction.response.send_message(
            f"📰 The weekly digest goes to <#{channel_id}> every {DAYS[plan.day].title()} at {plan.at:%H:%M} "
            f"({plan.zone}). First one: <t:{unix}:F> (<t:{unix}:R>).",
            ephemeral=True,
        )

    @app_commands.command(name="off", description="Stop the weekly digest")
    async def off(self, interaction: discord.Interaction) -> None:
        stopped = await service.digest_off(self.bot.store, kit.guild_id(interaction), interaction.user.id)
        await interaction.response.send_message(
            "📰 The weekly digest is off." if stopped else "There was no weekly digest to stop.", ephemeral=True
        )


class FeedGroup(ManagersGroup):
    def __init__(self, bot: StrideBot) -> None:
        super().__init__(name="feed", description="A channel where members' runs appear, with kudos")
        self.bot = bot

    @app_commands.command(name="set", description="Post the runs of members who opted in to a channel")
    @app_commands.describe(channel="where runs appear (members opt in with /profile set feed: on)")
    async def set_(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        channel_id = check_postable(interaction, channel)
        await service.set_feed(self.bot.store, kit.guild_id(interaction), interaction.user.id, channel_id)
        await interaction.response.send_message(
            f"👏 The feed is <#{channel_id}>: runs of members who turn it on (`/profile set feed: on`) appear "
            "there, at most 5 a member a day, never pain or health notes.",
            ephemeral=True,
        )

    @app_commands.command(name="off", description="Stop the feed")
    async def off(self, interaction: discord.Interaction) -> None:
        stopped = await service.set_feed(self.bot.store, kit.guild_id(interaction), interaction.user.id, None)
        await interaction.response.send_message(
            "The feed is off." if stopped else "There was no feed to stop.", ephemeral=True
        )


class ClubLife(commands.Cog):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot
        self.groups = [DigestGroup(bot), FeedGroup(bot)]

    async def cog_load(self) -> None:
        for kind, handler in posts.kinds().items():
            register_post_kind(self.bot, kind, handler)
        server = self.bot.tree.get_command("server")
        if isinstance(server, app_commands.Group):
            for group in self.groups:
                server.add_command(group, override=True)
        self.bot.run_listeners.append(self.runs_changed)
        if self.bot.background:
            queued = await posts.settle_congratulations(self.bot.store, None, discord.utils.utcnow())
            if queued:
                log.info("queued %d challenge congratulations left from before the restart", queued)

    async def cog_unload(self) -> None:
        if self.runs_changed in self.bot.run_listeners:
            self.bot.run_listeners.remove(self.runs_changed)
        server = self.bot.tree.get_command("server")
        if isinstance(server, app_commands.Group):
            for group in self.groups:
                server.remove_command(group.name)

    async def runs_changed(self, guild_id: int, user_id: int, in_challenge: bool) -> None:
        if in_challenge:
            await posts.settle_congratulations(self.bot.store, guild_id, discord.utils.utcnow())


async def setup(bot: StrideBot) -> None:
    bot.add_dynamic_items(KudosButton)
    await bot.add_cog(ClubLife(bot))
