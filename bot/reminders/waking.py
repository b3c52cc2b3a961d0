"""When a dispatcher wakes up next: the earliest of what it may claim and the end of any claim it may take
over.

A dispatcher sleeps between rounds. What can become due while it sleeps:
* an unclaimed slot or post reaching its due instant (or its next try after a failure);
* a claim ending: on PostgreSQL another process's lease (if that process died, its slots are anyone's once
  the lease ends; if it lives, it renews the lease and the sleeper plans again), on either engine a claim
  of this process's own that was left unsettled.
Without the second, a survivor would sleep past a dead process's leases until something else woke it. A
change in this process (a member's schedule, a queued post) wakes it at once; a change made in another process
wakes nobody here, so `max_sleep` (the claim strategy's `longest_sleep`: at most half a lease on a shared
database) bounds how late it is seen. That matters when the process that made the change dies before sending
it: a survivor asleep since before the change learns of it, and of that process's leases, at its next look.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db import outbox as db_outbox
from bot.db import reminders as db_rem
from bot.db.store import Store

MARGIN_S = 0.01  # instants are stored in whole seconds, rounded down: waking just after one is enough


@dataclass(frozen=True, slots=True)
class Horizon:
    """What the database says may become due: the earliest unclaimed due instant, the earliest claim end."""

    due: datetime | None
    claim_end: datetime | None


@dataclass(frozen=True, slots=True)
class Wake:
    at: datetime | None  # what it wakes for (None: nothing known, it waits for a change)
    delay: float  # seconds to sleep; 0: something is due now


def _earliest(*instants: datetime | None) -> datetime | None:
    return min((t for t in instants if t is not None), default=None)


def next_wake(now: datetime, horizon: Horizon, max_sleep: float) -> Wake:
    at = _earliest(horizon.due, horizon.claim_end)
    if at is None:
        return Wake(None, max_sleep)
    if at <= now:
        return Wake(at, 0.0)
    seconds = (at - now).total_seconds()
    return Wake(at, seconds + MARGIN_S if seconds <= max_sleep else max_sleep)  # not a look just before `at`


async def horizon(db: Store) -> Horizon:
    """Reminders, club pings and scheduled posts together."""
    posts_due, posts_claimed = await db_outbox.earliest(db)
    due = _earliest(await db_rem.earliest_due(db), posts_due)
    return Horizon(due, _earliest(await db_rem.claim_ends(db), posts_claimed))
