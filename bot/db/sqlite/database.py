"""The SQLite engine of `bot.db.engine.Database`: the one connection, migrating, transactions, backup."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiosqlite

from bot.db.engine import Dialect, TxState
from bot.db.sqlite.migrations import migrations, schema_version, split_sql
from bot.errors import CannotStart

if TYPE_CHECKING:
    from bot.db.store import Store

log = logging.getLogger(__name__)

CHECKPOINT_EVERY_S = 1.0  # how often the WAL is folded back into the file, when something was written
BACKSTOP_PAGES = 20_000  # SQLite's own checkpoint, on a commit, only past this WAL size (about 80 MB)


def _explain(path: Path, exc: sqlite3.Error, doing: str = "opening") -> str:
    """One line for the operator: what is wrong with the database file and what to do."""
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"{path} is not a usable SQLite database (damaged or not a database: {exc}). Restore it from a "
            "backup (`stride backup` makes one), or set DATABASE_PATH to another file."
        )
    if "readonly" in text or "read-only" in text:
        return (
            f"{path} is read-only for this user ({exc}). Let Stride's user write the file and its folder "
            "(SQLite writes -wal and -shm files beside it)."
        )
    if "unable to open" in text or "disk i/o" in text:
        return f"Cannot open {path} ({exc}). Check that the file and its folder exist and that Stride may write them."
    if "locked" in text or "busy" in text:
        return f"{path} is locked by another program ({exc}). Stop the other Stride or tool using it and start again."
    return f"Failed {doing} the database {path}: {exc}."


class SqliteDatabase:
    """One aiosqlite connection; every command's writes go through `transaction()`.

    A single connection serialises work anyway, so an asyncio lock keeps one task's
    transaction from interleaving with another task's statements.
    """

    dialect = Dialect.SQLITE
    exclusive = True

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = asyncio.Lock()
        self.path = path
        self.where = str(path)
        self._writes = 0  # units of work so far: the checkpointer runs when it has moved on
        self._checkpointer: asyncio.Task[None] | None = None
        self._closing = asyncio.Event()
        self._closed: asyncio.Future[None] | None = None
        self.store: Store | None = None  # the store opened on this database, which its transactions carry

    @classmethod
    async def open(cls, path: str | Path, *, writable: bool = True) -> SqliteDatabase:
        """Open (creating when missing), refuse a newer schema, and check that Stride can write.

        Any failure closes what was opened (aiosqlite's worker thread would keep the process alive) and
        raises CannotStart with one line naming the cause and the fix; nothing in the file has changed then.
        """
        path = Path(path)
        if not path.parent.is_dir():
            raise CannotStart(
                f"The database folder {path.parent} does not exist: create it, or set DATABASE_PATH to a file "
                "in an existing folder."
            )
        try:
            conn = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise CannotStart(_explain(path, exc)) from exc
        try:
            conn.row_factory = sqlite3.Row
            # Read before any write: a file from a newer Stride (or not a database at all) stays untouched.
            found = await _user_version(conn)
            supported = schema_version()
            if found > supported:
                raise CannotStart(
                    f"{path} has schema version {found}, made by a newer Stride; this Stride supports up to "
                    f"{supported}. Upgrade Stride, or restore a backup made by this version. The file was not changed."
                )
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=NORMAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA busy_timeout=5000")
            # The WAL is folded back by `_checkpoint_in_background`, off the commands' connection; SQLite's own
            # checkpoint (on the commit that crosses the limit) stays as a backstop for a much bigger WAL.
            await conn.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}")
            if writable:
                # A write that is rolled back: a read-only file or folder fails here, not on a member's command.
                await conn.execute("BEGIN IMMEDIATE")
                await conn.execute(f"PRAGMA user_version={found}")
                await conn.execute("ROLLBACK")
        except BaseException as exc:
            await conn.close()
            if isinstance(exc, sqlite3.Error):
                raise CannotStart(_explain(path, exc)) from exc
            raise
        database = cls(conn, path)
        if writable:
            database._checkpointer = asyncio.create_task(database._checkpoint_in_background(), name="sqlite-checkpoint")
        return database

    async def _checkpoint_in_background(self) -> None:
        """Fold the WAL back into the file every CHECKPOINT_EVERY_S after writes, on a connection of its own.

        A checkpoint copies the WAL's pages into the file and syncs it: tens of milliseconds on a big file.
        Left to SQLite it runs inside whichever command's commit crosses the WAL limit, holding up that
        command and all behind it; here it runs in its own thread, PASSIVE (it never waits for or blocks
        the commands), and the next writer starts the WAL over once it is folded back.
        """
        conn: aiosqlite.Connection | None = None
        seen = self._writes
        try:
            while not self._closing.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), CHECKPOINT_EVERY_S)
                if self._writes == seen or self._closing.is_set():
                    continue
                seen = self._writes
                if conn is None:
                    conn = await aiosqlite.connect(self.path, isolation_level=None)
                try:
                    await conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error as exc:
                    log.warning("background checkpoint of %s failed: %s", self.path, exc)
        finally:
            if conn is not None:
                await conn.close()

    async def close(self) -> None:
        """Fold the WAL back into the main file, so a copy of the file alone is complete, then close.

        Callers at the same time (a stop signal and the bot's own exit) all wait for the one closing, which
        no caller's cancellation interrupts: a connection left half-closed keeps the process alive."""
        if self._closed is None:
            self._closed = asyncio.ensure_future(self._close())
        await asyncio.shield(self._closed)

    async def _close(self) -> None:
        if self._checkpointer is not None:
            self._closing.set()  # not cancel(): a connection half-opened by a cancelled task would leak its thread
            await asyncio.gather(self._checkpointer, return_exceptions=True)
            self._checkpointer = None
        try:
            async with self._lock:
                await self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            log.warning("could not checkpoint %s on close: %s", self.path, exc)
        finally:
            await self._conn.close()

    async def migrate(self) -> int:
        """Apply pending migrations, each in its own transaction; return the schema version."""
        try:
            return await self._migrate()
        except sqlite3.Error as exc:
            raise CannotStart(_explain(self.path, exc, doing="migrating")) from exc

    async def _migrate(self) -> int:
        async with self._lock:
            current = await _user_version(self._conn)
            for version, name, sql in migrations():
                if version <= current:
                    continue
                # executescript would commit on its own; run statements one by one inside BEGIN.
                await self._conn.execute("BEGIN IMMEDIATE")
                try:
                    # Another process on this file (a shard) may have applied it while we waited for the lock.
                    applied = await _user_version(self._conn)
                    if version > applied:
                        log.info("applying migration %s", name)
                        for statement in split_sql(sql):
                            await self._conn.execute(statement)
                        await self._conn.execute(f"PRAGMA user_version={version}")
                    await self._conn.execute("COMMIT")
                except BaseException:
                    await self._conn.execute("ROLLBACK")
                    raise
                current = version
            return current

    @asynccontextmanager
    async def transaction(self, *scope: int) -> AsyncIterator[SqliteTx]:
        """One command, one transaction: everything commits together or nothing does. Transactions run
        one at a time here, whatever their `scope`."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            tx = SqliteTx(self._conn, self)
            try:
                yield tx
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")
            self._writes += 1
        tx.committed()

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[SqliteTx]:
        """The connection to ourselves for a unit of work whose only write is a single statement.

        One statement is atomic on its own (its triggers included), and holding the lock keeps other
        tasks' statements out between our reads and that write, so BEGIN/COMMIT (two more thread hops
        per command) are not needed. Use `transaction()` when more than one statement writes.
        """
        async with self._lock:
            tx = SqliteTx(self._conn, self)
            yield tx
            self._writes += 1
        tx.committed()

    async def fetchall(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        async with self._lock:
            return list(await self._conn.execute_fetchall(sql, _params(params)))

    async def fetchone(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        # execute_fetchall is one hop to aiosqlite's thread; execute + fetchone would be two.
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def backup(self, target: str | Path) -> None:
        """SQLite online backup: a consistent copy while the bot keeps running."""
        dest = sqlite3.connect(str(target))
        try:
            async with self._lock:
                await self._conn.backup(dest)
        finally:
            dest.close()

    async def integrity_problems(self) -> list[str]:
        """What SQLite's integrity check finds, one line per problem (none when the file is sound)."""
        try:
            rows = await self.fetchall("PRAGMA integrity_check")
        except sqlite3.DatabaseError as exc:
            return await self._damaged_tables(exc)
        result = [row[0] for row in rows]
        return [] if result == ["ok"] else result

    async def _damaged_tables(self, stopped: sqlite3.DatabaseError) -> list[str]:
        """A page too damaged to parse stops the whole check ("database disk image is malformed"), naming
        nothing: check each table (with its indexes) on its own, so the operator learns what is damaged."""
        try:
            tables = await self.fetchall(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0 ORDER BY name"
            )
        except sqlite3.DatabaseError as exc:
            return [f"the list of tables is damaged ({exc})"]
        problems: list[str] = []
        for (name,) in tables:
            quoted = name.replace('"', '""')
            try:
                rows = await self.fetchall(f'PRAGMA integrity_check("{quoted}")')
            except sqlite3.DatabaseError as exc:
                problems.append(f"table {name} (or one of its indexes) is damaged ({exc})")
                continue
            problems += [f"table {name}: {row[0]}" for row in rows if row[0] != "ok"]
        return problems or [f"the file's structure outside the tables is damaged ({stopped})"]


class SqliteTx(TxState):
    """Statements inside an open transaction (handed out by `transaction()` and `unit()`)."""

    dialect = Dialect.SQLITE

    def __init__(self, conn: aiosqlite.Connection, db: SqliteDatabase) -> None:
        super().__init__(db)
        self._conn = conn
        self.db = db

    async def execute(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        cursor = await self._conn.execute(sql, _params(params))
        return cursor.rowcount

    async def insert(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one INSERT; return the new row's id."""
        cursor = await self._conn.execute(sql, _params(params))
        if cursor.lastrowid is None:
            raise ValueError(f"not an INSERT: {sql}")
        return cursor.lastrowid

    async def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        await self._conn.executemany(sql, [tuple(r) for r in rows])

    async def fetchall(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return list(await self._conn.execute_fetchall(sql, _params(params)))

    async def fetchone(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def pipeline(self, *statements: tuple[str, Iterable[Any] | dict[str, Any]]) -> list[Any]:
        """Each statement's rows, or the exception it raised, in the order given.

        All are queued to aiosqlite's thread before the first runs, and its one thread runs its queue in
        order, so they cost one trip instead of one each. A statement that fails does not stop the later
        ones: queue reads before the one write, and undo the write when a read failed."""
        calls = [self._conn.execute_fetchall(sql, _params(params)) for sql, params in statements]
        return list(await asyncio.gather(*calls, return_exceptions=True))


async def _user_version(conn: aiosqlite.Connection) -> int:
    """The schema version the file records (PRAGMA user_version: always one row)."""
    [(version,)] = await conn.execute_fetchall("PRAGMA user_version")
    return version


def _params(params: Iterable[Any] | dict[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
    return params if isinstance(params, dict) else tuple(params)
