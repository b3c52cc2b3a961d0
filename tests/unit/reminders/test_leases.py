"""Several dispatchers on one PostgreSQL database, as several bot processes: each with its own pool (its
own connections), claiming due slots FOR UPDATE SKIP LOCKED with a lease. Every slot is sent exactly once:
shared out when thousands are due in the same minute, taken over when a dispatcher dies (after its lease),
given back at once when one stops cleanly."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator

import pytest

from bot.db.factory import open_postgres
from bot.db.store import Store
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.models import to_ts
from tests.postgres import on_postgres
from tests.unit.polling import eventually
from tests.unit.reminders.fakes import DM_BASE, FakeClock, FakeSender, utc

pytestmark = pytest.mark.skipif(not on_postgres(), reason="several dispatchers share a PostgreSQL database")

GUILD = 10
SLOT = utc(2026, 6, 1, 7, 0)  # every reminder's slot: all due in the same minute


async def seed(db: Store, count: int) -> None:
    """`count` daily DM reminders of different members, all due at SLOT."""
    fire = to_ts(SLOT)
    rows = [(GUILD, 1000 + n, "custom", "07:00", 127, "UTC", "dm", f"#{n}", fire, fire, "seed") for n in range(count)]
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT INTO reminders (guild_id, user_id, kind, at_time, days_mask, timezone, target, message,"
            " next_fire_utc, due_utc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


@pytest.fixture
async def processes(db: Store) -> AsyncIterator[list[Store]]:
    """Three more pools on the test's database: three "processes"."""
    pools = [await open_postgres(db.db.url, size=4) for _ in range(3)]
    yield pools
    for pool in pools:
        await pool.close()


def users(*senders: FakeSender) -> Counter[int]:
    return Counter(channel - DM_BASE for sender in senders for channel, _ in sender.sent)


async def settled(db: Store, count: int) -> None:
    """Every reminder sent once, recorded, moved on to tomorrow and no longer claimed."""
    row = await db.fetchone(
        "SELECT count(*) FILTER (WHERE next_fire_utc = ? AND claimed_by IS NULL AND last_fire_utc = ?),"
        " (SELECT count(*) FROM reminder_slots) FROM reminders",
        (to_ts(SLOT) + 86_400, to_ts(SLOT)),
    )
    assert tuple(row) == (count, count)


async def test_thousands_due_in_one_minute_are_each_sent_once_by_one_of_three(db, processes) -> None:
    count = 3000
    await seed(db, count)
    clock = FakeClock(SLOT)
    senders = [FakeSender(delay=0.0005) for _ in processes]
    dispatchers = [
        Dispatcher(pool, sender, clock=clock, batch_size=100, concurrency=25)
        for pool, sender in zip(processes, senders, strict=True)
    ]
    sent = await asyncio.gather(*(d.run_due() for d in dispatchers))
    assert sum(sent) == count
    assert users(*senders) == Counter(range(1000, 1000 + count))  # each member exactly once
    assert all(n > 0 for n in sent), sent  # the work was shared
    await settled(db, count)
    assert [await d.run_due() for d in dispatchers] == [0, 0, 0]


