"""Embeds shared by the cogs. Pure rendering: numbers in, discord.Embed out."""

from __future__ import annotations

import discord

from bot.running.models import Run, Shoe
from bot.running.units import format_distance, format_duration, format_pace
from bot.text import no_links
from bot.wording import plural
from cogs.ui.kit import BRAND

BAR_WIDTH = 12


def page_out_of_range(asked: int, pages: int) -> str | None:
    """The line above a page when the member asked past the end; None when the page exists."""
    if asked <= pages:
        return None
    return f"There {'is' if pages == 1 else 'are'} only {plural(pages, 'page')}; here is page {pages}."


def progress_bar(fraction: float, width: int = BAR_WIDTH) -> str:
    filled = max(0, min(width, round(fraction * width)))
    return "█" * filled + "░" * (width - filled)


def run_line(run: Run, units: str) -> str:
    parts = [
        f"`#{run.id}` {run.run_date.isoformat()}",
        format_distance(run.distance_m, units),
        format_duration(run.duration_s),
        format_pace(run.distance_m, run.duration_s, units),
    ]
    if run.run_type:
        parts.append(run.run_type)
    return " · ".join(parts)


def run_embed(title: str, run: Run, units: str, shoe: Shoe | None = None) -> discord.Embed:
    embed = discord.Embed(title=title, colour=BRAND)
    embed.add_field(name="Distance", value=format_distance(run.distance_m, units))
    embed.add_field(name="Time", value=format_duration(run.duration_s))
    embed.add_field(name="Pace", value=format_pace(run.distance_m, run.duration_s, units))
    embed.add_field(name="Date", value=run.run_date.isoformat())
    if run.run_type:
        embed.add_field(name="Type", value=run.run_type)
    if run.effort:
        embed.add_field(name="Effort", value=f"{run.effort}/10")
    if shoe:
        embed.add_field(name="Shoe", value=no_links(shoe.name))
    if run.pain:
        embed.add_field(name="Pain", value=no_links(run.pain), inline=False)
    if run.notes:
        embed.add_field(name="Notes", value=no_links(run.notes), inline=False)
    embed.set_footer(text=f"Run #{run.id}")
    return embed


def history_embed(runs: list[Run], units: str, page: int, pages: int, total: int) -> discord.Embed:
    embed = discord.Embed(title="Your runs", colour=BRAND)
    if runs:
        embed.description = "\n".join(run_line(r, units) for r in runs)
    else:
        embed.description = "No runs yet. Log one with `/run log distance: 5k time: 28:00`."
    embed.set_footer(text=f"Page {page}/{pages} · {plural(total, 'run')} · newest first")
    return embed
