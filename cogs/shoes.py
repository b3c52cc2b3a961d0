"""/shoes: add, list with wear, retire."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot
from bot.running.parsing import typed_units
from bot.running.services import shoes as shoe_service
from bot.running.services.runs import member_profile
from bot.running.units import format_distance
from cogs.ui import kit
from cogs.ui.autocomplete import active_shoe_autocomplete
from cogs.ui.embeds import progress_bar
from cogs.ui.kit import BRAND


@app_commands.guild_only()
class ShoesCog(commands.GroupCog, group_name="shoes", group_description="Track the distance in your shoes"):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    @app_commands.command(name="add", description="Add a pair of shoes")
    @app_commands.describe(
        name="e.g. Pegasus 40", retire_at="retirement distance, e.g. 800km (default 800 km / 500 mi)"
    )
    async def add(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, None, shoe_service.SHOE_NAME_MAX],
        retire_at: str | None = None,
    ) -> None:
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id
        shoe = await shoe_service.add_shoe(self.bot.store, guild_id, user_id, name, retire_at)
        profile_units = (await member_profile(self.bot.store, guild_id, user_id)).units
        typed = typed_units(retire_at, profile_units)  # `500mi` is said back in miles
        life = format_distance(shoe.retire_at_m, typed)
        if typed != profile_units:
            life += f" ({format_distance(shoe.retire_at_m, profile_units)})"
        await interaction.response.send_message(
            f"Added **{discord.utils.escape_markdown(shoe.name)}**, retiring at {life}. "
            "Pick it with `shoe:` when you `/run log`.",
            ephemeral=True,
        )

    @app_commands.command(name="list", description="Your shoes with distance and wear")
    async def list_(self, interaction: discord.Interaction) -> None:
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id
        shoes = await shoe_service.list_shoes(self.bot.store, guild_id, user_id)
        units = (await member_profile(self.bot.store, guild_id, user_id)).units
        embed = discord.Embed(title="Your shoes", colour=BRAND)
        if not shoes:
            embed.description = "No shoes yet. Add a pair with `/shoes add name: Pegasus 40`."
        for shoe in shoes:
            wear = shoe_service.wear_fraction(shoe)
            status = " (retired)" if shoe.retired else " ⚠️ past its life" if wear >= 1 else ""
            embed.add_field(
                name=f"{shoe.name}{status}",
                value=f"{progress_bar(wear)} {format_distance(shoe.distance_m, units)} of "
                f"{format_distance(shoe.retire_at_m, units)} ({wear:.0%})",
                inline=False,
            )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="retire", description="Retire a pair (kept in your history)")
    @app_commands.autocomplete(name=active_shoe_autocomplete)
    async def retire(self, interaction: discord.Interaction, name: str) -> None:
        shoe = await shoe_service.retire_shoe(self.bot.store, kit.guild_id(interaction), interaction.user.id, name)
        await interaction.response.send_message(
            f"Retired **{discord.utils.escape_markdown(shoe.name)}**. Thanks for the miles!",
            ephemeral=True,
        )


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(ShoesCog(bot))
