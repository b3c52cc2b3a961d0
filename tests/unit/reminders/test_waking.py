"""When a dispatcher wakes up (bot/reminders/waking.py), on a fake clock: for the earliest due slot or post,
and for the end of any claim, so a survivor takes a dead process's leased slots over when its lease ends
(renewed or not) without anything else waking it; at least every minute, on PostgreSQL every half lease (a
process that dies may have been the only one told about its slots); and a slot failing for now waits in the
database for its next try, so a restart does not lose it."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.db import reminders as db_rem
from bot.db.engine import Database
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.jobs import FAILED
from bot.reminders.models import to_ts
from bot.reminders.outbox import queue_post
from bot.reminders.waking import Horizon, Wake, next_wake
from tests.postgres import on_postgres
from tests.unit.reminders.fakes import DM_BASE, FakeClock, FakeSender, utc

NOW = utc(2026, 6, 1, 7, 0)
GUILD = 10


def at(**delta: float):
    return NOW + timedelta(**delta)


@pytest.mark.parametrize(
    ("horizon", "wake"),
    [
        (Horizon(None, None), Wake(None, 900.0)),  # nothing known: wait for a change, at most max_sleep
        (Horizon(at(minutes=5), None), Wake(at(minutes=5), 300.01)),
        (Horizon(at(minutes=5), at(seconds=40)), Wake(at(seconds=40), 40.01)),  # another's lease ends first
        (Horizon(None, at(seconds=40)), Wake(at(seconds=40), 40.01)),  # nothing due of our own: the lease
        (Horizon(at(seconds=10), at(seconds=40)), Wake(at(seconds=10), 10.01)),
        (Horizon(at(hours=2), None), Wake(at(hours=2), 900.0)),  # looked at again within max_sleep
        (Horizon(at(seconds=-3), at(seconds=40)), Wake(at(seconds=-3), 0.0)),  # due now
        (Horizon(None, at(seconds=-1)), Wake(at(seconds=-1), 0.0)),  # a lease that already ended
    ],
)
def test_next_wake_is_the_earliest_due_slot_or_claim_end(horizon: Horizon, wake: Wake) -> None:
    assert next_wake(NOW, horizon, max_sleep=900.0) == wake


async def test_a_dispatcher_looks_again_within_a_minute_and_on_postgresql_within_half_a_lease(db: Database) -> None:
    """Another process's changes wake nobody here: a reminder set through a process that dies before sending
    it is seen by the others at their next look (on SQLite, one set through another shard's process)."""
    dispatcher = Dispatcher(db, FakeSender(), clock=FakeClock(NOW), lease=30.0)
    assert await dispatcher.next_wake() == Wake(None, 15.0 if on_postgres() else 60.0)
    await seed(db, 1, at(hours=2))
    assert await dispatcher.next_wake() == Wake(at(hours=2), 15.0 if on_postgres() else 60.0)
    long_lease = Dispatcher(db, FakeSender(), clock=FakeClock(NOW), lease=600.0)
    assert (await long_lease.next_wake()).delay == 60.0


async def seed(db: Database, count: int, due) -> None:
    fire = to_ts(due)
    rows = [(GUILD, 1000 + n, "custom", due.strftime("%H:%M"), 127, "UTC", "dm", f"#{n}", fire, fire, "seed")
            for n in range(count)]  # fmt: skip
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT INTO reminders (guild_id, user_id, kind, at_time, days_mask, timezone, target, message,"
            " next_fire_utc, due_utc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


@pytest.mark.skipif(not on_postgres(), reason="leases of several dispatchers on one PostgreSQL database")
async def test_a_survivor_wakes_for_a_dead_dispatchers_lease_end_renewed_or_not(db: Database) -> None:
    await seed(db, 30, NOW)
    clock = FakeClock(NOW)
    doomed_sender, heir_sender = FakeSender(), FakeSender()
    hang = asyncio.Event()

    async def hangs_after_ten(_channel: int, _message: object) -> None:
        if len(doomed_sender.sent) >= 10:
            await hang.wait()  # the process dies here

    doomed_sender.on_send = hangs_after_ten
    doomed = Dispatcher(db, doomed_sender, clock=clock, lease=30.0, concurrency=5, holder="doomed")
    heir = Dispatcher(db, heir_sender, clock=clock, lease=30.0, max_sleep=900.0, holder="heir")
    async with db.transaction() as tx:  # the heir's own work is due much later
        await queue_post(tx, guild_id=GUILD, kind="digest", key="w", due=at(hours=3), payload={})
    task = asyncio.create_task(doomed.run_due())
    for _ in range(500):
        if (await db.fetchone("SELECT count(*) FROM reminder_slots"))[0] == 10:
            break
        await asyncio.sleep(0.01)
    task.cancel()  # kill -9: nothing given back
    await asyncio.gather(task, return_exceptions=True)
    assert await heir.run_due() == 0
    wake = await heir.next_wake()
    assert wake == Wake(at(seconds=30), 15.0)  # the lease's end, not its own post in 3 hours (a look half-way)
    clock.advance(seconds=15)
    assert await heir.run_due() == 0
    assert await heir.next_wake() == Wake(at(seconds=30), 15.01)
    # Had the doomed one renewed before dying, the heir would plan for the renewed end.
    async with db.transaction() as tx:
        await db_rem.renew(tx, "doomed", at(seconds=50))
    clock.advance(seconds=16)
    assert await heir.run_due() == 0
    assert await heir.next_wake() == Wake(at(seconds=50), 15.0)
    clock.now = at(seconds=50)
    assert (await heir.next_wake()).delay == 0.0
    assert await heir.run_due() == 20
    sent = [channel - DM_BASE for channel, _ in doomed_sender.sent + heir_sender.sent]
    assert sorted(sent) == list(range(1000, 1030))
    assert await heir.next_wake() == Wake(at(hours=3), 15.0)


async def test_a_slot_failing_for_now_waits_in_the_database_for_its_next_try(db: Database) -> None:
    await seed(db, 2, NOW)
    clock = FakeClock(NOW)
    sender = FakeSender(script={DM_BASE + 1001: [FAILED, FAILED]})
    first = Dispatcher(db, sender, clock=clock, retry_delays=(0.0,))
    assert await first.run_due() == 1  # 1000 sent; 1001 failed twice: again in a minute
    row = await db.fetchone("SELECT next_fire_utc, due_utc, claimed_by FROM reminders WHERE user_id = 1001")
    assert tuple(row) == (to_ts(NOW), to_ts(at(minutes=1)), None)  # unclaimed, its slot as it was
    assert await first.next_wake() == Wake(at(minutes=1), 30.0 if on_postgres() else 60.01)  # half a lease
    # The process is replaced meanwhile: nothing about the retry was kept in memory.
    second = Dispatcher(db, sender, clock=clock, retry_delays=(0.0,))
    clock.advance(minutes=1)
    assert await second.run_due() == 1
    assert [channel - DM_BASE for channel, _ in sender.sent] == [1000, 1001]
    row = await db.fetchone("SELECT next_fire_utc, claimed_by, last_fire_utc FROM reminders WHERE user_id = 1001")
    assert tuple(row) == (to_ts(at(days=1)), None, to_ts(NOW))


async def test_later_tries_keep_their_growing_gaps_then_give_up_within_the_hour(db: Database) -> None:
    await seed(db, 1, NOW)
    clock = FakeClock(NOW)
    sender = FakeSender(script={DM_BASE + 1000: [FAILED] * 100})
    dispatcher = Dispatcher(db, sender, clock=clock, retry_delays=())
    tries = []
    for _ in range(10):
        await dispatcher.run_due()
        row = await db.fetchone("SELECT due_utc, next_fire_utc FROM reminders")
        if row[1] != to_ts(NOW):
            break  # given up: moved on to tomorrow
        tries.append((row[0] - to_ts(NOW)) // 60)
        clock.now = db_rem.from_ts(row[0])
    assert tries == [1, 3, 8, 18, 33, 48]  # minutes after the slot
    assert dispatcher.stats[FAILED] == 1 and sender.sent == []
