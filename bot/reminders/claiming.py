"""How a dispatcher keeps what it sends to itself: one strategy per kind of database.

* `SingleOwner` (SQLite): the dispatcher is the database's only one (bot/sharding.py runs it in one process),
  so nobody else claims. A claim it made that is still there when it starts was a process's that died.
* `Leased` (PostgreSQL): every process runs a dispatcher on the shared database. A claim is a lease: the rows
  name their holder and are due again for everyone when the lease ends (a process that died); the holder
  renews it while sending and never starts a send too close to its end (after that the slot may be another's).

Both write the claim's end where the dispatcher looks for due work (`due_utc`, `wake_utc`).
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta

from bot.db import outbox as db_outbox
from bot.db import reminders as db_rem
from bot.db.store import Store

log = logging.getLogger(__name__)


class Claiming(abc.ABC):
    """What both strategies share; a claim needs no renewal and a send may always start."""

    def __init__(self, db: Store, holder: str, lease: timedelta, clock: Callable[[], datetime]) -> None:
        self.db, self.holder, self.lease, self.clock = db, holder, lease, clock
        self.end: datetime | None = None  # the end of our latest claims

    def until(self, now: datetime) -> datetime:
        """The end written into a claim made now: before then no other dispatcher takes it over. (SQLite's one
        dispatcher renews none: nobody else claims there, and its next start takes a dead process's over.)"""
        return now + self.lease

    def claimed(self, until: datetime) -> None:
        """A claim ending at `until` was just committed."""
        self.end = until

    def may_send(self) -> bool:
        return True

    def longest_sleep(self, max_sleep: float) -> float:
        """How long the dispatcher may sleep without looking at the database (changes made by other processes
        wake nobody here)."""
        return max_sleep

    @contextlib.asynccontextmanager
    async def keeping(self) -> AsyncIterator[None]:
        """Around the sending of a batch: keeps the claims alive."""
        yield

    @abc.abstractmethod
    async def recover(self) -> int:
        """At start: take over what a dead process left claimed; how many."""

    async def give_back(self) -> int:
        """At stop: what is still claimed (a send cut short) is due again at once; how many."""
        async with self.db.transaction() as tx:
            return await db_rem.release_holder(tx, self.holder) + await db_outbox.release_holder(
                tx, self.holder, self.clock()
            )


class SingleOwner(Claiming):
    """The only dispatcher of its database (SQLite)."""

    async def recover(self) -> int:
        """At start: whatever another dispatcher still claims is a dead process's, due again now (its slots
        still within their hour go out again, with the same nonces)."""
        async with self.db.transaction() as tx:
            return await db_rem.release_others(tx, self.holder) + await db_outbox.release_others(
                tx, self.holder, self.clock()
            )


class Leased(Claiming):
    """One of several dispatchers on a shared database: claims are leases, renewed while sending."""

    def __init__(self, db: Store, holder: str, lease: timedelta, clock: Callable[[], datetime]) -> None:
        super().__init__(db, holder, lease, clock)
        self.margin = lease / 4  # no send starts later than this before the lease ends (`end`)

    def may_send(self) -> bool:
        return self.end is not None and self.clock() < self.end - self.margin

    def longest_sleep(self, max_sleep: float) -> float:
        """At most half a lease: slots another process claimed or was told about, and then died holding, are
        seen by every other dispatcher within half a lease, which then wakes for the lease's end."""
        return min(max_sleep, self.lease.total_seconds() / 2)

    @contextlib.asynccontextmanager
    async def keeping(self) -> AsyncIterator[None]:
        renewing = asyncio.create_task(self._renew(), name="reminder-leases")
        try:
            yield
        finally:
            renewing.cancel()
            await asyncio.gather(renewing, return_exceptions=True)

    async def _renew(self) -> None:
        """Push the end of our leases on every quarter lease. A renewal that comes too late (a stalled
        process) is not made: those slots may be another's by now."""
        while True:
            await asyncio.sleep(self.lease.total_seconds() / 4)
            if not self.may_send():
                return
            until = self.clock() + self.lease
            try:
                async with self.db.transaction() as tx:
                    await db_rem.renew(tx, self.holder, until)
                    await db_outbox.renew(tx, self.holder, until)
            except Exception:
                log.exception("could not renew reminder leases")
                continue
            self.end = until

    async def recover(self) -> int:
        return 0  # a dead process's leases end by themselves; every dispatcher wakes for that


def claiming_for(db: Store, holder: str, lease: timedelta, clock: Callable[[], datetime]) -> Claiming:
    """Leases when other processes share the database (PostgreSQL), else the single owner's claims."""
    return SingleOwner(db, holder, lease, clock) if db.exclusive else Leased(db, holder, lease, clock)
