"""Everything Stride stores about one member in one server: export and erase."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.db import challenges as challenges_db
from bot.db import club_settings
from bot.db import events as events_db
from bot.db.engine import Tx

if TYPE_CHECKING:
    from bot.db.store import Store

# Child tables before parents, so deletes respect foreign keys. New member-owned
# tables register here so /me export and /me forget stay complete. The run aggregates
# (member_weeks, member_totals, member_bests) are derived: the runs triggers empty them.
# Runs go before challenge_members: their triggers take the member's progress out of club totals first.
MEMBER_TABLES: list[str] = [
    "tip_votes",
    "best_efforts",
    "runs",
    "challenge_members",
    "event_rsvps",
    "races",
    "shoes",
    "reminder_dones",
    "reminders",
    "members",
]


async def export_member(db: Store, guild_id: int, user_id: int) -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = {}
    async with db.transaction() as tx:  # one consistent snapshot
        if db.statements.snapshot:  # PostgreSQL's read committed would take one per statement
            await tx.execute(db.statements.snapshot)
        for table in MEMBER_TABLES:
            rows = await tx.fetchall(
                f"SELECT * FROM {table} WHERE guild_id = ? AND user_id = ? ORDER BY 1",
                (guild_id, user_id),
            )
            data[table] = [dict(row) for row in rows]
        data.update(await club_settings.member_rows(tx, guild_id, user_id))
    return data


async def forget_member(tx: Tx, guild_id: int, user_id: int) -> int:
    """Delete every row of the member in this server; return how many rows went."""
    removed = 0
    tx.store.members.forget(guild_id, user_id)
    removed += await events_db.forget_member(tx, guild_id, user_id)  # the events' answer counts too
    removed += await club_settings.forget_member(tx, guild_id, user_id)  # kudos given and received, the feed
    for table in MEMBER_TABLES:
        if table == "challenge_members":
            removed += await challenges_db.forget_member(tx, guild_id, user_id)
            continue
        removed += await tx.execute(f"DELETE FROM {table} WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))
    return removed
