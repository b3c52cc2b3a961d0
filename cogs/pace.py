"""/pace: distance, time and pace from any two of them, plus race-time estimates from recent runs."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot
from bot.errors import UserError
from bot.running.services.pace import pace_answer
from cogs.ui import kit
from cogs.ui.pace import NO_RUNS, pace_embed


@app_commands.guild_only()
class PaceCog(commands.Cog):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    @app_commands.command(name="pace", description="Pace, time or distance from the other two; race-time estimates")
    @app_commands.describe(
        distance="10k, 6.2mi, half, marathon (a bare number uses your units)",
        time="52:30, 1:45:30, 4:00 for a marathon",
        pace="5:00, 5:00/km or 8:30/mi (a bare pace uses your units)",
        public="show the reply to the channel (default: only you)",
    )
    async def pace(
        self,
        interaction: discord.Interaction,
        distance: str | None = None,
        time: str | None = None,
        pace: str | None = None,
        public: bool = False,
    ) -> None:
        answer = await pace_answer(
            self.bot.store, kit.guild_id(interaction), interaction.user.id, distance, time, pace, discord.utils.utcnow()
        )
        if answer.solution is None and answer.estimates is None:
            raise UserError(NO_RUNS, "distance")
        await interaction.response.send_message(
            embed=pace_embed(answer.solution, answer.estimates, answer.units), ephemeral=not public
        )


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(PaceCog(bot))
