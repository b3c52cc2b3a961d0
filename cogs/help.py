"""/help: what Stride does, in one embed."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot
from cogs.ui.kit import BRAND

SECTIONS = (
    (
        "🏃 Log your runs",
        "`/run log` distance, time and optional date, type, effort, pain, shoe, notes\n"
        "`/run history` · `/run edit` · `/run delete` · `/run stats` · `/run records`\n"
        "`/pace` pace, time or distance from the other two, and race-time estimates",
    ),
    ("👤 You", "`/profile set` units, time zone, goal race, weekly goal · `/profile show`\n"
     "`/shoes add` · `/shoes list` · `/shoes retire` · `/me export` · `/me forget`"),
    ("💡 Advice", "`/advice topic question` curated, sourced tips from runners and coaches (not medical advice)"),
    ("⏰ Reminders", "`/remind set` daily stretch or core work · `/remind list` · `/remind pause`"),
    ("🏆 Club", "`/leaderboard` · admins: `/tips …` to curate tips, `/server reminders` for a daily club ping"),
    ("🤝 Club life", "`/challenge join` · `/challenge show` · `/challenge list` shared goals (admins: `create`, `end`, "
     "`delete`)\n`/event create` group runs with Going / Maybe / Can't go and a DM an hour before · `/event list` · "
     "`/event cancel`\n`/race add` · `/race list` · `/race result` the club's race calendar\n"
     "`/profile set feed: on` your runs in the feed, with kudos · admins: `/server digest`, `/server feed`"),
)  # fmt: skip


@app_commands.guild_only()
class HelpCog(commands.Cog):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What Stride does and its commands")
    async def help(self, interaction: discord.Interaction) -> None:
        embed = discord.Embed(
            title="Stride — your running club's log, coach's notebook and stretch reminder",
            description="Replies about your own data are only visible to you unless you choose `public: True`.",
            colour=BRAND,
        )
        for name, value in SECTIONS:
            embed.add_field(name=name, value=value, inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(HelpCog(bot))
