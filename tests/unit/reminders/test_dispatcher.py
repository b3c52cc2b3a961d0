"""The reminder dispatcher with a fake clock and a fake sender: exactly once, claim-and-advance,
catch-up after downtime, refusals, rate limits, failures, bounded concurrency, waking up."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest

from bot.db import reminders as db_rem
from bot.db.members import pop_notice
from bot.db.store import Store
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.jobs import FAILED, RATE_LIMITED
from bot.reminders.messages import Outgoing, parse_custom_id
from bot.reminders.services.reminders import ReminderService
from tests.unit.reminders.fakes import DM_BASE, FakeClock, FakeSender, utc

GUILD, ALICE, BOB, CAROL = 10, 1, 2, 3
START = utc(2026, 6, 1, 7, 0)  # a Monday, 07:00 UTC


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def sender() -> FakeSender:
    return FakeSender()


@pytest.fixture
def dispatcher(db: Store, sender: FakeSender, clock: FakeClock) -> Dispatcher:
    return Dispatcher(db, sender, clock=clock, concurrency=4, batch_size=10, retry_delays=(0.0, 0.0))


@pytest.fixture
def service(db: Store, clock: FakeClock, dispatcher: Dispatcher) -> ReminderService:
    return ReminderService(db, clock=clock, on_change=dispatcher.wake)


async def test_fires_exactly_once_at_its_time(service, dispatcher, sender, clock) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    assert reminder.next_fire == utc(2026, 6, 1, 7, 30)
    clock.advance(minutes=29, seconds=59)
    assert await dispatcher.run_due() == 0
    clock.advance(seconds=1)
    assert await dispatcher.run_due() == 1
    assert await dispatcher.run_due() == 0
    clock.advance(seconds=40)
    assert await dispatcher.run_due() == 0
    [message] = sender.dms_to(ALICE)
    assert "stretch" in message.content and message.title and message.body
    assert "not medical advice" in (message.footer or "")
    assert [b.label for b in message.buttons] == ["Done", "Skip", "Snooze 1 h"]
    ref = parse_custom_id(message.buttons[0].custom_id)
    assert ref is not None and (ref.action, ref.target, ref.fire) == ("done", reminder.id, utc(2026, 6, 1, 7, 30))
    stored = await db_rem.get(service.db, reminder.id)
    assert stored.next_fire == utc(2026, 6, 2, 7, 30) and stored.last_fire == utc(2026, 6, 1, 7, 30)
    assert stored.dm_channel_id == DM_BASE + ALICE


async def test_a_slot_is_claimed_while_it_is_sent_and_moves_on_after(service, dispatcher, sender, clock, db) -> None:
    reminder = await service.set(GUILD, ALICE, kind="core", time="07:00", timezone="UTC", days="weekdays")
    clock.now = utc(2026, 6, 5, 7, 0)  # Friday (Tuesday to Thursday were missed: only Friday's is sent)
    seen: list[tuple] = []

    async def look(_channel: int, _message: object) -> None:
        row = await db.fetchone("SELECT next_fire_utc, due_utc, claimed_by FROM reminders WHERE id = ?", (reminder.id,))
        seen.append((db_rem.from_ts(row[0]), db_rem.from_ts(row[1]), row[2]))

    sender.on_send = look
    await dispatcher.run_due()
    # While it is sent: claimed, the schedule as it was, due again when the claim ends (on both engines).
    assert seen == [(reminder.next_fire, clock.now + dispatcher.lease, dispatcher.holder)]
    monday = utc(2026, 6, 8, 7, 0)
    row = await db.fetchone("SELECT next_fire_utc, due_utc, claimed_by FROM reminders WHERE id = ?", (reminder.id,))
    assert (db_rem.from_ts(row[0]), db_rem.from_ts(row[1]), row[2]) == (monday, monday, None)


@pytest.mark.parametrize("got_through", [False, True])
async def test_a_crash_mid_send_is_sent_again_after_a_restart_with_the_same_nonce(
    db, service, sender, clock, got_through
) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    clock.now = utc(2026, 6, 1, 7, 30)
    attempts: list[str | None] = []

    async def die(_channel: int, message: Outgoing) -> None:
        attempts.append(message.nonce)
        raise asyncio.CancelledError  # the process goes away mid-send (the message may have got through)

    sender.on_send = die
    crashed = Dispatcher(db, sender, clock=clock, lease=30.0)
    with pytest.raises(asyncio.CancelledError):
        await crashed.run_due()
    sender.on_send = None
    restarted = Dispatcher(db, sender, clock=clock, lease=30.0)
    clock.advance(seconds=5)
    if db.exclusive:  # SQLite: the restarted process takes the dead one's claims over as it starts
        assert await restarted.run_due() == 0
        assert await restarted.claiming.recover() == 1
    else:  # PostgreSQL: any process, once the dead one's lease has ended
        assert await restarted.run_due() == 0
        clock.advance(seconds=30)
    assert await restarted.run_due() == 1
    [(_, message)] = sender.sent
    assert message.nonce == attempts[0] is not None  # Discord drops it if the first one got through
    stored = await db_rem.get(db, reminder.id)
    assert stored.next_fire == utc(2026, 6, 2, 7, 30) and stored.last_fire == utc(2026, 6, 1, 7, 30)
    assert await restarted.run_due() == 0


async def test_a_crash_after_the_hour_skips_the_slot(db, service, sender, clock) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    clock.now = utc(2026, 6, 1, 7, 30)

    async def die(_channel: int, _message: object) -> None:
        raise asyncio.CancelledError

    sender.on_send = die
    with pytest.raises(asyncio.CancelledError):
        await Dispatcher(db, sender, clock=clock, lease=30.0).run_due()
    sender.on_send = None
    restarted = Dispatcher(db, sender, clock=clock, lease=30.0)
    clock.advance(hours=1)  # back too late for that slot: never a burst of old reminders
    await restarted.claiming.recover()
    assert await restarted.run_due() == 0 and sender.sent == []
    assert (await db_rem.get(db, reminder.id)).next_fire == utc(2026, 6, 2, 7, 30)


@pytest.mark.parametrize(
    ("late", "sent"),
    [(timedelta(minutes=59), 1), (timedelta(hours=1), 0), (timedelta(hours=5), 0)],
)
async def test_after_downtime_fires_once_if_less_than_an_hour_late(service, dispatcher, sender, clock, late, sent):
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    clock.now = reminder.next_fire + late
    assert await dispatcher.run_due() == sent
    assert len(sender.sent) == sent
    stored = await db_rem.get(service.db, reminder.id)
    assert stored.next_fire == utc(2026, 6, 2, 7, 30)


async def test_a_long_outage_is_never_a_burst(service, dispatcher, sender, clock) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    clock.now = utc(2026, 6, 5, 7, 50)  # four days down, back 20 minutes after Friday's slot
    assert await dispatcher.run_due() == 1
    [message] = sender.sent
    assert parse_custom_id(message[1].buttons[0].custom_id).fire == utc(2026, 6, 5, 7, 30)
    assert (await db_rem.get(service.db, reminder.id)).next_fire == utc(2026, 6, 6, 7, 30)


async def test_dst_gap_and_fold(service, dispatcher, sender, clock) -> None:
    # 02:30 does not exist in Berlin on 2026-03-29 (fires 03:00 CEST) and happens twice on 2026-10-25.
    clock.now = utc(2026, 3, 28, 12, 0)
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="02:30", timezone="Europe/Berlin")
    clock.now = utc(2026, 3, 29, 0, 59)
    assert await dispatcher.run_due() == 0
    clock.now = utc(2026, 3, 29, 1, 0)
    assert await dispatcher.run_due() == 1
    await service.pause(GUILD, ALICE, reminder.id)
    clock.now = utc(2026, 10, 24, 12, 0)
    await service.resume(GUILD, ALICE, reminder.id)
    for minute in range(0, 150, 10):  # 00:00 .. 02:20 UTC on the fall-back night
        clock.now = utc(2026, 10, 25, 0, 0) + timedelta(minutes=minute)
        await dispatcher.run_due()
    fires = [parse_custom_id(m.buttons[0].custom_id).fire for _, m in sender.sent]
    assert fires == [utc(2026, 3, 29, 1, 0), utc(2026, 10, 25, 0, 30)]  # first occurrence only


async def test_refused_three_times_in_a_row_pauses_and_leaves_a_notice(service, dispatcher, sender, clock, db) -> None:
    sender.closed.add(CAROL)
    reminder = await service.set(GUILD, CAROL, kind="core", time="07:30", timezone="UTC")
    other = await service.set(GUILD, BOB, kind="core", time="07:30", timezone="UTC")
    for day in range(3):
        clock.now = utc(2026, 6, 1 + day, 7, 30)
        await dispatcher.run_due()
        assert (await db_rem.get(db, reminder.id)).paused == (day == 2)
    assert len(sender.dms_to(BOB)) == 3  # a closed DM does not hold anyone else up
    notice = await pop_notice(db, GUILD, CAROL)
    assert notice and f"#{reminder.id}" in notice and "paused" in notice and "/remind resume" in notice
    clock.now = utc(2026, 6, 4, 7, 30)
    assert await dispatcher.run_due() == 1  # Bob only: Carol's is paused
    assert (await db_rem.get(db, other.id)).failures == 0


async def test_refusals_must_be_in_a_row(service, dispatcher, sender, clock, db) -> None:
    reminder = await service.set(GUILD, CAROL, kind="core", time="07:30", timezone="UTC")
    for day, closed in enumerate([True, True, False, True, True]):
        sender.closed = {CAROL} if closed else set()
        clock.now = utc(2026, 6, 1 + day, 7, 30)
        await dispatcher.run_due()
    stored = await db_rem.get(db, reminder.id)
    assert not stored.paused and stored.failures == 2
    notice = await pop_notice(db, GUILD, CAROL)  # each refusal is told, the latest one kept
    assert (
        notice is not None and f"reminder #{reminder.id} for <t:{int(utc(2026, 6, 5, 7, 30).timestamp())}:f>" in notice
    )
    assert "your DMs from this server look closed" in notice and "after 1 more refusal in a row it pauses" in notice


async def test_rate_limits_are_waited_out_not_dropped(service, dispatcher, sender, clock) -> None:
    await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    sender.script[DM_BASE + ALICE] = [RATE_LIMITED] * 2
    clock.now = utc(2026, 6, 1, 7, 30)
    assert await dispatcher.run_due() == 1
    assert len(sender.dms_to(ALICE)) == 1 and dispatcher.stats[RATE_LIMITED] == 2


async def test_server_errors_are_retried_at_once_then_later(service, dispatcher, sender, clock) -> None:
    await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    await service.set(GUILD, BOB, kind="stretch", time="07:30", timezone="UTC")
    sender.script[DM_BASE + ALICE] = [FAILED, FAILED]  # two quick retries allowed: the third try works
    sender.script[DM_BASE + BOB] = [FAILED] * 3
    clock.now = utc(2026, 6, 1, 7, 30)
    assert await dispatcher.run_due() == 1
    assert len(sender.dms_to(ALICE)) == 1 and sender.dms_to(BOB) == []
    assert dispatcher.stats[FAILED] == 0  # Bob's slot waits for its next try, within its hour
    clock.advance(minutes=1)
    assert await dispatcher.run_due() == 1
    assert len(sender.dms_to(BOB)) == 1


async def test_a_sender_bug_does_not_stop_the_others(service, dispatcher, sender, clock) -> None:
    for user in (ALICE, BOB, CAROL):
        await service.set(GUILD, user, kind="stretch", time="07:30", timezone="UTC")
    sender.script[DM_BASE + BOB] = ["crash"]
    clock.now = utc(2026, 6, 1, 7, 30)
    assert await dispatcher.run_due() == 2
    assert sender.dms_to(BOB) == [] and len(sender.dms_to(ALICE)) == len(sender.dms_to(CAROL)) == 1


async def test_the_loop_logs_and_survives_errors(service, dispatcher, sender, clock, monkeypatch, caplog) -> None:
    await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    clock.now = utc(2026, 6, 1, 7, 30)
    real, calls = db_rem.due_reminders, []

    async def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database hiccup")
        return await real(*args, **kwargs)

    monkeypatch.setattr(db_rem, "due_reminders", flaky)
    dispatcher.error_backoff = 0.01
    dispatcher.start()
    try:
        await _until(lambda: len(sender.sent) == 1)
    finally:
        await dispatcher.stop()
    assert dispatcher.stats["errors"] == 1
    assert "database hiccup" in caplog.text


async def test_a_persistent_error_backs_off_instead_of_spinning(dispatcher, monkeypatch) -> None:
    calls: list[int] = []

    async def broken(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(db_rem, "due_reminders", broken)
    dispatcher.error_backoff = 0.1
    dispatcher.wake()  # a pending wake-up must not make the back-off a busy loop
    dispatcher.start()
    await asyncio.sleep(0.35)
    await dispatcher.stop()
    assert 2 <= len(calls) <= 5


async def test_a_row_that_cannot_be_scheduled_is_paused_not_retried_forever(service, dispatcher, sender, clock, db):
    broken = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    await service.set(GUILD, BOB, kind="stretch", time="07:30", timezone="UTC")
    await service.set_server(GUILD, ALICE, channel_id=777, time="07:30", timezone="UTC")
    async with db.transaction() as tx:
        await tx.execute("UPDATE reminders SET timezone = 'Not/AZone' WHERE id = ?", (broken.id,))
        await tx.execute("UPDATE server_reminders SET timezone = 'Not/AZone'")
    clock.now = utc(2026, 6, 1, 7, 30)
    assert await dispatcher.run_due() == 1  # Bob's
    assert (await db_rem.get(db, broken.id)).paused
    assert (await db_rem.get_server(db, GUILD)).next_fire == utc(2026, 6, 2, 7, 30)
    assert await db_rem.earliest_due(db) > clock.now  # nothing left to spin on


async def test_sleeps_until_the_earliest_and_wakes_for_an_earlier_one(service, dispatcher, sender, clock) -> None:
    late = await service.set(GUILD, ALICE, kind="stretch", time="08:00", timezone="UTC")
    dispatcher.start()
    try:
        await _until(lambda: dispatcher.sleeping_until == utc(2026, 6, 1, 8, 0))
        early = await service.set(GUILD, BOB, kind="core", time="07:10", timezone="UTC")
        await _until(lambda: dispatcher.sleeping_until == utc(2026, 6, 1, 7, 10))
        await service.remove(GUILD, BOB, early.id)
        await _until(lambda: dispatcher.sleeping_until == late.next_fire)
        await service.remove(GUILD, ALICE, late.id)
        await _until(lambda: dispatcher.sleeping and dispatcher.sleeping_until is None)  # nothing due: idle
        await service.set(GUILD, BOB, kind="core", time="07:05", timezone="UTC")
        await _until(lambda: dispatcher.sleeping_until == utc(2026, 6, 1, 7, 5))
        clock.now = utc(2026, 6, 1, 7, 5)
        dispatcher.wake()  # stands in for the real sleep running out
        await _until(lambda: len(sender.dms_to(BOB)) == 1)
    finally:
        await dispatcher.stop()
    assert sender.dms_to(ALICE) == []


async def test_sends_with_bounded_concurrency_all_of_them(db, service, sender, clock) -> None:
    dispatcher = Dispatcher(db, sender, clock=clock, concurrency=5, batch_size=16)
    sender.delay = 0.005
    for user in range(100, 160):
        await service.set(GUILD, user, kind="stretch", time="07:30", timezone="UTC")
    clock.now = utc(2026, 6, 1, 7, 30)
    assert await dispatcher.run_due() == 60
    assert sender.max_in_flight == 5
    assert sorted(c - DM_BASE for c, _ in sender.sent) == list(range(100, 160))


async def test_tips_rotate_day_by_day(service, dispatcher, sender, clock) -> None:
    await service.set(GUILD, ALICE, kind="core", time="07:30", timezone="UTC")
    for day in range(5):
        clock.now = utc(2026, 6, 1 + day, 7, 30)
        await dispatcher.run_due()
    titles = [m.title for m in sender.dms_to(ALICE)]
    assert len(titles) == 5 and len(set(titles)) == 5


async def test_custom_reminder_has_its_text_and_no_tip(service, dispatcher, sender, clock) -> None:
    await service.set(GUILD, ALICE, kind="custom", time="07:30", timezone="UTC", message="Foam roll @everyone")
    clock.now = utc(2026, 6, 1, 7, 30)
    await dispatcher.run_due()
    [message] = sender.dms_to(ALICE)
    assert "Foam roll @everyone" in message.content and message.title is None
    assert message.mention_role_id is None


async def test_channel_reminder_pings_its_owner_alone(service, dispatcher, sender, clock) -> None:
    await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC", where="channel", channel_id=555)
    clock.now = utc(2026, 6, 1, 7, 30)
    await dispatcher.run_due()
    [message] = sender.to(555)
    assert message.content.startswith(f"<@{ALICE}>") and message.mention_role_id is None
    assert message.mention_user_id == ALICE
    assert sender.opened == []


async def test_dm_channel_is_learnt_once_and_reopened_when_gone(service, dispatcher, sender, clock, db) -> None:
    await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    for day in range(2):
        clock.now = utc(2026, 6, 1 + day, 7, 30)
        await dispatcher.run_due()
    assert sender.opened == [ALICE]
    async with db.transaction() as tx:
        await tx.execute("UPDATE reminders SET dm_channel_id = 42")
    sender.gone_channels.add(42)
    clock.now = utc(2026, 6, 3, 7, 30)
    assert await dispatcher.run_due() == 1
    assert sender.opened == [ALICE, ALICE] and len(sender.dms_to(ALICE)) == 3


async def test_snooze_sends_the_same_slot_again_once(service, dispatcher, sender, clock) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    clock.now = utc(2026, 6, 1, 7, 30)
    await dispatcher.run_due()
    clock.advance(minutes=2)
    until = await service.snooze(ALICE, reminder.id, utc(2026, 6, 1, 7, 30))
    assert until == utc(2026, 6, 1, 8, 32)
    clock.now = until
    assert await dispatcher.run_due() == 1
    clock.advance(minutes=30)
    assert await dispatcher.run_due() == 0
    first, again = sender.dms_to(ALICE)
    assert "snoozed" in again.content and again.title == first.title
    assert parse_custom_id(again.buttons[0].custom_id).fire == utc(2026, 6, 1, 7, 30)
    assert (await db_rem.get(service.db, reminder.id)).next_fire == utc(2026, 6, 2, 7, 30)


async def test_server_ping_mentions_only_its_role_once_a_day(service, dispatcher, sender, clock) -> None:
    await service.set_server(GUILD, ALICE, channel_id=777, time="07:30", timezone="UTC", role_id=4242, kind="core")
    for minute in (29, 30, 31, 60 * 24 + 30):
        clock.now = utc(2026, 6, 1, 7, 0) + timedelta(minutes=minute)
        await dispatcher.run_due()
    first, second = sender.to(777)
    assert first.content.startswith("<@&4242>") and first.mention_role_id == 4242
    assert first.title != second.title  # tip of the day
    assert [b.label for b in first.buttons] == ["Done"]
    assert parse_custom_id(first.buttons[0].custom_id).scope == "srv"


async def _until(condition) -> None:
    for _ in range(600):  # up to 3 s
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("condition never became true")


async def test_only_slots_actually_sent_are_recorded(service, dispatcher, sender, clock, db) -> None:
    alice = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    carol = await service.set(GUILD, CAROL, kind="stretch", time="07:30", timezone="UTC")
    await service.set_server(GUILD, ALICE, channel_id=777, time="07:30", timezone="UTC")
    sender.closed.add(CAROL)
    slot = utc(2026, 6, 1, 7, 30)
    clock.now = slot
    await dispatcher.run_due()
    assert await db_rem.get_slot(db, GUILD, alice.id, slot) is not None
    assert await db_rem.get_slot(db, GUILD, db_rem.SERVER_PING, slot) is not None
    assert await db_rem.get_slot(db, GUILD, carol.id, slot) is None  # refused: never sent
    assert await db_rem.get_slot(db, GUILD, alice.id, utc(2026, 6, 2, 7, 30)) is None


async def test_skip_button_leaves_tomorrow_on_schedule(service, dispatcher, sender, clock, db) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    clock.now = utc(2026, 6, 1, 7, 30)
    await dispatcher.run_due()
    clock.advance(minutes=1)
    skipped = await service.skip_slot(ALICE, reminder.id, utc(2026, 6, 1, 7, 30))
    assert skipped.skipped == utc(2026, 6, 1, 7, 30)
    clock.now = utc(2026, 6, 2, 7, 30)
    assert await dispatcher.run_due() == 1
    assert len(sender.dms_to(ALICE)) == 2


async def test_snooze_answered_before_its_hour_is_not_sent_again(service, dispatcher, sender, clock) -> None:
    reminder = await service.set(GUILD, ALICE, kind="stretch", time="07:30", timezone="UTC")
    clock.now = utc(2026, 6, 1, 7, 30)
    await dispatcher.run_due()
    until = await service.snooze(ALICE, reminder.id, utc(2026, 6, 1, 7, 30))
    await service.done(ALICE, reminder.id, utc(2026, 6, 1, 7, 30))
    clock.now = until
    assert await dispatcher.run_due() == 0
    assert len(sender.dms_to(ALICE)) == 1


async def test_weekly_summary_is_sent_once_on_monday_morning(service, dispatcher, sender, clock, db) -> None:
    from bot.running.models import Run
    from bot.running.services.profile import set_profile

    storage = db.runs
    for day, km in ((date(2026, 5, 12), 8), (date(2026, 5, 19), 10), (date(2026, 5, 26), 12), (date(2026, 5, 30), 21)):
        await storage.log_run(GUILD, ALICE, Run(0, day, km * 1000.0, km * 330), None)
    await storage.log_run(GUILD, ALICE, Run(0, date(2026, 6, 1), 5000.0, 1500), None)  # this week: not in it
    await set_profile(db, GUILD, ALICE, START, timezone="Europe/Berlin", weekly_goal="40k", weekly_summary=True)
    [summary] = await service.list(GUILD, ALICE)
    assert summary.kind == "summary" and summary.next_fire == utc(2026, 6, 8, 6, 0)  # 08:00 Berlin
    clock.now = utc(2026, 6, 8, 6, 0)
    assert await dispatcher.run_due() == 1
    clock.advance(minutes=10)
    assert await dispatcher.run_due() == 0
    [message] = sender.dms_to(ALICE)
    assert "1 Jun" in message.content and message.buttons == ()
    assert "**5.00 km** in 1 run" in message.body  # the week of 1 June, this week's run counted there
    assert "Weekly goal: 40.00 km (12% reached)" in message.body
    await set_profile(db, GUILD, ALICE, clock.now, weekly_summary=False)
    assert await service.list(GUILD, ALICE) == []


async def test_weekly_summary_numbers(db) -> None:
    from bot.reminders.services.summary import weekly_summary
    from bot.running.models import Run
    from bot.running.services.profile import set_profile

    storage = db.runs
    # The run on Monday 1 June (the summary's own morning) belongs to this week, not the one summarised.
    days = ((date(2026, 5, 19), 10), (date(2026, 5, 26), 12), (date(2026, 5, 30), 21), (date(2026, 6, 1), 30))
    for day, km in days:
        await storage.log_run(GUILD, ALICE, Run(0, day, km * 1000.0, km * 330), None)
    await set_profile(db, GUILD, ALICE, START, weekly_summary=True)
    [reminder] = await db_rem.member_reminders(db, GUILD, ALICE)
    week = await weekly_summary(db, reminder, utc(2026, 6, 1, 8, 0))
    assert week.week_of == date(2026, 5, 25)
    assert (week.distance_m, week.runs, week.duration_s, week.longest_m) == (33000.0, 2, 33 * 330, 21000.0)
    assert week.average_m == 10000.0  # only the weeks from the first logged one
    assert week.weekly_streak == 2


async def test_a_stop_during_the_idle_tidy_is_not_slept_through(dispatcher, monkeypatch) -> None:
    """A stop that lands while the round tidies the outbox (after its last check of `stopping`) must not be
    lost when the dispatcher then clears its wake-up to nap: it stops at once, not after the nap."""
    tidy = dispatcher.posts.tidy

    async def tidy_then_stop(now) -> None:
        await tidy(now)
        stopping.set()
        await asyncio.sleep(0.05)  # the stop below runs while the round is still in here

    stopping = asyncio.Event()
    monkeypatch.setattr(dispatcher.posts, "tidy", tidy_then_stop)
    dispatcher.start()
    await stopping.wait()
    started = asyncio.get_running_loop().time()
    await dispatcher.stop(grace_seconds=5)
    assert asyncio.get_running_loop().time() - started < 1.0
