"""Scheduled posts: messages a feature queues for later (a challenge's results, an event's DM an hour before,
a weekly digest), sent by the reminder dispatcher with the reminders' exactly-once rules.

A feature queues a post inside its own transaction (`queue_post`: the post and the change that calls for it
commit together), named by (guild, kind, key) so queuing it twice changes nothing. When the post is due the
dispatcher claims it, asks the kind's renderer (registered with `Dispatcher.register_post_kind`) what to send
*now* (`PostKind.render` reads fresh state), sends each message with a nonce of its own, records each message
as it goes, and settles the post, queuing its follow-ups in the same transaction. A post whose process died
half-way is claimed again (on SQLite by the restarted process, on PostgreSQL by any once the claim's lease
ends): its messages already recorded are not sent again, and one that went out unrecorded carries the same
nonce, so Discord drops the copy. See docs/scheduling.md.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.db import outbox as rows
from bot.db.engine import Tx
from bot.db.store import Store
from bot.reminders.messages import Outgoing

log = logging.getLogger(__name__)

MAX_KEY = 200
# A settled post is kept this long, then pruned (the dispatcher's idle rounds): queuing its key again within
# that time changes nothing. Long enough that no caller re-queues the key of a post this old (a retried
# command, an edit, a chain's follow-up all come within days); keys that name an instant or an id never recur.
KEEP_SETTLED = timedelta(days=400)
FollowUp = tuple[str, str, datetime, dict[str, Any]]  # (kind, key, due, payload), in the post's guild


@dataclass(frozen=True)
class Post:
    id: int
    guild_id: int
    kind: str
    key: str
    due: datetime
    payload: dict[str, Any]


@dataclass(frozen=True)
class Rendered:
    """What a post says when it is sent. Each message names its own target (`Outgoing.channel_id` or
    `Outgoing.dm_user_id`); no messages means nothing to send (the post is settled all the same)."""

    messages: list[Outgoing]
    follow_ups: list[FollowUp] = field(default_factory=list)  # queued when this post settles


class PostKind(Protocol):
    """The renderer of one kind of post. It may set `grace` (a timedelta, or None for "never too late"):
    a post claimed later than that after its due instant is settled as skipped, unsent (default one hour,
    as reminders). Its follow-ups are queued all the same, so a weekly chain goes on.

    It may also have a `settled` method (a `SettledHook`), called once per post inside the transaction that
    settles it, with the id Discord gave each message that went out (by its name within the post, see
    `targets`), the ones a process sent before it died included: to keep a card's message id, say. A hook
    that raises is logged, and the post settles without it."""

    async def render(self, db: Store, post: Post) -> Rendered: ...


SettledHook = Callable[[Tx, Post, dict[str, int]], Awaitable[None]]


def on_queued(db: Store, wake: Callable[[], None]) -> Callable[[], None]:
    """Call `wake` after each transaction on `db` that queued a post commits; returns the undo."""
    callbacks = db.post_wakers
    callbacks.append(wake)
    return lambda: callbacks.remove(wake) if wake in callbacks else None


def _wake(db: Store) -> None:
    for wake in list(db.post_wakers):
        wake()


def _check(guild_id: int, kind: str, key: str, due: datetime | None = None) -> None:
    if guild_id <= 0 or not kind or not key or len(key) > MAX_KEY:
        raise ValueError(f"a post needs a guild, a kind and a key of 1-{MAX_KEY} characters: {kind!r}, {key!r}")
    if due is not None and due.utcoffset() is None:
        raise ValueError(f"a post's due instant must be timezone-aware: {due!r}")


async def queue_post(tx: Tx, *, guild_id: int, kind: str, key: str, due: datetime, payload: dict[str, Any]) -> bool:
    """Queue a post inside the caller's transaction; False (and nothing changed) when (guild, kind, key) was
    queued before, sent or not (a post settled more than KEEP_SETTLED ago is forgotten). `payload` must be JSON
    (TypeError otherwise); the dispatcher wakes when the transaction commits."""
    _check(guild_id, kind, key, due)
    queued = await rows.insert(tx, guild_id, kind, key, due, payload)
    if queued:
        tx.after_commit(lambda: _wake(tx.store))
    return queued


async def cancel_posts(tx: Tx, *, guild_id: int, kind: str, key_prefix: str) -> int:
    """Remove the unsent posts of `kind` whose key starts with `key_prefix`; how many. A post being sent right
    now may still go out (its messages are already on their way)."""
    _check(guild_id, kind, key_prefix or "-")
    return await rows.cancel(tx, guild_id, kind, key_prefix)


def targets(messages: list[Outgoing]) -> list[str]:
    """Each message's name within its post: its target, numbered when one target gets several."""
    seen: Counter[str] = Counter()
    names = []
    for message in messages:
        if (message.channel_id is None) == (message.dm_user_id is None):
            raise ValueError("a post's message needs exactly one target: channel_id or dm_user_id")
        target = f"c{message.channel_id}" if message.channel_id is not None else f"u{message.dm_user_id}"
        names.append(f"{target}#{seen[target]}")  # as `channel_message` says
        seen[target] += 1
    return names


def channel_message(channel_id: int, n: int = 0) -> str:
    """The name of a post's n-th message (from 0) to that channel, as `targets` gives it."""
    return f"c{channel_id}#{n}"


def post_nonce(post_id: int, target: str) -> str:
    """The same for every send of one message of one post, different for every other message."""
    return hashlib.blake2b(f"post:{post_id}:{target}".encode(), digest_size=12).hexdigest()


def grace_of(handler: PostKind, default: timedelta) -> timedelta | None:
    return getattr(handler, "grace", default)


def settled_hook(handler: PostKind | None) -> SettledHook | None:
    return getattr(handler, "settled", None)
