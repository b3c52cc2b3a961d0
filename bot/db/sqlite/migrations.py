"""Numbered SQLite migrations (`bot/db/migrations/sqlite/NNNN_name.sql`), tracked in `PRAGMA user_version`.

Gapless, each applied in its own transaction by `SqliteDatabase.migrate`; a file from a newer Stride is
refused before anything is written (`SqliteDatabase.open`).
"""

from __future__ import annotations

import sqlite3

from bot.db.migrations import numbered

MIGRATIONS_PACKAGE = "bot.db.migrations.sqlite"


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every SQLite migration, in order."""
    return numbered(MIGRATIONS_PACKAGE)


def schema_version() -> int:
    """The newest schema this code knows."""
    return len(migrations())


def split_sql(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement knows about triggers)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
