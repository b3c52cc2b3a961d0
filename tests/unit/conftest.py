"""The temporary store every core test starts from, with all migrations applied: on a fresh SQLite file,
or on a fresh PostgreSQL database when the suite runs with STRIDE_TEST_ENGINE=postgres."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.db.factory import open_postgres, open_sqlite
from bot.db.store import Store
from tests.postgres import drop_database, new_database, on_postgres


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Store]:
    if on_postgres():
        url, name = await new_database()
        store = await open_postgres(url, size=4)
        try:
            await store.migrate()
            yield store
        finally:
            await store.close()
            await drop_database(name)
        return
    store = await open_sqlite(tmp_path / "stride.db")
    await store.migrate()
    yield store
    await store.close()
