"""Small helpers for end-to-end tests: read what the bot stored, in its SQLite file or PostgreSQL database;
wait for a stats chart."""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg

from bot.db.postgres.database import bind
from bot.db.sqlite.database import SqliteDatabase
from standin import FakeDiscord
from standin.client import Reply
from standin.state import Member, User
from tests.fakediscord.fixtures import Club
from tests.postgres import new_database, on_postgres

_member_numbers = itertools.count(1)


def today() -> date:
    """Today for members without a time zone: they live in UTC."""
    return datetime.now(UTC).date()


def monday() -> date:
    """The Monday that starts this week (UTC)."""
    return today() - timedelta(days=today().weekday())


def newcomer(fake: FakeDiscord, club: Club, prefix: str = "runner") -> Member:
    """A new member of the club's server with no history, so each test starts from nothing."""
    return fake.add_member(club.guild, f"{prefix}{next(_member_numbers)}")


async def _pg_query(url: str, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    conn = await asyncpg.connect(url, timeout=10)
    try:
        text, args = bind(sql, params)
        return [tuple(row) for row in await conn.fetch(text, *args)]
    finally:
        await conn.close()


def query(database: Path | str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read the bot's database (`bot.database`) with `?` parameters while the bot runs (SQL both engines
    read alike). Synchronous, like sqlite3: PostgreSQL is asked from a thread with its own event loop."""
    if isinstance(database, str):
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, _pg_query(database, sql, params)).result()
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)  # WAL lets us read while the bot writes
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def count_runs(database: Path | str, user_id: int, guild_id: int | None = None) -> int:
    if guild_id is None:
        return query(database, "SELECT count(*) FROM runs WHERE user_id = ?", (user_id,))[0][0]
    return query(database, "SELECT count(*) FROM runs WHERE user_id = ? AND guild_id = ?", (user_id, guild_id))[0][0]


@dataclass(frozen=True, slots=True)
class Store:
    """A migrated database on the engine the suite runs on, to seed before a bot process starts on it."""

    locator: Path | str  # the SQLite file, or the PostgreSQL URL (what `query` takes)
    env: dict[str, str]  # what tells a bot process to use it (DATABASE_PATH or DATABASE_URL)


async def new_store(folder: Path) -> Store:
    if on_postgres():
        url, _ = await new_database()
        return Store(url, {"DATABASE_URL": url})
    path = folder / "stride.db"
    db = await SqliteDatabase.open(path)
    await db.migrate()
    await db.close()
    return Store(path, {"DATABASE_PATH": str(path)})


async def _pg_write(url: str, statements: list[tuple[str, tuple[Any, ...]]]) -> list[Any]:
    conn = await asyncpg.connect(url, timeout=10)
    try:
        async with conn.transaction():
            return [await conn.fetchval(*_args(sql, params)) for sql, params in statements]
    finally:
        await conn.close()


def _args(sql: str, params: tuple[Any, ...]) -> list[Any]:
    text, args = bind(sql, params)
    return [text, *args]


def write(database: Path | str, statements: list[tuple[str, tuple[Any, ...]]]) -> list[Any]:
    """Run `(sql, params)` statements in one transaction; each gives the first value it returns (an
    `INSERT … RETURNING id` its id), else None."""
    if isinstance(database, str):
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, _pg_write(database, statements)).result()
    conn = sqlite3.connect(database)
    try:
        with conn:
            found = [conn.execute(sql, params).fetchone() for sql, params in statements]
        return [row[0] if row else None for row in found]
    finally:
        conn.close()


CHART = "weekly.png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


async def stats_chart(fake: FakeDiscord, reply: Reply) -> Reply:
    """/run stats answers with the numbers, then edits the chart in: the reply once it carries the PNG."""
    return await fake.wait_for_edit(reply, lambda r: r.files.get(CHART, b"").startswith(PNG_SIGNATURE))


async def press(fake: FakeDiscord, member: Member | User, message: Reply, custom_id: str) -> Reply:
    """A click on a button carrying any custom id (a crafted message), as discord.py only dispatches ids
    that are on the message."""
    live = fake.world.messages[message.id]
    saved = live.components
    forged = [{"type": 1, "components": [{"type": 2, "style": 2, "label": "forged", "custom_id": custom_id}]}]
    live.components = forged
    try:
        return await fake.click(member, message, custom_id)
    finally:
        if live.components is forged:  # the bot did not edit the message
            live.components = saved
