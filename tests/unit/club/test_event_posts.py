"""Group runs' scheduled posts through the real dispatcher (fake clock and sender), on the engine the suite runs
on: a weekly series' next card is known by its message id as soon as the dispatcher has sent it; the DM before
the run reaches each member Going once, whether they answered before the reminder an hour before or after it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.club import posts
from bot.club.events import Event
from bot.club.services import events as service
from bot.club.services.events import EventForm
from bot.db import events as events_db
from bot.db.store import Store
from bot.reminders.dispatcher import Dispatcher
from tests.unit.reminders.fakes import DM_BASE, FakeClock, FakeSender

GUILD, CHANNEL, ORGANISER, ANA, BEN, CAT = 1, 555, 10, 42, 43, 44
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def sender() -> FakeSender:
    return FakeSender()


@pytest.fixture
def cards_out() -> list[Event]:
    """The occurrences whose next card the dispatcher posted, as the Discord side hears of them."""
    return []


@pytest.fixture
def dispatcher(db: Store, sender: FakeSender, clock: FakeClock, cards_out: list[Event]) -> Dispatcher:
    dispatcher = Dispatcher(db, sender, clock=clock, retry_delays=(0.0,))
    for kind, handler in (posts.kinds() | posts.event_kinds(cards_out.append)).items():
        dispatcher.register_post_kind(kind, handler)
    return dispatcher


async def create(db: Store, when: str, repeat: str = "none", title: str = "Long run") -> Event:
    form = EventForm(title=title, when=when, repeat=repeat)
    return (await service.create(db, GUILD, ORGANISER, CHANNEL, form, NOW)).event


def dms_to(sender: FakeSender, user: int) -> list[str]:
    return [m.content for m in sender.dms_to(user)]


async def test_the_next_weekly_card_is_known_by_its_message_id_once_sent(
    db, dispatcher, sender, clock, cards_out
) -> None:
    first = await create(db, "2026-12-08 08:00", repeat="weekly")
    clock.now = first.starts_at + timedelta(seconds=1)
    await dispatcher.run_due()
    [(channel, card)] = sender.sent
    assert channel == CHANNEL and card.buttons and "Group run #" in (card.footer or "")
    assert first.series_id is not None
    following = await events_db.occurrence(db, first.series_id, first.starts_at + timedelta(days=7))
    assert following is not None and following.message_id == sender.message_ids[0]
    assert cards_out == [following]  # told once the settle committed: the Discord side makes its event
    await dispatcher.run_due()
    assert len(cards_out) == 1
    # Cancelled before anyone answered: what the command edits is that card.
    [cancelled] = await service.cancel(db, GUILD, ORGANISER, following.id, False, False, clock.now)
    assert cancelled.cancelled and cancelled.message_id == sender.message_ids[0]


async def test_a_next_card_that_could_not_be_posted_tells_nobody(db, dispatcher, sender, clock, cards_out) -> None:
    first = await create(db, "2026-12-08 08:00", repeat="weekly")
    sender.gone_channels.add(CHANNEL)  # deleted: Discord answers 404
    clock.now = first.starts_at + timedelta(seconds=1)
    await dispatcher.run_due()
    assert sender.sent == [] and cards_out == []
    assert first.series_id is not None
    following = await events_db.occurrence(db, first.series_id, first.starts_at + timedelta(days=7))
    assert following is not None and following.message_id is None
    follow_up = await db.fetchone(  # the chain goes on all the same
        "SELECT state FROM scheduled_posts WHERE kind = ? AND post_key = ?",
        (posts.EVENT_NEXT, f"{first.series_id}:{following.unix}"),
    )
    assert follow_up is not None and follow_up[0] == "queued"


async def answer(db: Store, user: int, event: Event, what: str, now: datetime) -> service.Answered:
    return await service.answer(db, GUILD, user, event.id, what, now)


def reminders(sender: FakeSender, *users: int) -> list[int]:
    """How many DMs before the run each member got."""
    return [len([m for m in sender.dms_to(user) if "starts in about an hour" in m.content]) for user in users]


async def test_a_member_going_after_the_reminder_moment_gets_their_own_dm_once(db, dispatcher, sender, clock) -> None:
    event = await create(db, "2026-12-07 12:30")  # less than an hour ahead: the reminder is due at once
    assert await dispatcher.run_due() == 0  # nobody is going yet
    clock.advance(minutes=1)
    first = await answer(db, ANA, event, "going", clock.now)
    assert first.changed and first.dm_now
    assert await dispatcher.run_due() == 1 and reminders(sender, ANA) == [1]
    for what in ("maybe", "going", "no", "going"):  # changing one's mind sends nothing more
        assert not (await answer(db, ANA, event, what, clock.now)).dm_now
    await answer(db, BEN, event, "maybe", clock.now)
    assert (await answer(db, BEN, event, "going", clock.now)).dm_now
    await dispatcher.run_due()
    assert reminders(sender, ANA, BEN) == [1, 1]
    assert await dispatcher.run_due() == 0


async def test_the_reminder_an_hour_before_and_late_goings_dm_each_member_once(db, dispatcher, sender, clock) -> None:
    event = await create(db, "2026-12-07 15:00")
    early = await answer(db, ANA, event, "going", clock.now)
    assert early.changed and not early.dm_now  # the reminder an hour before will take them
    await answer(db, CAT, event, "maybe", clock.now)
    clock.now = event.starts_at - timedelta(hours=1)
    # Going at the moment, before the dispatcher got to the reminder: the member's own DM, not a second one.
    assert (await answer(db, BEN, event, "going", clock.now)).dm_now
    during: list[service.Answered] = []

    async def answers_during_the_send(channel: int, message: object) -> None:
        if channel == DM_BASE + ANA and not during:  # the reminder is rendered: its members are fixed
            during.append(await answer(db, CAT, event, "going", clock.now))

    sender.on_send = answers_during_the_send
    await dispatcher.run_due()
    assert during and during[0].dm_now
    await dispatcher.run_due()
    assert reminders(sender, ANA, BEN, CAT) == [1, 1, 1]
    for user in (ANA, BEN, CAT):
        await answer(db, user, event, "maybe", clock.now)
        await answer(db, user, event, "going", clock.now)
    clock.advance(minutes=5)
    await dispatcher.run_due()
    assert reminders(sender, ANA, BEN, CAT) == [1, 1, 1]
