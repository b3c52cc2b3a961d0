"""The /run records embed: whole-run records, then the fastest stretches inside longer (imported) runs."""

from __future__ import annotations

import discord

from bot.running.records import longest_counted, shortest_counted, shown_records
from bot.running.services.stats import MemberRecords
from bot.running.units import STANDARD_DISTANCES, format_distance

from .imports import inside_run_line
from .kit import BRAND
from .stats_embeds import record_line


def _not_yet(label: str, metres: float, units: str) -> str:
    window = f"{format_distance(shortest_counted(metres), units)}–{format_distance(longest_counted(metres), units)}"
    return f"**{label}** — not yet (a run of {window} counts)"


def records_embed(records: MemberRecords) -> discord.Embed:
    units = records.profile.units
    shown = shown_records(records.records)
    whole = {r.label: r for r in shown if not r.inside_run}
    inside = [r for r in shown if r.inside_run]
    # A distance with no whole run of it but a stretch inside a longer run shows that stretch in its place.
    standing_in = {r.label: r for r in inside if r.label in STANDARD_DISTANCES and r.label not in whole}
    lines = []
    for label, metres in STANDARD_DISTANCES.items():
        if label in whole:
            lines.append(record_line(whole[label], units))
        elif label in standing_in:
            lines.append(inside_run_line(standing_in[label], units))
        else:
            lines.append(_not_yet(label, metres, units))
    faster = [r for r in inside if r.label not in standing_in]
    if faster:
        lines.append("\n**Faster inside longer runs**")
        lines += [inside_run_line(r, units) for r in faster]
    lines.append(
        "\nRecords come from runs of that distance (100–102%; 3.1 mi, 6.2 mi, 13.1 mi and 26.2 mi count), each "
        "time scaled to the exact distance. Runs imported with a track (`/run import`) also count their fastest "
        "stretch of each distance inside a longer run."
    )
    embed = discord.Embed(title="Your records", description="\n".join(lines), colour=BRAND)
    embed.set_footer(text="Best times from runs of that distance, scaled to the exact distance.")
    return embed
