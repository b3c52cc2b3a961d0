"""The temporary database every core test starts from, with all migrations applied: a fresh SQLite file,
or a fresh PostgreSQL database when the suite runs with STRIDE_TEST_ENGINE=postgres."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.db.connection import SqliteDatabase
from bot.db.engine import Database
from tests.postgres import drop_database, new_database, on_postgres


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    if on_postgres():
        from bot.db.postgres.database import PgDatabase

        url, name = await new_database()
        database: Database = await PgDatabase.open(url, size=4)
        try:
            await database.migrate()
            yield database
        finally:
            await database.close()
            await drop_database(name)
        return
    database = await SqliteDatabase.open(tmp_path / "stride.db")
    await database.migrate()
    yield database
    await database.close()
