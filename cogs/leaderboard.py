"""/leaderboard: the club's top 10 by distance this week, month or year."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot
from bot.running.services import stats as stats_service
from cogs.ui import kit
from cogs.ui.stats_embeds import leaderboard_embed


class LeaderboardCog(commands.Cog):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    @app_commands.command(name="leaderboard", description="The club's top 10 by distance")
    @app_commands.describe(period="this week (default), month or year; in the server reminder's zone, else UTC")
    @app_commands.choices(period=[app_commands.Choice(name=p, value=p) for p in stats_service.BOARD_PERIODS])
    @app_commands.guild_only()
    async def leaderboard(self, interaction: discord.Interaction, period: str = "week") -> None:
        board = await stats_service.club_leaderboard(
            self.bot.store, kit.guild_id(interaction), interaction.user.id, period, discord.utils.utcnow()
        )
        # <@id> mentions show each member's display name; the client-wide no-mentions default
        # makes sure nobody is pinged.
        await interaction.response.send_message(embed=leaderboard_embed(board))


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(LeaderboardCog(bot))
