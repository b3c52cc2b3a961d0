"""What the reminder dispatcher works with: the sender it talks to, the jobs it sends, what became of them,
and the notices a member finds after failed deliveries (bot/reminders/dispatcher.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from bot.db.reminders import Claim
from bot.reminders.messages import Outgoing
from bot.reminders.models import SERVER_PING, Reminder, ServerReminder, Target, to_ts

PAUSE_AFTER_REFUSALS = 3


class Failure(StrEnum):
    """Why a send failed, as the sender saw it."""

    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    FAILED = "failed"


class Delivery(StrEnum):
    """What became of one claimed slot; a slot given up on has the status Failure.FAILED."""

    SENT = "sent"
    REFUSED = "refused"
    RELEASED = "released"  # not sent because the dispatcher stopped: the claim is undone
    LATER = "later"  # failing for now: tried again within the slot's hour


FORBIDDEN, NOT_FOUND, RATE_LIMITED, FAILED = Failure
SENT, REFUSED, RELEASED, LATER = Delivery
# After the quick retries, a slot whose sends keep failing (5xx, network) is tried again at these gaps
# (seconds) while its hour lasts; then it counts as a failed delivery, like a refusal.
LATER_GAPS = (60.0, 120.0, 300.0, 600.0, 900.0)


def tries_since(slot: datetime, now: datetime) -> int:
    """How many later tries a slot failing since `slot` has had by `now` (one at each gap after the last),
    so nothing about them needs keeping between claims."""
    tries, at = 0, slot
    while tries < len(LATER_GAPS) and (at := at + timedelta(seconds=LATER_GAPS[tries])) <= now:
        tries += 1
    return tries


class DeliveryError(Exception):
    """A failed send, as the sender saw it: `reason` is one of FORBIDDEN, NOT_FOUND, RATE_LIMITED, FAILED."""

    def __init__(self, reason: Failure, *, retry_after: float = 0.0, detail: str = "", retryable: bool = True) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.retry_after = retry_after
        self.retryable = retryable  # FAILED only: worth another try (5xx, network) or not (a 400)


class Sender(Protocol):
    async def open_dm(self, user_id: int) -> int:
        """The id of the DM channel with this user (raises DeliveryError)."""
        ...

    async def send(self, channel_id: int, message: Outgoing) -> int | None:
        """Post the message; the id Discord gave it (None when unknown). Raises DeliveryError."""
        ...


@dataclass(slots=True)
class Job:
    message: Outgoing
    slot: datetime  # the occurrence this message is for: its hour of grace bounds the retries
    reminder: Reminder | None = None  # as it was before the claim (what a release restores)
    server: ServerReminder | None = None
    claimed: Claim | datetime | None = None  # what the claim wrote: a member Claim, or a club ping's next fire
    retry_at: datetime | None = None
    later_tries: int = 0
    # A scheduled post's message: the post's id, the message's name within it (bot/reminders/outbox.py),
    # the last instant a retry may be planned, and the DM channel already known for its member.
    post_id: int | None = None
    target: str = ""
    retry_until: datetime | None = None
    dm_channel: int | None = None

    @property
    def is_dm(self) -> bool:
        if self.post_id is not None:
            return self.message.dm_user_id is not None
        return self.reminder is not None and self.reminder.target == Target.DM

    @property
    def dm_user(self) -> int:
        if self.post_id is not None:
            assert self.message.dm_user_id is not None
            return self.message.dm_user_id
        assert self.reminder is not None
        return self.reminder.user_id

    @property
    def channel_id(self) -> int | None:
        if self.post_id is not None:
            return self.dm_channel if self.is_dm else self.message.channel_id
        if self.server is not None:
            return self.server.channel_id
        assert self.reminder is not None
        return self.reminder.dm_channel_id if self.is_dm else self.reminder.channel_id


@dataclass(slots=True)
class Outcome:
    job: Job
    status: Delivery | Failure
    dm_channel: int | None = None  # a DM channel learnt (or re-learnt) on the way
    message_id: int | None = None  # the message Discord made (SENT only; a repeated nonce gives the first one)


def what_kind(reminder: Reminder) -> str:
    return {"stretch": "stretch", "core": "core-work", "custom": "custom", "summary": "weekly summary"}[reminder.kind]


def missed_notice(reminder: Reminder, slot: datetime) -> str:
    return (
        f"Your {what_kind(reminder)} reminder #{reminder.id} for <t:{int(slot.timestamp())}:f> could not be delivered: "
        "Discord kept failing for an hour. The next one is on schedule."
    )


def refused_notice(reminder: Reminder, slot: datetime, refusals: int) -> str:
    """Discord refused a delivery (closed DMs, a channel Stride may no longer post in), before the pause."""
    if reminder.target == Target.DM:
        why = (
            "Discord refused my DM (your DMs from this server look closed). Allow direct messages from server "
            "members in this server's privacy settings, or set it up again with `where: channel`"
        )
    else:
        why = f"I couldn't post in <#{reminder.channel_id}>. Ask a moderator to let Stride post there"
    left = PAUSE_AFTER_REFUSALS - refusals
    pause = f"after {left} more {'refusal' if left == 1 else 'refusals'} in a row it pauses"
    return (
        f"Your {what_kind(reminder)} reminder #{reminder.id} for <t:{int(slot.timestamp())}:f> did not reach you: "
        f"{why}. It stays on schedule; {pause}."
    )


def paused_notice(reminder: Reminder, failed: bool = False) -> str:
    what = what_kind(reminder)
    if failed:
        why = (
            f"its last {PAUSE_AFTER_REFUSALS} deliveries failed (Discord kept failing for an hour each time). "
            "Check that I can still reach you"
        )
    elif reminder.target == Target.DM:
        why = (
            f"Discord refused my DMs to you {PAUSE_AFTER_REFUSALS} times in a row (your DMs from this server "
            "look closed). Allow direct messages from server members in this server's privacy settings, or "
            "set it up again with `where: channel`"
        )
    else:
        why = (
            f"I couldn't post in <#{reminder.channel_id}> {PAUSE_AFTER_REFUSALS} times in a row. "
            "Ask a moderator to let Stride post there, or set it up again in another channel"
        )
    return f"Your {what} reminder #{reminder.id} is paused: {why}; then `/remind resume id: {reminder.id}`."


def sent_slot(job: Job) -> tuple[int, int, datetime]:
    if job.server is not None:
        return job.server.guild_id, SERVER_PING, job.slot
    assert job.reminder is not None
    return job.reminder.guild_id, job.reminder.id, job.slot


def nonce(job: Job, snoozed: bool) -> str:
    """The same for every send of one message (a retry, another process taking the slot over), different
    for different messages: Discord drops a second message with the nonce (25 characters at most)."""
    guild, rid, slot = sent_slot(job)
    snooze = job.reminder.snooze if snoozed and job.reminder is not None else None
    key = f"{guild}:{rid}:{to_ts(slot)}:{to_ts(snooze) if snooze else 0}"
    return hashlib.blake2b(key.encode(), digest_size=12).hexdigest()[:25]


def describe(job: Job) -> str:
    if job.post_id is not None:
        return f"message {job.target} of scheduled post {job.post_id}"
    if job.server is not None:
        return f"club ping of guild {job.server.guild_id}"
    assert job.reminder is not None
    return f"reminder {job.reminder.id} of user {job.reminder.user_id}"
