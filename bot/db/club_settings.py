"""The digest and feed in storage: server settings, feed opt-ins and posts, kudos. SQL both engines share
(the digest's reads are bot.db.digest_reads)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from bot.db.engine import Database, Tx, fetch_value
from bot.db.members import now_iso


@dataclass(frozen=True, slots=True)
class Settings:
    guild_id: int
    digest_channel_id: int | None = None
    digest_day: int | None = None
    digest_time: time | None = None
    feed_channel_id: int | None = None


async def settings(db: Database | Tx, guild_id: int) -> Settings:
    row = await db.fetchone(
        "SELECT digest_channel_id, digest_day, digest_time, feed_channel_id FROM club_settings WHERE guild_id = ?",
        (guild_id,),
    )
    if row is None:
        return Settings(guild_id)
    channel, day, at, feed = row
    return Settings(guild_id, channel, day, time.fromisoformat(at) if at else None, feed)


async def set_digest(tx: Tx, guild_id: int, user_id: int, channel_id: int | None, day: int | None,
                     at: time | None) -> None:  # fmt: skip
    await tx.execute(
        "INSERT INTO club_settings (guild_id, digest_channel_id, digest_day, digest_time, updated_by, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
        " digest_channel_id = excluded.digest_channel_id,"
        " digest_day = excluded.digest_day, digest_time = excluded.digest_time, updated_by = excluded.updated_by,"
        " updated_at = excluded.updated_at",
        (guild_id, channel_id, day, at.strftime("%H:%M") if at else None, user_id, now_iso()),
    )


async def set_feed(tx: Tx, guild_id: int, user_id: int, channel_id: int | None) -> None:
    await tx.execute(
        "INSERT INTO club_settings (guild_id, feed_channel_id, updated_by, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (guild_id) DO UPDATE SET feed_channel_id = excluded.feed_channel_id,"
        " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        (guild_id, channel_id, user_id, now_iso()),
    )


async def set_feed_member(tx: Tx, guild_id: int, user_id: int, on: bool) -> None:
    """Opt in or out; the members row's `feed` follows (its triggers), so the cached profile is dropped."""
    tx.store.members.forget(guild_id, user_id)  # also if the transaction rolls back: re-read next time
    if on:
        await tx.execute(
            "INSERT INTO feed_members (guild_id, user_id, since) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (guild_id, user_id, now_iso()),
        )
    else:
        await tx.execute("DELETE FROM feed_members WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))


async def in_feed(db: Database | Tx, guild_id: int, user_id: int) -> bool:
    row = await db.fetchone("SELECT 1 FROM feed_members WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))
    return row is not None


async def take_feed_post(tx: Tx, guild_id: int, user_id: int, run_id: int, day: date, runs: int,
                         limit: int) -> bool:  # fmt: skip
    """Take one of the member's feed posts of `day` for the run (an import's first run), if they are in the
    feed, the server has one and fewer than `limit` are taken; True when taken. Race-free in a transaction
    scoped to the member (SQLite: one writer; PostgreSQL: the scope's lock)."""
    changed = await tx.execute(
        "INSERT INTO feed_posts (guild_id, user_id, run_id, local_date, runs, posted_at)"
        " SELECT CAST(:g AS BIGINT), CAST(:u AS BIGINT), CAST(:run AS BIGINT), CAST(:day AS TEXT),"
        " CAST(:runs AS INTEGER), CAST(:at AS TEXT)"
        " WHERE EXISTS (SELECT 1 FROM feed_members f WHERE f.guild_id = :g AND f.user_id = :u)"
        " AND EXISTS (SELECT 1 FROM club_settings s WHERE s.guild_id = :g AND s.feed_channel_id IS NOT NULL)"
        " AND (SELECT count(*) FROM feed_posts p WHERE p.guild_id = :g AND p.user_id = :u AND p.local_date = :day)"
        " < :limit ON CONFLICT DO NOTHING",
        {"g": guild_id, "u": user_id, "run": run_id, "day": day.isoformat(), "runs": runs, "at": now_iso(),
         "limit": limit},
    )  # fmt: skip
    return changed > 0


async def feed_post_channel(db: Database, guild_id: int, user_id: int, run_id: int) -> int | None:
    """Where a queued feed post goes when it is sent: the feed channel, while the server has one, the member
    is still in the feed and the run's post was not erased (`/me forget`)."""
    row = await db.fetchone(
        "SELECT s.feed_channel_id FROM club_settings s WHERE s.guild_id = :g"
        " AND EXISTS (SELECT 1 FROM feed_posts p WHERE p.guild_id = :g AND p.run_id = :run AND p.user_id = :u)"
        " AND EXISTS (SELECT 1 FROM feed_members f WHERE f.guild_id = :g AND f.user_id = :u)",
        {"g": guild_id, "u": user_id, "run": run_id},
    )
    return row[0] if row else None


async def feed_posted(tx: Tx, guild_id: int, run_id: int, message_id: int) -> None:
    await tx.execute(
        "UPDATE feed_posts SET message_id = ? WHERE guild_id = ? AND run_id = ?", (message_id, guild_id, run_id)
    )


async def give_kudos(db: Database, guild_id: int, run_id: int, user_id: int) -> tuple[int | None, bool, int]:
    """(the run's owner or None when it was never in the feed, whether this gave a new kudos, the count)."""
    async with db.transaction(guild_id, 0) as tx:
        row = await tx.fetchone("SELECT user_id FROM feed_posts WHERE guild_id = ? AND run_id = ?", (guild_id, run_id))
        if row is None:
            return None, False, 0
        owner = row[0]
        added = False
        if owner != user_id:
            added = (
                await tx.execute(
                    "INSERT INTO kudos (guild_id, run_id, user_id, owner_id, given_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (guild_id, run_id, user_id, owner, now_iso()),
                )
                > 0
            )
        count = await fetch_value(
            tx, "SELECT count(*) FROM kudos WHERE guild_id = ? AND run_id = ?", (guild_id, run_id)
        )
    return owner, added, count


async def kudos_received(db: Database | Tx, guild_id: int, user_id: int, since: datetime) -> int:
    row = await db.fetchone(
        "SELECT count(*) FROM kudos WHERE guild_id = ? AND owner_id = ? AND given_at >= ?",
        (guild_id, user_id, since.isoformat(timespec="seconds")),
    )
    return row[0] if row else 0


async def member_rows(db: Database | Tx, guild_id: int, user_id: int) -> dict[str, list[dict[str, Any]]]:
    given = await db.fetchall("SELECT run_id, owner_id, given_at FROM kudos WHERE guild_id = ? AND user_id = ?",
                              (guild_id, user_id))  # fmt: skip
    received = await db.fetchall("SELECT run_id, user_id, given_at FROM kudos WHERE guild_id = ? AND owner_id = ?",
                                 (guild_id, user_id))  # fmt: skip
    return {"kudos_given": [dict(r) for r in given], "kudos_received": [dict(r) for r in received]}


async def forget_member(tx: Tx, guild_id: int, user_id: int) -> int:
    """The member's kudos (given, and on their runs), feed posts and feed opt-in."""
    removed = await tx.execute(
        "DELETE FROM kudos WHERE guild_id = ? AND (user_id = ? OR owner_id = ?)", (guild_id, user_id, user_id)
    )
    for table in ("feed_posts", "feed_members"):
        removed += await tx.execute(f"DELETE FROM {table} WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))
    return removed
