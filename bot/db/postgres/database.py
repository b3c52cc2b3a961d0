"""The PostgreSQL engine of `bot.db.engine.Database`: a pool of asyncpg connections.

Statements are the ones SQLite runs, with `?` and `:name` parameters turned into `$n` once per statement
text (cached). Transactions are READ COMMITTED, as asyncpg opens them; a transaction given a scope
(guild, member) first takes a transaction-level advisory lock on it, so two commands of one member run
one after the other as they do on SQLite, while different members' commands run side by side.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import asyncpg

from bot.config import postgres_target
from bot.db.engine import Dialect, Params, TxState
from bot.db.postgres import migrations
from bot.db.postgres.listener import Listener
from bot.db.postgres.pool import Connection, open_pool

if TYPE_CHECKING:
    from bot.db.store import Store

log = logging.getLogger(__name__)

_PARAMETER = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|::|\?|:([A-Za-z_]\w*)")
_MASK = (1 << 64) - 1


@lru_cache(maxsize=1024)
def _translate(sql: str) -> tuple[str, tuple[str, ...] | None]:
    """SQLite's parameters as PostgreSQL's: `?` become $1, $2…; `:name` become $n numbered by first use.
    Returns the statement and, for named parameters, the names in $n order (None for positional)."""
    names: list[str] = []
    positional = 0

    def number(match: re.Match[str]) -> str:
        nonlocal positional
        token = match.group(0)
        if token == "?":
            positional += 1
            return f"${positional}"
        name = match.group(1)
        if name is None:  # a string literal, a quoted name or a :: cast
            return token
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    text = _PARAMETER.sub(number, sql)
    if names and positional:
        raise ValueError(f"mixed ? and :name parameters in {sql!r}")
    return text, tuple(names) if names else None


def bind(sql: str, params: Params) -> tuple[str, list[Any]]:
    text, names = _translate(sql)
    if names is None:
        return text, list(params)
    assert isinstance(params, dict), f"named parameters need a dict: {sql!r}"
    return text, [params[name] for name in names]


def _changed(status: str) -> int:
    """Rows changed, from a command status such as "UPDATE 3" or "INSERT 0 1"."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


def scope_key(scope: Iterable[int]) -> int:
    """One signed 64-bit advisory-lock key for a scope (e.g. guild id, member id); the same in every process."""
    key = 0x5354524944  # "STRID"
    for part in scope:
        key = ((key * 1_000_003) ^ part) & _MASK
    return key - (1 << 64) if key >= 1 << 63 else key


def _numeric(text: str) -> int | float:
    """sum() of integers is `numeric` in PostgreSQL: read it as the int (or float) SQLite gives."""
    return int(text) if text.lstrip("-").isdigit() else float(text)


async def _setup_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec("numeric", encoder=str, decoder=_numeric, schema="pg_catalog", format="text")


async def _keep_session(conn: asyncpg.Connection) -> None:
    """Nothing to undo when a connection goes back to the pool: Stride's sessions change no settings, hold
    no session locks (only transaction-level ones) and no cursors or LISTENs, and the pool rolls back an
    open transaction by itself. asyncpg's default reset query would cost a round trip per database call."""


class PgTx(TxState):
    dialect = Dialect.POSTGRES

    def __init__(self, conn: Connection, db: PgDatabase) -> None:
        super().__init__(db)
        self._conn = conn
        self.db = db

    async def execute(self, sql: str, params: Params = ()) -> int:
        text, args = bind(sql, params)
        return _changed(await self._conn.execute(text, *args))

    async def insert(self, sql: str, params: Params = ()) -> int:
        text, args = bind(sql if "RETURNING" in sql.upper() else f"{sql} RETURNING id", params)
        return await self._conn.fetchval(text, *args)

    async def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        text, _ = _translate(sql)
        await self._conn.executemany(text, [tuple(r) for r in rows])

    async def fetchall(self, sql: str, params: Params = ()) -> Sequence[asyncpg.Record]:
        text, args = bind(sql, params)
        return await self._conn.fetch(text, *args)

    async def fetchone(self, sql: str, params: Params = ()) -> asyncpg.Record | None:
        text, args = bind(sql, params)
        return await self._conn.fetchrow(text, *args)

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        text, args = bind(sql, params)
        return await self._conn.fetchval(text, *args)


class PgDatabase:
    dialect = Dialect.POSTGRES
    exclusive = False  # other Stride processes (shards) share the database

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self.pool = pool
        self.url = url
        self.where = postgres_target(url)
        self._listeners: list[Listener] = []
        self.store: Store | None = None  # the store opened on this database, which its transactions carry

    @classmethod
    async def open(cls, url: str, size: int = 10) -> PgDatabase:
        """Connect (CannotStart with one line on failure) and refuse a database from a newer Stride."""
        pool = await open_pool(url, size, init=_setup_connection, reset=_keep_session)
        try:
            async with pool.acquire() as conn:
                migrations.refuse_newer(await migrations.stored_version(conn), postgres_target(url))
        except BaseException:
            await pool.close()
            raise
        return cls(pool, url)

    async def migrate(self) -> int:
        return await migrations.migrate(self.pool, self.where)

    async def listen(
        self,
        channel: str,
        on_message: Callable[[str], None],
        on_ready: Callable[[], Awaitable[None]],
        on_lost: Callable[[], None],
    ) -> bool:
        """Hear `NOTIFY channel` from every process until closed (`bot.db.postgres.listener`); True once
        listening, False if the first try failed (it keeps trying)."""
        listener = Listener(self.url, channel, on_message, on_ready, on_lost)
        self._listeners.append(listener)
        return await listener.start()

    async def close(self) -> None:
        for listener in self._listeners:
            await listener.stop()
        await self.pool.close()

    @asynccontextmanager
    async def transaction(self, *scope: int) -> AsyncIterator[PgTx]:
        async with self.pool.acquire() as conn:
            tx = PgTx(conn, self)
            async with conn.transaction():
                if scope:
                    await conn.execute("SELECT pg_advisory_xact_lock($1)", scope_key(scope))
                yield tx
        tx.committed()

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[PgTx]:
        async with self.pool.acquire() as conn:
            tx = PgTx(conn, self)
            yield tx
        tx.committed()

    async def fetchall(self, sql: str, params: Params = ()) -> Sequence[asyncpg.Record]:
        text, args = bind(sql, params)
        return await self.pool.fetch(text, *args)

    async def fetchone(self, sql: str, params: Params = ()) -> asyncpg.Record | None:
        text, args = bind(sql, params)
        return await self.pool.fetchrow(text, *args)

    async def integrity_problems(self) -> list[str]:
        return []  # PostgreSQL checks its own pages; `stride check` reports connection, schema and permissions
