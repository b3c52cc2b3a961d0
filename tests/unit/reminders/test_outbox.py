"""Scheduled posts (bot/reminders/outbox.py) sent by the dispatcher: queued in the caller's transaction and
idempotent on their key, sent when due and not before, fanned out to every target exactly once with a nonce
per message, follow-ups queued at settle, cancelled, skipped when too late, retried when Discord fails, and
after a crash mid fan-out only the messages not yet recorded go out again, with their nonces unchanged; settled
posts are pruned in idle rounds once KEEP_SETTLED has passed."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest

from bot.db import outbox as rows
from bot.db.engine import Database, Tx
from bot.reminders import posting
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.jobs import FAILED
from bot.reminders.messages import Field, Outgoing
from bot.reminders.outbox import KEEP_SETTLED, Post, Rendered, cancel_posts, queue_post
from tests.unit.polling import eventually
from tests.unit.reminders.fakes import DM_BASE, FakeClock, FakeSender, utc

GUILD, CHANNEL = 10, 5000
START = utc(2026, 6, 1, 7, 0)


class FanOut:
    """A test kind: one DM to each member in the payload, one card in the channel, maybe a follow-up."""

    def __init__(self, grace: timedelta | None = timedelta(hours=1)) -> None:
        self.grace = grace
        self.rendered: list[Post] = []
        self.fail = 0

    async def render(self, db: Database, post: Post) -> Rendered:
        self.rendered.append(post)
        if self.fail:
            self.fail -= 1
            raise RuntimeError("renderer bug")
        users: list[int] = post.payload.get("users", [])
        messages = [Outgoing(content=f"hello {u}", dm_user_id=u) for u in users]
        if post.payload.get("card"):
            fields = (Field("Winner", "alice", inline=True),)
            messages.append(Outgoing(content="", title="Results", fields=fields, colour=0x00FF00, channel_id=CHANNEL))
        follow = post.payload.get("follow")
        follow_ups = [("fanout", f"{post.key}/next", post.due + timedelta(days=7), follow)] if follow else []
        return Rendered(messages, follow_ups)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def sender() -> FakeSender:
    return FakeSender()


@pytest.fixture
def kind() -> FanOut:
    return FanOut()


def make(db: Database, sender: FakeSender, clock: FakeClock, kind: FanOut, **options: Any) -> Dispatcher:
    dispatcher = Dispatcher(db, sender, clock=clock, concurrency=8, batch_size=10, retry_delays=(0.0,), **options)
    dispatcher.register_post_kind("fanout", kind)
    return dispatcher


@pytest.fixture
def dispatcher(db: Database, sender: FakeSender, clock: FakeClock, kind: FanOut) -> Dispatcher:
    return make(db, sender, clock, kind)


async def queue(db: Database, key: str, due=START, **payload: Any) -> bool:
    async with db.transaction() as tx:
        return await queue_post(tx, guild_id=GUILD, kind="fanout", key=key, due=due, payload=payload)


async def state(db: Database, key: str) -> str | None:
    found = await rows.get(db, GUILD, "fanout", key)
    return None if found is None else found[1]


def dms(sender: FakeSender) -> Counter[int]:
    return Counter(channel - DM_BASE for channel, _ in sender.sent if channel >= DM_BASE)


async def test_queuing_is_idempotent_on_the_key_and_checks_its_input(db) -> None:
    assert await queue(db, "w1", users=[1])
    assert not await queue(db, "w1", users=[2])  # the first one stands
    found = await rows.get(db, GUILD, "fanout", "w1")
    assert found is not None and found[0].payload == {"users": [1]} and found[1] == "queued"
    async with db.transaction() as tx:
        with pytest.raises(TypeError):
            await queue_post(tx, guild_id=GUILD, kind="fanout", key="bad", due=START, payload={"x": object()})
        with pytest.raises(ValueError, match="timezone-aware"):
            await queue_post(tx, guild_id=GUILD, kind="fanout", key="naive", due=START.replace(tzinfo=None), payload={})
    assert await rows.get(db, GUILD, "fanout", "bad") is None


async def test_a_post_queued_in_a_rolled_back_transaction_does_not_exist(db) -> None:
    async def queue_then_fail() -> None:
        async with db.transaction() as tx:
            await queue_post(tx, guild_id=GUILD, kind="fanout", key="gone", due=START, payload={})
            raise RuntimeError("the caller's change failed")

    with pytest.raises(RuntimeError, match="the caller's change failed"):
        await queue_then_fail()
    assert await rows.get(db, GUILD, "fanout", "gone") is None


async def test_a_fan_out_sends_each_message_once_when_due_then_queues_its_follow_up(
    db, dispatcher, sender, clock
) -> None:
    users = list(range(1, 31))
    await queue(db, "week-23", due=START + timedelta(minutes=5), users=users, card=True, follow={"users": [1]})
    assert await dispatcher.run_due() == 0 and sender.sent == []
    clock.advance(minutes=5)
    assert await dispatcher.run_due() == 31
    assert dms(sender) == Counter(users)
    [card] = sender.to(CHANNEL)
    assert card.title == "Results" and card.colour == 0x00FF00 and card.fields == (Field("Winner", "alice", True),)
    nonces = [m.nonce for _, m in sender.sent]
    assert None not in nonces and len(set(nonces)) == 31
    assert await state(db, "week-23") == "sent"
    assert await dispatcher.run_due() == 0  # settled: never again
    # The follow-up was queued by the settle, for a week later.
    follow = await rows.get(db, GUILD, "fanout", "week-23/next")
    assert follow is not None and follow[0].due == START + timedelta(days=7, minutes=5) and follow[1] == "queued"
    clock.now = follow[0].due
    assert await dispatcher.run_due() == 1 and dms(sender)[1] == 2


async def test_cancel_removes_only_unsent_posts_of_the_prefix(db, dispatcher, sender, clock) -> None:
    await queue(db, "event-7/dm", users=[1])
    await queue(db, "event-7/card", card=True, due=START + timedelta(hours=1))
    await queue(db, "event-8/dm", users=[2], due=START + timedelta(hours=1))
    assert await dispatcher.run_due() == 1  # event-7/dm went out
    async with db.transaction() as tx:
        assert await cancel_posts(tx, guild_id=GUILD, kind="fanout", key_prefix="event-7/") == 1
        assert await cancel_posts(tx, guild_id=GUILD, kind="fanout", key_prefix="event_") == 0  # _ is no wildcard
    assert await state(db, "event-7/dm") == "sent" and await state(db, "event-7/card") is None
    clock.advance(hours=1)
    assert await dispatcher.run_due() == 1 and dms(sender) == Counter({1: 1, 2: 1})


async def test_a_render_with_no_messages_settles_quietly(db, dispatcher, sender) -> None:
    await queue(db, "empty", users=[])
    assert await dispatcher.run_due() == 0
    assert await state(db, "empty") == "sent" and sender.sent == []


async def test_too_late_is_skipped_unless_the_kind_is_never_late(db, sender, clock) -> None:
    hourly, patient = FanOut(), FanOut(grace=None)
    dispatcher = make(db, sender, clock, hourly)
    dispatcher.register_post_kind("patient", patient)
    await queue(db, "old", due=START - timedelta(hours=2), users=[1], follow={"users": [1]})
    async with db.transaction() as tx:
        await queue_post(
            tx, guild_id=GUILD, kind="patient", key="old", due=START - timedelta(days=2), payload={"users": [2]}
        )
    assert await dispatcher.run_due() == 1
    assert dms(sender) == Counter({2: 1})
    assert await state(db, "old") == "skipped"
    assert await state(db, "old/next") == "queued"  # a weekly chain goes on


async def test_refused_and_failing_messages(db, dispatcher, sender, clock) -> None:
    sender.closed.add(2)  # 403: recorded as refused, not retried
    sender.script[DM_BASE + 3] = [FAILED] * 2  # a 5xx, and again at the quick retry: later
    await queue(db, "p", users=[1, 2, 3], follow={"users": []})
    assert await dispatcher.run_due() == 1
    assert dms(sender) == Counter({1: 1})
    found = await rows.get(db, GUILD, "fanout", "p")
    assert found is not None and found[1] == "queued" and found[0].tries == 1
    assert await rows.handled(db, found[0].id) == {"u1#0", "u2#0"}
    assert await rows.get(db, GUILD, "fanout", "p/next") is None  # not settled yet
    clock.advance(minutes=1)
    assert await dispatcher.run_due() == 1
    assert dms(sender) == Counter({1: 1, 3: 1}) and await state(db, "p") == "sent"
    assert await state(db, "p/next") == "queued"


async def test_a_renderer_that_fails_is_tried_again_later(db, dispatcher, sender, clock, kind) -> None:
    kind.fail = 1
    await queue(db, "p", users=[1])
    assert await dispatcher.run_due() == 0 and dispatcher.stats["errors"] == 1
    assert await dispatcher.run_due() == 0  # not before its retry
    clock.advance(minutes=1)
    assert await dispatcher.run_due() == 1


async def test_an_unknown_kind_waits_for_a_process_that_knows_it(db, dispatcher, sender, clock) -> None:
    async with db.transaction() as tx:
        await queue_post(tx, guild_id=GUILD, kind="club_digest", key="k", due=START, payload={})
    assert await dispatcher.run_due() == 0
    found = await rows.get(db, GUILD, "club_digest", "k")
    assert found is not None and found[1] == "queued"
    row = await db.fetchone("SELECT wake_utc FROM scheduled_posts WHERE id = ?", (found[0].id,))
    assert row[0] == rows.to_ts(START + timedelta(minutes=5))


async def test_a_queued_post_wakes_the_sleeping_dispatcher(db, dispatcher, sender, clock) -> None:
    dispatcher.start()
    try:
        await eventually(lambda: dispatcher.sleeping, what="the dispatcher asleep")
        assert dispatcher.sleeping_until is None  # nothing due: it would sleep its minute
        await queue(db, "now", users=[1])
        await eventually(lambda: dms(sender) == Counter({1: 1}), what="the post sent")
    finally:
        await dispatcher.stop()


async def test_a_crash_mid_fan_out_sends_only_the_rest_with_the_same_nonces(db, kind, clock) -> None:
    users = list(range(1, 41))
    await queue(db, "big", users=users)
    doomed_sender, heir_sender = FakeSender(), FakeSender()
    stuck: dict[int, str | None] = {}
    hang = asyncio.Event()

    async def hangs_after_some(channel: int, message: Outgoing) -> None:
        if len(doomed_sender.sent) >= 12:
            stuck[channel - DM_BASE] = message.nonce
            await hang.wait()  # never set: the process dies here

    doomed_sender.on_send = hangs_after_some
    doomed = make(db, doomed_sender, clock, kind, lease=30.0)
    task = asyncio.create_task(doomed.run_due())
    found = await rows.get(db, GUILD, "fanout", "big")
    assert found is not None
    post_id = found[0].id
    handled: set[str] = set()

    async def recorded() -> bool:
        nonlocal handled
        handled = await rows.handled(db, post_id)
        return len(handled) == 12 and len(stuck) == 8

    for _ in range(400):
        if await recorded():
            break
        await asyncio.sleep(0.01)
    assert (len(handled), len(stuck)) == (12, 8)
    task.cancel()  # kill -9: nothing given back
    await asyncio.gather(task, return_exceptions=True)

    heir = make(db, heir_sender, clock, kind, lease=30.0)
    if db.exclusive:  # SQLite: the restarted process takes a dead one's claims over at its start
        heir.start()
        try:
            await eventually(lambda: len(heir_sender.sent) == 28, what="the rest of the fan-out")
        finally:
            await heir.stop()
    else:  # PostgreSQL: any dispatcher, once the dead one's lease ends
        assert await heir.run_due() == 0
        clock.advance(seconds=31)
        assert await heir.run_due() == 28
    assert dms(doomed_sender) + dms(heir_sender) == Counter(users)  # each exactly once
    taken_over = {channel - DM_BASE: message.nonce for channel, message in heir_sender.sent}
    assert {user: taken_over[user] for user in stuck} == stuck and None not in stuck.values()
    assert await state(db, "big") == "sent"


class Told(FanOut):
    """A fan-out kind told the ids of its messages when a post settles (and writing them in that transaction)."""

    def __init__(self, fail: bool = False) -> None:
        super().__init__()
        self.told: list[tuple[str, dict[str, int]]] = []
        self.fail_hook = fail

    async def settled(self, tx: Tx, post: Post, sent: dict[str, int]) -> None:
        self.told.append((post.key, sent))
        await queue_post(tx, guild_id=post.guild_id, kind="noted", key=post.key, due=post.due, payload=sent)
        if self.fail_hook:
            raise RuntimeError("hook bug")


def sent_ids(sender: FakeSender) -> dict[str, int]:
    """Each message the sender sent by its name within the post, with the id the sender gave it."""
    return {
        (f"u{channel - DM_BASE}#0" if channel >= DM_BASE else f"c{channel}#0"): message_id
        for (channel, _), message_id in zip(sender.sent, sender.message_ids, strict=True)
    }


async def test_a_kind_is_told_the_ids_of_its_messages_in_the_settle(db, sender, clock) -> None:
    told = Told()
    dispatcher = make(db, sender, clock, told)
    sender.closed.add(3)  # refused: no message, no id
    await queue(db, "card", users=[1, 2, 3], card=True, follow={"users": []})
    assert await dispatcher.run_due() == 3
    expected = sent_ids(sender)
    assert set(expected) == {"u1#0", "u2#0", f"c{CHANNEL}#0"}
    assert told.told == [("card", expected)]
    noted = await rows.get(db, GUILD, "noted", "card")  # written by the hook, in the settle's transaction
    assert noted is not None and noted[0].payload == expected
    assert await state(db, "card") == "sent" and await state(db, "card/next") == "queued"
    assert await dispatcher.run_due() == 0 and len(told.told) == 1  # once per post


async def test_a_hook_that_fails_leaves_the_post_settled_without_it(db, sender, clock) -> None:
    told = Told(fail=True)
    dispatcher = make(db, sender, clock, told)
    await queue(db, "card", users=[1], card=True, follow={"users": []})
    assert await dispatcher.run_due() == 2 and dispatcher.stats["errors"] == 1
    assert await state(db, "card") == "sent" and await state(db, "card/next") == "queued"
    assert await rows.get(db, GUILD, "noted", "card") is None  # its writes rolled back with it
    assert await dispatcher.run_due() == 0 and len(sender.sent) == 2


async def test_after_a_crash_the_hook_is_told_every_id_once(db, clock) -> None:
    """A process dies mid fan-out: whoever settles the post tells the kind the ids of the messages both
    processes sent."""
    told = Told()
    users = list(range(1, 11))
    await queue(db, "crash", users=users)
    doomed_sender, heir_sender = FakeSender(), FakeSender(first_id=20_000_000)
    hang = asyncio.Event()

    async def hangs_after_some(channel: int, message: Outgoing) -> None:
        if len(doomed_sender.sent) >= 4:
            await hang.wait()  # never set: the process dies here

    doomed_sender.on_send = hangs_after_some
    doomed = make(db, doomed_sender, clock, told, lease=30.0)
    task = asyncio.create_task(doomed.run_due())
    found = await rows.get(db, GUILD, "fanout", "crash")
    assert found is not None
    for _ in range(400):
        if len(await rows.handled(db, found[0].id)) == 4:
            break
        await asyncio.sleep(0.01)
    task.cancel()  # kill -9
    await asyncio.gather(task, return_exceptions=True)
    assert told.told == []
    heir = make(db, heir_sender, clock, told, lease=30.0)
    if db.exclusive:
        await heir.claiming.recover()
    else:
        clock.advance(seconds=31)
    assert await heir.run_due() == 6
    expected = sent_ids(doomed_sender) | sent_ids(heir_sender)
    assert len(expected) == 10 and told.told == [("crash", expected)]


async def _counts(db: Database) -> tuple[int, int]:
    row = await db.fetchone(
        "SELECT (SELECT count(*) FROM scheduled_posts), (SELECT count(*) FROM scheduled_post_messages)"
    )
    return row[0], row[1]


async def test_settled_posts_are_forgotten_after_keep_settled_and_not_before(db, dispatcher, sender, clock) -> None:
    for key in ("a", "b", "c"):
        await queue(db, key, users=[1, 2], card=True)
    await queue(db, "next-year", due=START + timedelta(days=500), users=[3])  # queued: never pruned
    assert await dispatcher.run_due() == 9
    assert await _counts(db) == (4, 9)
    clock.advance(days=KEEP_SETTLED.days - 1)
    assert await dispatcher.posts.tidy(clock()) == 0
    assert not await queue(db, "a", users=[1])  # still remembered: queuing it again changes nothing
    clock.advance(days=1, minutes=1)
    assert await dispatcher.posts.tidy(clock()) == 3
    assert await _counts(db) == (1, 0)
    assert await state(db, "next-year") == "queued"
    assert await queue(db, "a", due=clock(), users=[1])  # forgotten: a new post
    assert await dispatcher.run_due() == 1 and dms(sender)[1] == 4  # a, b, c, then the new a


async def test_a_backlog_is_pruned_a_few_batches_per_idle_round(db, dispatcher, clock, monkeypatch) -> None:
    monkeypatch.setattr(posting, "PRUNE_BATCH", 2)
    monkeypatch.setattr(posting, "PRUNE_BATCHES", 2)
    for n in range(7):
        await queue(db, f"k{n}", users=[1])
    assert await dispatcher.run_due() == 7
    clock.advance(days=KEEP_SETTLED.days + 1)
    assert await dispatcher.posts.tidy(clock()) == 4  # two batches, more left: on at the next idle round
    assert await dispatcher.posts.tidy(clock()) == 3
    assert await dispatcher.posts.tidy(clock()) == 0  # done: next look in an hour
    await queue(db, "late", due=clock(), users=[1])
    assert await dispatcher.run_due() == 1
    clock.advance(days=KEEP_SETTLED.days + 1)
    assert await dispatcher.posts.tidy(clock()) == 1


async def test_the_running_dispatcher_prunes_when_idle(db, sender, clock, kind) -> None:
    dispatcher = make(db, sender, clock, kind)
    await queue(db, "old", users=[1])
    assert await dispatcher.run_due() == 1
    clock.advance(days=KEEP_SETTLED.days + 1)
    await queue(db, "new", due=clock(), users=[2])
    dispatcher.start()
    try:
        await eventually(lambda: dms(sender)[2] == 1 and dispatcher.sleeping, what="the new post sent, then asleep")
        assert await _counts(db) == (1, 1)  # "old" and its message are gone, "new" stays
        assert await state(db, "new") == "sent"
    finally:
        await dispatcher.stop()
