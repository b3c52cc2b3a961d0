"""Test doubles for the reminder dispatcher: a settable clock and a scriptable sender."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.reminders.jobs import FORBIDDEN, NOT_FOUND, RATE_LIMITED, DeliveryError
from bot.reminders.messages import Outgoing

DM_BASE = 900_000


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@dataclass
class FakeClock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass
class FakeSender:
    """Records every message; users in `closed` refuse DMs (403); `script` injects failures per channel."""

    closed: set[int] = field(default_factory=set)
    gone_channels: set[int] = field(default_factory=set)
    script: dict[int, list[str]] = field(default_factory=dict)  # channel -> reasons to raise, in order
    on_send: Callable[[int, Outgoing], object] | None = None
    delay: float = 0.0
    sent: list[tuple[int, Outgoing]] = field(default_factory=list)
    message_ids: list[int] = field(default_factory=list)  # the id of each message sent, as Discord gives one
    first_id: int = 10_000_000
    opened: list[int] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0

    async def open_dm(self, user_id: int) -> int:
        self.opened.append(user_id)
        return DM_BASE + user_id

    async def send(self, channel_id: int, message: Outgoing) -> int:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            reasons = self.script.get(channel_id)
            if reasons:
                reason = reasons.pop(0)
                if reason == "crash":
                    raise RuntimeError("sender bug")
                raise DeliveryError(reason, retry_after=0.01 if reason == RATE_LIMITED else 0.0)
            if channel_id in self.gone_channels:
                raise DeliveryError(NOT_FOUND, detail="Unknown Channel")
            if channel_id - DM_BASE in self.closed:
                raise DeliveryError(FORBIDDEN, detail="Cannot send messages to this user")
            if self.on_send is not None:
                result = self.on_send(channel_id, message)
                if asyncio.iscoroutine(result):
                    await result
            self.sent.append((channel_id, message))
            self.message_ids.append(self.first_id + len(self.message_ids))
            return self.message_ids[-1]
        finally:
            self.in_flight -= 1

    def to(self, channel_id: int) -> list[Outgoing]:
        return [m for c, m in self.sent if c == channel_id]

    def dms_to(self, user_id: int) -> list[Outgoing]:
        return self.to(DM_BASE + user_id)
