"""What the rest of Stride sees of a database, whichever engine holds it.

Two engines implement these protocols: SQLite (`bot.db.sqlite.database.SqliteDatabase`, the default, one
process) and PostgreSQL (`bot.db.postgres.database.PgDatabase`, several processes). Queries are written
once with `?` or `:name` parameters in the SQL both engines share; where the dialects differ, the engine's
package holds the statement and the store (`bot.db.store.Store`) hands it over. Rows answer
`row["column"]`, `row[0]` and `dict(row)` on both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, overload

if TYPE_CHECKING:
    from bot.db.store import Store

log = logging.getLogger(__name__)

Params = Iterable[Any] | dict[str, Any]


class Row(Protocol):
    """A row as both engines give it (`sqlite3.Row`, `asyncpg.Record`): by position, by column name, a slice
    of positions, unpacking and `dict(row)`. Nothing more is shared: `sqlite3.Row` has no `get`, `items` or
    `values`, and `value in row` looks at the values on SQLite but at the column names on PostgreSQL."""

    @overload
    def __getitem__(self, key: str, /) -> Any: ...
    @overload
    def __getitem__(self, key: int, /) -> Any: ...
    @overload
    def __getitem__(self, key: slice, /) -> tuple[Any, ...]: ...

    def keys(self) -> Iterable[str]: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...


class Dialect(StrEnum):
    SQLITE = "sqlite"
    POSTGRES = "postgres"


class Tx(Protocol):
    """Statements inside one unit of work (`Database.transaction` or `Database.unit`)."""

    dialect: Dialect

    @property
    def store(self) -> Store:
        """The store it belongs to, for the state kept beside the tables (e.g. bot.db.members)."""
        ...

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        ...

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT into a table with an `id` column; return the new row's id."""
        ...

    async def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> None: ...

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Call `callback` once this unit of work has committed (never when it rolls back): a wake-up for
        another task that must read what this one wrote."""
        ...

    async def fetchall(self, sql: str, params: Params = ()) -> Sequence[Row]: ...

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...


class Database(Protocol):
    dialect: Dialect
    # True when this process is the database's only user, so in-memory copies of rows stay true
    # (SQLite); False when other processes may write (PostgreSQL shared by shards).
    exclusive: bool
    where: str  # the file or server, for operators' messages

    @property
    def store(self) -> Store | None:
        """The store opened on it (None until one is), which its units of work carry (`Tx.store`)."""
        ...

    def transaction(self, *scope: int) -> AbstractAsyncContextManager[Tx]:
        """One command, one transaction: everything commits together or nothing does.

        `scope` (e.g. guild id and member id) serialises transactions of the same scope, as SQLite's single
        writer serialises all of them: read-check-write rules (limits, edits) hold under concurrency.
        """
        ...

    def unit(self) -> AbstractAsyncContextManager[Tx]:
        """A unit of work whose only write is a single statement (atomic on its own)."""
        ...

    async def fetchall(self, sql: str, params: Params = ()) -> Sequence[Row]: ...

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    async def migrate(self) -> int: ...

    async def close(self) -> None: ...

    async def integrity_problems(self) -> list[str]: ...


def store_of(db: Store | Tx) -> Store:
    """The store itself, or the one a unit of work belongs to."""
    return db.store


class _ReadsRows(Protocol):
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...


async def fetch_row(db: _ReadsRows, sql: str, params: Params = ()) -> Row:
    """The row of a statement that always gives exactly one (an aggregate such as count(*) or min() without
    GROUP BY, or a SELECT of subqueries): a missing one is a bug, told as one."""
    row = await db.fetchone(sql, params)
    if row is None:
        raise LookupError(f"no row from a statement that always gives one: {sql}")
    return row


async def fetch_value(db: _ReadsRows, sql: str, params: Params = ()) -> Any:
    """The first column of `fetch_row`'s row."""
    return (await fetch_row(db, sql, params))[0]


class _OpensStore(Protocol):
    store: Store | None  # the store opened on the database (bot.db.factory), which its transactions carry
    where: str


class TxState:
    """What both engines' transactions keep beside their statements: the database they belong to (and so its
    store) and the callbacks to run once they commit."""

    def __init__(self, db: _OpensStore) -> None:
        self._owner = db
        self._after_commit: list[Callable[[], None]] = []

    @property
    def store(self) -> Store:
        """The store opened on the database, for the state kept beside the tables (e.g. bot.db.members)."""
        if self._owner.store is None:
            raise RuntimeError(f"{self._owner.where} was opened without a store (bot.db.factory opens one)")
        return self._owner.store

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Call `callback` once this unit of work has committed (never when it rolls back)."""
        self._after_commit.append(callback)

    def committed(self) -> None:
        for callback in self._after_commit:
            try:
                callback()
            except Exception:
                log.exception("an after-commit callback failed")
