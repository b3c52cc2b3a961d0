"""A dispatcher's rounds of reminders: claim the due member reminders and club pings (planning each with the
catch-up rules of bot/reminders/schedule.py), build their messages, and record what became of each send.

A slot is claimed (its row names the dispatcher, its schedule as it was), sent, then settled: only a sent (or
refused, or given up) slot moves the schedule on. A send that fails for now puts the slot back with the
instant of its next try; a stop gives it back at once. What a dead process left claimed is sent again by
whoever takes the claim over, with the same nonce (bot/reminders/claiming.py)."""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.advice.models import Tip
from bot.db import reminders as db_rem
from bot.db.engine import Tx
from bot.db.members import set_notice
from bot.db.reminders import Claim
from bot.db.tips import of_kind
from bot.reminders.jobs import (
    FAILED,
    LATER,
    PAUSE_AFTER_REFUSALS,
    REFUSED,
    RELEASED,
    SENT,
    Job,
    Outcome,
    missed_notice,
    nonce,
    paused_notice,
    refused_notice,
    sent_slot,
    tries_since,
)
from bot.reminders.messages import member_message, pick_tip, server_message, summary_message
from bot.reminders.models import Reminder, ReminderKind, ServerReminder
from bot.reminders.schedule import ALL_DAYS, catch_up, next_fire
from bot.reminders.services.summary import weekly_summary

if TYPE_CHECKING:
    from bot.reminders.dispatcher import Dispatcher

log = logging.getLogger(__name__)


@dataclasses.dataclass(slots=True)
class _Send:
    """A claimed slot to send: which instant it is for, whether it is a snooze, which tip."""

    fire: datetime
    snoozed: bool
    tip_index: int


