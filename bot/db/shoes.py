"""Shoes: a member's pairs with the distance run in each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.db.engine import Row, Tx, store_of
from bot.db.members import ensure_member, now_iso
from bot.running.models import Shoe

if TYPE_CHECKING:
    from bot.db.store import Store

# distance_m is kept by the runs triggers (SQLite migration 0007, PostgreSQL 0002).
_SELECT = (
    "SELECT s.id, s.name, s.retire_at_m, s.retired, s.distance_m FROM shoes s WHERE s.guild_id = ? AND s.user_id = ?"
)
# Names are unique per member regardless of case, and listed byte by byte: the engine's statements
# (`same_shoe_name`, `shoes_by_name`) say how its dialect does both.


def _shoe(row: Row) -> Shoe:
    return Shoe(
        id=row["id"],
        name=row["name"],
        retire_at_m=row["retire_at_m"],
        distance_m=row["distance_m"],
        retired=bool(row["retired"]),
    )


async def add_shoe(tx: Tx, guild_id: int, user_id: int, name: str, retire_at_m: float) -> int | None:
    """The new shoe's id, or None when the member already has a shoe of that name."""
    await ensure_member(tx, guild_id, user_id)
    if await find_shoe(tx, guild_id, user_id, name):
        return None
    return await tx.insert(
        "INSERT INTO shoes (guild_id, user_id, name, retire_at_m, created_at) VALUES (?, ?, ?, ?, ?)",
        (guild_id, user_id, name, retire_at_m, now_iso()),
    )


async def list_shoes(db: Store | Tx, guild_id: int, user_id: int, active_only: bool = False) -> list[Shoe]:
    where = " AND s.retired = 0" if active_only else ""
    order = store_of(db).statements.shoes_by_name
    rows = await db.fetchall(f"{_SELECT}{where} ORDER BY s.retired, {order}", (guild_id, user_id))
    return [_shoe(r) for r in rows]


async def find_shoe(db: Store | Tx, guild_id: int, user_id: int, name: str) -> Shoe | None:
    same_name = store_of(db).statements.same_shoe_name
    rows = await db.fetchall(f"{_SELECT} AND {same_name}", (guild_id, user_id, name))
    return _shoe(rows[0]) if rows else None


async def retire_shoe(tx: Tx, guild_id: int, user_id: int, shoe_id: int) -> None:
    await tx.execute(
        "UPDATE shoes SET retired = 1 WHERE id = ? AND guild_id = ? AND user_id = ?",
        (shoe_id, guild_id, user_id),
    )
