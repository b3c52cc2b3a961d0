"""Profiles and pending notices kept in memory on a shared PostgreSQL database, trusted while this process
hears every change to members (a trigger, LISTEN on a connection of its own)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.db.factory import open_postgres
from bot.db.members import get_profile, pop_notice, set_notice, start_member_cache, update_profile
from bot.db.postgres import listener
from bot.db.postgres.database import PgDatabase
from bot.db.store import Store
from tests.postgres import as_superuser
from tests.unit.polling import eventually

original_connect = listener.Listener._connect


@pytest.fixture
async def two(pg_url: str) -> AsyncIterator[tuple[Store, Store]]:
    """Two processes' databases on one PostgreSQL database: `here` keeps a member cache, `there` writes."""
    here, there = await open_postgres(pg_url, size=2), await open_postgres(pg_url, size=2)
    try:
        await here.migrate()
        await start_member_cache(here)
        yield here, there
    finally:
        await here.close()
        await there.close()


def count_reads(db: Store, monkeypatch) -> list[str]:
    sent: list[str] = []
    for name in ("fetchall", "fetchone"):
        original = getattr(db, name)

        async def counted(sql, params=(), _original=original):
            sent.append(sql)
            return await _original(sql, params)

        monkeypatch.setattr(db, name, counted)
    return sent


async def test_a_profile_is_read_once_then_changes_from_another_process_are_heard(two, monkeypatch) -> None:
    here, there = two
    assert here.members.trusted
    sent = count_reads(here, monkeypatch)
    assert (await get_profile(here, 1, 2)).units == "km"
    assert (await get_profile(here, 1, 2)).units == "km"
    assert len(sent) == 1
    heard = here.members.changes
    async with there.transaction(1, 2) as tx:
        await update_profile(tx, 1, 2, units="mi")
    await eventually(lambda: here.members.changes > heard)
    assert (await get_profile(here, 1, 2)).units == "mi"
    assert len(sent) == 2


async def test_no_notice_costs_no_trip_and_a_notice_from_another_process_is_taken_once(two, monkeypatch) -> None:
    here, there = two
    sent = count_reads(here, monkeypatch)
    assert await pop_notice(here, 1, 2) is None
    assert sent == []
    heard = here.members.changes
    async with there.transaction() as tx:
        await set_notice(tx, 1, 2, "Your stretch reminder is paused: your DMs are closed.")
    await eventually(lambda: here.members.changes > heard)
    assert await pop_notice(here, 1, 2) == "Your stretch reminder is paused: your DMs are closed."
    assert len(sent) == 1
    await asyncio.sleep(0.2)  # taking it is not announced: nothing comes back to mark the member again
    assert await pop_notice(here, 1, 2) is None
    assert len(sent) == 1
    assert await there.fetchone("SELECT notice FROM members WHERE notice IS NOT NULL") is None


async def test_a_notice_left_before_start_is_known(pg_url: str) -> None:
    first = await open_postgres(pg_url, size=2)
    try:
        await first.migrate()
        async with first.transaction() as tx:
            await set_notice(tx, 1, 2, "waiting")
    finally:
        await first.close()
    later = await open_postgres(pg_url, size=2)
    try:
        await start_member_cache(later)
        assert later.members.notices == {(1, 2)}
        assert await pop_notice(later, 1, 2) == "waiting"
    finally:
        await later.close()


async def test_a_lost_listener_stops_the_cache_until_it_is_back(two, monkeypatch) -> None:
    here, there = two
    await get_profile(here, 1, 2)

    async def refused(self) -> None:
        raise OSError("connection refused")

    monkeypatch.setattr(listener, "RETRY_FIRST_S", 0.05)
    monkeypatch.setattr(listener.Listener, "_connect", refused)  # the server is away for a while
    await as_superuser(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
    )
    await eventually(lambda: not here.members.trusted)
    assert here.members.profiles == {}
    sent = count_reads(here, monkeypatch)
    async with there.transaction(1, 2) as tx:  # unheard: nothing listens now
        await update_profile(tx, 1, 2, units="mi")
    assert (await get_profile(here, 1, 2)).units == "mi"  # read from the database while untrusted
    assert (await get_profile(here, 1, 2)).units == "mi"
    assert len(sent) == 2
    monkeypatch.setattr(listener.Listener, "_connect", original_connect)  # back
    await eventually(lambda: here.members.trusted)
    assert (await get_profile(here, 1, 2)).units == "mi"
    assert (await get_profile(here, 1, 2)).units == "mi"
    assert len(sent) == 2 + 2  # the notices reloaded once back, then one profile read


async def test_a_transaction_neither_uses_nor_fills_the_cache(two) -> None:
    here, _ = two
    async with here.transaction(1, 2) as tx:
        await update_profile(tx, 1, 2, units="mi")
        assert (await get_profile(tx, 1, 2)).units == "mi"
        assert here.members.profiles == {}


async def test_a_failed_start_neither_hangs_nor_gives_up(pg_url: str, monkeypatch) -> None:
    """Whatever goes wrong while starting to listen, start-up goes on (uncached) and listening is retried."""
    monkeypatch.setattr(listener, "RETRY_FIRST_S", 0.05)
    db = await PgDatabase.open(pg_url, size=2)
    tries: list[int] = []

    async def ready() -> None:
        tries.append(1)
        if len(tries) == 1:
            raise RuntimeError("a bug in the first try")

    try:
        assert await db.listen("stride_test", lambda payload: None, ready, lambda: None) is False
        await eventually(lambda: len(tries) == 2)
        await eventually(lambda: db._listeners[0].listening)
    finally:
        await db.close()
    assert not db._listeners[0].listening
