"""Rendering of tips: advice answers and admin listings."""

from __future__ import annotations

import discord

from bot.db.tips import Tip
from cogs.ui.embeds import BRAND

DISCLAIMER = "Tips from runners and coaches, not medical advice."
EMBED_BODY_MAX = 1500  # the tip limit; 3 tips + titles + sources stay under Discord's 6000 per message


def tip_embed(tip: Tip, footer: str | None = None) -> discord.Embed:
    title = f"{tip.title}"[:256]
    embed = discord.Embed(title=title, description=tip.body[:EMBED_BODY_MAX], colour=BRAND)
    embed.add_field(name="Source", value=(tip.source or "Club knowledge")[:1024], inline=False)
    label = "built-in" if tip.builtin else "this server"
    embed.set_author(name=f"#{tip.id} · {tip.topic} · {label}")
    if footer:
        embed.set_footer(text=footer)
    return embed


def tip_line(tip: Tip, hidden: bool = False) -> str:
    origin = "built-in" if tip.builtin else "server"
    state = " (removed)" if tip.deleted else " (hidden)" if hidden else ""
    return f"`#{tip.id}` **{discord.utils.escape_markdown(tip.title)}** · {tip.topic} · {origin}{state}"


def advice_reply_text(banner: str | None, suggestions: list[str] | None) -> str | None:
    """The message text of an /advice answer: the red-flag banner first, then, when no tip matched,
    topics to try (an emergency with no tip about it still shows the banner and the disclaimer)."""
    lines = [banner] if banner else []
    if suggestions is not None:
        if banner and "🚨" in banner:
            lines.append(DISCLAIMER)
        else:
            topics = ", ".join(f"`{t}`" for t in suggestions) or "`/advice topic:`"
            lines.append(f"No tip matched that yet. Try one of these topics: {topics}.")
    return "\n".join(lines) or None
