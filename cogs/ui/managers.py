"""Shared by the command groups for server managers (/tips, /server)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands


class ManagersOnly:
    """Mix into a GroupCog that also carries `@app_commands.default_permissions(manage_guild=True)`."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        # Default permissions only hide the commands; a server can override them, so check again.
        if not interaction.permissions.manage_guild:
            raise app_commands.MissingPermissions(["manage_guild"])
        return True

    async def _reply(self, interaction: discord.Interaction, content: str, **kwargs: Any) -> None:
        await interaction.response.send_message(content, ephemeral=True, **kwargs)
