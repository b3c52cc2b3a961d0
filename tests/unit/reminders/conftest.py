"""These tests read the built-in tip library: the shared temporary database, with the library synced."""

from __future__ import annotations

import pytest

from bot.advice.services.builtins import sync_library
from bot.db.store import Store


@pytest.fixture
async def db(db: Store) -> Store:
    await sync_library(db)
    return db
