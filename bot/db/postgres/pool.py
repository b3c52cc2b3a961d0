"""Opening a PostgreSQL pool with the same operator-facing rules as SQLite's `Database.open`.

Every failure is a `CannotStart` whose one line names the cause and the fix; nothing waits forever:
connecting, logging in and the first query are bounded by `CONNECT_TIMEOUT_S`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from bot.config import postgres_target
from bot.errors import CannotStart

log = logging.getLogger(__name__)

# A connection statements run on: one of its own (asyncpg.connect) or one the pool lends (pool.acquire).
Connection = asyncpg.Connection | PoolConnectionProxy

CONNECT_TIMEOUT_S = 10.0
# synchronous_commit off: a commit returns before its WAL record is flushed, as SQLite's WAL mode with
# synchronous=NORMAL (Stride's SQLite setting) returns before an fsync. A crash of the database server can
# lose the last commits (at most about 3 × wal_writer_delay, 0.6 s by default), never corrupt anything; a
# crash of a bot process loses nothing. A commit costs no disk flush: about 2 ms less per command.
SESSION_SETTINGS = {"application_name": "stride", "timezone": "UTC", "synchronous_commit": "off"}


def _reason(exc: BaseException) -> str:
    """The server's primary message alone: its DETAIL and HINT lines would break the one line."""
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0]


def explain(url: str, exc: BaseException, doing: str = "connecting to") -> str:
    """One line for the operator: what went wrong with the PostgreSQL server and what to do."""
    where = postgres_target(url)
    reason = _reason(exc)
    if isinstance(exc, asyncpg.InvalidPasswordError):
        return f"PostgreSQL refused the password for {where} ({reason}). Fix the user or password in DATABASE_URL."
    if isinstance(exc, asyncpg.InvalidAuthorizationSpecificationError):
        return (
            f"PostgreSQL refused the login to {where} ({reason}). Create the role, or allow it in pg_hba.conf, "
            "or fix the user in DATABASE_URL."
        )
    if isinstance(exc, asyncpg.InvalidCatalogNameError):
        return f"The database in {where} does not exist ({reason}). Create it (createdb), or fix DATABASE_URL's name."
    if isinstance(exc, asyncpg.InsufficientPrivilegeError):
        return (
            f"The PostgreSQL user of {where} lacks a permission ({reason}). Make that user the database's owner, "
            "or GRANT it CONNECT on the database and CREATE, USAGE on schema public."
        )
    if isinstance(exc, asyncpg.TooManyConnectionsError):
        return (
            f"PostgreSQL at {where} has no free connections ({reason}). Lower DATABASE_POOL_SIZE or raise the "
            "server's max_connections."
        )
    if isinstance(exc, asyncpg.CannotConnectNowError):
        return f"PostgreSQL at {where} is starting up or shutting down ({reason}). Start again in a moment."
    if isinstance(exc, TimeoutError):
        return (
            f"PostgreSQL at {where} did not answer within {CONNECT_TIMEOUT_S:.0f} s. Check that the server runs "
            "and that a firewall lets this machine reach its host and port."
        )
    if isinstance(exc, OSError):
        return (
            f"Cannot reach PostgreSQL at {where} ({exc.strerror or reason}). Check that the server runs and that "
            "DATABASE_URL names the right host and port."
        )
    if isinstance(exc, asyncpg.PostgresError | asyncpg.InterfaceError):
        return f"Failed {doing} PostgreSQL at {where}: {reason}."
    return f"Failed {doing} PostgreSQL at {where}: {type(exc).__name__}: {reason}."


async def open_pool(
    url: str,
    size: int = 10,
    init: Callable[[asyncpg.Connection], Coroutine[Any, Any, None]] | None = None,
    reset: Callable[[asyncpg.Connection], Awaitable[None]] | None = None,
) -> asyncpg.Pool:
    """A pool of at most `size` connections, with one connection opened and tried at once; `init` sets up
    each new connection (type codecs); `reset` replaces asyncpg's reset query on release (None: its default)."""
    try:
        pool = await asyncio.wait_for(
            asyncpg.create_pool(
                url,
                min_size=1,
                max_size=size,
                timeout=CONNECT_TIMEOUT_S,
                init=init,
                reset=reset,
                server_settings=SESSION_SETTINGS,
            ),
            CONNECT_TIMEOUT_S * 1.5,  # the pool's own timeout covers one connect; this covers all of it
        )
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        raise CannotStart(explain(url, exc)) from exc
    try:
        await asyncio.wait_for(pool.fetchval("SELECT 1"), CONNECT_TIMEOUT_S)
    except BaseException as exc:
        pool.terminate()
        if isinstance(exc, OSError | TimeoutError | asyncpg.PostgresError | asyncpg.InterfaceError):
            raise CannotStart(explain(url, exc)) from exc
        raise
    return pool
