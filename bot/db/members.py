"""Member profiles: units, time zone, goals, leaderboard opt-out, pending notices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.db.connection import Database, Tx


@dataclass(frozen=True, slots=True)
class Profile:
    guild_id: int
    user_id: int
    units: str = "km"
    timezone: str = "UTC"
    goal_race: str | None = None
    goal_date: date | None = None
    weekly_goal_m: float | None = None
    leaderboard: bool = True


PROFILE_FIELDS = ("units", "timezone", "goal_race", "goal_date", "weekly_goal_m", "leaderboard")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _profile(row) -> Profile:
    return Profile(
        guild_id=row["guild_id"],
        user_id=row["user_id"],
        units=row["units"],
        timezone=row["timezone"],
        goal_race=row["goal_race"],
        goal_date=date.fromisoformat(row["goal_date"]) if row["goal_date"] else None,
        weekly_goal_m=row["weekly_goal_m"],
        leaderboard=bool(row["leaderboard"]),
    )


async def get_profile(db: Database | Tx, guild_id: int, user_id: int) -> Profile:
    """The member's profile, or the defaults when they have never set one."""
    row = await db.fetchone("SELECT * FROM members WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))
    return _profile(row) if row else Profile(guild_id, user_id)


async def ensure_member(tx: Tx, guild_id: int, user_id: int) -> None:
    await tx.execute(
        "INSERT OR IGNORE INTO members (guild_id, user_id, created_at) VALUES (?, ?, ?)",
        (guild_id, user_id, now_iso()),
    )


async def update_profile(tx: Tx, guild_id: int, user_id: int, **changes: object) -> None:
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"unknown profile fields: {sorted(unknown)}")
    await ensure_member(tx, guild_id, user_id)
    if not changes:
        return
    values = [v.isoformat() if isinstance(v, date) else int(v) if isinstance(v, bool) else v for v in changes.values()]
    assignments = ", ".join(f"{name} = ?" for name in changes)
    await tx.execute(
        f"UPDATE members SET {assignments} WHERE guild_id = ? AND user_id = ?",
        (*values, guild_id, user_id),
    )


async def pop_notice(db: Database, guild_id: int, user_id: int) -> str | None:
    """A message waiting for the member (e.g. a paused reminder), cleared once read."""
    # Runs after every command: a plain read first, a write transaction only when there is one.
    if (
        await db.fetchone(
            "SELECT 1 FROM members WHERE guild_id = ? AND user_id = ? AND notice IS NOT NULL", (guild_id, user_id)
        )
        is None
    ):
        return None
    async with db.transaction() as tx:
        row = await tx.fetchone(
            "SELECT notice FROM members WHERE guild_id = ? AND user_id = ? AND notice IS NOT NULL",
            (guild_id, user_id),
        )
        if row is None:
            return None
        await tx.execute("UPDATE members SET notice = NULL WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))
        return row["notice"]


async def set_notice(tx: Tx, guild_id: int, user_id: int, notice: str) -> None:
    await ensure_member(tx, guild_id, user_id)
    await tx.execute("UPDATE members SET notice = ? WHERE guild_id = ? AND user_id = ?", (notice, guild_id, user_id))
