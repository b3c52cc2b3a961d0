"""The server's zone for club dates: its club reminder's zone, else UTC."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.db import leaderboard as board_db
from bot.db.store import Store


async def server_zone(db: Store, guild_id: int) -> str:
    name = await board_db.server_zone(db, guild_id)
    try:
        ZoneInfo(name or "UTC")
    except (KeyError, ValueError):
        return "UTC"
    return name or "UTC"


async def server_today(db: Store, guild_id: int, now: datetime) -> tuple[str, date]:
    zone = await server_zone(db, guild_id)
    return zone, now.astimezone(ZoneInfo(zone)).date()
