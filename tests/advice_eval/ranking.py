"""A fresh, migrated database for the evaluation: SQLite, or PostgreSQL when the suite runs with
STRIDE_TEST_ENGINE=postgres."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.advice.services.builtins import sync_library
from bot.db.factory import open_postgres, open_sqlite
from bot.db.store import Store
from tests.postgres import drop_database, new_database, on_postgres


@asynccontextmanager
async def fresh_database(path: Path) -> AsyncIterator[Store]:
    """A migrated database with the built-in library (a SQLite file at `path`, or a new PostgreSQL one)."""
    if on_postgres():
        url, name = await new_database()
        db = await open_postgres(url, size=2)
    else:
        db, name = await open_sqlite(path), None
    try:
        await db.migrate()
        await sync_library(db)
        yield db
    finally:
        await db.close()
        if name is not None:
            await drop_database(name)
