"""`stride copy`: move every row of a club's data between SQLite and PostgreSQL (either way).

Tables go in dependency order, in batches, inside ONE transaction on the target, which is refused
when it already holds data: after any failure nothing was committed but the target's schema, so the
same command can simply be run again. The source is read in one consistent snapshot. Derived data is
not copied but rebuilt by the target: SQLite's full-text tables and `tip_scopes`, PostgreSQL's
`tips.search`, and the run aggregates (PostgreSQL rebuilds them once after the runs are in; SQLite's
triggers keep them as the runs arrive).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite
import asyncpg
from asyncpg.pool import PoolConnectionProxy

from bot.config import ConfigError, check_database_url, postgres_target
from bot.db.engine import Row, fetch_value
from bot.db.postgres import migrations as pg_migrations
from bot.db.postgres.pool import explain, open_pool
from bot.db.sqlite.database import SqliteDatabase
from bot.errors import CannotStart

log = logging.getLogger(__name__)

# Every table holding data, parents before children (runs refer to shoes; votes and hides to tips).
TABLES = (
    "members",
    "shoes",
    "runs",
    "best_efforts",
    "tips",
    "hidden_tips",
    "tip_votes",
    "tip_audit",
    "meta",
    "reminders",
    "server_reminders",
    "reminder_dones",
    "reminder_slots",
    "challenges",
    "challenge_members",
    "events",
    "event_rsvps",
    "races",
    "club_settings",
    "feed_members",
    "feed_posts",
    "kudos",
    "scheduled_posts",
    "scheduled_post_messages",
)
# Rebuilt by the target (see the module's docstring); record_distances is refilled by the engine at start.
DERIVED_TABLES = (
    "tip_scopes",
    "member_weeks",
    "member_months",
    "member_totals",
    "member_bests",
    "record_distances",
    "club_locks",  # never holds a row
    "guild_weeks",
    "tip_changes",  # bumped by the tips, hides and votes copied
)
DERIVED_PREFIXES = ("tips_fts", "tips_vocab", "sqlite_", "schema_version")
# claimed_by: a reminder lease belongs to the source's running dispatchers; uncopied, the row is simply due
# (its due_utc is at the latest the lease's end).
DERIVED_COLUMNS = {
    "shoes": {"distance_m"},
    "tips": {"search"},
    "reminders": {"claimed_by"},
    "server_reminders": {"claimed_by"},
}
BATCH_ROWS = 5000


def _derived(table: str) -> bool:
    return table in DERIVED_TABLES or table.startswith(DERIVED_PREFIXES)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where data comes from or goes: a SQLite file or a PostgreSQL URL."""

    location: str
    postgres: bool

    @classmethod
    def parse(cls, raw: str) -> Endpoint:
        if raw.startswith(("postgresql://", "postgres://")):
            try:
                return cls(check_database_url(raw), True)
            except ConfigError as exc:
                raise CannotStart(str(exc).replace("DATABASE_URL", raw)) from None
        if "://" in raw:
            raise CannotStart(f"{raw} is neither a SQLite file path nor a postgresql:// URL.")
        return cls(raw, False)

    def __str__(self) -> str:
        return postgres_target(self.location) if self.postgres else self.location


# --- the two engines, as source and target ------------------------------------------------------------


