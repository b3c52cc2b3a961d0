"""Opening the store: the one place that picks the engine, from the configuration.

It sits above everything else in `bot.db`: the interfaces (`bot.db.engine`, `bot.db.store`) and the shared
modules know no engine, each engine's package knows only its own, and only this module knows both.
"""

from __future__ import annotations

from pathlib import Path

from bot.config import Config
from bot.db.postgres.database import PgDatabase
from bot.db.postgres.driver import PgDriver
from bot.db.sqlite.database import SqliteDatabase
from bot.db.sqlite.driver import SqliteDriver
from bot.db.store import Store


async def open_store(config: Config) -> Store:
    """The configured database, opened (not yet migrated): PostgreSQL when DATABASE_URL is set, else SQLite."""
    if config.database_url:
        return await open_postgres(config.database_url, config.database_pool_size)
    return await open_sqlite(Path(config.database_path))


async def open_sqlite(path: str | Path) -> Store:
    """A SQLite file's store (`SqliteDatabase.open` says what it checks)."""
    db = await SqliteDatabase.open(path)
    return Store(db, SqliteDriver(db))


async def open_postgres(url: str, size: int = 10) -> Store:
    """A PostgreSQL database's store (`PgDatabase.open` says what it checks)."""
    db = await PgDatabase.open(url, size)
    return Store(db, PgDriver(db))
