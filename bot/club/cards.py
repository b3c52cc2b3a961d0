"""A club message as plain data (title, text, fields, buttons), so a card looks the same whether a command
posts it (cogs/ui/club.py turns it into an embed) or the dispatcher does (`bot.club.posts`)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Embed colours (0xRRGGBB): Stride's orange, and a grey for what is over.
BRAND = 0xFF6B35
DONE = 0x95A5A6
GOLD = 0xF1C40F


@dataclass(frozen=True, slots=True)
class CardButton:
    label: str
    custom_id: str
    style: str = "secondary"  # "primary", "secondary", "success" or "danger"
    disabled: bool = False


@dataclass(frozen=True, slots=True)
class Card:
    title: str
    description: str = ""
    fields: tuple[tuple[str, str, bool], ...] = ()  # (name, value, inline)
    buttons: tuple[CardButton, ...] = ()
    footer: str | None = None
    colour: int = BRAND
    content: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def timestamp(unix: int, style: str = "F") -> str:
    """A Discord timestamp: each member sees it in their own time zone."""
    return f"<t:{unix}:{style}>"
