"""The dispatcher when Discord fails for a long time, and when the bot stops in the middle of a fan-out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.db import reminders as db_rem
from bot.db.members import pop_notice
from bot.db.store import Store
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.jobs import FAILED
from bot.reminders.services.reminders import ReminderService
from tests.unit.polling import eventually
from tests.unit.reminders.fakes import DM_BASE, FakeClock, FakeSender, utc

GUILD, ALICE, BOB = 10, 1, 2
SLOT = utc(2026, 6, 1, 7, 30)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(utc(2026, 6, 1, 7, 0))


@pytest.fixture
def sender() -> FakeSender:
    return FakeSender()


@pytest.fixture
def service(db: Store, clock: FakeClock) -> ReminderService:
    return ReminderService(db, clock=clock)


def dispatcher_for(db: Store, sender: FakeSender, clock: FakeClock, **options) -> Dispatcher:
    return Dispatcher(db, sender, clock=clock, retry_delays=(0.0, 0.0), **options)


async def test_an_hour_of_failures_is_counted_and_told_not_dropped(db, service, sender, clock) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    sender.script[DM_BASE + ALICE] = [FAILED] * 1000
    dispatcher = dispatcher_for(db, sender, clock)
    clock.now = SLOT
    while clock.now < SLOT + timedelta(hours=1, minutes=1):
        await dispatcher.run_due()
        clock.advance(minutes=1)
    assert sender.sent == [] and dispatcher.stats[FAILED] == 1
    assert 1000 - len(sender.script[DM_BASE + ALICE]) > 3 * 5  # tried again and again within the hour
    stored = await db_rem.get(db, reminder.id)
    assert stored.failures == 1 and not stored.paused
    assert stored.next_fire == utc(2026, 6, 2, 7, 30)  # the next day is still on
    notice = await pop_notice(db, GUILD, ALICE)
    assert notice is not None and "could not be delivered" in notice and f"#{reminder.id}" in notice


async def test_three_lost_slots_pause_the_reminder_with_a_notice(db, service, sender, clock) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    sender.script[DM_BASE + ALICE] = [FAILED] * 10_000
    dispatcher = dispatcher_for(db, sender, clock)
    for day in range(3):
        clock.now = utc(2026, 6, 1 + day, 7, 30)
        for _ in range(62):
            await dispatcher.run_due()
            clock.advance(minutes=1)
    stored = await db_rem.get(db, reminder.id)
    assert stored.paused and dispatcher.stats["paused"] == 1
    assert "paused" in (await pop_notice(db, GUILD, ALICE) or "")


async def test_a_recovery_within_the_hour_sends_once(db, service, sender, clock) -> None:
    await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    sender.script[DM_BASE + ALICE] = [FAILED] * 6
    dispatcher = dispatcher_for(db, sender, clock)
    clock.now = SLOT
    for _ in range(70):
        await dispatcher.run_due()
        clock.advance(minutes=1)
    assert len(sender.dms_to(ALICE)) == 1 and dispatcher.stats[FAILED] == 0


async def test_stop_mid_fan_out_releases_what_was_not_sent(db, service, sender, clock) -> None:
    for user in range(100, 140):
        await service.set(GUILD, user, kind="stretch", time="07:30", timezone="UTC")
    await service.set_server(GUILD, ALICE, channel_id=777, time="07:30", timezone="UTC")
    clock.now = SLOT
    sender.delay = 0.02
    first = dispatcher_for(db, sender, clock, concurrency=2, batch_size=50)
    first.start()
    await eventually(lambda: len(sender.sent) >= 5, seconds=2.5, what="the first five sends")
    await first.stop()
    sent_before = len(sender.sent)
    assert 5 <= sent_before < 41, "the stop came too late to test anything"
    clock.advance(seconds=30)  # the restart
    second = dispatcher_for(db, sender, clock)
    await second.run_due()
    channels = [channel for channel, _ in sender.sent]
    assert sorted(channels) == sorted([DM_BASE + u for u in range(100, 140)] + [777])  # each exactly once
    assert await second.run_due() == 0


async def test_stop_releases_slots_waiting_for_a_retry(db, service, sender, clock) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    sender.script[DM_BASE + ALICE] = [FAILED] * 3
    dispatcher = dispatcher_for(db, sender, clock)
    clock.now = SLOT
    await dispatcher.run_due()
    assert sender.sent == []
    await dispatcher.stop()
    assert (await db_rem.get(db, reminder.id)).next_fire == SLOT  # given back
    clock.advance(minutes=10)
    assert await dispatcher_for(db, sender, clock).run_due() == 1


async def test_a_release_never_undoes_the_members_own_change(db, service, sender, clock) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    sender.script[DM_BASE + ALICE] = [FAILED] * 3
    dispatcher = dispatcher_for(db, sender, clock)
    clock.now = SLOT
    await dispatcher.run_due()
    await service.skip(GUILD, ALICE, reminder.id)
    skipped = (await db_rem.get(db, reminder.id)).next_fire
    await dispatcher.stop()
    assert (await db_rem.get(db, reminder.id)).next_fire == skipped
