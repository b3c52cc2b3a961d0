"""Club life's background side: the scheduled posts' renderers (registered with the reminder dispatcher),
and congratulations queued as soon as a participant's runs reach a goal.

The runs triggers mark a goal reached in the run's own statement; `settle_congratulations` turns each mark
into one queued post. It runs after a command changed the runs of a member taking part in a challenge still
counting (kept in memory: one set lookup for everyone else), and once at start-up for marks a crash left.
"""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.client import StrideBot
from bot.club import posts
from bot.db import challenges as challenges_db
from cogs.reminders.delivery import register_post_kind

log = logging.getLogger(__name__)


class ClubLife(commands.Cog):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot
        self.participants: set[tuple[int, int]] = set()  # (guild, member) in a challenge still counting

    async def cog_load(self) -> None:
        for kind, handler in posts.kinds().items():
            register_post_kind(self.bot, kind, handler)  # type: ignore[arg-type]
        now = discord.utils.utcnow()
        self.participants = set(await challenges_db.open_participants(self.bot.store, now))
        self.bot.run_listeners.append(self.runs_changed)
        if self.bot.background:
            queued = await posts.settle_congratulations(self.bot.store, None, now)
            if queued:
                log.info("queued %d challenge congratulations left from before the restart", queued)

    async def cog_unload(self) -> None:
        if self.runs_changed in self.bot.run_listeners:
            self.bot.run_listeners.remove(self.runs_changed)

    def joined(self, guild_id: int, user_id: int) -> None:
        self.participants.add((guild_id, user_id))

    async def runs_changed(self, guild_id: int, user_id: int) -> None:
        if (guild_id, user_id) in self.participants:
            await posts.settle_congratulations(self.bot.store, guild_id, discord.utils.utcnow())


def club_life(bot: discord.Client) -> ClubLife | None:
    cog = bot.get_cog(ClubLife.__cog_name__) if isinstance(bot, commands.Bot) else None
    return cog if isinstance(cog, ClubLife) else None


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(ClubLife(bot))
