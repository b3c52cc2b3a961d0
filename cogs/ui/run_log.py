"""The /run log reply: the run, how ambiguous input was read, records and insights; on a public log
the pain text, pain/health insights and personal nudges (mileage jump, time zone, a run logged twice) go
to the member alone."""

from __future__ import annotations

from dataclasses import replace

import discord

from bot.running.insights import Insight
from bot.running.services.runs import LogResult
from bot.text import no_links

from .embeds import run_embed
from .kit import BRAND, WARN

ZONE_TITLE = "🕒 Time zone"
TWIN_TITLE = "🔁 Logged twice?"


def reading_notes(notes: list[str]) -> str | None:
    """'ℹ️ I read `1:45` as 1 h 45 min.' lines, None without notes."""
    return "\n".join(f"ℹ️ I {note}." for note in notes) or None


def _is_private(insight: Insight) -> bool:
    """Pain and health notes, and nudges about the member's own training load: for the member's eyes only,
    even on a public log."""
    return insight.kind.startswith("pain") or insight.kind == "mileage-jump"


def _add_insights(embed: discord.Embed, insights: list[Insight]) -> None:
    for insight in insights:
        hint = f"\n→ `/advice topic: {insight.advice_topic}`" if insight.advice_topic else ""
        embed.add_field(name=insight.title, value=insight.text + hint, inline=False)
    if insights:
        embed.colour = WARN


def log_reply_embed(result: LogResult, public: bool = False) -> discord.Embed:
    """The reply to /run log; a public one leaves out the pain text, health insights and personal nudges."""
    units = result.profile.units
    run = replace(result.run, pain=None) if public else result.run
    embed = run_embed("Run logged", run, units, result.shoe)
    embed.description = reading_notes(result.notes)
    for label in result.new_records:
        embed.add_field(name="🏅 New record", value=label, inline=False)
    _add_insights(embed, [i for i in result.insights if not (public and _is_private(i))])
    if not public:
        _add_nudges(embed, result)
    return embed


def twin_note(result: LogResult) -> str | None:
    """The same run logged twice by hand? Say which one exists and how to delete one."""
    if result.twin_id is None:
        return None
    return (
        f"Run #{result.twin_id} has the same date, distance and time. If you logged it twice, delete one with "
        f"`/run delete id: {result.run.id}`."
    )


def _add_nudges(embed: discord.Embed, result: LogResult) -> None:
    twin = twin_note(result)
    if twin:
        embed.add_field(name=TWIN_TITLE, value=twin, inline=False)
    if result.zone_notice:
        embed.add_field(name=ZONE_TITLE, value=result.zone_notice, inline=False)


def private_embed(result: LogResult) -> discord.Embed | None:
    """What a public log keeps to the member: the pain text, pain/health insights and personal nudges."""
    private = [i for i in result.insights if _is_private(i)]
    if not result.run.pain and not private and not result.zone_notice and result.twin_id is None:
        return None
    embed = discord.Embed(title=f"Only you can see this · run #{result.run.id}", colour=BRAND)
    if result.run.pain:
        embed.add_field(name="Pain", value=no_links(result.run.pain), inline=False)
    _add_insights(embed, private)
    _add_nudges(embed, result)
    return embed
