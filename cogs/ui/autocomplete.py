"""Autocompletes used by more than one command group (so no cog imports another cog)."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.advice.services import catalog
from bot.client import stride_bot
from bot.running.services.shoes import list_shoes
from bot.running.timezones import suggest_zones
from cogs.ui import kit

MAX_CHOICES = 25  # Discord shows at most 25


async def timezone_autocomplete(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=label, value=zone) for label, zone in suggest_zones(current, limit=MAX_CHOICES)]


async def active_shoe_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    db = stride_bot(interaction).store
    shoes = await list_shoes(db, kit.guild_id(interaction), interaction.user.id, active_only=True)
    needle = current.lower()
    return [app_commands.Choice(name=s.name, value=s.name) for s in shoes if needle in s.name.lower()][:MAX_CHOICES]


async def topic_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    topics = await catalog.topics(stride_bot(interaction).store, kit.guild_id(interaction))
    needle = current.strip().lower()
    choices = [app_commands.Choice(name=f"{topic} ({count})", value=topic) for topic, count in topics]
    return [c for c in choices if needle in c.value][:MAX_CHOICES]