class ReminderRounds:
    def __init__(self, dispatcher: Dispatcher) -> None:
        self.d = dispatcher
        self.claiming = dispatcher.claiming

    async def claim(
        self, now: datetime, tips: dict[tuple[int, str], list[Tip]]
    ) -> tuple[int, list[Job], datetime | None]:
        """Select due rows and claim them in one transaction, then build their messages: (rows claimed, jobs,
        the earliest slot claimed)."""
        plans: list[tuple[Reminder | ServerReminder, _Send, Claim | datetime]] = []
        until = self.claiming.until(now)
        async with self.d.db.transaction() as tx:
            claimed = await self._claim_members(tx, now, plans) + await self._claim_servers(tx, now, plans)
            if plans:
                members = [item.id for item, _, _ in plans if isinstance(item, Reminder)]
                servers = [item.guild_id for item, _, _ in plans if isinstance(item, ServerReminder)]
                await db_rem.lease(tx, self.claiming.holder, until, members, servers)
        if plans:
            self.claiming.claimed(until)
        jobs = [await self._job(item, send, claim, tips) for item, send, claim in plans]
        for job, (_, send, _) in zip(jobs, plans, strict=True):
            job.later_tries = tries_since(send.fire, now)  # a slot put back after failures: its next gap
            job.message = dataclasses.replace(job.message, nonce=nonce(job, send.snoozed))
        return claimed, jobs, min((send.fire for _, send, _ in plans), default=None)

    async def _claim_members(self, tx: Tx, now: datetime, plans: list) -> int:
        members = await db_rem.due_reminders(tx, now, self.d.batch_size)
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
            if send is None:  # skipped: moves on now; a slot to send moves on once it is sent
                claims.append(claim)
        await db_rem.advance(tx, claims)
        return len(members)

    async def _claim_servers(self, tx: Tx, now: datetime, plans: list) -> int:
        servers = await db_rem.due_servers(tx, now, self.d.batch_size)
        claims = []
        for server in servers:
            try:
                upcoming, send = self._plan_server(server, now)
            except Exception:
                log.exception("club ping of guild %s cannot be scheduled; trying tomorrow", server.guild_id)
                claims.append((server.guild_id, now + timedelta(days=1), None))
                continue
            if send is None:
                claims.append((server.guild_id, upcoming, None))
            if send is not None:
                plans.append((server, send, upcoming))
            else:
                self._skipped(f"club ping of guild {server.guild_id}")
        await db_rem.advance_servers(tx, claims)
        return len(servers)

    def _skipped(self, what: str) -> None:
        self.d.stats["skipped"] += 1
        log.info("%s was more than %s late: skipped to its next time", what, self.d.grace)

    def _slot_sent(self, stored: datetime, now: datetime, at: time, days_mask: int, zone: ZoneInfo) -> datetime:
        """The slot a catch-up send stands for: the stored one, or the latest one within the grace."""
        return stored if now - stored < self.d.grace else next_fire(now - self.d.grace, at, days_mask, zone)

    def _plan_member(self, r: Reminder, now: datetime) -> tuple[Claim, _Send | None]:
        zone = ZoneInfo(r.timezone)
        upcoming, snooze, last, sends = r.next_fire, r.snooze, r.last_fire, r.sends
        send: _Send | None = None
        if r.next_fire <= now:
            decision = catch_up(r.next_fire, now, r.at, r.days_mask, zone, self.d.grace)
            upcoming = decision.next_fire
            if decision.send:
                last = self._slot_sent(r.next_fire, now, r.at, r.days_mask, zone)
                send = _Send(last, False, sends)
                sends += 1
        if snooze is not None and snooze <= now:
            if send is None and now - snooze < self.d.grace:
                send = _Send(r.last_fire or snooze, True, max(sends - 1, 0))
            snooze = None
        return Claim(r.id, upcoming, snooze, last, sends), send

    def _plan_server(self, s: ServerReminder, now: datetime) -> tuple[datetime, _Send | None]:
        zone = ZoneInfo(s.timezone)
        decision = catch_up(s.next_fire, now, s.at, ALL_DAYS, zone, self.d.grace)
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
            numbers = await weekly_summary(self.d.db, item, send.fire)
            return Job(summary_message(item, numbers), send.fire, reminder=item, claimed=claimed)
        tip = None
        if item.kind != "custom":
            key = (item.guild_id, item.kind)
            if key not in tips:
                tips[key] = await of_kind(self.d.db, item.guild_id, item.kind)
            tip = pick_tip(tips[key], send.tip_index + (item.id * 7 if isinstance(item, Reminder) else 0))
        if isinstance(item, Reminder):
            return Job(member_message(item, send.fire, tip, send.snoozed), send.fire, reminder=item, claimed=claimed)
        return Job(server_message(item, send.fire, tip), send.fire, server=item, claimed=claimed)

    async def record(self, outcomes: list[Outcome]) -> None:
        """One transaction with what the sends taught us: the claims settled, put back or given back, DM
        channels, refusals and failures, the slots sent."""
        member = [(o.job.reminder, o) for o in outcomes if o.job.reminder is not None]
        async with self.d.db.transaction() as tx:
            await self._settle(tx, outcomes)
            await db_rem.learn_dm_channels(tx, [(r.id, o.dm_channel) for r, o in member if o.dm_channel])
            recovered = [r.id for r, o in member if o.status == SENT and r.failures]
            await db_rem.delivered(tx, recovered)
            # The slots sent, in the same transaction: only these may be answered with a button.
            await db_rem.record_sent(tx, [sent_slot(o.job) for o in outcomes if o.status == SENT])
            for reminder, outcome in member:
                if outcome.status in (REFUSED, FAILED):
                    await self._count_failure(tx, reminder, outcome.job.slot, outcome.status == FAILED)
            for outcome in outcomes:
                if outcome.job.server is not None and outcome.status in (SENT, REFUSED, FAILED):
                    await db_rem.server_delivered(tx, outcome.job.server.guild_id, outcome.status == SENT)
        released = sum(o.status == RELEASED for o in outcomes)
        if released:
            log.info("gave back %d claimed reminder slots", released)

    async def _settle(self, tx: Tx, outcomes: list[Outcome]) -> None:
        """Handled slots get their new schedule and lose the claim; slots failing for now wait for their next
        try, unclaimed; unsent ones are given back, due at once. A row whose claim is gone (changed by its
        member, or taken over) is left as it is."""
        holder = self.claiming.holder
        done = [o.job for o in outcomes if o.status in (SENT, REFUSED, FAILED)]
        # A member's slot was claimed with a Claim, a club ping's with its next fire (bot.reminders.jobs.Job).
        await db_rem.settle(tx, holder, [j.claimed for j in done if j.reminder and isinstance(j.claimed, Claim)])
        await db_rem.settle_servers(
            tx,
            holder,
            [(j.server.guild_id, j.claimed, j.slot) for j in done if j.server and isinstance(j.claimed, datetime)],
        )
        later = [o.job for o in outcomes if o.status == LATER]
        await db_rem.retry_later(
            tx,
            holder,
            [(j.reminder.id, j.retry_at or self.d.clock()) for j in later if j.reminder is not None],
            [(j.server.guild_id, j.retry_at or self.d.clock()) for j in later if j.server is not None],
        )
        back = [o.job for o in outcomes if o.status == RELEASED]
        await db_rem.unlease(
            tx,
            holder,
            [j.reminder.id for j in back if j.reminder is not None],
            [j.server.guild_id for j in back if j.server is not None],
        )

    async def _count_failure(self, tx: Tx, reminder: Reminder, slot: datetime, failed: bool) -> None:
        """A refused or failed delivery counts towards the pause; the member always hears about it."""
        counted = await db_rem.refused(tx, reminder.id, PAUSE_AFTER_REFUSALS)
        if counted is None:
            return
        if counted[0] == PAUSE_AFTER_REFUSALS:
            self.d.stats["paused"] += 1
            log.info("reminder %s paused after %d failed deliveries", reminder.id, PAUSE_AFTER_REFUSALS)
            await set_notice(tx, reminder.guild_id, reminder.user_id, paused_notice(reminder, failed))
        elif failed:
            await set_notice(tx, reminder.guild_id, reminder.user_id, missed_notice(reminder, slot))
        else:  # refused: told at once, not only when a third refusal pauses it
            await set_notice(tx, reminder.guild_id, reminder.user_id, refused_notice(reminder, slot, counted[0]))
