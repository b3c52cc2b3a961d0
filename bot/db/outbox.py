"""Rows of the outbox for scheduled posts (bot/reminders/outbox.py): the posts and the messages of each post
already handled. The SQL is the same on both engines but for the claim's row locks (the store's `claim_lock`).

A queued post is due at `wake_utc`. A claim names its dispatcher (`claimed_by`) and moves `wake_utc` to the
claim's end, so other dispatchers pass it by until then and take it over after (a process that died); the
holder settles it (`settle`: state sent / skipped / failed, wake_utc NULL) or puts it back (`put_back`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.db.engine import Database, Row, Tx, fetch_row
from bot.db.members import now_iso
from bot.reminders.models import from_ts, to_ts

QUEUED, SENT, SKIPPED, FAILED = "queued", "sent", "skipped", "failed"


@dataclass(frozen=True, slots=True)
class PostRow:
    id: int
    guild_id: int
    kind: str
    key: str
    due: datetime
    payload: dict[str, Any]
    tries: int
    claimed_by: str | None


def _post(row: Row) -> PostRow:
    return PostRow(
        id=row["id"],
        guild_id=row["guild_id"],
        kind=row["kind"],
        key=row["post_key"],
        due=from_ts(row["due_utc"]),
        payload=json.loads(row["payload"]),
        tries=row["tries"],
        claimed_by=row["claimed_by"],
    )


async def insert(tx: Tx, guild_id: int, kind: str, key: str, due: datetime, payload: dict[str, Any]) -> bool:
    """Queue a post unless (guild, kind, key) exists, sent or not; True when queued."""
    text = json.dumps(payload, separators=(",", ":"), sort_keys=True)  # TypeError for what JSON cannot hold
    due_ts = to_ts(due)
    changed = await tx.execute(
        "INSERT INTO scheduled_posts (guild_id, kind, post_key, due_utc, wake_utc, payload, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, kind, post_key) DO NOTHING",
        (guild_id, kind, key, due_ts, due_ts, text, now_iso()),
    )
    return changed > 0


async def cancel(tx: Tx, guild_id: int, kind: str, key_prefix: str) -> int:
    """Delete the unsent posts of a kind whose key starts with `key_prefix`; how many."""
    escaped = key_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return await tx.execute(
        "DELETE FROM scheduled_posts WHERE guild_id = ? AND kind = ? AND state = 'queued'"
        " AND post_key LIKE ? ESCAPE '\\'",
        (guild_id, kind, escaped + "%"),
    )


async def get(db: Database | Tx, guild_id: int, kind: str, key: str) -> tuple[PostRow, str] | None:
    """A post and its state ('queued', 'sent', 'skipped' or 'failed')."""
    row = await db.fetchone(
        "SELECT * FROM scheduled_posts WHERE guild_id = ? AND kind = ? AND post_key = ?", (guild_id, kind, key)
    )
    return (_post(row), row["state"]) if row else None


async def earliest(db: Database) -> tuple[datetime | None, datetime | None]:
    """(when the next unclaimed post is due, when the earliest claim on a post ends)."""
    due, claim_end = await fetch_row(
        db,
        "SELECT (SELECT min(wake_utc) FROM scheduled_posts WHERE wake_utc IS NOT NULL AND claimed_by IS NULL),"
        " (SELECT min(wake_utc) FROM scheduled_posts WHERE claimed_by IS NOT NULL AND state = 'queued')",
    )
    return (None if due is None else from_ts(due)), (None if claim_end is None else from_ts(claim_end))


async def claim(tx: Tx, now: datetime, limit: int, holder: str, until: datetime) -> list[PostRow]:
    """Due posts (an expired claim makes a post due again), claimed for `holder` until `until`."""
    locking = tx.store.statements.claim_lock
    rows = await tx.fetchall(
        "SELECT * FROM scheduled_posts WHERE wake_utc <= ? ORDER BY wake_utc LIMIT ?" + locking, (to_ts(now), limit)
    )
    if rows:
        await tx.executemany(
            "UPDATE scheduled_posts SET claimed_by = ?, wake_utc = ? WHERE id = ?",
            [(holder, to_ts(until), row["id"]) for row in rows],
        )
    return [_post(row) for row in rows]


async def renew(tx: Tx, holder: str, until: datetime) -> int:
    return await tx.execute(
        "UPDATE scheduled_posts SET wake_utc = ? WHERE claimed_by = ? AND state = 'queued'", (to_ts(until), holder)
    )


async def handled(db: Database | Tx, post_id: int) -> set[str]:
    """The messages of a post already handled (by target)."""
    rows = await db.fetchall("SELECT target FROM scheduled_post_messages WHERE post_id = ?", (post_id,))
    return {row[0] for row in rows}


async def record(tx: Tx, rows: Iterable[tuple[int, str, str, datetime, int | None]]) -> None:
    """(post id, target, status, when, Discord's message id or None) per message handled; a message recorded
    once stays as it was."""
    stored = [(post, target, status, to_ts(at), message_id) for post, target, status, at, message_id in rows]
    if stored:
        await tx.executemany(
            "INSERT INTO scheduled_post_messages (post_id, target, status, at_utc, message_id)"
            " SELECT CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT)"
            " WHERE EXISTS (SELECT 1 FROM scheduled_posts WHERE id = ?) ON CONFLICT DO NOTHING",  # not if cancelled
            [(*row, row[0]) for row in stored],
        )


async def sent_ids(db: Database | Tx, post_id: int) -> dict[str, int]:
    """The id Discord gave each message of a post that went out, by target."""
    rows = await db.fetchall(
        "SELECT target, message_id FROM scheduled_post_messages WHERE post_id = ? AND status = 'sent'"
        " AND message_id IS NOT NULL",
        (post_id,),
    )
    return {row[0]: int(row[1]) for row in rows}


async def settle(tx: Tx, post_id: int, holder: str, state: str, now: datetime) -> bool:
    """The post is done with (sent, skipped or failed); False when it is no longer ours (cancelled, taken over)."""
    changed = await tx.execute(
        "UPDATE scheduled_posts SET state = ?, wake_utc = NULL, claimed_by = NULL, settled_utc = ?"
        " WHERE id = ? AND claimed_by = ? AND state = 'queued'",
        (state, to_ts(now), post_id, holder),
    )
    return changed > 0


async def put_back(tx: Tx, post_id: int, holder: str, wake: datetime, tried: bool) -> None:
    """Due again at `wake`, for any dispatcher (a stop, or messages to try again; `tried` counts a round)."""
    await tx.execute(
        "UPDATE scheduled_posts SET wake_utc = ?, claimed_by = NULL, tries = tries + ?"
        " WHERE id = ? AND claimed_by = ? AND state = 'queued'",
        (to_ts(wake), int(tried), post_id, holder),
    )


async def release_holder(tx: Tx, holder: str, wake: datetime) -> int:
    """Every post `holder` still claims, due again at `wake` (a clean stop)."""
    return await tx.execute(
        "UPDATE scheduled_posts SET wake_utc = ?, claimed_by = NULL WHERE claimed_by = ? AND state = 'queued'",
        (to_ts(wake), holder),
    )


async def release_others(tx: Tx, holder: str, wake: datetime) -> int:
    """Every post claimed by another dispatcher, due again at `wake`: for the one dispatcher of a database
    (SQLite) at its start, those claims are of a process that is gone."""
    return await tx.execute(
        "UPDATE scheduled_posts SET wake_utc = ?, claimed_by = NULL"
        " WHERE claimed_by IS NOT NULL AND claimed_by != ? AND state = 'queued'",
        (to_ts(wake), holder),
    )


async def prune(tx: Tx, settled_before: datetime, limit: int) -> int:
    """Delete up to `limit` posts settled before `settled_before`, oldest first, with their messages; how many.
    Their keys are forgotten: queuing one again queues a new post."""
    oldest = (
        "SELECT id FROM scheduled_posts WHERE settled_utc IS NOT NULL AND settled_utc < ? ORDER BY settled_utc LIMIT ?"
    )
    params = (to_ts(settled_before), limit)
    await tx.execute(f"DELETE FROM scheduled_post_messages WHERE post_id IN ({oldest})", params)
    return await tx.execute(f"DELETE FROM scheduled_posts WHERE id IN ({oldest})", params)
