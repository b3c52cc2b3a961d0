"""The weekly digest and the feed: settings (managers), the digest's numbers, and feed posts and kudos."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from bot.club import digest as rules
from bot.club import posts
from bot.club.services.zone import server_zone
from bot.db import audit
from bot.db import club_settings as store
from bot.db.store import Store

SCOPE = 0


@dataclass(frozen=True, slots=True)
class DigestPlan:
    channel_id: int
    day: int
    at: time
    zone: str
    first: datetime


async def set_digest(db: Store, guild_id: int, user_id: int, channel_id: int, day: str | None, at: str | None,
                     now: datetime) -> DigestPlan:  # fmt: skip
    weekday, clock = rules.parse_day_name(day), rules.parse_clock(at)
    zone = await server_zone(db, guild_id)
    first = rules.next_instant(weekday, clock, zone, now)
    async with db.transaction(guild_id, SCOPE) as tx:
        await store.set_digest(tx, guild_id, user_id, channel_id, weekday, clock)
        await posts.schedule_digest(tx, guild_id, first, replace=True)
        detail = {"channel": channel_id, "day": rules.DAYS[weekday], "time": clock.strftime("%H:%M")}
        await audit.record(tx, guild_id, user_id, "digest:set", None, detail)
    return DigestPlan(channel_id, weekday, clock, zone, first)


async def digest_off(db: Store, guild_id: int, user_id: int) -> bool:
    async with db.transaction(guild_id, SCOPE) as tx:
        current = await store.settings(tx, guild_id)
        if current.digest_channel_id is None:
            return False
        await store.set_digest(tx, guild_id, user_id, None, None, None)
        await posts.cancel_digest(tx, guild_id)
        await audit.record(tx, guild_id, user_id, "digest:off", None, {})
    return True


async def set_feed(db: Store, guild_id: int, user_id: int, channel_id: int | None) -> bool:
    async with db.transaction(guild_id, SCOPE) as tx:
        before = await store.settings(tx, guild_id)
        if channel_id is None and before.feed_channel_id is None:
            return False
        await store.set_feed(tx, guild_id, user_id, channel_id)
        await audit.record(tx, guild_id, user_id, "feed:set" if channel_id else "feed:off", None,
                           {"channel": channel_id} if channel_id else {})  # fmt: skip
    return True


async def kudos(db: Store, guild_id: int, run_id: int, user_id: int) -> tuple[int | None, bool, int]:
    return await store.give_kudos(db, guild_id, run_id, user_id)
