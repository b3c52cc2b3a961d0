"""The club leaderboard: one server's distance totals over a date range.

`since` is a date compared with each run's `run_date`, which is the member's local date. The service passes
the first day of the period in the server's zone (its club reminder's zone, else UTC), so a run counts in
the period its member logged it in, give or take the hours between the member's zone and the server's.
Members who opted out (`members.leaderboard = 0`) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.db.store import Store

# `{runs}` is the engine's: SQLite pins the index to read (bot.db.sqlite.driver), PostgreSQL's planner
# costs the range on its own statistics. The opt-out check runs once per member (HAVING), not once per run.
_TOTALS = (
    "SELECT r.user_id, sum(r.distance_m) AS distance_m, count(*) AS runs"
    " FROM {runs}"
    " WHERE r.guild_id = :guild AND r.run_date >= :since"
    " GROUP BY r.user_id"
    " HAVING NOT EXISTS (SELECT 1 FROM members m"
    " WHERE m.guild_id = :guild AND m.user_id = r.user_id AND m.leaderboard = 0)"
)
# Ties: more runs first, then the lower user id, so ranks are stable.
_BOARD = (
    "SELECT * FROM (SELECT user_id, distance_m, runs,"
    f" row_number() OVER (ORDER BY distance_m DESC, runs DESC, user_id) AS rank FROM ({_TOTALS}) totals) ranked"
    " WHERE rank <= :limit OR user_id = :user ORDER BY rank"
)


def board_sql(runs: str) -> str:
    """The board, reading `runs` (the runs table aliased r, with the engine's hint if any)."""
    return _BOARD.format(runs=runs)


@dataclass(frozen=True, slots=True)
class Standing:
    rank: int  # 1-based
    user_id: int
    distance_m: float
    runs: int


async def leaderboard(
    db: Store, guild_id: int, since: date, limit: int = 10, *, include_user: int | None = None
) -> list[Standing]:
    """The top `limit` members by distance from `since` on, and (in the same pass) `include_user`'s
    standing after them when that member is further down the board."""
    params = {"guild": guild_id, "since": since.isoformat(), "limit": limit, "user": include_user}
    rows = await db.fetchall(db.statements.leaderboard, params)
    return [Standing(row["rank"], row["user_id"], row["distance_m"], row["runs"]) for row in rows]


async def standing_of(db: Store, guild_id: int, since: date, user_id: int) -> Standing | None:
    """One member's place on the full board, or None when they have no runs or opted out."""
    found = await leaderboard(db, guild_id, since, 0, include_user=user_id)
    return found[0] if found else None


async def server_zone(db: Store, guild_id: int) -> str | None:
    """The zone of the server's club reminder (`/server reminder`), None when it has none."""
    row = await db.fetchone("SELECT timezone FROM server_reminders WHERE guild_id = ?", (guild_id,))
    return row["timezone"] if row else None


async def club_activity(db: Store, guild_id: int, since: date) -> tuple[int, int, int]:
    """(members who ever logged a run, runs dated `since` or later, members who logged them) in the server;
    opted-out members count too: these are totals, not a ranking."""
    row = await db.fetchone(
        "SELECT (SELECT count(*) FROM member_totals WHERE guild_id = :guild AND runs > 0) AS members,"
        " count(*) AS runs, count(DISTINCT user_id) AS active"
        " FROM runs WHERE guild_id = :guild AND run_date >= :since",
        {"guild": guild_id, "since": since.isoformat()},
    )
    return (row["members"] or 0, row["runs"] or 0, row["active"] or 0) if row else (0, 0, 0)
