"""Reminder rows: members' reminders, the server club ping, the Done log.

Instants are stored as unix seconds (UTC); this module converts them to aware datetimes.

Claims, on both engines. A claim selects due rows (`FOR UPDATE SKIP LOCKED` on PostgreSQL, where several
dispatchers share them) and marks those it will send (`lease`: claimed_by names the dispatcher, due_utc
becomes the claim's end, the schedule stays as it is); rows it skips move on at once (`advance`). The holder
writes the new schedule once the slot is sent (`settle`), puts a slot that failed for now back with the
instant of its next try (`retry_later`), and gives unsent slots back at once on a stop (`unlease`,
`release_holder`). A claim that ran out (a dead process on PostgreSQL) makes the row due again for anyone;
SQLite's one dispatcher takes over a dead process's claims when it starts (`release_others`). A member's
or an admin's change of schedule clears claimed_by: their change stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from bot.db.engine import Database, Row, Tx, fetch_value
from bot.db.members import now_iso
from bot.reminders.models import (
    SERVER_PING,
    Answer,
    Reminder,
    ReminderKind,
    ServerReminder,
    Target,
    from_ts,
    to_ts,
)

__all__ = ["SERVER_PING", "Reminder", "ServerReminder", "from_ts", "to_ts"]  # their home is bot.reminders.models


def _opt(seconds: int | None) -> datetime | None:
    return None if seconds is None else from_ts(seconds)


def _reminder(row: Row) -> Reminder:
    return Reminder(
        id=row["id"],
        guild_id=row["guild_id"],
        user_id=row["user_id"],
        kind=ReminderKind(row["kind"]),
        at=time.fromisoformat(row["at_time"]),
        days_mask=row["days_mask"],
        timezone=row["timezone"],
        target=Target(row["target"]),
        channel_id=row["channel_id"],
        dm_channel_id=row["dm_channel_id"],
        message=row["message"],
        paused=bool(row["paused"]),
        next_fire=from_ts(row["next_fire_utc"]),
        snooze=_opt(row["snooze_utc"]),
        last_fire=_opt(row["last_fire_utc"]),
        sends=row["sends"],
        failures=row["failures"],
        zone_from_profile=bool(row["zone_from_profile"]),
    )


def _server(row: Row) -> ServerReminder:
    return ServerReminder(
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        at=time.fromisoformat(row["at_time"]),
        timezone=row["timezone"],
        role_id=row["role_id"],
        kind=ReminderKind(row["kind"]),
        next_fire=from_ts(row["next_fire_utc"]),
        last_fire=_opt(row["last_fire_utc"]),
        failures=row["failures"],
    )


async def _many(tx: Tx, sql: str, rows: Iterable[tuple]) -> None:
    """executemany, skipping the round trip when there is nothing to write (most recorded outcomes)."""
    rows = list(rows)
    if rows:
        await tx.executemany(sql, rows)


def _due(next_fire: int, snooze: int | None) -> int:
    return next_fire if snooze is None else min(next_fire, snooze)


# --------------------------------------------------------------------------- member reminders


async def count_member(db: Database | Tx, guild_id: int, user_id: int) -> int:
    """The member's own reminders (the weekly summary does not count towards the limit)."""
    return await fetch_value(
        db,
        "SELECT count(*) FROM reminders WHERE guild_id = ? AND user_id = ? AND kind != 'summary'",
        (guild_id, user_id),
    )


async def insert(
    tx: Tx,
    *,
    guild_id: int,
    user_id: int,
    kind: str,
    at: time,
    days_mask: int,
    timezone: str,
    target: str,
    channel_id: int | None,
    message: str | None,
    next_fire: datetime,
    zone_from_profile: bool = False,
) -> int:
    """`zone_from_profile`: set without a zone of its own, it follows the profile's when that changes."""
    fire = to_ts(next_fire)
    return await tx.insert(
        "INSERT INTO reminders (guild_id, user_id, kind, at_time, days_mask, timezone, target, channel_id, message,"
        " next_fire_utc, due_utc, created_at, zone_from_profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (guild_id, user_id, kind, at.strftime("%H:%M"), days_mask, timezone, target, channel_id, message, fire, fire,
         now_iso(), int(zone_from_profile)),
    )  # fmt: skip


async def member_reminders(db: Database | Tx, guild_id: int, user_id: int) -> list[Reminder]:
    rows = await db.fetchall(
        "SELECT * FROM reminders WHERE guild_id = ? AND user_id = ? ORDER BY id", (guild_id, user_id)
    )
    return [_reminder(r) for r in rows]


