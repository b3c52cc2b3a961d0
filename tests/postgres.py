"""A fresh PostgreSQL database per test, on the throwaway server `.ci/run` starts.

`.ci/run` always exports STRIDE_TEST_POSTGRES_URL; only a bare `pytest` without it skips these tests.
"""

from __future__ import annotations

import asyncio
import hashlib
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


# --- the engine the whole suite runs on -------------------------------------------------------------------
# `.ci/run` runs the suite twice: on SQLite, then with STRIDE_TEST_ENGINE=postgres, where every `db` fixture
# and every bot process the e2e tests start use a fresh PostgreSQL database.

ENGINE_VARIABLE = "STRIDE_TEST_ENGINE"
_template: str | None = None  # the template database of this checkout's schema, once built


def on_postgres() -> bool:
    engine = os.environ.get(ENGINE_VARIABLE, "sqlite").strip().lower() or "sqlite"
    if engine not in ("sqlite", "postgres"):
        raise pytest.UsageError(f"{ENGINE_VARIABLE} must be sqlite or postgres, not {engine!r}")
    return engine == "postgres"


def _server_for_suite() -> str:
    url = os.environ.get(URL_VARIABLE, "").strip()
    if not url:  # asked for PostgreSQL: a missing server is a failure, not a skip
        pytest.fail(f"{ENGINE_VARIABLE}=postgres needs {URL_VARIABLE} (`bash .ci/run` sets both)")
    return url


def _template_name() -> str:
    """One template per schema: test runs of checkouts with other migrations (other branches, on the same
    server) each get their own instead of dropping and rebuilding one shared template under each other."""
    from bot.db.postgres.migrations import migrations

    digest = hashlib.sha256("\0".join(f"{name}\0{sql}" for _, name, sql in migrations()).encode()).hexdigest()
    return f"stride_test_template_{digest[:16]}"


async def _build_template(server: str, name: str) -> None:
    """Build the template once per schema, under an advisory lock (concurrent runs wait for the first),
    migrating a scratch database and renaming it, so a template that exists is always complete."""
    from bot.db.postgres.database import PgDatabase

    conn = await asyncpg.connect(server, timeout=10)
    try:
        await conn.execute("SELECT pg_advisory_lock(hashtext($1))", name)
        if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            return
        scratch = f"{name}_build"
        await conn.execute(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)")
        await conn.execute(f"CREATE DATABASE {scratch}")
        db = await PgDatabase.open(with_database(server, scratch), size=1)
        try:
            await db.migrate()
        finally:
            await db.close()
        await conn.execute(f"ALTER DATABASE {scratch} RENAME TO {name}")
    finally:
        await conn.close()  # also releases the advisory lock


async def new_database() -> tuple[str, str]:
    """(url, name) of a new database holding the current schema, copied from a template migrated once."""
    global _template
    server = _server_for_suite()
    if _template is None:
        name = _template_name()
        await _build_template(server, name)
        _template = name
    name = f"stride_test_{uuid.uuid4().hex[:12]}"
    await _admin(server, f"CREATE DATABASE {name} TEMPLATE {_template}")
    return with_database(server, name), name


async def drop_database(name: str) -> None:
    await _admin(_server_for_suite(), f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