class _Sqlite:
    """A SQLite file: migrated through bot.db.sqlite.database, read through its own read-only connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db: SqliteDatabase | None = None
        self.reader: aiosqlite.Connection | None = None

    async def connect(self, as_source: bool) -> None:
        if as_source and not self.path.is_file():
            raise CannotStart(f"No SQLite database at {self.path} to copy from: check the --from path.")

    async def open_source(self) -> None:
        db = await SqliteDatabase.open(self.path)
        try:
            await db.migrate()  # as the bot would on start: the columns then match this Stride's
        finally:
            await db.close()
        self.reader = await aiosqlite.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
        await self.reader.execute("BEGIN")  # one read snapshot for every table

    async def open_target(self) -> None:
        self.db = await SqliteDatabase.open(self.path)
        await self.db.migrate()

    async def close(self) -> None:
        if self.reader is not None:
            await self.reader.close()
        if self.db is not None:
            await self.db.close()

    async def _fetchall(self, sql: str) -> Sequence[Row]:
        if self.reader is not None:
            return list(await self.reader.execute_fetchall(sql))
        assert self.db is not None
        return await self.db.fetchall(sql)

    async def tables(self) -> set[str]:
        return {row[0] for row in await self._fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")}

    async def columns(self, table: str) -> dict[str, Callable[[Any], Any]]:
        return {row[1]: _same for row in await self._fetchall(f"PRAGMA table_info({table})")}

    async def count(self, table: str) -> int:
        return (await self._fetchall(f"SELECT count(*) FROM {table}"))[0][0]

    async def batches(self, table: str, columns: list[str]) -> AsyncIterator[list[tuple[Any, ...]]]:
        assert self.reader is not None
        async with self.reader.execute(f"SELECT {', '.join(columns)} FROM {table}") as cursor:
            while rows := await cursor.fetchmany(BATCH_ROWS):
                yield [tuple(r) for r in rows]


class _Postgres:
    def __init__(self, url: str) -> None:
        self.url = url
        self.pool: asyncpg.Pool | None = None
        self.conn: PoolConnectionProxy | None = None
        self.tx: Any = None

    async def connect(self, as_source: bool) -> None:
        self.pool = await open_pool(self.url, size=2)

    async def _open(self) -> None:
        assert self.pool is not None
        await pg_migrations.migrate(self.pool, postgres_target(self.url))
        self.conn = await self.pool.acquire()

    async def open_source(self) -> None:
        await self._open()
        assert self.conn is not None
        self.tx = self.conn.transaction(isolation="repeatable_read", readonly=True)
        await self.tx.start()

    async def open_target(self) -> None:
        await self._open()

    async def close(self) -> None:
        if self.conn is not None and self.tx is not None and not self.conn.is_closed():
            with contextlib.suppress(asyncpg.InterfaceError):  # already committed or rolled back
                await self.tx.rollback()
        if self.pool is not None:
            if self.conn is not None:
                await self.pool.release(self.conn)
            await self.pool.close()

    async def tables(self) -> set[str]:
        assert self.conn is not None
        rows = await self.conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        return {r[0] for r in rows}

    async def columns(self, table: str) -> dict[str, Callable[[Any], Any]]:
        assert self.conn is not None
        rows = await self.conn.fetch(
            "SELECT column_name, data_type, is_generated FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            table,
        )
        convert = {"bigint": int, "integer": int, "smallint": int, "double precision": float, "text": str}
        return {r[0]: convert.get(r[1], _same) for r in rows if r[2] != "ALWAYS"}

    async def count(self, table: str) -> int:
        assert self.conn is not None
        return await self.conn.fetchval(f"SELECT count(*) FROM {table}")

    async def batches(self, table: str, columns: list[str]) -> AsyncIterator[list[tuple[Any, ...]]]:
        assert self.conn is not None
        cursor = await self.conn.cursor(f"SELECT {', '.join(columns)} FROM {table}")
        while rows := await cursor.fetch(BATCH_ROWS):
            yield [tuple(r) for r in rows]


def _same(value: Any) -> Any:
    return value


def _convert(convert: list[Callable[[Any], Any]], row: tuple[Any, ...]) -> list[Any]:
    """SQLite stores what it is given; PostgreSQL's binary COPY wants each column's own Python type."""
    return [None if v is None else f(v) for f, v in zip(convert, row, strict=True)]


def _side(endpoint: Endpoint) -> _Sqlite | _Postgres:
    return _Postgres(endpoint.location) if endpoint.postgres else _Sqlite(Path(endpoint.location))


# --- the copy ----------------------------------------------------------------------------------------


async def _plan(source: _Sqlite | _Postgres, target: _Sqlite | _Postgres, to: Endpoint) -> dict[str, list[str]]:
    """The columns to copy per table; refuses tables or columns the target would lose, and a non-empty target."""
    unknown = sorted(t for t in await source.tables() - set(TABLES) if not _derived(t))
    if unknown:
        raise CannotStart(
            f"The source has table(s) {', '.join(unknown)} that this Stride does not know how to copy: "
            "copy with the Stride version that made them."
        )
    for table in TABLES:
        rows = await target.count(table)
        if rows:
            raise CannotStart(
                f"The target {to} is not empty: table {table} has {rows} row(s). Copy into a new, empty "
                "database (or drop this one's tables first)."
            )
    plan: dict[str, list[str]] = {}
    for table in TABLES:
        wanted = [c for c in await source.columns(table) if c not in DERIVED_COLUMNS.get(table, set())]
        have = await target.columns(table)
        missing = [c for c in wanted if c not in have]
        if missing:
            raise CannotStart(f"The target {to} has no column {table}.{missing[0]}: upgrade the Stride doing the copy.")
        plan[table] = wanted
    return plan


async def _write_postgres(
    source: _Sqlite | _Postgres, target: _Postgres, plan: dict[str, list[str]], expected: dict[str, int]
) -> dict[str, int]:
    conn = target.conn
    assert conn is not None
    copied: dict[str, int] = {}
    async with conn.transaction():
        # Row by row the aggregate trigger would cost more than the copy itself: off, then one rebuild.
        await conn.execute("ALTER TABLE runs DISABLE TRIGGER USER")
        for table, columns in plan.items():
            converters = await target.columns(table)
            convert = [converters[c] for c in columns]
            copied[table] = 0
            async for batch in source.batches(table, columns):
                records = [tuple(_convert(convert, row)) for row in batch]
                await conn.copy_records_to_table(table, records=records, columns=columns)
                copied[table] += len(records)
        await conn.execute("ALTER TABLE runs ENABLE TRIGGER USER")
        # The servers' weekly totals in one pass too, not one update per member's week as they are rebuilt.
        await conn.execute("ALTER TABLE member_weeks DISABLE TRIGGER member_weeks_guild")
        await conn.execute("SELECT stride_rebuild_run_aggregates(), stride_rebuild_member_months()")
        await conn.execute("ALTER TABLE member_weeks ENABLE TRIGGER member_weeks_guild")
        await conn.execute(
            "DELETE FROM guild_weeks; INSERT INTO guild_weeks (guild_id, week_start, members, runs, distance_m,"
            " duration_s) SELECT guild_id, week_start, count(*), sum(runs), sum(distance_m), sum(duration_s)"
            " FROM member_weeks GROUP BY guild_id, week_start"
        )
        # Identity columns: the next id follows the copied ones, as SQLite's rowids would.
        for table, column in await conn.fetch(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND is_identity = 'YES'"
        ):
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                f" greatest(coalesce(max({column}), 0), 1), max({column}) IS NOT NULL) FROM {table}"
            )
        for table in plan:
            _verify(table, expected[table], copied[table], await target.count(table))
    return copied


async def _write_sqlite(
    source: _Sqlite | _Postgres, target: _Sqlite, plan: dict[str, list[str]], expected: dict[str, int]
) -> dict[str, int]:
    assert target.db is not None
    copied: dict[str, int] = {}
    async with target.db.transaction() as tx:
        for table, columns in plan.items():
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            copied[table] = 0
            async for batch in source.batches(table, columns):
                await tx.executemany(sql, batch)
                copied[table] += len(batch)
        # Search indexes, as SQLite migration 0006 builds them: the built-ins' now, each server's on its first search.
        await tx.execute(
            "INSERT INTO tips_fts_builtin (rowid, title, body, tags) SELECT id, title, body, tags FROM tips"
            " WHERE guild_id IS NULL"
        )
        await tx.execute(
            "INSERT INTO tip_scopes (guild_id) SELECT DISTINCT guild_id FROM tips WHERE guild_id IS NOT NULL"
            " ORDER BY guild_id"
        )
        for table in plan:
            _verify(table, expected[table], copied[table], await fetch_value(tx, f"SELECT count(*) FROM {table}"))
    return copied


def _verify(table: str, expected: int, copied: int, found: int) -> None:
    """Inside the target's transaction: a mismatch rolls everything back."""
    if not expected == copied == found:
        raise CannotStart(
            f"Copy check failed for table {table}: the source has {expected} rows, {copied} were copied and the "
            f"target holds {found}; nothing was committed. Run the copy again."
        )


async def copy_database(source_raw: str, target_raw: str) -> dict[str, int]:
    """Copy every table from `source_raw` to the empty `target_raw`; return the rows copied per table."""
    frm, to = Endpoint.parse(source_raw), Endpoint.parse(target_raw)
    if frm == to:
        raise CannotStart("--from and --to name the same database.")
    source, target = _side(frm), _side(to)
    try:
        try:
            # Both ends reachable before either is migrated.
            await source.connect(as_source=True)
            await target.connect(as_source=False)
            await source.open_source()
            await target.open_target()
            plan = await _plan(source, target, to)
            expected = {table: await source.count(table) for table in plan}
            if isinstance(target, _Postgres):
                return await _write_postgres(source, target, plan, expected)
            return await _write_sqlite(source, target, plan, expected)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError, sqlite3.Error) as exc:
            where = to if to.postgres else frm
            if isinstance(exc, sqlite3.Error) or not where.postgres:
                raise CannotStart(f"Copy failed, nothing was committed: {exc}. Fix it and run the copy again.") from exc
            cause = explain(where.location, exc, doing="copying with")
            raise CannotStart(f"{cause} Nothing was committed: fix the cause and run the copy again.") from exc
    finally:
        await source.close()
        await target.close()
