"""What the rest of Stride sees of a database, whichever engine holds it.

Two engines implement these protocols: SQLite (`bot.db.sqlite.database.SqliteDatabase`, the default, one
process) and PostgreSQL (`bot.db.postgres.database.PgDatabase`, several processes). Queries are written
once with `?` or `:name` parameters in the SQL both engines share; where the dialects differ, the engine's
package holds the statement and the store (`bot.db.store.Store`) hands it over. Rows answer
`row["column"]`, `row[0]` and `dict(row)` on both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from bot.db.store import Store

Params = Iterable[Any] | dict[str, Any]
Row = Any  # sqlite3.Row or asyncpg.Record: both index by name and position


class Dialect(StrEnum):
    SQLITE = "sqlite"
    POSTGRES = "postgres"


class Tx(Protocol):
    """Statements inside one unit of work (`Database.transaction` or `Database.unit`)."""

    store: Store  # the store it belongs to, for the state kept beside the tables (e.g. bot.db.members)
    dialect: Dialect

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
    return getattr(db, "store", db)
