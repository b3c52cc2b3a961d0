"""What a delivered reminder says, as plain data (the Discord adapter turns it into a message).

Button custom ids carry the reminder id and the slot they answer, so they keep working after a
restart and a Done counts once per slot: ``stride:rem:done:<reminder id>:<slot unix seconds>``,
``stride:srv:done:<guild id>:<slot>`` for the club ping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from bot.advice.models import Tip
from bot.reminders.models import (
    FIRST_SLOT,
    LAST_SLOT,
    MAX_ID,
    MAX_SNOWFLAKE,
    Reminder,
    ServerReminder,
    Target,
    from_ts,
    to_ts,
)
from bot.reminders.services.summary import WeekNumbers
from bot.running.units import format_distance, format_duration
from bot.text import no_links
from bot.wording import DISCLAIMER

KIND_WORDS = {"stretch": "stretch", "core": "core work", "custom": "reminder"}
MEMBER_ACTIONS = ("done", "skip", "snooze")

CUSTOM_ID = re.compile(r"stride:(?P<scope>rem|srv):(?P<action>[a-z]+):(?P<target>[0-9]{1,20}):(?P<fire>[0-9]{1,12})")
# What the button handler claims: anything in Stride's reminder namespace, so a crafted or malformed
# id still gets an answer instead of "interaction failed".
ANY_REMINDER_ID = re.compile(r"stride:(?:rem|srv):.{0,90}")


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    custom_id: str
    style: str = "secondary"  # "primary", "secondary" or "success"


@dataclass(frozen=True, slots=True)
class Field:
    """One name/value field of the message's embed."""

    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message the dispatcher sends: a reminder, or one message of a scheduled post. Only
    `mention_role_id` (the server's configured role) and `mention_user_id` (the owner of a channel reminder)
    may ping anyone. The embed is shown when it has a title, a body or fields."""

    content: str
    title: str | None = None
    body: str | None = None
    footer: str | None = None
    buttons: tuple[Button, ...] = ()
    mention_role_id: int | None = None
    mention_user_id: int | None = None  # a channel reminder pings its owner, nobody else
    nonce: str | None = None  # the same for every try of this message: Discord keeps only the first
    fields: tuple[Field, ...] = ()
    colour: int | None = None  # the embed's colour as 0xRRGGBB; Stride's own when None
    # Where a scheduled post's message goes: a channel, or a member's DMs (exactly one). A reminder's
    # target is its row's (bot/reminders/jobs.py), so these stay None there.
    channel_id: int | None = None
    dm_user_id: int | None = None


@dataclass(frozen=True, slots=True)
class ButtonRef:
    scope: str  # "rem" (a member's reminder) or "srv" (the club ping)
    action: str
    target: int  # reminder id, or guild id for "srv"
    fire: datetime


def custom_id(scope: str, action: str, target: int, fire: datetime) -> str:
    return f"stride:{scope}:{action}:{target}:{to_ts(fire)}"


def parse_custom_id(value: str) -> ButtonRef | None:
    """The button's reference, or None for anything malformed or out of range (a crafted id)."""
    match = CUSTOM_ID.fullmatch(value)
    if match is None:
        return None
    target, fire = int(match["target"]), int(match["fire"])
    largest = MAX_ID if match["scope"] == "rem" else MAX_SNOWFLAKE  # reminder id, or the club ping's guild id
    if match["action"] not in MEMBER_ACTIONS or not 0 < target <= largest or not FIRST_SLOT <= fire <= LAST_SLOT:
        return None
    if match["scope"] == "srv" and match["action"] != "done":
        return None
    return ButtonRef(match["scope"], match["action"], target, from_ts(fire))


def pick_tip(tips: list[Tip], index: int) -> Tip | None:
    return tips[index % len(tips)] if tips else None


class _TipParts(TypedDict):
    title: str | None
    body: str | None
    footer: str | None


def _tip_parts(tip: Tip | None) -> _TipParts:
    if tip is None:
        return {"title": None, "body": None, "footer": None}
    source = f"Source: {tip.source} · " if tip.source else ""
    body = tip.body if tip.builtin else no_links(tip.body)  # a server's tip is member text; titles show no links
    return {"title": tip.title[:256], "body": body[:4000], "footer": (source + DISCLAIMER)[:2048]}


def member_message(reminder: Reminder, fire: datetime, tip: Tip | None, snoozed: bool = False) -> Outgoing:
    """A member's reminder: what it is for, a tip of its kind, Done / Skip / Snooze 1 h."""
    again = " (snoozed)" if snoozed else ""
    text = no_links(reminder.message or "")  # the member's words, in a channel others read
    if reminder.kind == "custom":
        headline = f"⏰ Reminder{again}: {text}"
    else:
        headline = f"⏰ Time for your {KIND_WORDS[reminder.kind]}{again}!"
        if text:
            headline += f" {text}"
    if reminder.target == Target.CHANNEL:
        headline = f"<@{reminder.user_id}> {headline}"  # pings the owner alone (Outgoing.mention_user_id)
    buttons = (
        Button("Done", custom_id("rem", "done", reminder.id, fire), "success"),
        Button("Skip", custom_id("rem", "skip", reminder.id, fire)),
        Button("Snooze 1 h", custom_id("rem", "snooze", reminder.id, fire)),
    )
    owner = reminder.user_id if reminder.target == Target.CHANNEL else None
    return Outgoing(content=headline, buttons=buttons, mention_user_id=owner, **_tip_parts(tip))


def summary_message(reminder: Reminder, week: WeekNumbers) -> Outgoing:
    """The Monday DM: last week's numbers against the 4 weeks before and the weekly goal."""

    def km(metres: float) -> str:
        return format_distance(metres, week.units)

    runs = f"{week.runs} run" + ("" if week.runs == 1 else "s")
    lines = [f"**{km(week.distance_m)}** in {runs}, {format_duration(week.duration_s)} on your feet."]
    if week.longest_m:
        lines.append(f"Longest run: {km(week.longest_m)}.")
    if week.average_m is not None:
        lines.append(f"Your average over the weeks before: {km(week.average_m)}.")
    if week.goal_m:
        lines.append(f"Weekly goal: {km(week.goal_m)} ({round(100 * week.distance_m / week.goal_m)}% reached).")
    streak = f"{week.weekly_streak} week" + ("" if week.weekly_streak == 1 else "s")
    lines.append(f"Weekly streak: {streak}.")
    lines.append("Turn this off with `/profile set weekly_summary: off`.")
    headline = f"📊 Your week of {week.week_of.day} {week.week_of:%b}:"
    return Outgoing(content=headline, title="Last week's running", body="\n".join(lines))


def server_message(server: ServerReminder, fire: datetime, tip: Tip | None) -> Outgoing:
    """The daily club ping: the only message that may mention a role."""
    word = KIND_WORDS[server.kind]
    mention = f"<@&{server.role_id}> " if server.role_id else ""
    content = f"{mention}🏃 Daily club {word}! Here's the tip of the day. Press Done when you've done yours."
    button = Button("Done", custom_id("srv", "done", server.guild_id, fire), "success")
    return Outgoing(content=content, buttons=(button,), mention_role_id=server.role_id, **_tip_parts(tip))
