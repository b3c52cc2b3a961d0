"""The small kit every cog uses: shared constants, the interaction's server, one error mapping.

The constants and `explain` are defined once in the core or the client (the command tree needs them too
and must not import cogs); cogs take them from here.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.client import NO_MENTIONS, explain, send_ephemeral
from bot.wording import APOLOGY, DISCLAIMER

BRAND = discord.Colour.from_rgb(255, 107, 53)
WARN = discord.Colour.gold()

# Every integer option declares its bounds, so Discord refuses what is out of range while the member types
# (an unbounded one lets through numbers past what Python hands SQLite, and the member gets an apology).
MAX_RECORD_ID = 2**53 - 1  # the largest integer a Discord option carries exactly
MAX_PAGE = 10_000
RecordId = app_commands.Range[int, 1, MAX_RECORD_ID]  # a run, tip, reminder or event id
Page = app_commands.Range[int, 1, MAX_PAGE]

__all__ = [
    "APOLOGY",
    "BRAND",
    "DISCLAIMER",
    "MAX_PAGE",
    "MAX_RECORD_ID",
    "NO_MENTIONS",
    "WARN",
    "Page",
    "RecordId",
    "button_again",
    "explain",
    "guild_id",
    "send_ephemeral",
]


def guild_id(interaction: discord.Interaction) -> int:
    """The server the command came from (the tree refuses commands outside a server)."""
    return interaction.guild_id or 0


def button_again(item: discord.ui.Item[Any]) -> discord.ui.Button[Any]:
    """A copy of the button a persistent (dynamic) button is rebuilt from: discord.py hands `from_custom_id`
    the message's component, which for each of Stride's dynamic items is a button."""
    if not isinstance(item, discord.ui.Button):
        raise TypeError(f"a dynamic button was rebuilt from a {type(item).__name__}")
    return discord.ui.Button(label=item.label, custom_id=item.custom_id, style=item.style)