async def get(db: Database | Tx, reminder_id: int) -> Reminder | None:
    """Any member's reminder by id: callers check it belongs to the member asking."""
    row = await db.fetchone("SELECT * FROM reminders WHERE id = ?", (reminder_id,))
    return _reminder(row) if row else None


async def set_schedule(tx: Tx, reminder_id: int, next_fire: datetime, snooze: datetime | None) -> None:
    fire, nap = to_ts(next_fire), None if snooze is None else to_ts(snooze)
    await tx.execute(
        "UPDATE reminders SET next_fire_utc = ?, snooze_utc = ?, due_utc = ?, claimed_by = NULL WHERE id = ?",
        (fire, nap, _due(fire, nap), reminder_id),
    )


async def following_profile_zone(tx: Tx, guild_id: int, user_id: int) -> list[Reminder]:
    """The member's reminders set without a zone of their own (the weekly summary has its own rule)."""
    rows = await tx.fetchall(
        "SELECT * FROM reminders WHERE guild_id = ? AND user_id = ? AND zone_from_profile = 1 ORDER BY id",
        (guild_id, user_id),
    )
    return [_reminder(r) for r in rows]


async def move_to_zone(tx: Tx, reminder: Reminder, timezone: str, next_fire: datetime) -> None:
    """The reminder in another zone from `next_fire` on; a snooze (an instant, in no zone) stays."""
    fire, nap = to_ts(next_fire), None if reminder.snooze is None else to_ts(reminder.snooze)
    await tx.execute(
        "UPDATE reminders SET timezone = ?, next_fire_utc = ?, due_utc = ?, claimed_by = NULL WHERE id = ?",
        (timezone, fire, _due(fire, nap), reminder.id),
    )


async def set_last_fire(tx: Tx, reminder_id: int, fire: datetime) -> None:
    await tx.execute("UPDATE reminders SET last_fire_utc = ? WHERE id = ?", (to_ts(fire), reminder_id))


async def set_paused(tx: Tx, reminder_id: int, paused: bool) -> None:
    await tx.execute("UPDATE reminders SET paused = ?, failures = 0 WHERE id = ?", (int(paused), reminder_id))


async def delete(tx: Tx, reminder_id: int) -> int:
    return await tx.execute("DELETE FROM reminders WHERE id = ?", (reminder_id,))


# --------------------------------------------------------------------------- server club ping


async def get_server(db: Database | Tx, guild_id: int) -> ServerReminder | None:
    row = await db.fetchone("SELECT * FROM server_reminders WHERE guild_id = ?", (guild_id,))
    return _server(row) if row else None


async def upsert_server(
    tx: Tx,
    *,
    guild_id: int,
    channel_id: int,
    at: time,
    timezone: str,
    role_id: int | None,
    kind: str,
    next_fire: datetime,
    set_by: int,
) -> None:
    await tx.execute(
        "INSERT INTO server_reminders (guild_id, channel_id, at_time, timezone, role_id, kind, next_fire_utc, due_utc,"
        " set_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
        " channel_id = excluded.channel_id, at_time = excluded.at_time, timezone = excluded.timezone,"
        " role_id = excluded.role_id, kind = excluded.kind, next_fire_utc = excluded.next_fire_utc,"
        " due_utc = excluded.due_utc, claimed_by = NULL, failures = 0, set_by = excluded.set_by,"
        " updated_at = excluded.updated_at",
        (
            guild_id,
            channel_id,
            at.strftime("%H:%M"),
            timezone,
            role_id,
            kind,
            to_ts(next_fire),
            to_ts(next_fire),
            set_by,
            now_iso(),
        ),
    )


async def delete_server(tx: Tx, guild_id: int) -> int:
    return await tx.execute("DELETE FROM server_reminders WHERE guild_id = ?", (guild_id,))


# --------------------------------------------------------------------------- the dispatcher's queries


async def earliest_due(db: Database) -> datetime | None:
    """When the next unclaimed active reminder of any kind is due (both reads walk an index on due_utc)."""
    due = await fetch_value(
        db,
        "SELECT min(t) FROM (SELECT min(due_utc) AS t FROM reminders WHERE paused = 0 AND claimed_by IS NULL"
        " UNION ALL SELECT min(due_utc) FROM server_reminders WHERE claimed_by IS NULL) AS due",
    )
    return None if due is None else from_ts(due)


