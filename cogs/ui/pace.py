"""Rendering of /pace: the worked-out pace, time or distance in km and mi, and race-time estimates."""

from __future__ import annotations

import discord

from bot.running.pace import RECENT, Estimates, PaceSolution
from bot.running.units import format_distance, format_duration, format_pace

from .embeds import BRAND

NO_RUNS = (
    "I estimate race times from your runs of 3 km or more in the last 12 weeks, and there are none yet: "
    "log one with `/run log`, or give two of distance, time and pace, e.g. `/pace distance: 10k pace: 5:00`."
)


def both_units_distance(metres: float) -> str:
    return f"{format_distance(metres, 'km')} · {format_distance(metres, 'mi')}"


def both_units_pace(metres: float, seconds: float) -> str:
    return f"{format_pace(metres, seconds, 'km')} · {format_pace(metres, seconds, 'mi')}"


def pace_embed(solution: PaceSolution | None, estimates: Estimates | None, units: str) -> discord.Embed:
    embed = discord.Embed(title="Pace calculator", colour=BRAND)
    if solution is not None:
        names = {"distance": "Distance", "time": "Time", "pace": "Pace"}
        values = {
            "distance": both_units_distance(solution.distance_m),
            "time": format_duration(solution.duration_s),
            "pace": both_units_pace(solution.distance_m, solution.duration_s),
        }
        for key in ("distance", "time", "pace"):
            bold = f"**{values[key]}**" if key == solution.solved else values[key]
            embed.add_field(name=names[key], value=bold, inline=key != "pace")
        if solution.note:
            embed.description = f"ℹ️ I {solution.note}."
    if estimates is not None:
        basis = estimates.basis
        lines = [
            f"**{p.label}** — {format_duration(p.duration_s)} ({format_pace(p.distance_m, p.duration_s, units)})"
            for p in estimates.predictions
        ]
        weeks = RECENT.days // 7
        source = (
            f"An estimate (Riegel's formula) from your best effort of the last {weeks} weeks: "
            f"{format_distance(basis.distance_m, units)} in {format_duration(basis.duration_s)} "
            f"on {basis.run_date.isoformat()} (run #{basis.id})."
        )
        embed.add_field(name="Race-time estimates", value=source + "\n" + "\n".join(lines), inline=False)
        embed.set_footer(text="Estimates assume training for the distance; long races take endurance, not just speed.")
    return embed
