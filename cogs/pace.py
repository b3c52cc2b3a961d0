"""/pace: distance, time and pace from any two of them, plus race-time estimates from recent runs."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot
from bot.db import runs as runs_db
from bot.db.members import get_profile
from bot.errors import UserError
from bot.running import pace as calculator  # `pace` is also the option's name
from bot.running.service import member_today
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
        guild_id, user_id = interaction.guild_id or 0, interaction.user.id
        profile = await get_profile(self.bot.db, guild_id, user_id)
        solution = calculator.solve(distance, time, pace, profile.units)
        today = member_today(profile, discord.utils.utcnow())
        recent = await runs_db.member_runs(self.bot.db, guild_id, user_id, since=today - calculator.RECENT)
        estimates = calculator.race_estimates(recent, today)
        if solution is None and estimates is None:
            raise UserError(NO_RUNS, "distance")
        await interaction.response.send_message(
            embed=pace_embed(solution, estimates, profile.units), ephemeral=not public
        )


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(PaceCog(bot))