async def claim_ends(db: Database) -> datetime | None:
    """The earliest end of a claim on any reminder row (index on claimed_by; few rows are claimed at a time)."""
    end = await fetch_value(
        db,
        "SELECT min(t) FROM (SELECT min(due_utc) AS t FROM reminders WHERE claimed_by IS NOT NULL AND paused = 0"
        " UNION ALL SELECT min(due_utc) FROM server_reminders WHERE claimed_by IS NOT NULL) AS ends",
    )
    return None if end is None else from_ts(end)


def _locking(tx: Tx) -> str:
    """Lock the rows a claim selects, passing by those another dispatcher is claiming right now (the engine's
    `claim_lock`: PostgreSQL's FOR UPDATE SKIP LOCKED; SQLite's single writer needs nothing)."""
    return tx.store.statements.claim_lock


async def due_reminders(tx: Tx, now: datetime, limit: int) -> list[Reminder]:
    """Due rows (an expired lease makes a row due again), locked for this claim on PostgreSQL."""
    rows = await tx.fetchall(
        "SELECT * FROM reminders WHERE paused = 0 AND due_utc <= ? ORDER BY due_utc LIMIT ?" + _locking(tx),
        (to_ts(now), limit),
    )
    return [_reminder(r) for r in rows]


async def due_servers(tx: Tx, now: datetime, limit: int) -> list[ServerReminder]:
    rows = await tx.fetchall(
        "SELECT * FROM server_reminders WHERE due_utc <= ? ORDER BY due_utc LIMIT ?" + _locking(tx),
        (to_ts(now), limit),
    )
    return [_server(r) for r in rows]


@dataclass(frozen=True, slots=True)
class Claim:
    """What a claim writes back for one member reminder: its new schedule, and what was sent."""

    reminder_id: int
    next_fire: datetime
    snooze: datetime | None
    last_fire: datetime | None
    sends: int


async def advance(tx: Tx, claims: Iterable[Claim]) -> None:
    rows = []
    for c in claims:
        fire, nap = to_ts(c.next_fire), None if c.snooze is None else to_ts(c.snooze)
        last = None if c.last_fire is None else to_ts(c.last_fire)
        rows.append((fire, nap, _due(fire, nap), last, c.sends, c.reminder_id))
    await _many(
        tx,
        "UPDATE reminders SET next_fire_utc = ?, snooze_utc = ?, due_utc = ?, last_fire_utc = ?, sends = ?"
        " WHERE id = ?",
        rows,
    )


async def advance_servers(tx: Tx, claims: Iterable[tuple[int, datetime, datetime | None]]) -> None:
    """(guild_id, next fire, slot sent or None) per claimed club ping."""
    await _many(
        tx,
        "UPDATE server_reminders SET next_fire_utc = ?, due_utc = ?, last_fire_utc = coalesce(?, last_fire_utc)"
        " WHERE guild_id = ?",
        [(to_ts(nxt), to_ts(nxt), None if sent is None else to_ts(sent), guild) for guild, nxt, sent in claims],
    )


# --------------------------------------------------------------------------- claims

# A leased row's due instant: its earliest slot, or its snooze when that comes first (SQL of `_due`).
_DUE = "CASE WHEN snooze_utc IS NOT NULL AND snooze_utc < next_fire_utc THEN snooze_utc ELSE next_fire_utc END"


async def lease(tx: Tx, holder: str, until: datetime, reminder_ids: Iterable[int], guild_ids: Iterable[int]) -> None:
    """Claim rows (selected and locked in this transaction) for `holder` until `until`: they are due again for
    every dispatcher then, unless the holder renews, settles or gives them back first."""
    end = to_ts(until)
    await _many(
        tx, "UPDATE reminders SET due_utc = ?, claimed_by = ? WHERE id = ?", [(end, holder, i) for i in reminder_ids]
    )
    await _many(
        tx,
        "UPDATE server_reminders SET due_utc = ?, claimed_by = ? WHERE guild_id = ?",
        [(end, holder, g) for g in guild_ids],
    )


async def renew(tx: Tx, holder: str, until: datetime) -> int:
    """Move the end of every lease `holder` still has to `until`; how many rows."""
    end = to_ts(until)
    return await tx.execute("UPDATE reminders SET due_utc = ? WHERE claimed_by = ?", (end, holder)) + await tx.execute(
        "UPDATE server_reminders SET due_utc = ? WHERE claimed_by = ?", (end, holder)
    )


