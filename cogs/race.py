"""/race: the club's race calendar (members' own races; shared with the club unless they say not)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot
from bot.club.races import NAME_MAX, club_lines, race_words
from bot.club.services import races as service
from bot.errors import echo
from bot.running.services.runs import member_profile
from bot.running.units import format_duration
from cogs.ui import kit
from cogs.ui.kit import BRAND
from cogs.ui.run_log import log_reply_embed


@app_commands.guild_only()
class RaceCog(commands.GroupCog, group_name="race", group_description="The club's race calendar"):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    @app_commands.command(name="add", description="Add a race you're running")
    @app_commands.describe(
        name="e.g. Valencia Marathon",
        date="race day: Dec 6, 2027-04-25 (today or later)",
        distance="10k, half, marathon, 6.2mi…",
        goal="your goal time, e.g. 3:15:00 (optional)",
        share="show it in the club's list (default: yes)",
    )
    async def add(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, NAME_MAX],
                  date: app_commands.Range[str, 1, 50], distance: app_commands.Range[str, 1, 50],
                  goal: app_commands.Range[str, 1, 50] | None = None, share: bool = True) -> None:  # fmt: skip
        race = await service.add(self.bot.store, kit.guild_id(interaction), interaction.user.id, name, date, distance,
                                 goal, share, discord.utils.utcnow())  # fmt: skip
        goal_text = f", goal {format_duration(race.goal_s)}" if race.goal_s else ""
        shared = "shared with the club" if race.shared else "only in your own list"
        await interaction.response.send_message(
            f"🏅 Added **{echo(race.name, 100)}** on {race.race_date:%a %-d %b %Y} ({race_words(race, 'km')}"
            f"{goal_text}), {shared}. Race #{race.id}; log the result with `/race result id: {race.id} time: …`.",
            ephemeral=True,
        )

    @app_commands.command(name="list", description="The club's races in the next 8 weeks, or yours")
    @app_commands.describe(scope="club (default) or mine")
    @app_commands.choices(scope=[app_commands.Choice(name=s, value=s) for s in ("club", "mine")])
    async def list_(self, interaction: discord.Interaction, scope: str = "club") -> None:
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id
        units = (await member_profile(self.bot.store, guild_id, user_id)).units
        if scope == "mine":
            found = await service.own(self.bot.store, guild_id, user_id)
            embed = discord.Embed(title="Your races", colour=BRAND)
            lines = [f"`#{r.id}` **{r.race_date:%a %-d %b %Y}** — {r.name}, {race_words(r, units)}"
                     + (f" · {format_duration(r.result_s)} ✅" if r.result_s else "")
                     + (f" · goal {format_duration(r.goal_s)}" if r.goal_s and not r.result_s else "")
                     + ("" if r.shared else " · private") for r in found]  # fmt: skip
            embed.description = "\n".join(lines)[:4000] or "No races yet. Add one with `/race add`."
        else:
            club = await service.club_list(self.bot.store, guild_id, discord.utils.utcnow())
            embed = discord.Embed(title="Club races: the next 8 weeks", colour=BRAND)
            lines = club_lines(club.races, units)
            embed.description = (
                "\n".join(lines)[:4000] or "No shared races in the next 8 weeks. Add yours with `/race add`."
            )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="remove", description="Remove one of your races")
    @app_commands.describe(id="the race's id (from /race list scope: mine)")
    async def remove(self, interaction: discord.Interaction, id: kit.RecordId) -> None:
        await service.remove(self.bot.store, kit.guild_id(interaction), interaction.user.id, id)
        await interaction.response.send_message(f"Race #{id} removed from your calendar.", ephemeral=True)

    @app_commands.command(name="result", description="Log your race result as a run (on or after race day)")
    @app_commands.describe(id="the race's id", time="your finish time, e.g. 3:12:45")
    async def result(self, interaction: discord.Interaction, id: kit.RecordId, time: str) -> None:
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id
        logged = await service.result(self.bot.store, guild_id, user_id, id, time, discord.utils.utcnow())
        await interaction.response.send_message(embed=log_reply_embed(logged), ephemeral=True)
        await self.bot.runs_changed(guild_id, user_id, in_challenge=logged.in_challenge)


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(RaceCog(bot))
