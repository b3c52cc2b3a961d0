"""A reminder set without a time zone of its own follows the profile's zone when it changes; one set with
`timezone:` keeps its own. Same wall-clock time in the new zone, a skipped slot stays skipped, a snooze stays."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.db import reminders as db_rem
from bot.db.engine import Database
from bot.errors import UserError
from bot.reminders.services.reminders import ReminderService
from bot.running.services.profile import set_profile
from tests.unit.reminders.fakes import FakeClock, utc

GUILD, ALICE = 10, 1
START = utc(2026, 6, 1, 7, 0)  # Monday, 07:00 UTC


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def service(db: Database, clock: FakeClock) -> ReminderService:
    return ReminderService(db, clock=clock)


async def test_a_reminder_without_its_own_zone_follows_the_profile(service, db, clock) -> None:
    follows = await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    keeps = await service.set(GUILD, ALICE, kind="core", time="07:30", timezone="Asia/Tokyo")
    assert follows.next_fire == utc(2026, 6, 1, 7, 30)
    saved = await set_profile(db, GUILD, ALICE, clock(), timezone="Europe/Berlin")
    assert saved.reminders_moved == 1 and saved.profile.timezone == "Europe/Berlin"
    moved = await db_rem.get(db, follows.id)
    assert moved.timezone == "Europe/Berlin" and moved.at == follows.at
    assert moved.next_fire == utc(2026, 6, 2, 5, 30)  # 07:30 in Berlin; today's 07:30 there has passed
    assert await db_rem.get(db, keeps.id) == keeps
    again = await set_profile(db, GUILD, ALICE, clock(), timezone="America/New_York")
    assert again.reminders_moved == 1
    assert (await db_rem.get(db, follows.id)).next_fire == utc(2026, 6, 1, 11, 30)  # 07:30 EDT, later today


async def test_setting_the_same_zone_again_moves_nothing(service, db, clock) -> None:
    await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    assert (await set_profile(db, GUILD, ALICE, clock(), timezone="UTC")).reminders_moved == 0


async def test_a_skipped_slot_stays_skipped_and_a_snooze_stays(service, db, clock) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="18:00")
    await service.skip(GUILD, ALICE, reminder.id)  # today's 18:00 skipped: next is tomorrow
    async with db.transaction() as tx:
        current = await db_rem.get(tx, reminder.id)
        await db_rem.set_schedule(tx, reminder.id, current.next_fire, START + timedelta(minutes=30))
    await set_profile(db, GUILD, ALICE, clock(), timezone="Europe/Berlin")
    moved = await db_rem.get(db, reminder.id)
    assert moved.next_fire == utc(2026, 6, 2, 16, 0)  # tomorrow 18:00 in Berlin, not today's
    assert moved.snooze == START + timedelta(minutes=30)
    due = await db.fetchone("SELECT due_utc FROM reminders WHERE id = ?", (reminder.id,))
    assert due[0] == int((START + timedelta(minutes=30)).timestamp())


async def test_profile_set_with_nothing_to_change_says_so(db, clock) -> None:
    with pytest.raises(UserError, match="Nothing to change"):
        await set_profile(db, GUILD, ALICE, clock())
