"""/me: export or erase everything Stride holds about the member in this server."""

from __future__ import annotations

import asyncio
import io

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot
from bot.running.export import export_files
from bot.running.services.profile import export_data, forget_data
from cogs.ui import kit
from cogs.ui.embeds import plural
from cogs.ui.views import ConfirmView


@app_commands.guild_only()
class MeCog(commands.GroupCog, group_name="me", group_description="Your data in this server"):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    @app_commands.command(name="export", description="Download your runs, shoes, reminders and profile")
    async def export(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await export_data(self.bot.store, kit.guild_id(interaction), interaction.user.id)
        files = await asyncio.to_thread(export_files, data)
        runs = len(data.get("runs", []))
        await interaction.followup.send(
            f"Here is everything Stride stores about you in this server ({plural(runs, 'run')}).",
            files=[discord.File(io.BytesIO(body), filename=name) for name, body in files.items()],
            ephemeral=True,
        )

    @app_commands.command(name="forget", description="Erase all your data in this server (asks to confirm)")
    async def forget(self, interaction: discord.Interaction) -> None:
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id

        async def confirmed() -> str:
            await forget_data(self.bot.store, guild_id, user_id)
            return "Done: your runs, shoes, reminders and profile in this server are erased."

        await interaction.response.send_message(
            "This erases **all** your runs, shoes, reminders and profile in this server. It cannot be undone.",
            view=ConfirmView(user_id, confirmed, "Erase everything"),
            ephemeral=True,
        )


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(MeCog(bot))
