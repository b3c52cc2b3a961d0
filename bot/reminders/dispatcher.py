"""The one reminder dispatcher: sleep until the earliest due reminder, claim it, send it.

* Every reminder stores its next fire instant (UTC). The dispatcher reads the earliest one (an index
  lookup), sleeps until then, and is woken early by `wake()` when a schedule changes.
* SQLite (one dispatcher): claim-and-advance. Due rows are selected and their next fire moved on in ONE
  transaction, before anything is sent. A crash after the claim loses at most that batch, it never sends twice.
* PostgreSQL (any number of dispatchers, one per process): claim with a lease. Due rows are selected
  `FOR UPDATE SKIP LOCKED` and leased to this dispatcher (`holder`) for `lease` seconds, renewed while the
  batch is being sent; each slot's new schedule is written, and the lease ended, in its own transaction
  right after its send. So a slot is sent by one dispatcher; a dispatcher that dies leaves its unsent slots
  leased until the lease runs out, then any other takes them over. A dispatcher never starts a send later
  than `lease_margin` before its lease ends (after that the slot may already be another's), and every
  message carries a nonce Discord deduplicates (`enforce_nonce`), covering the last gap: a send that went
  out just before its process died, unrecorded. Clean stop: unsent slots are given back at once.
* Catch-up (schedule.catch_up): less than an hour late fires once, older slots are skipped.
* Sending runs with bounded concurrency, paced to this process's share of Discord's global rate limit
  (bot/reminders/pacing.py). A rate limit the sender reports is waited out and retried,
  never dropped; a refused delivery (403) three times in a row pauses the reminder and leaves the
  member a notice. Any exception is logged and the loop carries on.

Discord stays outside: a `Sender` (cogs/reminders/delivery.py) turns an `Outgoing` into a message.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import socket
import time as monotonic
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.advice.models import Tip
from bot.db import outbox as db_outbox
from bot.db import reminders as db_rem
from bot.db.engine import Database, Tx
from bot.db.members import set_notice
from bot.db.reminders import Claim
from bot.db.tips import of_kind
from bot.reminders.jobs import (
    FAILED,
    FORBIDDEN,
    LATER,
    LATER_GAPS,
    NOT_FOUND,
    PAUSE_AFTER_REFUSALS,
    RATE_LIMITED,
    REFUSED,
    RELEASED,
    SENT,
    DeliveryError,
    Job,
    Outcome,
    Sender,
    describe,
    missed_notice,
    nonce,
    paused_notice,
    sent_slot,
)
from bot.reminders.messages import member_message, pick_tip, server_message, summary_message
from bot.reminders.models import Reminder, ReminderKind, ServerReminder
from bot.reminders.outbox import PostKind, on_queued
from bot.reminders.pacing import Pacer
from bot.reminders.posting import PostRounds
from bot.reminders.schedule import ALL_DAYS, DEFAULT_GRACE, catch_up, next_fire
from bot.reminders.service import utcnow
from bot.reminders.summary import weekly_summary

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Send:
    """A claimed slot to send: which instant it is for, whether it is a snooze, which tip."""

    fire: datetime
    snoozed: bool
    tip_index: int


class Dispatcher:
    def __init__(
        self,
        db: Database,
        sender: Sender,
        *,
        clock: Callable[[], datetime] = utcnow,
        concurrency: int = 25,
        batch_size: int = 100,
        grace: timedelta = DEFAULT_GRACE,
        max_sleep: float = 900.0,
        retry_delays: tuple[float, ...] = (1.0, 5.0, 15.0),
        error_backoff: float = 5.0,
        rate: float | None = None,
        lease: float = 60.0,
        holder: str | None = None,
    ) -> None:
        self.db = db
        # Other processes share the database (PostgreSQL): claim with leases instead of claim-and-advance.
        self.leasing = not db.exclusive
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease = timedelta(seconds=lease)
        self.lease_margin = timedelta(seconds=lease / 4)  # no send starts later than this before the lease ends
        self._lease_end: datetime | None = None  # before then no other dispatcher can have taken our rows
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
        self._later: list[Job] = []  # slots whose sends failed for now, retried within their hour
        self._task: asyncio.Task[None] | None = None
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
        if self._later:
            await self._record([Outcome(job, RELEASED) for job in self._later])
            self._later.clear()
        async with self.db.transaction() as tx:  # anything still claimed (a cancelled send): due again at once
            given_back = await db_outbox.release_holder(tx, self.holder, self.clock())
            if self.leasing:
                given_back += await db_rem.release_holder(tx, self.holder)
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
        if not self.leasing:
            await self._recover()
        while not self._stopping:
            try:
                await self.run_due()
                if not self._stopping:
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
        """The only dispatcher of its database (SQLite): posts claimed by another are a dead process's."""
        try:
            async with self.db.transaction() as tx:
                taken = await db_outbox.release_others(tx, self.holder, self.clock())
        except Exception:
            log.exception("could not take over the posts of a dispatcher that died")
            return
        if taken:
            log.info("took over %d scheduled posts claimed by a dispatcher that died", taken)

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
        try:
            await asyncio.wait_for(self._stop_event.wait(), max(seconds, 0.0))
        except TimeoutError:
            pass
        return self._stopping

    async def _sleep_until_due(self) -> None:
        self._wake.clear()  # before reading: a change made after this read wakes the nap below
        earliest = await db_rem.earliest_due(self.db)
        post = await db_outbox.earliest(self.db)
        if post is not None and (earliest is None or post < earliest):
            earliest = post
        retry = min((job.retry_at for job in self._later if job.retry_at), default=None)
        if retry is not None and (earliest is None or retry < earliest):
            earliest = retry
        now = self.clock()
        if earliest is not None and earliest <= now:
            return
        delay = self.max_sleep if earliest is None else min((earliest - now).total_seconds() + 0.01, self.max_sleep)
        self.sleeping_until = earliest
        log.debug("reminder dispatcher sleeps %.1f s (next due %s)", delay, earliest)
        try:
            await self._nap(delay)
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
            claimed, jobs = await self._claim(now, tips)
            retries = self._due_later(now)
            if claimed or retries:
                outcomes = await self._send_all(jobs + retries)
                self._later += [o.job for o in outcomes if o.status == LATER]
                counts = Counter(o.status for o in outcomes)
                sent += counts[SENT]
                log.info(
                    "reminders: claimed %d, retried %d, sent %d, refused %d, failed %d, later %d, released %d"
                    " in %.1f s",
                    claimed,
                    len(retries),
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
                if not retries:
                    self.oldest_due = None
                break  # nothing more due now (retries wait for their time)
        return sent

    async def _send_all(self, jobs: list[Job]) -> list[Outcome]:
        """Send, then record: all together on SQLite; on PostgreSQL each slot as soon as it is sent (a
        process that dies then leaves only unsent slots leased), with the leases renewed meanwhile."""
        if not self.leasing:
            outcomes = await asyncio.gather(*(self._deliver(job) for job in jobs))
            await self._record(outcomes)
            return outcomes
        renewing = asyncio.create_task(self._renew_leases(), name="reminder-leases")
        try:
            return await asyncio.gather(*(self._deliver_recorded(job) for job in jobs))
        finally:
            renewing.cancel()
            await asyncio.gather(renewing, return_exceptions=True)

    async def _send_posts(self, jobs: list[Job]) -> list[Outcome]:
        """A post's messages, each recorded as soon as it is handled (on both engines: one that is recorded
        is never sent again, whatever happens to this process)."""
        if not self.leasing:
            return await asyncio.gather(*(self._deliver_recorded(job, self.posts.record) for job in jobs))
        renewing = asyncio.create_task(self._renew_leases(), name="post-leases")
        try:
            return await asyncio.gather(*(self._deliver_recorded(job, self.posts.record) for job in jobs))
        finally:
            renewing.cancel()
            await asyncio.gather(renewing, return_exceptions=True)

    def claim_end(self, now: datetime) -> datetime:
        """Until when a claim made now keeps other dispatchers off (the one dispatcher of SQLite renews none)."""
        return now + self.lease

    def claimed_until(self, until: datetime) -> None:
        if self.leasing:
            self._lease_end = until

    async def _deliver_recorded(
        self, job: Job, recorder: Callable[[Outcome], Awaitable[None]] | None = None
    ) -> Outcome:
        outcome = await self._deliver(job)
        for attempt in range(3):  # unrecorded, a sent slot would be sent again once its lease runs out
            try:
                if recorder is not None:
                    await recorder(outcome)
                else:
                    await self._record([outcome])
                break
            except Exception:
                self.stats["errors"] += 1
                log.exception("could not record a reminder delivery (%s), attempt %d", describe(job), attempt + 1)
                await asyncio.sleep(0.5 * (attempt + 1))
        return outcome

    def _lease_left(self) -> bool:
        """Whether a send may still start: our leases surely hold until after it (PostgreSQL)."""
        return self._lease_end is not None and self.clock() < self._lease_end - self.lease_margin

    async def _renew_leases(self) -> None:
        """While a batch is being sent, push the end of our leases on, every quarter lease. A renewal that
        comes too late (a stalled process) is not made: those slots may be another's by now."""
        every = self.lease.total_seconds() / 4
        while True:
            await asyncio.sleep(every)
            if not self._lease_left():
                return
            until = self.clock() + self.lease
            try:
                async with self.db.transaction() as tx:
                    await db_rem.renew(tx, self.holder, until)
                    await db_outbox.renew(tx, self.holder, until)
            except Exception:
                log.exception("could not renew reminder leases")
                continue
            self._lease_end = until

    def _due_later(self, now: datetime) -> list[Job]:
        """Take the slots whose next try is due out of the waiting list (one pass, by identity)."""
        due: list[Job] = []
        waiting: list[Job] = []
        for job in self._later:
            (due if job.retry_at is not None and job.retry_at <= now else waiting).append(job)
        self._later = waiting
        return due

    async def _claim(self, now: datetime, tips: dict[tuple[int, str], list[Tip]]) -> tuple[int, list[Job]]:
        """Select due rows and advance them in one transaction; then build their messages."""
        plans: list[tuple[Reminder | ServerReminder, _Send, Claim | datetime]] = []
        async with self.db.transaction() as tx:
            claimed = await self._claim_members(tx, now, plans) + await self._claim_servers(tx, now, plans)
            if self.leasing and plans:
                until = now + self.lease
                members = [item.id for item, _, _ in plans if isinstance(item, Reminder)]
                servers = [item.guild_id for item, _, _ in plans if isinstance(item, ServerReminder)]
                await db_rem.lease(tx, self.holder, until, members, servers)
        if self.leasing and plans:
            self._lease_end = until
        slots = [send.fire for _, send, _ in plans] + [job.slot for job in self._later]
        self.oldest_due = min(slots, default=None)
        jobs = [await self._job(item, send, claim, tips) for item, send, claim in plans]
        for job, (_, send, _) in zip(jobs, plans, strict=True):
            job.leased = self.leasing
            job.message = dataclasses.replace(job.message, nonce=nonce(job, send.snoozed))
        return claimed, jobs

    async def _claim_members(self, tx: Tx, now: datetime, plans: list) -> int:
        members = await db_rem.due_reminders(tx, now, self.batch_size)
        claims: list[Claim] = []
        for reminder in members:
            try:
                claim, send = self._plan_member(reminder, now)
            except Exception:  # a row we cannot schedule must not block the others
                log.exception("reminder %s cannot be scheduled; pausing it", reminder.id)
                await db_rem.set_paused(tx, reminder.id, True)
                continue
            if send is not None:
                plans.append((reminder, send, claim))
            else:
                self._skipped(f"reminder {reminder.id}")
            if send is None or not self.leasing:  # leased rows move on once their slot is sent
                claims.append(claim)
        await db_rem.advance(tx, claims)
        return len(members)

    async def _claim_servers(self, tx: Tx, now: datetime, plans: list) -> int:
        servers = await db_rem.due_servers(tx, now, self.batch_size)
        claims = []
        for server in servers:
            try:
                upcoming, send = self._plan_server(server, now)
            except Exception:
                log.exception("club ping of guild %s cannot be scheduled; trying tomorrow", server.guild_id)
                claims.append((server.guild_id, now + timedelta(days=1), None))
                continue
            if send is None or not self.leasing:
                claims.append((server.guild_id, upcoming, send.fire if send else None))
            if send is not None:
                plans.append((server, send, upcoming))
            else:
                self._skipped(f"club ping of guild {server.guild_id}")
        await db_rem.advance_servers(tx, claims)
        return len(servers)

    def _skipped(self, what: str) -> None:
        self.stats["skipped"] += 1
        log.info("%s was more than %s late: skipped to its next time", what, self.grace)

    def _slot_sent(self, stored: datetime, now: datetime, at, days_mask: int, zone: ZoneInfo) -> datetime:
        """The slot a catch-up send stands for: the stored one, or the latest one within the grace."""
        return stored if now - stored < self.grace else next_fire(now - self.grace, at, days_mask, zone)

    def _plan_member(self, r: Reminder, now: datetime) -> tuple[Claim, _Send | None]:
        zone = ZoneInfo(r.timezone)
        upcoming, snooze, last, sends = r.next_fire, r.snooze, r.last_fire, r.sends
        send: _Send | None = None
        if r.next_fire <= now:
            decision = catch_up(r.next_fire, now, r.at, r.days_mask, zone, self.grace)
            upcoming = decision.next_fire
            if decision.send:
                last = self._slot_sent(r.next_fire, now, r.at, r.days_mask, zone)
                send = _Send(last, False, sends)
                sends += 1
        if snooze is not None and snooze <= now:
            if send is None and now - snooze < self.grace:
                send = _Send(r.last_fire or snooze, True, max(sends - 1, 0))
            snooze = None
        return Claim(r.id, upcoming, snooze, last, sends), send

    def _plan_server(self, s: ServerReminder, now: datetime) -> tuple[datetime, _Send | None]:
        zone = ZoneInfo(s.timezone)
        decision = catch_up(s.next_fire, now, s.at, ALL_DAYS, zone, self.grace)
        if not decision.send:
            return decision.next_fire, None
        slot = self._slot_sent(s.next_fire, now, s.at, ALL_DAYS, zone)
        return decision.next_fire, _Send(slot, False, slot.astimezone(zone).date().toordinal())

    async def _job(
        self,
        item: Reminder | ServerReminder,
        send: _Send,
        claimed: Claim | datetime,
        tips: dict[tuple[int, str], list[Tip]],
    ) -> Job:
        if isinstance(item, Reminder) and item.kind == ReminderKind.SUMMARY:
            numbers = await weekly_summary(self.db, item, send.fire)
            return Job(summary_message(item, numbers), send.fire, reminder=item, claimed=claimed)
        tip = None
        if item.kind != "custom":
            key = (item.guild_id, item.kind)
            if key not in tips:
                tips[key] = await of_kind(self.db, item.guild_id, item.kind)
            tip = pick_tip(tips[key], send.tip_index + (item.id * 7 if isinstance(item, Reminder) else 0))
        if isinstance(item, Reminder):
            return Job(member_message(item, send.fire, tip, send.snoozed), send.fire, reminder=item, claimed=claimed)
        return Job(server_message(item, send.fire, tip), send.fire, server=item, claimed=claimed)

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
            if job.leased and not self._lease_left():
                self.stats["lease_lost"] += 1
                log.warning("reminder lease ran out before sending (%s): left to the next claim", describe(job))
                return Outcome(job, RELEASED, learned)
            try:
                await self._pacer.wait()
                if channel is None:
                    channel = learned = await self.sender.open_dm(job.dm_user)
                    continue  # the send takes a turn of its own, after the checks again
                await self.sender.send(channel, job.message)
                self.stats[SENT] += 1
                return Outcome(job, SENT, learned)
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

    async def _record(self, outcomes: list[Outcome]) -> None:
        """One transaction with what the sends taught us: DM channels, refusals, failures, released slots."""
        member = [o for o in outcomes if o.job.reminder is not None]
        async with self.db.transaction() as tx:
            settled = await self._settle(tx, outcomes)
            await db_rem.learn_dm_channels(tx, [(o.job.reminder.id, o.dm_channel) for o in member if o.dm_channel])
            recovered = [o.job.reminder.id for o in member if o.status == SENT and o.job.reminder.failures]
            await db_rem.delivered(tx, recovered)
            # The slots sent, in the same transaction: only these may be answered with a button.
            await db_rem.record_sent(tx, [sent_slot(o.job) for o in outcomes if o.status == SENT])
            given_back = [o for o in member if o.status == RELEASED and not o.job.leased]
            await db_rem.release(tx, [(o.job.reminder, o.job.claimed) for o in given_back])
            for outcome in member:
                if outcome.status in (REFUSED, FAILED):
                    await self._count_failure(tx, outcome.job.reminder, outcome.job.slot, outcome.status == FAILED)
            for outcome in outcomes:
                server = outcome.job.server
                if server is None or outcome.status == LATER:
                    continue
                if outcome.status == RELEASED and outcome.job.leased:
                    continue  # given back by _settle
                if outcome.status == RELEASED:
                    await db_rem.release_server(tx, server, outcome.job.claimed)
                else:
                    await db_rem.server_delivered(tx, server.guild_id, outcome.status == SENT)
        for job in settled:
            job.leased = False
        released = sum(o.status == RELEASED for o in outcomes)
        if released:
            log.info("released %d claimed reminder slots for the next start", released)

    async def _settle(self, tx: Tx, outcomes: list[Outcome]) -> list[Job]:
        """Leased slots (PostgreSQL): handled ones get their new schedule and lose the lease; unsent ones are
        given back, due at once. Returns the jobs no longer leased once this transaction commits."""
        leased = [o for o in outcomes if o.job.leased]
        if not leased:
            return []
        back = [o.job for o in leased if o.status == RELEASED]
        done = [o.job for o in leased if o.status != RELEASED]
        await db_rem.settle(tx, self.holder, [j.claimed for j in done if j.reminder is not None])
        servers = [(j.server.guild_id, j.claimed, j.slot) for j in done if j.server is not None]
        await db_rem.settle_servers(tx, self.holder, servers)
        await db_rem.unlease(
            tx,
            self.holder,
            [j.reminder.id for j in back if j.reminder is not None],
            [j.server.guild_id for j in back if j.server is not None],
        )
        return [o.job for o in leased]

    async def _count_failure(self, tx: Tx, reminder: Reminder, slot: datetime, failed: bool) -> None:
        """A refused or failed delivery counts towards the pause; the member always hears about it."""
        counted = await db_rem.refused(tx, reminder.id, PAUSE_AFTER_REFUSALS)
        if counted is None:
            return
        if counted[0] == PAUSE_AFTER_REFUSALS:
            self.stats["paused"] += 1
            log.info("reminder %s paused after %d failed deliveries", reminder.id, PAUSE_AFTER_REFUSALS)
            await set_notice(tx, reminder.guild_id, reminder.user_id, paused_notice(reminder, failed))
        elif failed:
            await set_notice(tx, reminder.guild_id, reminder.user_id, missed_notice(reminder, slot))
