"""The small kit every cog uses: shared constants, the interaction's server, one error mapping.

The constants and `explain` are defined once in the core or the client (the command tree needs them too
and must not import cogs); cogs take them from here.
"""

from __future__ import annotations

import discord

from bot.client import NO_MENTIONS, explain, send_ephemeral
from bot.wording import APOLOGY, DISCLAIMER

BRAND = discord.Colour.from_rgb(255, 107, 53)
WARN = discord.Colour.gold()

__all__ = ["APOLOGY", "BRAND", "DISCLAIMER", "NO_MENTIONS", "WARN", "explain", "guild_id", "send_ephemeral"]


def guild_id(interaction: discord.Interaction) -> int:
    """The server the command came from (the tree refuses commands outside a server)."""
    return interaction.guild_id or 0
