"""Discord's global limit, shared: at most 50 REST requests a second per bot token, across every process
running with that token (interaction responses are exempt). Reminder sends are paced below it.

The simplest sound split: each process's dispatcher gets a fixed share of a reminder budget, in proportion
to the shards it owns (`reminder_rate`): a process owning k of n shards sends at most BUDGET·k/n requests a
second, so the processes of a deployment together stay within BUDGET however many run, without talking to
each other. BUDGET leaves room under 50/s for the rest of the bot's REST calls. A 429 that still comes
(another client on the token, a burst) is waited out by the dispatcher and the slot tried again.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from bot.config import Config
from bot.sharding import owned_shards

GLOBAL_LIMIT = 50.0  # requests a second per bot token (Discord)
REMINDER_BUDGET = 48.0  # of those, what all the reminder dispatchers together may use (the rest is mostly
# interaction responses, which are exempt)


def reminder_rate(config: Config) -> float:
    """This process's share of REMINDER_BUDGET: BUDGET·k/n when it owns k of n shards, all of it unsharded."""
    shards = owned_shards(config)
    if shards is None or not config.shard_count:
        return REMINDER_BUDGET
    return REMINDER_BUDGET * len(shards) / config.shard_count


class Pacer:
    """At most `rate` requests a second, spaced evenly (no burst); None paces nothing."""

    def __init__(self, rate: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        if rate is not None and rate <= 0:
            raise ValueError("rate must be positive")
        self.gap = None if rate is None else 1.0 / rate
        self.clock = clock
        self._next = 0.0

    async def wait(self) -> None:
        """Return when the next request may go (each caller gets its own turn)."""
        if self.gap is None:
            return
        now = self.clock()
        turn = max(self._next, now)
        self._next = turn + self.gap
        if turn > now:
            await asyncio.sleep(turn - now)
