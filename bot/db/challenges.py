"""Challenges in storage: SQL both engines share. Progress itself is kept by the runs triggers (SQLite
0014, PostgreSQL 0010); what is here reads it, and writes what members and managers change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from bot.club.challenges import Challenge, Standing
from bot.db.engine import Database, Row, Tx, fetch_value

_COLUMNS = (
    "c.id, c.guild_id, c.name, c.metric, c.goal, c.mode, c.units, c.start_date, c.end_date, c.ends_at,"
    " c.channel_id, c.message_id, c.created_by, c.total, c.reached_on, c.ended_by"
)
_PARTICIPANTS = "c.participants"
# What one run adds to a challenge of metric :metric (the triggers' rule, for a late join's sum).
_AMOUNT = (
    "CASE CAST(:metric AS TEXT) WHEN 'distance' THEN r.distance_m WHEN 'time' THEN r.duration_s"
    " WHEN 'runs' THEN 1 ELSE coalesce(r.elevation_gain_m, 0) END"
)
_OPTED_OUT = "EXISTS (SELECT 1 FROM members p WHERE p.guild_id = :g AND p.user_id = m.user_id AND p.leaderboard = 0)"


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _challenge(row: Row | Sequence[Any]) -> Challenge:
    (cid, guild_id, name, metric, goal, mode, units, start, end, ends_at, channel_id, message_id, created_by,
     total, reached_on, ended_by, *rest) = row  # fmt: skip
    return Challenge(
        id=cid,
        guild_id=guild_id,
        name=name,
        metric=metric,
        goal=goal,
        mode=mode,
        units=units,
        start=date.fromisoformat(start),
        end=date.fromisoformat(end),
        ends_at=datetime.fromisoformat(ends_at),
        channel_id=channel_id,
        message_id=message_id,
        created_by=created_by,
        total=float(total),
        reached_on=date.fromisoformat(reached_on) if reached_on else None,
        ended_by=ended_by,
        participants=int(rest[0]) if rest else 0,
    )


async def open_names(db: Database | Tx, guild_id: int, now: datetime) -> list[str]:
    """Names of the server's active and upcoming challenges (their count is the limit's)."""
    rows = await db.fetchall(
        "SELECT name FROM challenges WHERE guild_id = ? AND ends_at > ? ORDER BY id", (guild_id, iso(now))
    )
    return [row[0] for row in rows]


async def insert(
    tx: Tx,
    *,
    guild_id: int,
    name: str,
    metric: str,
    goal: float,
    mode: str,
    units: str,
    start: date,
    end: date,
    ends_at: datetime,
    channel_id: int,
    created_by: int,
    now: datetime,
) -> int:
    return await tx.insert(
        "INSERT INTO challenges (guild_id, name, metric, goal, mode, units, start_date, end_date, ends_at,"
        " channel_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (guild_id, name, metric, goal, mode, units, start.isoformat(), end.isoformat(), iso(ends_at), channel_id,
         created_by, iso(now)),
    )  # fmt: skip


async def set_card(db: Database, challenge_id: int, message_id: int) -> None:
    async with db.unit() as tx:
        await tx.execute("UPDATE challenges SET message_id = ? WHERE id = ?", (message_id, challenge_id))


async def get(db: Database | Tx, guild_id: int, challenge_id: int) -> Challenge | None:
    row = await db.fetchone(
        f"SELECT {_COLUMNS}, {_PARTICIPANTS} FROM challenges c WHERE c.guild_id = ? AND c.id = ?",
        (guild_id, challenge_id),
    )
    return _challenge(row) if row else None


async def by_name(db: Database | Tx, guild_id: int, name: str, now: datetime) -> Challenge | None:
    """The server's challenge of that name (any case): an open one first, else the latest ended one."""
    row = await db.fetchone(
        f"SELECT {_COLUMNS}, {_PARTICIPANTS} FROM challenges c WHERE c.guild_id = ? AND lower(c.name) = lower(?)"
        " ORDER BY CASE WHEN c.ends_at > ? THEN 0 ELSE 1 END, c.ends_at DESC, c.id DESC LIMIT 1",
        (guild_id, name, iso(now)),
    )
    return _challenge(row) if row else None


