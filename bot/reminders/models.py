"""Reminders as the domain sees them: members' reminders and the server's club ping.

Instants are aware UTC datetimes; storage keeps them as unix seconds (to_ts / from_ts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from enum import StrEnum


class ReminderKind(StrEnum):
    STRETCH = "stretch"
    CORE = "core"
    CUSTOM = "custom"  # the member's own message, no tip
    SUMMARY = "summary"  # the Monday summary DM, set through /profile set weekly_summary


class Answer(StrEnum):
    """What a member made of one sent slot of their reminder."""

    DONE = "done"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"  # not final: Done or Skip may follow


class Target(StrEnum):
    """Where a member's reminder goes."""

    DM = "dm"
    CHANNEL = "channel"


SERVER_PING = 0  # reminder_id of a Done on the server's club ping

# Bounds of the ids and instants a button may carry (anything else is a crafted custom id).
MAX_ID = 2**53  # a reminder id
MAX_SNOWFLAKE = 2**63 - 1  # a Discord id (what SQLite's INTEGER holds)
FIRST_SLOT = 946_684_800  # 2000-01-01
LAST_SLOT = 4_102_444_800  # 2100-01-01


def to_ts(instant: datetime) -> int:
    return int(instant.timestamp())


def from_ts(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    guild_id: int
    user_id: int
    kind: ReminderKind
    at: time
    days_mask: int
    timezone: str
    target: Target
    channel_id: int | None
    dm_channel_id: int | None
    message: str | None
    paused: bool
    next_fire: datetime
    snooze: datetime | None
    last_fire: datetime | None
    sends: int
    failures: int
    zone_from_profile: bool = False  # set without a zone of its own: follows the profile's


@dataclass(frozen=True, slots=True)
class ServerReminder:
    guild_id: int
    channel_id: int
    at: time
    timezone: str
    role_id: int | None
    kind: ReminderKind
    next_fire: datetime
    last_fire: datetime | None
    failures: int
