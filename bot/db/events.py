"""Group runs in storage: SQL both engines share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.club.events import Event
from bot.db.challenges import iso
from bot.db.engine import Database, Row, Tx

_COLUMNS = (
    "id, guild_id, series_id, organiser_id, title, starts_at, zone, place, distance_m, pace_s_per_km, details,"
    " repeat, channel_id, message_id, discord_event_id, going, maybe, declined, cancelled_at"
)


def _event(row: Row | Sequence[Any]) -> Event:
    *values, cancelled_at = row
    values[5] = datetime.fromisoformat(values[5])
    return replace(Event(*values), cancelled=cancelled_at is not None)


async def insert(tx: Tx, event: Event, now: datetime) -> int:
    return await tx.insert(
        "INSERT INTO events (guild_id, series_id, organiser_id, title, starts_at, zone, place, distance_m,"
        " pace_s_per_km, details, repeat, channel_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (event.guild_id, event.series_id, event.organiser_id, event.title, iso(event.starts_at), event.zone,
         event.place, event.distance_m, event.pace_s_per_km, event.details, event.repeat, event.channel_id, iso(now)),
    )  # fmt: skip


async def set_series(tx: Tx, event_id: int) -> None:
    await tx.execute("UPDATE events SET series_id = id WHERE id = ?", (event_id,))


async def next_occurrence(tx: Tx, event: Event, starts_at: datetime, now: datetime) -> Event:
    """The series' occurrence at `starts_at`, made once (a second call finds it)."""
    await tx.execute(
        "INSERT INTO events (guild_id, series_id, organiser_id, title, starts_at, zone, place, distance_m,"
        " pace_s_per_km, details, repeat, channel_id, created_at)"
        " SELECT guild_id, series_id, organiser_id, title, ?, zone, place, distance_m, pace_s_per_km, details,"
        " repeat, channel_id, ? FROM events WHERE id = ?"
        " ON CONFLICT (series_id, starts_at) WHERE series_id IS NOT NULL DO NOTHING",
        (iso(starts_at), iso(now), event.id),
    )
    assert event.series_id is not None
    made = await occurrence(tx, event.series_id, starts_at)
    assert made is not None
    return made


async def get(db: Database | Tx, guild_id: int, event_id: int) -> Event | None:
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM events WHERE guild_id = ? AND id = ?", (guild_id, event_id))
    return _event(row) if row else None


async def occurrence(db: Database | Tx, series_id: int, starts_at: datetime) -> Event | None:
    """The series' occurrence at `starts_at`, if it was made."""
    sql = f"SELECT {_COLUMNS} FROM events WHERE series_id = ? AND starts_at = ?"
    row = await db.fetchone(sql, (series_id, iso(starts_at)))
    return _event(row) if row else None


async def set_card(db: Database, event_id: int, message_id: int) -> None:
    async with db.unit() as tx:
        await card_posted(tx, event_id, message_id)


async def card_posted(tx: Tx, event_id: int, message_id: int) -> None:
    await tx.execute("UPDATE events SET message_id = ? WHERE id = ?", (message_id, event_id))


async def set_discord_event(db: Database, event_id: int, discord_event_id: int) -> None:
    async with db.unit() as tx:
        await tx.execute("UPDATE events SET discord_event_id = ? WHERE id = ?", (discord_event_id, event_id))


async def upcoming(db: Database | Tx, guild_id: int, now: datetime, limit: int = 25) -> list[Event]:
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM events WHERE guild_id = ? AND starts_at > ? AND cancelled_at IS NULL"
        " ORDER BY starts_at, id LIMIT ?",
        (guild_id, iso(now), limit),
    )
    return [_event(row) for row in rows]


async def between(db: Database | Tx, guild_id: int, start: datetime, end: datetime) -> list[Event]:
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM events WHERE guild_id = ? AND starts_at >= ? AND starts_at < ?"
        " AND cancelled_at IS NULL ORDER BY starts_at, id",
        (guild_id, iso(start), iso(end)),
    )
    return [_event(row) for row in rows]


_COUNT = {"going": "going", "maybe": "maybe", "no": "declined"}


