"""Small helpers for end-to-end tests: read what the bot stored in its SQLite file, wait for a stats chart."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from tests.fakediscord import FakeDiscord
from tests.fakediscord.client import Reply


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


CHART = "weekly.png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


async def stats_chart(fake: FakeDiscord, reply: Reply) -> Reply:
    """/run stats answers with the numbers, then edits the chart in: the reply once it carries the PNG."""
    return await fake.wait_for_edit(reply, lambda r: r.files.get(CHART, b"").startswith(PNG_SIGNATURE))
