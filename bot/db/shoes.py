"""Shoes: a member's pairs with the distance run in each."""

from __future__ import annotations

from bot.db.engine import Database, Dialect, Tx
from bot.db.members import ensure_member, now_iso
from bot.running.models import Shoe

# distance_m is kept by the runs triggers (migration 0007).
_SELECT = (
    "SELECT s.id, s.name, s.retire_at_m, s.retired, s.distance_m FROM shoes s WHERE s.guild_id = ? AND s.user_id = ?"
)

# Names are unique per member regardless of case: SQLite's NOCASE (the index's collation), PostgreSQL's
# lower() (its unique index is on lower(name)).
_SAME_NAME = {Dialect.SQLITE: "s.name = ? COLLATE NOCASE", Dialect.POSTGRES: "lower(s.name) = lower(?)"}
# Listed by name byte by byte, as SQLite's BINARY collation orders them, whatever the server's locale.
_BY_NAME = {Dialect.SQLITE: "s.name", Dialect.POSTGRES: 's.name COLLATE "C"'}


def _shoe(row) -> Shoe:
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


async def list_shoes(db: Database | Tx, guild_id: int, user_id: int, active_only: bool = False) -> list[Shoe]:
    where = " AND s.retired = 0" if active_only else ""
    rows = await db.fetchall(f"{_SELECT}{where} ORDER BY s.retired, {_BY_NAME[db.dialect]}", (guild_id, user_id))
    return [_shoe(r) for r in rows]


async def find_shoe(db: Database | Tx, guild_id: int, user_id: int, name: str) -> Shoe | None:
    rows = await db.fetchall(f"{_SELECT} AND {_SAME_NAME[db.dialect]}", (guild_id, user_id, name))
    return _shoe(rows[0]) if rows else None


async def retire_shoe(tx: Tx, guild_id: int, user_id: int, shoe_id: int) -> None:
    await tx.execute(
        "UPDATE shoes SET retired = 1 WHERE id = ? AND guild_id = ? AND user_id = ?",
        (shoe_id, guild_id, user_id),
    )