async def answer(tx: Tx, event: Event, user_id: int, answer: str, now: datetime) -> str | None:
    """Record the member's answer; returns their answer before (None: none), and keeps the counts."""
    row = await tx.fetchone("SELECT answer FROM event_rsvps WHERE event_id = ? AND user_id = ?", (event.id, user_id))
    before = row[0] if row else None
    if before == answer:
        return before
    await tx.execute(
        "INSERT INTO event_rsvps (event_id, guild_id, user_id, answer, answered_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (event_id, user_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
        (event.id, event.guild_id, user_id, answer, iso(now)),
    )
    change = f"{_COUNT[answer]} = {_COUNT[answer]} + 1"
    if before is not None:
        change += f", {_COUNT[before]} = {_COUNT[before]} - 1"
    await tx.execute(f"UPDATE events SET {change} WHERE id = ?", (event.id,))
    return before


async def going_ids(db: Database | Tx, event_id: int, limit: int | None = None) -> list[int]:
    """Members answering Going, first answers first."""
    sql = "SELECT user_id FROM event_rsvps WHERE event_id = ? AND answer = 'going' ORDER BY answered_at, user_id"
    params: tuple[Any, ...] = (event_id,)
    if limit is not None:
        sql += " LIMIT ?"
        params += (limit,)
    return [row[0] for row in await db.fetchall(sql, params)]


async def remind_all(tx: Tx, event_id: int) -> list[int]:
    """The members the reminder an hour before DMs: those Going whose DM no post has taken yet become its
    own (once: a member taken stays taken), then every one of its own still Going, first answers first."""
    await tx.execute(
        "UPDATE event_rsvps SET reminder = 'all' WHERE event_id = ? AND answer = 'going' AND reminder IS NULL",
        (event_id,),
    )
    rows = await tx.fetchall(
        "SELECT user_id FROM event_rsvps WHERE event_id = ? AND answer = 'going' AND reminder = 'all'"
        " ORDER BY answered_at, user_id",
        (event_id,),
    )
    return [row[0] for row in rows]


async def take_own_reminder(tx: Tx, event_id: int, user_id: int) -> bool:
    """The member, Going, gets a DM of their own unless a post took them already; True when it is theirs."""
    changed = await tx.execute(
        "UPDATE event_rsvps SET reminder = 'own' WHERE event_id = ? AND user_id = ? AND answer = 'going'"
        " AND reminder IS NULL",
        (event_id, user_id),
    )
    return changed > 0


async def owes_own_reminder(db: Database | Tx, event_id: int, user_id: int) -> bool:
    """The member's own DM is theirs and they are still Going."""
    row = await db.fetchone(
        "SELECT 1 FROM event_rsvps WHERE event_id = ? AND user_id = ? AND answer = 'going' AND reminder = 'own'",
        (event_id, user_id),
    )
    return row is not None


async def cancel(tx: Tx, event_ids: list[int], user_id: int, now: datetime) -> None:
    for event_id in event_ids:
        await tx.execute(
            "UPDATE events SET cancelled_at = ?, cancelled_by = ? WHERE id = ? AND cancelled_at IS NULL",
            (iso(now), user_id, event_id),
        )


async def series_from(tx: Tx, event: Event) -> list[Event]:
    """The series' occurrences from this one on, not cancelled."""
    rows = await tx.fetchall(
        f"SELECT {_COLUMNS} FROM events WHERE series_id = ? AND starts_at >= ? AND cancelled_at IS NULL"
        " ORDER BY starts_at",
        (event.series_id, iso(event.starts_at)),
    )
    return [_event(row) for row in rows]


async def member_rows(db: Database | Tx, guild_id: int, user_id: int) -> list[dict[str, Any]]:
    rows = await db.fetchall(
        "SELECT e.title, e.starts_at, e.place, a.answer, a.answered_at FROM event_rsvps a"
        " JOIN events e ON e.id = a.event_id WHERE a.guild_id = ? AND a.user_id = ? ORDER BY e.starts_at",
        (guild_id, user_id),
    )
    return [dict(row) for row in rows]


async def forget_member(tx: Tx, guild_id: int, user_id: int) -> int:
    """Take the member's answers out, counts included."""
    rows = await tx.fetchall(
        "SELECT event_id, answer FROM event_rsvps WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
    )
    for event_id, answer in rows:
        column = _COUNT[answer]
        await tx.execute(f"UPDATE events SET {column} = {column} - 1 WHERE id = ?", (event_id,))
    return await tx.execute("DELETE FROM event_rsvps WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))