async def listed(db: Database | Tx, guild_id: int, since: datetime) -> list[Challenge]:
    """Challenges still counting or stopped after `since`, soonest end first."""
    rows = await db.fetchall(
        f"SELECT {_COLUMNS}, {_PARTICIPANTS} FROM challenges c WHERE c.guild_id = ? AND c.ends_at > ?"
        " ORDER BY c.ends_at, c.id",
        (guild_id, iso(since)),
    )
    return [_challenge(row) for row in rows]


async def lock_member(tx: Tx, guild_id: int, user_id: int) -> None:
    """Hold the member's club lock until the transaction ends: their runs in flight are in first, and the
    next ones wait (PostgreSQL; SQLite's one writer at a time needs nothing, and the row is dropped)."""
    await tx.execute("INSERT INTO club_locks (guild_id, user_id) VALUES (?, ?)", (guild_id, user_id))


async def join(tx: Tx, challenge: Challenge, user_id: int, today: date, now: datetime) -> tuple[float, bool]:
    """Take part (again): the member's runs already in the window are summed once; the runs triggers count
    the ones to come. Returns their progress and whether they were taking part already."""
    params = {
        "c": challenge.id,
        "g": challenge.guild_id,
        "u": user_id,
        "metric": challenge.metric,
        "start": challenge.start.isoformat(),
        "end": challenge.end.isoformat(),
        "now": iso(now),
        "today": today.isoformat(),
        "goal": challenge.goal - 1e-9,
    }
    await lock_member(tx, challenge.guild_id, user_id)
    before = await tx.fetchone(
        "SELECT active, value FROM challenge_members WHERE challenge_id = :c AND user_id = :u", params
    )
    if before is not None and before[0] == 1:
        return float(before[1]), True
    total = await fetch_value(
        tx,
        f"SELECT coalesce(sum({_AMOUNT}), 0) FROM runs r"
        " WHERE r.guild_id = :g AND r.user_id = :u AND r.run_date BETWEEN :start AND :end",
        params,
    )
    params["value"] = value = float(total)
    await tx.execute(
        "INSERT INTO challenge_members (challenge_id, guild_id, user_id, value, active, joined_at)"
        " VALUES (:c, :g, :u, :value, 1, :now)"
        " ON CONFLICT (challenge_id, user_id) DO UPDATE SET value = excluded.value, active = 1,"
        " joined_at = excluded.joined_at",
        params,
    )
    # Only a club challenge keeps a total (the runs triggers add to it as they come).
    await tx.execute(
        "UPDATE challenges SET participants = participants + 1,"
        " total = CASE WHEN mode = 'club' THEN total + :value ELSE total END WHERE id = :c",
        params,
    )
    if challenge.mode == "individual":
        await tx.execute(
            "UPDATE challenge_members SET finished_on = :today WHERE challenge_id = :c AND user_id = :u"
            " AND finished_on IS NULL AND value >= :goal",
            params,
        )
    else:
        await tx.execute(
            "UPDATE challenges SET reached_on = :today WHERE id = :c AND reached_on IS NULL AND total >= :goal",
            params,
        )
    return value, False


async def leave(tx: Tx, challenge: Challenge, user_id: int) -> bool:
    """Stop taking part: their progress leaves the total (the row stays, so a rejoin is not congratulated
    again). False when they were not taking part."""
    await lock_member(tx, challenge.guild_id, user_id)
    row = await tx.fetchone(
        "SELECT value FROM challenge_members WHERE challenge_id = ? AND user_id = ? AND active = 1",
        (challenge.id, user_id),
    )
    if row is None:
        return False
    await tx.execute(
        "UPDATE challenge_members SET active = 0, value = 0 WHERE challenge_id = ? AND user_id = ?",
        (challenge.id, user_id),
    )
    await tx.execute(
        "UPDATE challenges SET participants = participants - 1,"
        " total = CASE WHEN mode = 'club' THEN total - ? ELSE total END WHERE id = ?",
        (row[0], challenge.id),
    )
    return True


async def end_now(tx: Tx, challenge_id: int, user_id: int, now: datetime) -> bool:
    changed = await tx.execute(
        "UPDATE challenges SET ends_at = ?, ended_by = ? WHERE id = ? AND ends_at > ?",
        (iso(now), user_id, challenge_id, iso(now)),
    )
    return changed > 0


async def delete(tx: Tx, challenge_id: int) -> bool:
    await tx.execute("DELETE FROM challenge_members WHERE challenge_id = ?", (challenge_id,))
    return await tx.execute("DELETE FROM challenges WHERE id = ?", (challenge_id,)) > 0