async def settle(tx: Tx, holder: str, claims: Iterable[Claim]) -> None:
    """Write the schedule of leased slots that were handled (sent, refused or given up on) and end the lease;
    a row whose lease is gone (changed by its member, or taken over) is left as it is."""
    rows = []
    for c in claims:
        fire, nap = to_ts(c.next_fire), None if c.snooze is None else to_ts(c.snooze)
        last = None if c.last_fire is None else to_ts(c.last_fire)
        rows.append((fire, nap, _due(fire, nap), last, c.sends, c.reminder_id, holder))
    await _many(
        tx,
        "UPDATE reminders SET next_fire_utc = ?, snooze_utc = ?, due_utc = ?, last_fire_utc = ?, sends = ?,"
        " claimed_by = NULL WHERE id = ? AND claimed_by = ?",
        rows,
    )


async def settle_servers(tx: Tx, holder: str, claims: Iterable[tuple[int, datetime, datetime]]) -> None:
    """(guild_id, next fire, slot handled) per leased club ping; as `settle`."""
    await _many(
        tx,
        "UPDATE server_reminders SET next_fire_utc = ?, due_utc = ?, last_fire_utc = ?, claimed_by = NULL"
        " WHERE guild_id = ? AND claimed_by = ?",
        [(to_ts(nxt), to_ts(nxt), to_ts(slot), guild, holder) for guild, nxt, slot in claims],
    )


async def unlease(tx: Tx, holder: str, reminder_ids: Iterable[int], guild_ids: Iterable[int]) -> None:
    """Give leased slots back unsent: due again at once, for any dispatcher."""
    await _many(
        tx,
        f"UPDATE reminders SET due_utc = {_DUE}, claimed_by = NULL WHERE id = ? AND claimed_by = ?",
        [(i, holder) for i in reminder_ids],
    )
    await _many(
        tx,
        "UPDATE server_reminders SET due_utc = next_fire_utc, claimed_by = NULL WHERE guild_id = ? AND claimed_by = ?",
        [(g, holder) for g in guild_ids],
    )


async def retry_later(
    tx: Tx, holder: str, reminders: Iterable[tuple[int, datetime]], servers: Iterable[tuple[int, datetime]]
) -> None:
    """Claimed slots whose send failed for now: due again at their next try, for any dispatcher, their
    schedule as it was (the same slot is sent then, with the same nonce)."""
    await _many(
        tx,
        "UPDATE reminders SET due_utc = ?, claimed_by = NULL WHERE id = ? AND claimed_by = ?",
        [(to_ts(at), i, holder) for i, at in reminders],
    )
    await _many(
        tx,
        "UPDATE server_reminders SET due_utc = ?, claimed_by = NULL WHERE guild_id = ? AND claimed_by = ?",
        [(to_ts(at), g, holder) for g, at in servers],
    )


async def release_others(tx: Tx, holder: str) -> int:
    """Every slot claimed by a dispatcher other than `holder`, due again at once: for the only dispatcher of a
    database (SQLite) at its start, those claims are a dead process's. Their slots go out again if still
    within the hour (with the same nonce: a copy that got through before the death is dropped)."""
    return await tx.execute(
        f"UPDATE reminders SET due_utc = {_DUE}, claimed_by = NULL WHERE claimed_by IS NOT NULL AND claimed_by != ?",
        (holder,),
    ) + await tx.execute(
        "UPDATE server_reminders SET due_utc = next_fire_utc, claimed_by = NULL"
        " WHERE claimed_by IS NOT NULL AND claimed_by != ?",
        (holder,),
    )


async def release_holder(tx: Tx, holder: str) -> int:
    """Give back every slot `holder` still leases (a clean stop); how many rows."""
    return await tx.execute(
        f"UPDATE reminders SET due_utc = {_DUE}, claimed_by = NULL WHERE claimed_by = ?", (holder,)
    ) + await tx.execute(
        "UPDATE server_reminders SET due_utc = next_fire_utc, claimed_by = NULL WHERE claimed_by = ?", (holder,)
    )


async def delivered(tx: Tx, reminder_ids: Iterable[int]) -> None:
    await _many(tx, "UPDATE reminders SET failures = 0 WHERE id = ? AND failures > 0", [(i,) for i in reminder_ids])


async def learn_dm_channels(tx: Tx, pairs: Iterable[tuple[int, int | None]]) -> None:
    """(reminder_id, dm channel id or None to forget it)."""
    await _many(tx, "UPDATE reminders SET dm_channel_id = ? WHERE id = ?", [(ch, rid) for rid, ch in pairs])


