"""Runs: one member's log, always scoped by guild and member."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from bot.db.engine import Database, Row, Tx
from bot.db.members import ensure_member, now_iso
from bot.running.models import Run

_COLUMNS = "id, run_date, distance_m, duration_s, run_type, effort, pain, shoe_id, notes"
EDITABLE = ("run_date", "distance_m", "duration_s", "run_type", "effort", "pain", "shoe_id", "notes")


def row_to_run(row: Row) -> Run:
    return Run(
        id=row["id"],
        run_date=date.fromisoformat(row["run_date"]),
        distance_m=row["distance_m"],
        duration_s=row["duration_s"],
        run_type=row["run_type"],
        effort=row["effort"],
        pain=row["pain"],
        shoe_id=row["shoe_id"],
        notes=row["notes"],
    )


async def insert_run(tx: Tx, guild_id: int, user_id: int, run: Run) -> int:
    await ensure_member(tx, guild_id, user_id)
    return await tx.insert(
        "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, run_type, effort,"
        " pain, shoe_id, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            guild_id,
            user_id,
            run.run_date.isoformat(),
            run.distance_m,
            run.duration_s,
            run.run_type,
            run.effort,
            run.pain,
            run.shoe_id,
            run.notes,
            now_iso(),
        ),
    )


async def get_run(db: Database | Tx, guild_id: int, user_id: int, run_id: int) -> Run | None:
    row = await db.fetchone(
        f"SELECT {_COLUMNS} FROM runs WHERE id = ? AND guild_id = ? AND user_id = ?",
        (run_id, guild_id, user_id),
    )
    return row_to_run(row) if row else None


async def update_run(tx: Tx, guild_id: int, user_id: int, run: Run) -> bool:
    values = [getattr(run, f.name) for f in fields(run) if f.name in EDITABLE]
    values = [v.isoformat() if isinstance(v, date) else v for v in values]
    assignments = ", ".join(f"{f.name} = ?" for f in fields(run) if f.name in EDITABLE)
    changed = await tx.execute(
        f"UPDATE runs SET {assignments} WHERE id = ? AND guild_id = ? AND user_id = ?",
        (*values, run.id, guild_id, user_id),
    )
    return changed == 1


async def delete_run(tx: Tx, guild_id: int, user_id: int, run_id: int) -> bool:
    changed = await tx.execute(
        "DELETE FROM runs WHERE id = ? AND guild_id = ? AND user_id = ?", (run_id, guild_id, user_id)
    )
    return changed == 1


async def member_runs(db: Database | Tx, guild_id: int, user_id: int, since: date | None = None) -> list[Run]:
    """All of a member's runs (optionally from a date on), oldest first."""
    if since is None:
        rows = await db.fetchall(
            f"SELECT {_COLUMNS} FROM runs WHERE guild_id = ? AND user_id = ? ORDER BY run_date, id",
            (guild_id, user_id),
        )
    else:
        rows = await db.fetchall(
            f"SELECT {_COLUMNS} FROM runs WHERE guild_id = ? AND user_id = ? AND run_date >= ? ORDER BY run_date, id",
            (guild_id, user_id, since.isoformat()),
        )
    return [row_to_run(r) for r in rows]
