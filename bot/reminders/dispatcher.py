"""The one reminder dispatcher: sleep until the earliest due reminder or post, claim it, send it.

* Every reminder stores its next fire instant (UTC), every scheduled post its due instant. The dispatcher
  reads the earliest (index lookups), sleeps until then, and is woken early by `wake()` when a schedule
  changes or a post is queued.
* Claiming depends on the database (bot/reminders/claiming.py): the only dispatcher of an SQLite file owns
  its claims; on PostgreSQL every process runs one and claims are leases that others take over when they
  end. Every message carries a nonce Discord deduplicates (`enforce_nonce`), covering the last gap: a send
  that went out just before its process died, unrecorded.
* Reminders (bot/reminders/slots.py): catch-up (schedule.catch_up): less than an hour late fires once,
  older slots are skipped. Scheduled posts (bot/reminders/posting.py): each message recorded once handled.
* Sending runs with bounded concurrency, paced to this process's share of Discord's global rate limit
  (bot/reminders/pacing.py). A rate limit the sender reports is waited out and retried, never dropped; a
  refused delivery (403) three times in a row pauses the reminder and leaves the member a notice. Any
  exception is logged and the loop carries on.

Discord stays outside: a `Sender` (cogs/reminders/delivery.py) turns an `Outgoing` into a message.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time as monotonic
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.advice.models import Tip
from bot.db.store import Store
from bot.reminders.claiming import claiming_for
from bot.reminders.jobs import (
    FAILED,
    FORBIDDEN,
    LATER,
    LATER_GAPS,
    NOT_FOUND,
    RATE_LIMITED,
    REFUSED,
    RELEASED,
    SENT,
    DeliveryError,
    Job,
    Outcome,
    Sender,
    describe,
)
from bot.reminders.outbox import PostKind, on_queued
from bot.reminders.pacing import Pacer
from bot.reminders.posting import PostRounds
from bot.reminders.schedule import DEFAULT_GRACE
from bot.reminders.services.reminders import utcnow
from bot.reminders.slots import ReminderRounds
from bot.reminders.waking import Wake, horizon, next_wake

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(
        self,
        db: Store,
        sender: Sender,
        *,
        clock: Callable[[], datetime] = utcnow,
        concurrency: int = 25,
        batch_size: int = 100,
        grace: timedelta = DEFAULT_GRACE,
        max_sleep: float = 60.0,  # how late a change made in another process may be seen (another shard)
        retry_delays: tuple[float, ...] = (1.0, 5.0, 15.0),
        error_backoff: float = 5.0,
        rate: float | None = None,
        lease: float = 60.0,
        holder: str | None = None,
    ) -> None:
        self.db = db
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease = timedelta(seconds=lease)
        self.claiming = claiming_for(db, self.holder, self.lease, clock)
        self._pacer = Pacer(rate)
        self.sender = sender
        self.clock = clock
        self.batch_size = batch_size
        self.grace = grace
        self.max_sleep = max_sleep
        self.retry_delays = retry_delays
        self.error_backoff = error_backoff
        self.stats: Counter[str] = Counter()
        self.sleeping_until: datetime | None = None  # the due instant it waits for (None: awake or nothing due)
        self.sleeping = False
        self.oldest_due: datetime | None = None  # the earliest slot of the batch being sent (None: idle)
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        self._stopping = False
        self._stop_event = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.reminders = ReminderRounds(self)
        self.posts = PostRounds(self)
        self._unlisten: Callable[[], None] | None = None

    def register_post_kind(self, kind: str, handler: PostKind) -> None:
        """Send the scheduled posts of `kind` (bot/reminders/outbox.py) rendered by `handler`."""
        self.posts.kinds[kind] = handler

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> None:
        if self._unlisten is None:
            self._unlisten = on_queued(self.db, self.wake)  # a post queued in this process wakes us
        if self._task is None or self._task.done():
            self._stopping = False
            self._stop_event.clear()
            self._task = asyncio.create_task(self.run(), name="reminder-dispatcher")

    async def stop(self, grace_seconds: float = 10.0) -> None:
        """Stop: sends already on the wire finish, every claimed slot not yet sent is released (its claim
        undone, so the next start sends it), waits are cut short. Cancels after `grace_seconds`."""
        self._stopping = True
        self._stop_event.set()
        self.wake()
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None
        task, self._task = self._task, None
        if task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(task), grace_seconds)
            except TimeoutError:
                log.warning("reminder dispatcher did not stop within %.0f s; cancelled", grace_seconds)
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        given_back = await self.claiming.give_back()
        if given_back:
            log.info("gave back %d claimed reminder slots and posts", given_back)

    def lag_seconds(self) -> float:
        """How far behind the dispatcher is: now minus the oldest due slot it has not finished (0 when idle)."""
        oldest = self.oldest_due
        return max((self.clock() - oldest).total_seconds(), 0.0) if oldest is not None else 0.0

    def wake(self) -> None:
        """A schedule changed: look again at the earliest due reminder."""
        self._wake.set()

    async def run(self) -> None:
        log.info("reminder dispatcher started")
        await self._recover()
        while not self._stopping:
            try:
                await self.run_due()
                if not self._stopping:
                    await self.posts.tidy(self.clock())  # idle: nothing is due now
                    await self._sleep_until_due()
            except asyncio.CancelledError:
                raise
            except Exception:
                self.stats["errors"] += 1
                log.exception("reminder dispatcher error; carrying on in %.0f s", self.error_backoff)
                if not self._stopping:
                    self._wake.clear()  # an old wake-up must not turn the back-off into a busy loop
                await self._nap(self.error_backoff)
        log.info("reminder dispatcher stopped")

    async def _recover(self) -> None:
        try:
            taken = await self.claiming.recover()
        except Exception:
            log.exception("could not take over what a dispatcher that died had claimed")
            return
        if taken:
            log.info("took over %d reminder slots and posts claimed by a dispatcher that died", taken)

    async def _nap(self, seconds: float) -> None:
        """Sleep up to `seconds`, or until woken."""
        self.sleeping = True
        try:
            await asyncio.wait_for(self._wake.wait(), max(seconds, 0.0))
        except TimeoutError:
            pass
        finally:
            self.sleeping = False

    async def _pause(self, seconds: float) -> bool:
        """Wait `seconds` unless the dispatcher stops first; True when it is stopping."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop_event.wait(), max(seconds, 0.0))
        return self._stopping

    async def next_wake(self) -> Wake:
        """When to look again (bot/reminders/waking.py): the earliest due slot or post, or claim end."""
        return next_wake(self.clock(), await horizon(self.db), self.claiming.longest_sleep(self.max_sleep))

    async def _sleep_until_due(self) -> None:
        if self._stopping:  # a stop during this round set the wake-up that the line below would clear
            return
        self._wake.clear()  # before reading: a change made after this read wakes the nap below
        wake = await self.next_wake()
        if wake.delay <= 0:
            return
        self.sleeping_until = wake.at
        log.debug("reminder dispatcher sleeps %.1f s (until %s)", wake.delay, wake.at)
        try:
            await self._nap(wake.delay)
        finally:
            self.sleeping_until = None

    # ---------------------------------------------------------------- one round

    async def run_due(self) -> int:
        """Claim and send everything due now, batch by batch; return how many were sent."""
        tips: dict[tuple[int, str], list[Tip]] = {}
        sent = 0
        while not self._stopping:
            started = monotonic.perf_counter()
            now = self.clock()
            claimed, jobs, self.oldest_due = await self.reminders.claim(now, tips)
            if claimed:
                outcomes = await self._send_all(jobs)
                counts = Counter(o.status for o in outcomes)
                sent += counts[SENT]
                log.info(
                    "reminders: claimed %d, sent %d, refused %d, failed %d, later %d, released %d in %.1f s",
                    claimed,
                    counts[SENT],
                    counts[REFUSED],
                    counts[FAILED],
                    counts[LATER],
                    counts[RELEASED],
                    monotonic.perf_counter() - started,
                )
            posts, posted = await self.posts.run(self.clock(), self._send_posts)
            sent += posted
            if posts:
                log.info("scheduled posts: claimed %d, messages sent %d", posts, posted)
            if not claimed and not posts:
                self.oldest_due = None
                break
        return sent

    async def _send_all(self, jobs: list[Job]) -> list[Outcome]:
        """Each slot recorded (settled) as soon as it is handled: a process that dies leaves only unsent
        slots claimed, and one sent but unrecorded goes out again with its nonce."""
        async with self.claiming.keeping():
            return await asyncio.gather(*(self._deliver_recorded(job, self._record_one) for job in jobs))

    async def _record_one(self, outcome: Outcome) -> None:
        await self.reminders.record([outcome])

    async def _send_posts(self, jobs: list[Job]) -> list[Outcome]:
        """A post's messages, each recorded as soon as it is handled (on both engines: one that is recorded
        is never sent again, whatever happens to this process)."""
        async with self.claiming.keeping():
            return await asyncio.gather(*(self._deliver_recorded(job, self.posts.record) for job in jobs))

    async def _deliver_recorded(self, job: Job, recorder: Callable[[Outcome], Awaitable[None]]) -> Outcome:
        outcome = await self._deliver(job)
        for attempt in range(3):  # unrecorded, a sent slot would be sent again once its claim is taken over
            try:
                await recorder(outcome)
                break
            except Exception:
                self.stats["errors"] += 1
                log.exception("could not record a reminder delivery (%s), attempt %d", describe(job), attempt + 1)
                await asyncio.sleep(0.5 * (attempt + 1))
        return outcome

    # ---------------------------------------------------------------- sending

    async def _deliver(self, job: Job) -> Outcome:
        async with self._slots:
            try:
                return await self._attempt(job)
            except Exception:
                log.exception("reminder delivery crashed (%s)", describe(job))
                return Outcome(job, FAILED)

    async def _attempt(self, job: Job) -> Outcome:
        channel, learned, reopened, retries = job.channel_id, None, False, 0
        while True:
            if self._stopping:  # not on the wire yet: give the slot back for the next start
                return Outcome(job, RELEASED, learned)
            if not self.claiming.may_send():
                self.stats["lease_lost"] += 1
                log.warning("reminder lease ran out before sending (%s): left to the next claim", describe(job))
                return Outcome(job, RELEASED, learned)
            try:
                await self._pacer.wait()
                if channel is None:
                    channel = learned = await self.sender.open_dm(job.dm_user)
                    continue  # the send takes a turn of its own, after the checks again
                message_id = await self.sender.send(channel, job.message)
                self.stats[SENT] += 1
                return Outcome(job, SENT, learned, message_id)
            except DeliveryError as error:
                if error.reason == RATE_LIMITED:  # waited out, never dropped
                    self.stats[RATE_LIMITED] += 1
                    await self._pause(max(error.retry_after, 0.25))
                    continue
                if error.reason == NOT_FOUND and job.is_dm and learned is None and not reopened:
                    channel, reopened = None, True  # the stored DM channel is gone: open it again
                    continue
                if error.reason in (FORBIDDEN, NOT_FOUND):
                    self.stats[REFUSED] += 1
                    log.info("reminder refused (%s): %s", describe(job), error)
                    return Outcome(job, REFUSED, learned)
                if error.retryable and retries < len(self.retry_delays):
                    await self._pause(self.retry_delays[retries])
                    retries += 1
                    continue
                if error.retryable and self._retry_later(job):
                    log.info("reminder not delivered yet (%s): %s; again at %s", describe(job), error, job.retry_at)
                    return Outcome(job, LATER, learned)
                self.stats[FAILED] += 1
                log.warning("reminder not delivered, giving up on this slot (%s): %s", describe(job), error)
                return Outcome(job, FAILED, learned)

    def _retry_later(self, job: Job) -> bool:
        """Schedule another try within the slot's hour; False when the hour is over."""
        gap = LATER_GAPS[min(job.later_tries, len(LATER_GAPS) - 1)]
        at = self.clock() + timedelta(seconds=gap)
        if at >= (job.retry_until or job.slot + self.grace):
            return False
        job.retry_at, job.later_tries = at, job.later_tries + 1
        return True