async def refused(tx: Tx, reminder_id: int, pause_at: int) -> tuple[int, bool] | None:
    """Count one refused delivery; pause at `pause_at` in a row. (failures, paused now) or None if gone."""
    rows = await tx.fetchall(  # fetchall: a RETURNING statement must run to completion before COMMIT
        "UPDATE reminders SET failures = failures + 1, paused = CASE WHEN failures + 1 >= ? THEN 1 ELSE paused END"
        " WHERE id = ? RETURNING failures, paused",
        (pause_at, reminder_id),
    )
    return (rows[0]["failures"], bool(rows[0]["paused"])) if rows else None


async def server_delivered(tx: Tx, guild_id: int, ok: bool) -> None:
    change = "0" if ok else "failures + 1"
    await tx.execute(f"UPDATE server_reminders SET failures = {change} WHERE guild_id = ?", (guild_id,))


# --------------------------------------------------------------------------- Done log


async def add_done(tx: Tx, guild_id: int, user_id: int, reminder_id: int, fire: datetime, local_day: date) -> bool:
    """Record a Done for one slot; False when this slot was already marked done."""
    changed = await tx.execute(
        "INSERT INTO reminder_dones (guild_id, user_id, reminder_id, fire_utc, local_date, done_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, user_id, reminder_id, fire_utc) DO NOTHING",
        (guild_id, user_id, reminder_id, to_ts(fire), local_day.isoformat(), now_iso()),
    )
    return changed > 0


async def done_days(db: Database | Tx, guild_id: int, user_id: int, limit: int = 4000) -> list[date]:
    """The distinct days with a Done, newest first."""
    rows = await db.fetchall(
        "SELECT DISTINCT local_date FROM reminder_dones WHERE guild_id = ? AND user_id = ?"
        " ORDER BY local_date DESC LIMIT ?",
        (guild_id, user_id, limit),
    )
    return [date.fromisoformat(r[0]) for r in rows]


# --------------------------------------------------------------------------- sent slots


@dataclass(frozen=True, slots=True)
class SentSlot:
    guild_id: int
    reminder_id: int  # SERVER_PING for the club ping
    fire: datetime
    answer: Answer | None


async def record_sent(tx: Tx, slots: Iterable[tuple[int, int, datetime]]) -> None:
    """(guild_id, reminder_id, slot) per message sent; a snoozed re-send of a slot keeps its row."""
    now = now_iso()
    await _many(
        tx,
        "INSERT INTO reminder_slots (guild_id, reminder_id, fire_utc, sent_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (guild_id, reminder_id, fire_utc) DO NOTHING",
        [(guild, rid, to_ts(fire), now) for guild, rid, fire in slots],
    )


async def get_slot(db: Database | Tx, guild_id: int, reminder_id: int, fire: datetime) -> SentSlot | None:
    row = await db.fetchone(
        "SELECT answer FROM reminder_slots WHERE guild_id = ? AND reminder_id = ? AND fire_utc = ?",
        (guild_id, reminder_id, to_ts(fire)),
    )
    if row is None:
        return None
    return SentSlot(guild_id, reminder_id, fire, Answer(row[0]) if row[0] else None)


async def answer_slot(tx: Tx, guild_id: int, reminder_id: int, fire: datetime, answer: Answer) -> bool:
    """Record the answer unless the slot already has a final one (done or skipped); True when recorded."""
    changed = await tx.execute(
        "UPDATE reminder_slots SET answer = ?, answered_at = ? WHERE guild_id = ? AND reminder_id = ?"
        " AND fire_utc = ? AND (answer IS NULL OR answer = 'snoozed')",
        (answer.value, to_ts(datetime.now(UTC)), guild_id, reminder_id, to_ts(fire)),
    )
    return changed > 0


async def get_summary(db: Database | Tx, guild_id: int, user_id: int) -> Reminder | None:
    row = await db.fetchone(
        "SELECT * FROM reminders WHERE guild_id = ? AND user_id = ? AND kind = 'summary'", (guild_id, user_id)
    )
    return _reminder(row) if row else None


async def set_timezone(tx: Tx, reminder_id: int, timezone: str, next_fire: datetime) -> None:
    fire = to_ts(next_fire)
    await tx.execute(
        "UPDATE reminders SET timezone = ?, next_fire_utc = ?, snooze_utc = NULL, due_utc = ?, claimed_by = NULL"
        " WHERE id = ?",
        (timezone, fire, fire, reminder_id),
    )
