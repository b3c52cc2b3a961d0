"""Rendering of tips: advice answers and admin listings."""

from __future__ import annotations

import json
from datetime import datetime

import discord

from bot.advice.models import Tip
from bot.text import no_links
from cogs.ui.kit import BRAND, DISCLAIMER

EMBED_BODY_MAX = 1500  # the tip limit; 3 tips + titles + sources stay under Discord's 6000 per message


def _member_text(tip: Tip, text: str) -> str:
    """A server's own tips are written by its members: their text may not hide a link."""
    return text if tip.builtin else no_links(text)


def tip_embed(tip: Tip, footer: str | None = None) -> discord.Embed:
    title = f"{tip.title}"[:256]  # a title shows no links
    body = _member_text(tip, tip.body[:EMBED_BODY_MAX])
    embed = discord.Embed(title=title, description=body, colour=BRAND)
    embed.add_field(name="Source", value=_member_text(tip, tip.source or "Club knowledge")[:1024], inline=False)
    label = "built-in" if tip.builtin else "this server"
    embed.set_author(name=f"#{tip.id} · {tip.topic} · {label}")
    if footer:
        embed.set_footer(text=footer)
    return embed


def tip_line(tip: Tip, hidden: bool = False) -> str:
    origin = "built-in" if tip.builtin else "server"
    state = " (removed)" if tip.deleted else " (hidden)" if hidden else ""
    return f"`#{tip.id}` **{discord.utils.escape_markdown(tip.title)}** · {tip.topic} · {origin}{state}"


_VERBS = {
    "remove": "removed",
    "restore": "restored",
    "hide": "hid built-in",
    "unhide": "unhid built-in",
}
_FIELD_NAMES = {"topic": "topic", "title": "title", "body": "text", "source": "source", "tags": "tags", "kind": "kind"}


def _quoted(text: object, limit: int = 60) -> str:
    flat = " ".join(str(text).split())
    flat = flat if len(flat) <= limit else flat[: limit - 1] + "…"
    return f"“{discord.utils.escape_markdown(flat)}”"


def _edit_summary(detail: dict) -> str:
    parts = []
    for key, value in detail.items():
        name = _FIELD_NAMES.get(key, key)
        parts.append(f"the {name} to {_quoted(value, 40)}" if key in ("title", "topic", "kind") else f"the {name}")
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


_CLUB_VERBS = {
    "challenge:create": "created the challenge{name}",
    "challenge:end": "ended the challenge{name}",
    "challenge:delete": "deleted the challenge{name}",
    "event:cancel": "cancelled the group run{name}",
    "digest:set": "set the weekly digest to {channel}",
    "digest:off": "turned the weekly digest off",
    "feed:set": "set the feed to {channel}",
    "feed:off": "turned the feed off",
}


def audit_sentence(entry: dict) -> str:
    """One line of /tips log: when, who, and what changed, in words."""
    try:
        detail = json.loads(entry.get("detail") or "{}")
    except ValueError:
        detail = {}
    if not isinstance(detail, dict):
        detail = {}
    when = discord.utils.format_dt(datetime.fromisoformat(entry["created_at"]), "f")
    who = f"<@{entry['user_id']}>"
    action, tip = entry["action"], f"tip #{entry['tip_id']}"
    title = f" {_quoted(detail['title'])}" if detail.get("title") else ""
    if action == "add":
        topic = f" on {discord.utils.escape_markdown(str(detail['topic']))}" if detail.get("topic") else ""
        what = f"added {tip}{title}{topic}"
    elif action == "edit":
        what = f"edited {tip}: changed {_edit_summary(detail)}"
    elif action in _VERBS:
        what = f"{_VERBS[action]} {tip}{title}"
    elif action == "import":
        counts = ", ".join(f"{detail.get(k, 0)} {k}" for k in ("added", "updated", "skipped"))
        what = f"imported tips ({counts})"
    elif action == "ping-set":
        role = f", mentioning <@&{detail['role_id']}>" if detail.get("role_id") else ""
        what = (
            f"set the daily club ping: {detail.get('kind', 'stretch')} tip at {detail.get('time', '?')} "
            f"({detail.get('timezone', 'UTC')}) in <#{detail.get('channel_id', 0)}>{role}"
        )
    elif action == "ping-off":
        what = "turned the daily club ping off"
    elif action.startswith("challenge:"):
        verb = {"challenge:create": "created", "challenge:end": "ended", "challenge:delete": "deleted"}
        goal = f" (goal {detail['goal']}, {detail.get('mode', 'individual')})" if detail.get("goal") else ""
        what = f"{verb.get(action, 'changed')} the challenge {_quoted(detail.get('name', '?'))}{goal}"
    elif action in _CLUB_VERBS:
        name = f" {_quoted(detail['name'])}" if detail.get("name") else ""
        what = _CLUB_VERBS[action].format(name=name, channel=f"<#{detail['channel']}>" if detail.get("channel") else "")
    else:
        what = f"made a change ({discord.utils.escape_markdown(action)}) to {tip}"
    where = " (on the web dashboard)" if entry.get("via") == "web" else ""
    return f"{when} — {who} {what}{where}."


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
