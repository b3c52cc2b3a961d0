"""The dispatcher's rounds of scheduled posts (bot/reminders/outbox.py): claim the due posts, render them,
send each message not yet handled with its nonce, record each message as soon as it is handled, then settle
each post (with its follow-ups) or put it back (messages to retry later, or a stop came first). Between
rounds, settled posts older than KEEP_SETTLED are pruned (`tidy`)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.db import outbox as rows
from bot.reminders.jobs import FAILED, LATER, LATER_GAPS, REFUSED, RELEASED, SENT, Job, Outcome
from bot.reminders.outbox import (
    KEEP_SETTLED,
    Post,
    PostKind,
    Rendered,
    SettledHook,
    grace_of,
    post_nonce,
    queue_post,
    settled_hook,
    targets,
)

if TYPE_CHECKING:
    from bot.reminders.dispatcher import Dispatcher

log = logging.getLogger(__name__)

UNKNOWN_KIND_PAUSE = timedelta(minutes=5)  # a kind no renderer here knows: looked at again this much later
HANDLED = {SENT: "sent", REFUSED: "refused", FAILED: "failed"}
TIDY_EVERY = timedelta(hours=1)
# Pruned a batch per transaction, a few batches per idle round: due work waits little behind a backlog.
PRUNE_BATCH, PRUNE_BATCHES = 500, 10


@dataclasses.dataclass
class _Claimed:
    row: rows.PostRow
    rendered: Rendered | None = None
    jobs: list[Job] = dataclasses.field(default_factory=list)
    late: bool = False


class PostRounds:
    def __init__(self, dispatcher: Dispatcher) -> None:
        self.d = dispatcher
        self.kinds: dict[str, PostKind] = {}
        self.dm_channels: dict[int, int] = {}  # member -> DM channel, learnt by earlier sends
        self._unknown_logged: set[str] = set()
        self._next_tidy: datetime | None = None  # None: at the first idle round

    async def run(self, now: datetime, send: Callable[[list[Job]], Awaitable[list[Outcome]]]) -> tuple[int, int]:
        """One batch of due posts: (posts claimed, messages sent)."""
        d = self.d
        until = d.claiming.until(now)
        async with d.db.transaction() as tx:
            claimed = await rows.claim(tx, now, d.batch_size, d.claiming.holder, until)
        if not claimed:
            return 0, 0
        d.claiming.claimed(until)
        posts = [await self._prepare(row, now) for row in claimed]
        jobs = [job for post in posts for job in post.jobs]
        outcomes = await send(jobs) if jobs else []
        by_post: dict[int, list[Outcome]] = {}
        for outcome in outcomes:
            by_post.setdefault(outcome.job.post_id or 0, []).append(outcome)
        for post in posts:
            if post.rendered is not None:
                await self._finish(post, by_post.get(post.row.id, []))
        return len(claimed), sum(o.status == SENT for o in outcomes)

    async def tidy(self, now: datetime) -> int:
        """In an idle round, at most every TIDY_EVERY (sooner while a backlog lasts): forget posts settled more
        than KEEP_SETTLED ago, with their messages; how many. Every process may do it: deleting is idempotent."""
        if self._next_tidy is not None and now < self._next_tidy:
            return 0
        self._next_tidy = now + TIDY_EVERY
        pruned = 0
        for _ in range(PRUNE_BATCHES):
            async with self.d.db.transaction() as tx:
                batch = await rows.prune(tx, now - KEEP_SETTLED, PRUNE_BATCH)
            pruned += batch
            if batch < PRUNE_BATCH:
                break
        else:
            self._next_tidy = now  # more left: the next idle round goes on
        if pruned:
            log.info("pruned %d scheduled posts settled more than %d days ago", pruned, KEEP_SETTLED.days)
        return pruned

    async def record(self, outcome: Outcome) -> None:
        """Right after a message's send: handled messages are recorded, so a post sent again skips them."""
        job = outcome.job
        if outcome.dm_channel is not None:
            self.dm_channels[job.dm_user] = outcome.dm_channel
        status = HANDLED.get(outcome.status)
        if status is None or job.post_id is None:
            return
        async with self.d.db.transaction() as tx:
            await rows.record(tx, [(job.post_id, job.target, status, self.d.clock(), outcome.message_id)])

    async def _prepare(self, row: rows.PostRow, now: datetime) -> _Claimed:
        claimed = _Claimed(row)
        handler = self.kinds.get(row.kind)
        if handler is None:
            if row.kind not in self._unknown_logged:
                self._unknown_logged.add(row.kind)
                log.warning("no renderer for scheduled posts of kind %r here: left for later", row.kind)
            await self._put_back(row, now + UNKNOWN_KIND_PAUSE, tried=False)
            return claimed
        post = Post(row.id, row.guild_id, row.kind, row.key, row.due, row.payload)
        grace = grace_of(handler, self.d.grace)
        try:
            claimed.rendered = rendered = await handler.render(self.d.db, post)
            names = targets(rendered.messages)
        except Exception:
            self.d.stats["errors"] += 1
            log.exception("scheduled post %s (%s %r) could not be rendered", row.id, row.kind, row.key)
            claimed.rendered = None
            gap = LATER_GAPS[min(row.tries, len(LATER_GAPS) - 1)]
            if row.tries < len(LATER_GAPS):
                await self._put_back(row, now + timedelta(seconds=gap), tried=True)
            else:
                await self._settle(row, rows.FAILED, [], handler)
            return claimed
        if grace is not None and now - row.due >= grace:
            self.d.stats["skipped"] += 1
            log.info("scheduled post %s (%s %r) was more than %s late: skipped", row.id, row.kind, row.key, grace)
            claimed.late = True
            return claimed
        handled = await rows.handled(self.d.db, row.id)
        # Retries are planned within the grace after the due instant, or (no grace) an hour from now.
        retry_until = row.due + grace if grace is not None else now + self.d.grace
        for message, name in zip(rendered.messages, names, strict=True):
            if name in handled:
                continue
            claimed.jobs.append(
                Job(
                    dataclasses.replace(message, nonce=post_nonce(row.id, name)),
                    row.due,
                    later_tries=row.tries,
                    post_id=row.id,
                    target=name,
                    retry_until=retry_until,
                    dm_channel=self.dm_channels.get(message.dm_user_id or 0),
                )
            )
        return claimed

    async def _finish(self, post: _Claimed, outcomes: list[Outcome]) -> None:
        row, now = post.row, self.d.clock()
        statuses = {o.status for o in outcomes}
        if RELEASED in statuses:  # a stop, or the claim ran out: due again now, for whoever claims it
            await self._put_back(row, now, tried=False)
        elif LATER in statuses:
            wake = min(o.job.retry_at or now for o in outcomes if o.status == LATER)
            await self._put_back(row, wake, tried=True)
        else:
            failed = outcomes and not statuses & {SENT, REFUSED}
            state = rows.SKIPPED if post.late else rows.FAILED if failed else rows.SENT
            assert post.rendered is not None
            await self._settle(row, state, post.rendered.follow_ups, self.kinds.get(row.kind))

    async def _settle(self, row: rows.PostRow, state: str, follow_ups: list, handler: PostKind | None) -> None:
        hook = settled_hook(handler)
        try:
            await self._settle_with(row, state, follow_ups, hook)
        except Exception:
            if hook is None:
                raise
            self.d.stats["errors"] += 1
            log.exception("the settled hook of %s failed on scheduled post %s: settled without it", row.kind, row.id)
            await self._settle_with(row, state, follow_ups, None)

    async def _settle_with(self, row: rows.PostRow, state: str, follow_ups: list, hook: SettledHook | None) -> None:
        async with self.d.db.transaction() as tx:
            if not await rows.settle(tx, row.id, self.d.claiming.holder, state, self.d.clock()):
                log.info("scheduled post %s was cancelled or taken over meanwhile: not settled here", row.id)
                return  # its follow-ups (and its hook) are whoever settles it's to queue
            for kind, key, due, payload in follow_ups:
                await queue_post(tx, guild_id=row.guild_id, kind=kind, key=key, due=due, payload=payload)
            if hook is not None:  # the messages sent before a crash, by another process, included
                post = Post(row.id, row.guild_id, row.kind, row.key, row.due, row.payload)
                await hook(tx, post, await rows.sent_ids(tx, row.id))

    async def _put_back(self, row: rows.PostRow, wake: datetime, *, tried: bool) -> None:
        async with self.d.db.transaction() as tx:
            await rows.put_back(tx, row.id, self.d.claiming.holder, wake, tried)
