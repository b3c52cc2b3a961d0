"""The feed's post of a member's new runs, queued in the runs' own transaction: it goes out once, through
the outbox (bot.club.posts.FeedRun renders it when it is sent), even when the process dies right after the
run is in. Only for members who opted in (their profile says so, from the member cache: others pay
nothing), at most DAILY_LIMIT a member a day (their day), decided when it is queued.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from bot.club import posts
from bot.club.feed import DAILY_LIMIT, FeedItem, to_payload
from bot.db import club_settings as store
from bot.db.engine import Tx
from bot.db.storage import WithRuns
from bot.reminders.outbox import queue_post
from bot.running.models import Profile


def with_runs(profile: Profile, day: date, now: datetime, item: Callable[[list[int]], FeedItem]) -> WithRuns | None:
    """The feed's step in the transaction that writes the member's runs (given their ids, `item` says what the
    post shows), or None for a member who is not in the feed."""
    if not profile.feed:
        return None

    async def queue(tx: Tx, run_ids: list[int]) -> None:
        await queue_feed_post(tx, profile.guild_id, profile.user_id, day, now, item(run_ids))

    return queue


async def queue_feed_post(tx: Tx, guild_id: int, user_id: int, day: date, now: datetime, item: FeedItem) -> bool:
    """Take one of the member's posts of `day` and queue the post; False (nothing written) past the limit, or
    when the member or the server has no feed. The transaction is scoped to the member (bot.db.engine.Database.
    transaction), so two runs logged at once never both take the day's last post."""
    if not await store.take_feed_post(tx, guild_id, user_id, item.run_id, day, item.runs, DAILY_LIMIT):
        return False
    return await queue_post(tx, guild_id=guild_id, kind=posts.FEED, key=f"{item.run_id}:", due=now,
                            payload=to_payload(user_id, item))  # fmt: skip
