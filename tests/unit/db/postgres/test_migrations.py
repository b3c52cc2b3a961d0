"""PostgreSQL migrations: a fresh database, two processes at once, a newer schema, SQLite parity."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from bot.db import copy
from bot.db.postgres import migrations
from bot.db.postgres.pool import open_pool
from bot.db.sqlite.database import SqliteDatabase
from bot.errors import CannotStart


async def test_migrations_apply_on_an_empty_database(pg_url: str) -> None:
    pool = await open_pool(pg_url, size=2)
    try:
        assert await migrations.migrate(pool) == migrations.schema_version() >= 2
        rows = await pool.fetch("SELECT version, name FROM schema_version ORDER BY version")
        assert [(r["version"], r["name"]) for r in rows] == [(v, n) for v, n, _ in migrations.migrations()]
        tables = {r[0] for r in await pool.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        assert set(copy.TABLES) | {"member_weeks", "member_totals", "member_bests", "schema_version"} <= tables
        # Applying again changes nothing.
        assert await migrations.migrate(pool) == migrations.schema_version()
        assert await pool.fetchval("SELECT count(*) FROM schema_version") == migrations.schema_version()
    finally:
        await pool.close()


async def test_two_processes_migrating_at_once_apply_each_migration_once(pg_url: str) -> None:
    pools = [await open_pool(pg_url, size=1) for _ in range(3)]
    try:
        versions = await asyncio.gather(*(migrations.migrate(pool) for pool in pools))
        assert versions == [migrations.schema_version()] * 3
        counts = await pools[0].fetch("SELECT version, count(*) FROM schema_version GROUP BY version")
        assert all(r["count"] == 1 for r in counts) and len(counts) == migrations.schema_version()
    finally:
        for pool in pools:
            await pool.close()


async def test_a_newer_schema_is_refused_and_left_untouched(pg_url: str) -> None:
    pool = await open_pool(pg_url, size=1)
    try:
        await migrations.migrate(pool)
        newer = migrations.schema_version() + 1
        await pool.execute("INSERT INTO schema_version (version, name) VALUES ($1, '9999_future.sql')", newer)
        with pytest.raises(CannotStart, match=f"schema version {newer}, made by a newer Stride"):
            await migrations.migrate(pool)
        assert await pool.fetchval("SELECT max(version) FROM schema_version") == newer
    finally:
        await pool.close()


async def test_a_held_migration_lock_is_waited_for_then_reported(pg_url: str, monkeypatch) -> None:
    monkeypatch.setattr(migrations, "LOCK_WAIT_S", 0.3)
    holder = await asyncpg.connect(pg_url)
    pool = await open_pool(pg_url, size=1)
    try:
        await holder.execute("SELECT pg_advisory_lock($1)", migrations.ADVISORY_LOCK_KEY)
        with pytest.raises(CannotStart, match="migration lock"):
            await migrations.migrate(pool)
        assert await migrations.stored_version(holder) == 0  # nothing was applied
    finally:
        await holder.close()
        await pool.close()


def test_migration_files_are_gapless() -> None:
    versions = [v for v, _, _ in migrations.migrations()]
    assert versions == list(range(1, len(versions) + 1))


async def test_every_sqlite_column_exists_in_postgres(pg_url: str, tmp_path: Path) -> None:
    """The same tables and columns as SQLite's migrations on main, so `stride copy` loses nothing."""
    sqlite = await SqliteDatabase.open(tmp_path / "s.db")
    await sqlite.migrate()
    pool = await open_pool(pg_url, size=1)
    try:
        await migrations.migrate(pool)
        for table in copy.TABLES:
            sqlite_columns = [row[1] for row in await sqlite.fetchall(f"PRAGMA table_info({table})")]
            pg_columns = [
                r[0]
                for r in await pool.fetch(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = $1"
                    " ORDER BY ordinal_position",
                    table,
                )
            ]
            extra = {"tips": ["search"]}.get(table, [])
            assert pg_columns == sqlite_columns + extra, table
    finally:
        await sqlite.close()
        await pool.close()


async def test_a_failing_migration_is_rolled_back_whole(pg_url: str, monkeypatch) -> None:
    real = migrations.migrations()
    broken = "CREATE TABLE half_done (x integer);\nSELECT 1 / 0;"
    monkeypatch.setattr(migrations, "migrations", lambda: [real[0], (2, "0002_broken.sql", broken)])
    monkeypatch.setattr(migrations, "schema_version", lambda: 2)
    pool = await open_pool(pg_url, size=1)
    try:
        with pytest.raises(CannotStart, match=r"Migration 0002_broken.sql of .* failed and was rolled back"):
            await migrations.migrate(pool)
        assert await pool.fetchval("SELECT max(version) FROM schema_version") == 1
        assert await pool.fetchval("SELECT to_regclass('half_done')") is None
        monkeypatch.undo()
        assert await migrations.migrate(pool) == migrations.schema_version()
    finally:
        await pool.close()
