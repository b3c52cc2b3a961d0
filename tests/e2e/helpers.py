"""Small helpers for end-to-end tests: read what the bot stored in its SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def query(database: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read the bot's database (WAL lets us read while the bot writes)."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def count_runs(database: Path, user_id: int, guild_id: int | None = None) -> int:
    if guild_id is None:
        return query(database, "SELECT count(*) FROM runs WHERE user_id = ?", (user_id,))[0][0]
    return query(database, "SELECT count(*) FROM runs WHERE user_id = ? AND guild_id = ?", (user_id, guild_id))[0][0]