async def test_a_dispatcher_killed_mid_fan_out_has_its_slots_sent_once_after_its_lease(db, processes) -> None:
    count, before_death = 300, 40
    await seed(db, count)
    clock = FakeClock(SLOT)
    doomed_sender, heir_sender = FakeSender(), FakeSender()
    stuck: dict[int, str | None] = {}  # member -> nonce of the message the doomed process never got out
    hang = asyncio.Event()

    async def hangs_after_some(channel: int, message) -> None:
        if len(doomed_sender.sent) >= before_death:
            stuck[channel - DM_BASE] = message.nonce
            await hang.wait()  # never set: the process dies here

    doomed_sender.on_send = hangs_after_some
    doomed = Dispatcher(processes[0], doomed_sender, clock=clock, batch_size=100, concurrency=25, lease=30.0)
    heir = Dispatcher(processes[1], heir_sender, clock=clock, batch_size=100, concurrency=25, lease=30.0)
    task = asyncio.create_task(doomed.run_due())
    for _ in range(400):  # until the doomed one's sends are recorded and the rest of its batch hangs
        slots = (await db.fetchone("SELECT count(*) FROM reminder_slots"))[0]
        if slots == before_death and len(stuck) == 25:
            break
        await asyncio.sleep(0.025)
    assert (slots, len(stuck)) == (before_death, 25)
    task.cancel()  # kill -9: no stop(), nothing given back
    await asyncio.gather(task, return_exceptions=True)
    processes[0].db.pool.terminate()  # its connections drop: anything it had open rolls back
    leased = (await db.fetchone("SELECT count(*) FROM reminders WHERE claimed_by = ?", (doomed.holder,)))[0]
    assert leased == 100 - before_death  # its claimed batch, less what it sent

    assert await heir.run_due() == count - 100  # the leased slots wait for the lease to end
    clock.advance(seconds=31)
    assert await heir.run_due() == leased
    assert users(doomed_sender, heir_sender) == Counter(range(1000, 1000 + count))  # each exactly once
    await settled(db, count)
    # A send that did leave a dying process would carry the same nonce as its takeover: Discord drops the copy.
    taken_over = {channel - DM_BASE: message.nonce for channel, message in heir_sender.sent}
    assert {user: taken_over[user] for user in stuck} == stuck and None not in stuck.values()


async def test_a_clean_stop_gives_its_claimed_slots_back_at_once(db, processes) -> None:
    count = 150
    await seed(db, count)
    clock = FakeClock(SLOT)
    first_sender, second_sender = FakeSender(), FakeSender()
    hang = asyncio.Event()

    async def slow(_channel: int, _message) -> None:
        if len(first_sender.sent) >= 10:
            await hang.wait()

    first_sender.on_send = slow
    first = Dispatcher(processes[0], first_sender, clock=clock, batch_size=100, concurrency=5)
    second = Dispatcher(processes[1], second_sender, clock=clock, batch_size=100, concurrency=25)
    first.start()
    await eventually(
        lambda: len(first_sender.sent) >= 10 and first_sender.in_flight == 5,
        seconds=10,
        what="ten sends and five hanging ones",
    )
    await first.stop(grace_seconds=0.5)  # its sends hang: cancelled after the grace, the rest given back
    assert (await db.fetchone("SELECT count(*) FROM reminders WHERE claimed_by IS NOT NULL"))[0] == 0
    assert await second.run_due() == count - 10  # at once: no lease to wait for
    assert users(first_sender, second_sender) == Counter(range(1000, 1000 + count))
    await settled(db, count)


async def test_a_lease_that_ran_out_is_not_sent_on(db, processes) -> None:
    """A stalled process whose lease ended while it waited starts no send (the slot may be another's by
    then): it gives the slot back, and the next claim sends it, once."""
    await seed(db, 3)
    clock = FakeClock(SLOT)
    sender = FakeSender()

    async def stall(_channel: int, _message) -> None:
        sender.on_send = None
        clock.advance(seconds=50)  # the first send takes most of the lease

    sender.on_send = stall
    stalled = Dispatcher(processes[0], sender, clock=clock, concurrency=1, lease=60.0)
    assert await stalled.run_due() == 3
    assert stalled.stats["lease_lost"] == 2  # not sent under the old lease, claimed again with a new one
    assert users(sender) == Counter(range(1000, 1003))
    await settled(db, 3)


async def test_leases_are_renewed_while_a_long_batch_is_sent(db, processes) -> None:
    """A batch that takes longer than the lease keeps its slots: the lease is pushed on every quarter lease."""
    await seed(db, 6)
    clock = FakeClock(SLOT)
    sender = FakeSender()

    async def slow(_channel: int, _message) -> None:
        await asyncio.sleep(0.1)
        clock.advance(seconds=0.1)  # six sends: 0.6 s, the lease is 0.4 s

    sender.on_send = slow
    busy = Dispatcher(processes[0], sender, clock=clock, concurrency=1, lease=0.4)
    assert await busy.run_due() == 6
    assert busy.stats["lease_lost"] == 0
    assert users(sender) == Counter(range(1000, 1006))
    await settled(db, 6)
