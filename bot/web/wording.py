"""Plain-text sentences for the dashboard's pages (templates escape them): the club ping, audit entries, times."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.db.audit import AuditEntry
from bot.reminders.models import ServerReminder
from bot.web.backend import GuildInfo

_VERBS = {"remove": "removed", "restore": "restored", "hide": "hid built-in", "unhide": "showed built-in"}
_CHALLENGE_VERBS = {"challenge:create": "started", "challenge:end": "ended", "challenge:delete": "deleted"}
_FIELDS = {"topic": "topic", "title": "title", "body": "text", "source": "source", "tags": "tags", "kind": "kind"}


def channel_name(guild: GuildInfo, channel_id: int | None) -> str:
    channel = guild.channel(channel_id or 0)
    return f"#{channel.name}" if channel else f"a channel Stride can no longer see ({channel_id})"


def role_name(guild: GuildInfo, role_id: int | None) -> str:
    role = guild.role(role_id or 0)
    return f"@{role.name}" if role else f"a role that no longer exists ({role_id})"


def describe_ping(ping: ServerReminder, guild: GuildInfo) -> str:
    role = f", mentioning {role_name(guild, ping.role_id)}" if ping.role_id else ""
    where = channel_name(guild, ping.channel_id)
    return f"a {ping.kind} tip daily at {ping.at:%H:%M} ({ping.timezone}) in {where}{role}"


def when(instant: datetime, zone: str) -> str:
    local = instant.astimezone(ZoneInfo(zone))
    return f"{local:%a %d %b %Y, %H:%M}"


def _quoted(value: object, limit: int = 60) -> str:
    flat = " ".join(str(value).split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1] + '…'}”"


def _edit_summary(detail: dict) -> str:
    parts = [
        f"the {_FIELDS.get(k, k)}" + (f" to {_quoted(v, 40)}" if k in ("title", "topic", "kind") else "")
        for k, v in detail.items()
    ]
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def describe_entry(entry: AuditEntry, guild: GuildInfo) -> str:
    """What an audit entry changed, after the name of who did it ("added tip #12 “Hips” on back")."""
    d, tip = entry.detail, f"tip #{entry.subject_id}"
    title = f" {_quoted(d['title'])}" if d.get("title") else ""
    if entry.action == "add":
        return f"added {tip}{title}" + (f" on {d['topic']}" if d.get("topic") else "")
    if entry.action == "edit":
        return f"edited {tip}: changed {_edit_summary(d)}"
    if entry.action in _VERBS:
        return f"{_VERBS[entry.action]} {tip}{title}"
    if entry.action == "import":
        return "imported tips (" + ", ".join(f"{d.get(k, 0)} {k}" for k in ("added", "updated", "skipped")) + ")"
    if entry.action == "ping-set":
        role = f", mentioning {role_name(guild, d.get('role_id'))}" if d.get("role_id") else ""
        return (
            f"set the daily club ping: a {d.get('kind', 'stretch')} tip at {d.get('time', '?')} "
            f"({d.get('timezone', 'UTC')}) in {channel_name(guild, d.get('channel_id'))}{role}"
        )
    if entry.action == "ping-off":
        return "turned the daily club ping off"
    if entry.action in _CHALLENGE_VERBS:
        goal = f" (goal {d['goal']}, {d.get('mode', 'individual')})" if d.get("goal") else ""
        return f"{_CHALLENGE_VERBS[entry.action]} the challenge {_quoted(d.get('name', '?'))}{goal}"
    return f"made a change ({entry.action})" + (f" to {tip}" if entry.subject_id else "")
