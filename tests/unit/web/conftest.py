"""The dashboard served over the test database, with the built-in tip library in it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.advice.services.builtins import sync_library
from bot.db.engine import Database
from tests.unit.web.harness import Site, serve


@pytest.fixture
async def site(db: Database) -> AsyncIterator[Site]:
    await sync_library(db)
    async for served in serve(db):
        yield served
