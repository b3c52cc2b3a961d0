"""What the weekly digest reads: last week's club numbers and the week ahead (index ranges of one server)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.club import digest as rules
from bot.club.digest import Digest
from bot.club.services.zone import server_zone
from bot.db import challenges as challenges_db
from bot.db import club_settings as store
from bot.db import events as events_db
from bot.db import races as races_db
from bot.db.store import Store


async def build(db: Store, guild_id: int, due: datetime) -> Digest:
    """What the digest due at `due` says: last week (Monday to Sunday, server's zone) and the week ahead."""
    zone = await server_zone(db, guild_id)
    monday = rules.last_week(due, zone)
    week = await store.week_totals(db, guild_id, monday)
    before = await store.week_totals(db, guild_id, monday - timedelta(days=7))
    records = await store.records_between(db, guild_id, monday, monday + timedelta(days=6))
    today = due.astimezone(ZoneInfo(zone)).date()
    open_now = [c for c in await challenges_db.listed(db, guild_id, due) if c.status(due, today) == "active"]
    boards = []
    for challenge in open_now:
        leaders, *_ = await challenges_db.board(db, challenge, None, 3)
        boards.append((challenge, leaders))
    coming = await events_db.between(db, guild_id, due, due + timedelta(days=7))
    races = await races_db.club(db, guild_id, today, today + timedelta(days=6))
    return Digest(monday, week, before, records, boards, coming, races)
