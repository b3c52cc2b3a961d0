"""Numbered PostgreSQL migrations (`bot/db/migrations/postgres/NNNN_name.sql`), tracked in `schema_version`.

Same rules as SQLite's: gapless, each in its own transaction, a database from a newer Stride is refused
before anything is written. Several processes may start at once: a session advisory lock lets one apply
the migrations while the others wait, then find nothing left to do.
"""

from __future__ import annotations

import asyncio
import logging
import time

import asyncpg

from bot.db.migrations import numbered
from bot.db.postgres.pool import Connection
from bot.errors import CannotStart

log = logging.getLogger(__name__)

MIGRATIONS_PACKAGE = "bot.db.migrations.postgres"
# Any fixed 64-bit number; it only has to be the same in every Stride process ("Stride" in ASCII).
ADVISORY_LOCK_KEY = 0x537472696465
LOCK_WAIT_S = 60.0


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every PostgreSQL migration, in order."""
    return numbered(MIGRATIONS_PACKAGE)


def schema_version() -> int:
    """The newest PostgreSQL schema this code knows."""
    return len(migrations())


async def stored_version(conn: Connection) -> int:
    """The schema version the database holds (0 for an empty database); only reads."""
    if await conn.fetchval("SELECT to_regclass('schema_version')") is None:
        return 0
    return await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_version")


def refuse_newer(found: int, where: str) -> None:
    supported = schema_version()
    if found > supported:
        raise CannotStart(
            f"{where} has schema version {found}, made by a newer Stride; this Stride supports up to {supported}. "
            "Upgrade Stride, or restore a backup made by this version. The database was not changed."
        )


async def _lock(conn: Connection, where: str) -> None:
    """Wait (bounded) for the migration lock another starting process may hold."""
    deadline = time.monotonic() + LOCK_WAIT_S
    while not await conn.fetchval("SELECT pg_try_advisory_lock($1)", ADVISORY_LOCK_KEY):
        if time.monotonic() > deadline:
            raise CannotStart(
                f"Another Stride has held the migration lock of {where} for over {LOCK_WAIT_S:.0f} s. Stop the "
                "other Stride (or the session holding pg_advisory_lock) and start again."
            )
        await asyncio.sleep(0.05)


async def migrate(pool: asyncpg.Pool, where: str = "the PostgreSQL database") -> int:
    """Apply pending migrations, each in its own transaction; return the schema version."""
    async with pool.acquire() as conn:
        found = await stored_version(conn)
        refuse_newer(found, where)
        if found == schema_version():
            return found  # nothing to do, and nothing needing more than read access (a user without CREATE)
        await _lock(conn, where)
        try:
            if await conn.fetchval("SELECT to_regclass('schema_version')") is None:
                await conn.execute(
                    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
                )
            # Another process may have migrated while this one waited for the lock.
            current = await stored_version(conn)
            refuse_newer(current, where)
            for version, name, sql in migrations():
                if version <= current:
                    continue
                log.info("applying PostgreSQL migration %s", name)
                try:
                    async with conn.transaction():
                        # A table another session keeps locked fails the migration instead of hanging start-up.
                        await conn.execute(f"SET LOCAL lock_timeout = '{LOCK_WAIT_S:.0f}s'")
                        await conn.execute(sql)  # no arguments: the simple protocol runs the whole script
                        await conn.execute("INSERT INTO schema_version (version, name) VALUES ($1, $2)", version, name)
                except asyncpg.PostgresError as exc:
                    reason = (getattr(exc, "message", None) or str(exc)).splitlines()[0]
                    raise CannotStart(
                        f"Migration {name} of {where} failed and was rolled back ({reason}). "
                        + (
                            "Let Stride's user own the database (it creates tables), or run the migration as the owner."
                            if isinstance(exc, asyncpg.InsufficientPrivilegeError)
                            else "Fix the cause (another session locking Stride's tables?) and start again."
                        )
                    ) from exc
                current = version
            return current
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", ADVISORY_LOCK_KEY)
