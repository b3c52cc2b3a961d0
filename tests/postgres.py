"""A fresh PostgreSQL database per test, on the throwaway server `.ci/run` starts.

`.ci/run` always exports STRIDE_TEST_POSTGRES_URL; only a bare `pytest` without it skips these tests.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

URL_VARIABLE = "STRIDE_TEST_POSTGRES_URL"


def server_url() -> str:
    url = os.environ.get(URL_VARIABLE, "").strip()
    if not url:
        pytest.skip(f"{URL_VARIABLE} is not set (`bash .ci/run` starts a throwaway PostgreSQL and sets it)")
    return url


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


async def _admin(url: str, sql: str) -> None:
    conn = await asyncpg.connect(url, timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def admin(sql: str) -> None:
    """Run one statement as the server's superuser (outside any test's event loop)."""
    asyncio.run(_admin(server_url(), sql))


async def as_superuser(sql: str) -> None:
    """Run one statement as the server's superuser, from a test."""
    await _admin(server_url(), sql)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    server = server_url()
    name = f"stride_test_{uuid.uuid4().hex[:12]}"
    admin(f"CREATE DATABASE {name}")
    try:
        yield with_database(server, name)
    finally:
        admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
