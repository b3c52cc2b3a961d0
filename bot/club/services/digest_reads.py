"""What the weekly digest reads: last week's club numbers and the week ahead, in two round trips (the
server's zone, which dates everything, then the rest in one statement: `Store.digests`)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.club import digest as rules
from bot.club.digest import Digest
from bot.club.services.zone import server_zone
from bot.db.store import Store


async def build(db: Store, guild_id: int, due: datetime, zone: str | None = None) -> Digest:
    """What the digest due at `due` says: last week (Monday to Sunday, server's zone) and the week ahead.
    A caller that already read the server's zone passes it (`zone`), saving that round trip."""
    zone = zone or await server_zone(db, guild_id)
    monday = rules.last_week(due, zone)
    today = due.astimezone(ZoneInfo(zone)).date()
    return await db.digests.read(guild_id, monday, today, due)