_BOARD = """
SELECT
    (SELECT c.participants FROM challenges c WHERE c.id = :c),
    (SELECT count(*) FROM challenge_members m WHERE m.challenge_id = :c AND m.active = 1 AND m.value >= :goal),
    me.value, me.finished_on, me.active,
    (SELECT count(*) FROM challenge_members m WHERE m.challenge_id = :c AND m.active = 1 AND m.value > me.value)
FROM (SELECT 1) one
LEFT JOIN challenge_members me ON me.challenge_id = :c AND me.user_id = :viewer AND me.active = 1
"""
# The leaders: the first entries of one index range, members who opted out of leaderboards skipped.
_LEADERS = f"""
SELECT m.user_id, m.value, m.finished_on FROM challenge_members m
WHERE m.challenge_id = :c AND m.active = 1 AND NOT {_OPTED_OUT}
ORDER BY m.value DESC, m.user_id DESC LIMIT :top
"""


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


async def board(
    db: Database, challenge: Challenge, viewer: int | None, top: int
) -> tuple[list[Standing], int, int, Standing | None]:
    """(leaders, participants, finishers, the viewer's standing)."""
    params = {"c": challenge.id, "g": challenge.guild_id, "goal": challenge.goal - 1e-9, "viewer": viewer or 0,
              "top": top}  # fmt: skip
    async with db.unit() as tx:  # one connection for both reads
        counts = await tx.fetchone(_BOARD, params)
        rows = await tx.fetchall(_LEADERS, params)
    assert counts is not None
    participants, finishers, value, finished_on, active, above = counts
    leaders = [Standing(r[0], float(r[1]), _day(r[2]), place) for place, r in enumerate(rows, start=1)]
    me = Standing(viewer or 0, float(value), _day(finished_on), above + 1) if active else None
    return leaders, participants, finishers, me


async def owed(db: Database | Tx, guild_id: int | None) -> list[tuple[str, int, int]]:
    """Congratulations owed and not yet queued: ('member', challenge id, user id) or ('club', id, 0)."""
    where_m = "AND m.guild_id = :g" if guild_id is not None else ""
    where_c = "AND c.guild_id = :g" if guild_id is not None else ""
    rows = await db.fetchall(
        "SELECT 'member', m.challenge_id, m.user_id FROM challenge_members m"
        f" WHERE m.finished_on IS NOT NULL AND m.congratulated = 0 {where_m}"
        " UNION ALL SELECT 'club', c.id, 0 FROM challenges c"
        f" WHERE c.reached_on IS NOT NULL AND c.congratulated = 0 {where_c}",
        {"g": guild_id} if guild_id is not None else {},
    )
    return [(row[0], row[1], row[2]) for row in rows]


async def mark_congratulated(tx: Tx, kind: str, challenge_id: int, user_id: int) -> bool:
    """True when this call took the congratulation (another process may have taken it first)."""
    params: tuple[int, ...]
    if kind == "club":
        sql, params = "UPDATE challenges SET congratulated = 1 WHERE id = ? AND congratulated = 0", (challenge_id,)
    else:
        sql = (
            "UPDATE challenge_members SET congratulated = 1"
            " WHERE challenge_id = ? AND user_id = ? AND congratulated = 0"
        )
        params = (challenge_id, user_id)
    return await tx.execute(sql, params) > 0


async def member_rows(db: Database | Tx, guild_id: int, user_id: int) -> list[dict[str, Any]]:
    """The member's participations, for /me export."""
    rows = await db.fetchall(
        "SELECT c.name, c.metric, c.goal, c.mode, c.start_date, c.end_date, m.value, m.active, m.joined_at,"
        " m.finished_on FROM challenge_members m JOIN challenges c ON c.id = m.challenge_id"
        " WHERE m.guild_id = ? AND m.user_id = ? ORDER BY c.id",
        (guild_id, user_id),
    )
    return [dict(row) for row in rows]


async def forget_member(tx: Tx, guild_id: int, user_id: int) -> int:
    """Take the member out of every challenge (after their runs went, whose triggers took their share out of
    club totals): the participant counts follow."""
    await tx.execute(
        "UPDATE challenges SET participants = participants - 1 WHERE id IN (SELECT challenge_id FROM challenge_members"
        " WHERE guild_id = ? AND user_id = ? AND active = 1)",
        (guild_id, user_id),
    )
    return await tx.execute("DELETE FROM challenge_members WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))
