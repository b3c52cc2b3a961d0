"""The /run records embed: whole-run records, then the fastest stretches inside longer (imported) runs."""

from __future__ import annotations

import discord

from bot.running.records import MAX_OVER, MIN_UNDER, shown_records
from bot.running.stats_service import MemberRecords
from bot.running.units import STANDARD_DISTANCES, format_distance

from .imports import inside_run_line
from .kit import BRAND
from .stats_embeds import record_line


def records_embed(records: MemberRecords) -> discord.Embed:
    units = records.profile.units
    shown = shown_records(records.records)
    whole = {r.label: r for r in shown if not r.inside_run}
    lines = []
    for label, metres in STANDARD_DISTANCES.items():
        if label in whole:
            lines.append(record_line(whole[label], units))
        else:
            window = f"{format_distance(metres * MIN_UNDER, units)}–{format_distance(metres * MAX_OVER, units)}"
            lines.append(f"**{label}** — not yet (a run of {window} counts)")
    inside = [r for r in shown if r.inside_run]
    if inside:
        lines.append("\n**Faster inside longer runs**")
        lines += [inside_run_line(r, units) for r in inside]
    lines.append(
        "\nRecords come from runs of that distance (100–102%, 13.1 mi and 26.2 mi count), each time scaled to "
        "the exact distance. Runs imported with a track (`/run import`) also count their fastest stretch of each "
        "distance inside a longer run."
    )
    embed = discord.Embed(title="Your records", description="\n".join(lines), colour=BRAND)
    embed.set_footer(text="Best times from runs of that distance, scaled to the exact distance.")
    return embed
