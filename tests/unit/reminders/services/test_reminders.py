"""Reminder use cases: validation and limits, own reminders only, pause/resume/skip, buttons, streaks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.db import audit
from bot.db import reminders as db_rem
from bot.db.memberdata import export_member, forget_member
from bot.db.members import update_profile
from bot.db.store import Store
from bot.errors import NotFound, UserError
from bot.reminders.models import SERVER_PING, Answer
from bot.reminders.services.reminders import (
    MAX_PER_MEMBER,
    DoneResult,
    ReminderService,
    SlotNotSent,
    current_streak,
    reminder_streak,
)
from tests.unit.reminders.fakes import FakeClock, utc

GUILD, OTHER_GUILD, ALICE, BOB = 10, 20, 1, 2
START = utc(2026, 6, 1, 7, 0)  # Monday


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def changes() -> list[int]:
    return []


async def sent(db: Store, reminder_id: int, *slots, guild: int = GUILD) -> None:
    """Record slots as the dispatcher does after sending them."""
    async with db.transaction() as tx:
        await db_rem.record_sent(tx, [(guild, reminder_id, slot) for slot in slots])


@pytest.fixture
def service(db: Store, clock: FakeClock, changes: list[int]) -> ReminderService:
    return ReminderService(db, clock=clock, on_change=lambda: changes.append(1))


async def test_set_defaults_to_daily_dm_in_the_profile_zone(service, db, changes) -> None:
    async with db.transaction() as tx:
        await update_profile(tx, GUILD, ALICE, timezone="America/New_York")
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="7:30pm")
    assert (reminder.timezone, reminder.days_mask, reminder.target) == ("America/New_York", 0b1111111, "dm")
    assert reminder.next_fire == utc(2026, 6, 1, 23, 30)  # 19:30 EDT
    assert changes == [1]
    assert [r.id for r in await service.list(GUILD, ALICE)] == [reminder.id]
    assert await service.list(GUILD, BOB) == [] and await service.list(OTHER_GUILD, ALICE) == []


async def test_set_with_days_zone_and_channel(service) -> None:
    reminder = await service.set(
        GUILD, ALICE, kind="core", time="06:15", days="mon,wed,fri", timezone="europe/berlin",
        where="channel", channel_id=99,
    )  # fmt: skip
    assert reminder.timezone == "Europe/Berlin" and reminder.days_mask == 0b0010101
    assert (reminder.target, reminder.channel_id) == ("channel", 99)
    assert reminder.next_fire == utc(2026, 6, 3, 4, 15)  # Wednesday 06:15 CEST


@pytest.mark.parametrize(
    ("options", "field", "words"),
    [
        ({"time": "25:00"}, "time", "07:30"),
        ({"time": "soon"}, "time", "soon"),
        ({"days": "someday"}, "days", "weekdays"),
        ({"timezone": "Mars/Olympus"}, "timezone", "Europe/Berlin"),
        ({"kind": "custom"}, "message", "needs a `message`"),
        ({"message": "x" * 201}, "message", "201 characters; the limit is 200"),
        ({"kind": "yoga"}, "kind", "stretch, core, custom"),
        ({"where": "channel"}, "where", "channel"),
    ],
)
async def test_bad_input_is_a_friendly_error_and_saves_nothing(service, options, field, words) -> None:
    values = {"kind": "stretch", "time": "07:30", **options}
    with pytest.raises(UserError) as info:
        await service.set(GUILD, ALICE, **values)
    assert info.value.field == field and words in info.value.message
    assert await service.list(GUILD, ALICE) == []


async def test_custom_message_of_200_characters_is_fine(service) -> None:
    reminder = await service.set(GUILD, ALICE, kind="custom", time="07:30", message="  " + "y" * 200 + " ")
    assert reminder.message == "y" * 200


async def test_at_most_ten_reminders_per_member_and_server(service) -> None:
    for _ in range(MAX_PER_MEMBER):
        await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    with pytest.raises(UserError, match="already have 10 reminders"):
        await service.set(GUILD, ALICE, kind="core", time="08:30")
    assert len(await service.list(GUILD, ALICE)) == MAX_PER_MEMBER
    await service.set(GUILD, BOB, kind="core", time="08:30")  # others are not affected
    await service.set(OTHER_GUILD, ALICE, kind="core", time="08:30")


async def test_only_own_reminders_are_found(service) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    for guild, user in ((GUILD, BOB), (OTHER_GUILD, ALICE)):
        for action in (service.remove, service.pause, service.skip):
            with pytest.raises(NotFound, match=f"no reminder #{reminder.id}"):
                await action(guild, user, reminder.id)
    await sent(service.db, reminder.id, reminder.next_fire)
    with pytest.raises(UserError, match=r"^This reminder isn't yours, so nothing happened\.") as refused:
        await service.done(BOB, reminder.id, reminder.next_fire)
    assert str(ALICE) not in refused.value.message  # the owner is not named to someone else
    with pytest.raises(UserError, match=r"^This reminder isn't yours, so nothing happened\.") as refused:
        await service.snooze(BOB, reminder.id, reminder.next_fire)
    with pytest.raises(NotFound, match="removed"):
        await service.done(ALICE, 12345, reminder.next_fire)
    with pytest.raises(NotFound):
        await service.remove(GUILD, ALICE, 12345)
    assert len(await service.list(GUILD, ALICE)) == 1


async def test_pause_resume_starts_again_from_now(service, clock) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    paused = await service.pause(GUILD, ALICE, reminder.id)
    assert paused.paused
    with pytest.raises(UserError, match="already paused"):
        await service.pause(GUILD, ALICE, reminder.id)
    with pytest.raises(UserError, match="paused"):
        await service.skip(GUILD, ALICE, reminder.id)
    clock.now = utc(2026, 6, 4, 9, 0)
    resumed = await service.resume(GUILD, ALICE, reminder.id)
    assert not resumed.paused and resumed.next_fire == utc(2026, 6, 5, 7, 30)  # no burst of missed days
    with pytest.raises(UserError, match="not paused"):
        await service.resume(GUILD, ALICE, reminder.id)


async def test_skip_skips_the_next_one_each_time(service) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", days="weekdays")
    first = await service.skip(GUILD, ALICE, reminder.id)
    assert (first.skipped, first.next_fire) == (utc(2026, 6, 1, 7, 30), utc(2026, 6, 2, 7, 30))
    await service.skip(GUILD, ALICE, reminder.id)
    await service.skip(GUILD, ALICE, reminder.id)
    await service.skip(GUILD, ALICE, reminder.id)
    fifth = await service.skip(GUILD, ALICE, reminder.id)  # Friday skipped: next is Monday
    assert fifth.next_fire == utc(2026, 6, 8, 7, 30)


async def test_remove(service, changes) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    removed = await service.remove(GUILD, ALICE, reminder.id)
    assert removed.id == reminder.id and await service.list(GUILD, ALICE) == []
    assert changes == [1, 1]


async def test_done_counts_once_per_slot_and_builds_a_streak(service, clock, db) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    slot = utc(2026, 6, 1, 7, 30)
    await sent(db, reminder.id, *(utc(2026, 6, day, 7, 30) for day in (1, 2, 3)))
    clock.now = slot + timedelta(minutes=5)
    assert (await service.done(ALICE, reminder.id, slot)) == DoneResult(True, 1)
    again = await service.done(ALICE, reminder.id, slot)  # a second press changes nothing, and says so
    assert again == DoneResult(False, 1, Answer.DONE)
    for day in (2, 3):
        slot = utc(2026, 6, day, 7, 30)
        clock.now = slot + timedelta(minutes=1)
        result = await service.done(ALICE, reminder.id, slot)
    assert result.streak == 3
    clock.now = utc(2026, 6, 4, 20, 0)  # today not done yet: the streak holds until the day is over
    assert await reminder_streak(db, GUILD, ALICE, clock.now) == 3
    clock.now = utc(2026, 6, 5, 8, 0)
    assert await reminder_streak(db, GUILD, ALICE, clock.now) == 0
    assert await reminder_streak(db, OTHER_GUILD, ALICE, clock.now) == 0


async def test_streak_survives_removing_the_reminder_and_forget_erases_it(service, clock, db) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    await sent(db, reminder.id, utc(2026, 6, 1, 7, 30))
    await service.done(ALICE, reminder.id, utc(2026, 6, 1, 7, 30))
    await service.remove(GUILD, ALICE, reminder.id)
    assert await reminder_streak(db, GUILD, ALICE, clock.now) == 1
    await service.set(GUILD, ALICE, kind="core", time="08:00")
    exported = await export_member(db, GUILD, ALICE)
    assert len(exported["reminders"]) == 1 and len(exported["reminder_dones"]) == 1
    async with db.transaction() as tx:
        await forget_member(tx, GUILD, ALICE)
    assert await service.list(GUILD, ALICE) == [] and await reminder_streak(db, GUILD, ALICE, clock.now) == 0


def test_current_streak() -> None:
    today = date(2026, 6, 10)
    assert current_streak([], today) == 0
    assert current_streak([today], today) == 1
    assert current_streak([today - timedelta(days=1), today - timedelta(days=2)], today) == 2
    assert current_streak([today - timedelta(days=2)], today) == 0
    assert current_streak([today, today - timedelta(days=1), today - timedelta(days=3)], today) == 2


async def test_skip_button_skips_its_own_slot_not_the_next(service, clock, db) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    monday = utc(2026, 6, 1, 7, 30)
    async with db.transaction() as tx:  # as the dispatcher leaves it after sending Monday's slot
        await db_rem.set_schedule(tx, reminder.id, utc(2026, 6, 2, 7, 30), None)
    await sent(db, reminder.id, monday)
    clock.now = utc(2026, 6, 1, 7, 31)
    first = await service.skip_slot(ALICE, reminder.id, monday)
    assert (first.skipped, first.next_fire) == (monday, utc(2026, 6, 2, 7, 30))  # tomorrow's still comes
    assert (await db_rem.get(db, reminder.id)).next_fire == utc(2026, 6, 2, 7, 30)
    assert (await db_rem.get_slot(db, GUILD, reminder.id, monday)).answer == Answer.SKIPPED
    again = await service.skip_slot(ALICE, reminder.id, monday)
    assert again.skipped is None and again.answer == Answer.SKIPPED
    done = await service.done(ALICE, reminder.id, monday)  # a skipped slot is not counted afterwards
    assert done == DoneResult(False, 0, Answer.SKIPPED)
    with pytest.raises(UserError, match="already marked skipped"):
        await service.snooze(ALICE, reminder.id, monday)


async def test_snooze_is_a_one_off_fire_an_hour_later(service, clock, db) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    await sent(db, reminder.id, utc(2026, 6, 1, 7, 30))
    clock.now = utc(2026, 6, 1, 7, 40)
    until = await service.snooze(ALICE, reminder.id, utc(2026, 6, 1, 7, 30))
    stored = await db_rem.get(service.db, reminder.id)
    assert until == stored.snooze == utc(2026, 6, 1, 8, 40)
    assert stored.next_fire == reminder.next_fire  # the regular schedule is unchanged
    assert stored.last_fire == utc(2026, 6, 1, 7, 30)
    await service.pause(GUILD, ALICE, reminder.id)
    with pytest.raises(UserError, match="paused"):
        await service.snooze(ALICE, reminder.id, utc(2026, 6, 1, 7, 30))


async def test_done_after_snooze_cancels_the_re_send(service, clock, db) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    slot = utc(2026, 6, 1, 7, 30)
    await sent(db, reminder.id, slot)
    clock.now = utc(2026, 6, 1, 7, 40)
    await service.snooze(ALICE, reminder.id, slot)
    assert (await service.done(ALICE, reminder.id, slot)).counted  # a snoozed slot may still be done
    stored = await db_rem.get(db, reminder.id)
    assert stored.snooze is None and stored.next_fire == reminder.next_fire
    with pytest.raises(UserError, match="already marked done"):
        await service.snooze(ALICE, reminder.id, slot)


async def test_a_slot_never_sent_counts_nothing(service, clock, db) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30")
    await sent(db, reminder.id, utc(2026, 6, 1, 7, 30))
    for day in range(2, 9):  # forged timestamps: a week of slots that were never sent
        forged = utc(2026, 6, day, 7, 30)
        for press in (service.done, service.skip_slot, service.snooze):
            with pytest.raises(SlotNotSent, match="nothing was counted"):
                await press(ALICE, reminder.id, forged)
    with pytest.raises(SlotNotSent):
        await service.server_done(GUILD, ALICE, utc(2026, 6, 1, 7, 30))
    assert await db_rem.done_days(db, GUILD, ALICE) == []
    assert await reminder_streak(db, GUILD, ALICE, utc(2026, 6, 8, 9, 0)) == 0


async def test_first_reminder_without_a_zone_says_which_zone(service, db) -> None:
    _, note = await service.set_and_explain(GUILD, ALICE, kind="stretch", time="07:30")
    assert note and "UTC" in note and "/profile set timezone" in note
    _, second = await service.set_and_explain(GUILD, ALICE, kind="core", time="08:30")
    assert second is None
    _, given = await service.set_and_explain(GUILD, BOB, kind="core", time="08:30", timezone="Europe/Berlin")
    assert given is None


@pytest.mark.parametrize(("typed", "says"), [("EST", "America/New_York"), ("GMT+2", "Etc/GMT-2")])
async def test_fixed_offset_zones_are_refused_like_profile_set(service, typed, says) -> None:
    with pytest.raises(UserError, match=says):
        await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone=typed)
    with pytest.raises(UserError, match=says):
        await service.set_server(GUILD, ALICE, channel_id=5, time="07:30", timezone=typed)
    assert (await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="new york")).timezone == (
        "America/New_York"
    )


async def test_server_reminder_set_show_off(service, clock) -> None:
    server = await service.set_server(GUILD, ALICE, channel_id=5, time="18:00", timezone="Europe/London", role_id=7)
    assert (server.channel_id, server.role_id, server.kind, server.timezone) == (5, 7, "stretch", "Europe/London")
    assert server.next_fire == utc(2026, 6, 1, 17, 0)
    changed = await service.set_server(GUILD, ALICE, channel_id=6, time="07:00", timezone="UTC", kind="core")
    assert (changed.channel_id, changed.role_id, changed.kind) == (6, None, "core")
    assert (await service.server(GUILD)) == changed
    assert await service.server_off(GUILD, ALICE) is True
    assert await service.server(GUILD) is None and await service.server_off(GUILD, ALICE) is False


async def test_server_reminder_changes_are_audited_with_where_they_were_made(service, db) -> None:
    await service.set_server(GUILD, ALICE, channel_id=5, time="6pm", timezone="Europe/London", role_id=7)
    await service.server_off(GUILD, BOB, via="web")
    await service.server_off(GUILD, BOB)  # nothing to turn off: nothing audited
    off, on = await audit.latest(db, GUILD)
    assert (on.user_id, on.action, on.via) == (ALICE, "ping-set", "discord")
    assert on.detail == {"channel_id": 5, "time": "18:00", "timezone": "Europe/London", "kind": "stretch", "role_id": 7}
    assert (off.user_id, off.action, off.via) == (BOB, "ping-off", "web")
    with pytest.raises(UserError):
        await service.set_server(GUILD, ALICE, channel_id=5, time="25:00", timezone="UTC")
    assert len(await audit.latest(db, GUILD)) == 2  # a refused change leaves no trace


@pytest.mark.parametrize(
    ("options", "field"),
    [({"role_id": GUILD}, "role"), ({"kind": "custom"}, "kind"), ({"timezone": "Nowhere"}, "timezone")],
)
async def test_server_reminder_errors(service, options, field) -> None:
    values = {"channel_id": 5, "time": "18:00", "timezone": "UTC", **options}
    with pytest.raises(UserError) as info:
        await service.set_server(GUILD, ALICE, **values)
    assert info.value.field == field
    assert await service.server(GUILD) is None


async def test_server_done_counts_for_whoever_pressed_it(service, clock, db) -> None:
    await service.set_server(GUILD, ALICE, channel_id=5, time="07:30", timezone="UTC")
    slot = utc(2026, 6, 1, 7, 30)
    await sent(db, SERVER_PING, slot)
    assert await service.server_done(GUILD, BOB, slot) == DoneResult(True, 1)
    assert await service.server_done(GUILD, BOB, slot) == DoneResult(False, 1)
    assert await service.server_done(GUILD, ALICE, slot) == DoneResult(True, 1)


@pytest.mark.parametrize(
    "custom_id",
    [
        "stride:rem:done:1:99999999999",  # year 5138
        "stride:rem:done:1:12",  # 1970
        f"stride:rem:done:{2**53 + 1}:1780000000",
        "stride:rem:done:0:1780000000",
        "stride:rem:zap:1:1780000000",
        "stride:srv:skip:1:1780000000",
        "stride:rem:done:1:",
        "stride:rem:done:x:1780000000",
    ],
)
def test_crafted_button_ids_are_not_read(custom_id: str) -> None:
    from bot.reminders.messages import parse_custom_id

    assert parse_custom_id(custom_id) is None


def test_real_button_ids_are_read() -> None:
    from bot.reminders.messages import parse_custom_id

    assert parse_custom_id("stride:rem:snooze:12:1780000000").target == 12
    assert parse_custom_id(f"stride:srv:done:{2**62}:1780000000").target == 2**62  # a guild id


async def test_weekly_summary_follows_the_profile_zone(service, db) -> None:
    from bot.running.services.profile import set_profile

    await set_profile(db, GUILD, ALICE, START, weekly_summary=True)
    [summary] = await service.list(GUILD, ALICE)
    assert (summary.kind, summary.timezone, summary.next_fire) == ("summary", "UTC", utc(2026, 6, 1, 8, 0))
    await set_profile(db, GUILD, ALICE, START, timezone="America/New_York")
    [moved] = await service.list(GUILD, ALICE)
    assert (moved.id, moved.timezone, moved.next_fire) == (summary.id, "America/New_York", utc(2026, 6, 1, 12, 0))
    await set_profile(db, GUILD, ALICE, START, weekly_summary=True)  # on again: still one
    assert len(await service.list(GUILD, ALICE)) == 1
    for kind in ("stretch",) * MAX_PER_MEMBER:  # the summary does not count towards the limit
        await service.set(GUILD, ALICE, kind=kind, time="07:30")


async def test_removing_the_summary_reminder_turns_the_opt_in_off(service, db) -> None:
    from bot.db.members import get_profile
    from bot.running.services.profile import set_profile

    await set_profile(db, GUILD, ALICE, START, weekly_summary=True)
    [summary] = await service.list(GUILD, ALICE)
    await service.remove(GUILD, ALICE, summary.id)
    assert await service.list(GUILD, ALICE) == []
    assert not (await get_profile(db, GUILD, ALICE)).weekly_summary
