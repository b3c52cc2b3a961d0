"""What a delivered reminder says, as plain data (the Discord adapter turns it into a message).

Button custom ids carry the reminder id and the slot they answer, so they keep working after a
restart and a Done counts once per slot: ``stride:rem:done:<reminder id>:<slot unix seconds>``,
``stride:srv:done:<guild id>:<slot>`` for the club ping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.db.tips import Tip
from bot.reminders.models import Reminder, ServerReminder, Target, from_ts, to_ts
from bot.wording import DISCLAIMER

KIND_WORDS = {"stretch": "stretch", "core": "core work", "custom": "reminder"}
MEMBER_ACTIONS = ("done", "skip", "snooze")

CUSTOM_ID = re.compile(r"stride:(?P<scope>rem|srv):(?P<action>[a-z]+):(?P<target>[0-9]{1,20}):(?P<fire>[0-9]{1,12})")


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    custom_id: str
    style: str = "secondary"  # "primary", "secondary" or "success"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One reminder message. Only `mention_role_id` may ping anyone (the server's configured role)."""

    content: str
    title: str | None = None
    body: str | None = None
    footer: str | None = None
    buttons: tuple[Button, ...] = ()
    mention_role_id: int | None = None


@dataclass(frozen=True, slots=True)
class ButtonRef:
    scope: str  # "rem" (a member's reminder) or "srv" (the club ping)
    action: str
    target: int  # reminder id, or guild id for "srv"
    fire: datetime


def custom_id(scope: str, action: str, target: int, fire: datetime) -> str:
    return f"stride:{scope}:{action}:{target}:{to_ts(fire)}"


def parse_custom_id(value: str) -> ButtonRef | None:
    match = CUSTOM_ID.fullmatch(value)
    if match is None:
        return None
    return ButtonRef(match["scope"], match["action"], int(match["target"]), from_ts(int(match["fire"])))


def pick_tip(tips: list[Tip], index: int) -> Tip | None:
    return tips[index % len(tips)] if tips else None


def _tip_parts(tip: Tip | None) -> dict[str, str | None]:
    if tip is None:
        return {"title": None, "body": None, "footer": None}
    source = f"Source: {tip.source} · " if tip.source else ""
    return {"title": tip.title[:256], "body": tip.body[:4000], "footer": (source + DISCLAIMER)[:2048]}


def member_message(reminder: Reminder, fire: datetime, tip: Tip | None, snoozed: bool = False) -> Outgoing:
    """A member's reminder: what it is for, a tip of its kind, Done / Skip / Snooze 1 h."""
    again = " (snoozed)" if snoozed else ""
    if reminder.kind == "custom":
        headline = f"⏰ Reminder{again}: {reminder.message or ''}"
    else:
        headline = f"⏰ Time for your {KIND_WORDS[reminder.kind]}{again}!"
        if reminder.message:
            headline += f" {reminder.message}"
    if reminder.target == Target.CHANNEL:
        headline = f"<@{reminder.user_id}> {headline}"  # sent with no mentions allowed: shows the name, no ping
    buttons = (
        Button("Done", custom_id("rem", "done", reminder.id, fire), "success"),
        Button("Skip", custom_id("rem", "skip", reminder.id, fire)),
        Button("Snooze 1 h", custom_id("rem", "snooze", reminder.id, fire)),
    )
    return Outgoing(content=headline, buttons=buttons, **_tip_parts(tip))


def server_message(server: ServerReminder, fire: datetime, tip: Tip | None) -> Outgoing:
    """The daily club ping: the only message that may mention a role."""
    word = KIND_WORDS[server.kind]
    mention = f"<@&{server.role_id}> " if server.role_id else ""
    content = f"{mention}🏃 Daily club {word}! Here's the tip of the day. Press Done when you've done yours."
    button = Button("Done", custom_id("srv", "done", server.guild_id, fire), "success")
    return Outgoing(content=content, buttons=(button,), mention_role_id=server.role_id, **_tip_parts(tip))
