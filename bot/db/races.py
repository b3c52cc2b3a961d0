"""The race calendar in storage: SQL both engines share."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from bot.club.races import Race
from bot.db.engine import Database, Row, Tx
from bot.db.members import now_iso

_COLUMNS = "id, guild_id, user_id, name, race_date, distance_m, goal_s, shared, result_s, result_run_id"


def _race(row: Row | Sequence[Any]) -> Race:
    rid, guild_id, user_id, name, day, distance, goal, shared, result, run_id = row
    return Race(rid, guild_id, user_id, name, date.fromisoformat(day), float(distance), goal, bool(shared), result,
                run_id)  # fmt: skip


async def add(db: Database, race: Race) -> int:
    async with db.transaction(race.guild_id, race.user_id) as tx:
        return await tx.insert(
            "INSERT INTO races (guild_id, user_id, name, race_date, distance_m, goal_s, shared, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (race.guild_id, race.user_id, race.name, race.race_date.isoformat(), race.distance_m, race.goal_s,
             int(race.shared), now_iso()),
        )  # fmt: skip


async def get(db: Database | Tx, guild_id: int, user_id: int, race_id: int) -> Race | None:
    row = await db.fetchone(
        f"SELECT {_COLUMNS} FROM races WHERE guild_id = ? AND user_id = ? AND id = ?", (guild_id, user_id, race_id)
    )
    return _race(row) if row else None


async def remove(db: Database, guild_id: int, user_id: int, race_id: int) -> bool:
    async with db.unit() as tx:
        return (
            await tx.execute(
                "DELETE FROM races WHERE guild_id = ? AND user_id = ? AND id = ?", (guild_id, user_id, race_id)
            )
            > 0
        )


async def set_result(db: Database, race: Race, run_id: int, seconds: int) -> None:
    async with db.unit() as tx:
        await tx.execute("UPDATE races SET result_run_id = ?, result_s = ? WHERE id = ?", (run_id, seconds, race.id))


async def club(db: Database | Tx, guild_id: int, first: date, last: date) -> list[Race]:
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM races WHERE guild_id = ? AND shared = 1 AND race_date BETWEEN ? AND ?"
        " ORDER BY race_date, id LIMIT 200",
        (guild_id, first.isoformat(), last.isoformat()),
    )
    return [_race(row) for row in rows]


async def mine(db: Database | Tx, guild_id: int, user_id: int) -> list[Race]:
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM races WHERE guild_id = ? AND user_id = ? ORDER BY race_date, id LIMIT 100",
        (guild_id, user_id),
    )
    return [_race(row) for row in rows]


async def next_race(db: Database | Tx, guild_id: int, user_id: int, today: date) -> Race | None:
    row = await db.fetchone(
        f"SELECT {_COLUMNS} FROM races WHERE guild_id = ? AND user_id = ? AND race_date >= ?"
        " ORDER BY race_date, id LIMIT 1",
        (guild_id, user_id, today.isoformat()),
    )
    return _race(row) if row else None


async def member_rows(db: Database | Tx, guild_id: int, user_id: int) -> list[dict[str, Any]]:
    rows = await db.fetchall(f"SELECT {_COLUMNS} FROM races WHERE guild_id = ? AND user_id = ? ORDER BY id",
                             (guild_id, user_id))  # fmt: skip
    return [dict(row) for row in rows]
