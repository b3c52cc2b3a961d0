"""The club leaderboard: one server's distance totals over a date range.

`since` is a date compared with each run's `run_date`, which is the member's local date. The cog passes
the first day of the period in UTC (Monday of the UTC week, the 1st of the UTC month or year), so a run
counts in the period its member logged it in, give or take the hours between the member's zone and UTC.
Members who opted out (`members.leaderboard = 0`) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.db.connection import Database

# Served by runs_guild_date (guild_id, run_date, user_id, distance_m): an index-only range scan.
_TOTALS = (
    "SELECT r.user_id, sum(r.distance_m) AS distance_m, count(*) AS runs"
    " FROM runs r"
    " WHERE r.guild_id = :guild AND r.run_date >= :since"
    " AND NOT EXISTS (SELECT 1 FROM members m"
    " WHERE m.guild_id = r.guild_id AND m.user_id = r.user_id AND m.leaderboard = 0)"
    " GROUP BY r.user_id"
)
_ORDER = "ORDER BY distance_m DESC, runs DESC, user_id"
TOP_SQL = f"{_TOTALS} {_ORDER} LIMIT :limit"  # public for the benchmark's EXPLAIN QUERY PLAN


@dataclass(frozen=True, slots=True)
class Standing:
    rank: int  # 1-based
    user_id: int
    distance_m: float
    runs: int


async def leaderboard(db: Database, guild_id: int, since: date, limit: int = 10) -> list[Standing]:
    """The top `limit` members by distance from `since` on (ties: more runs, then lower user id)."""
    rows = await db.fetchall(
        TOP_SQL,
        {"guild": guild_id, "since": since.isoformat(), "limit": limit},
    )
    return [Standing(i, row["user_id"], row["distance_m"], row["runs"]) for i, row in enumerate(rows, start=1)]


async def standing_of(db: Database, guild_id: int, since: date, user_id: int) -> Standing | None:
    """One member's place on the full board, or None when they have no runs or opted out."""
    row = await db.fetchone(
        f"SELECT * FROM (SELECT user_id, distance_m, runs, row_number() OVER ({_ORDER}) AS rank FROM ({_TOTALS}))"
        " WHERE user_id = :user",
        {"guild": guild_id, "since": since.isoformat(), "user": user_id},
    )
    return Standing(row["rank"], row["user_id"], row["distance_m"], row["runs"]) if row else None
