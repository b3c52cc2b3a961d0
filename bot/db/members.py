"""Member profiles: units, time zone, goals, leaderboard opt-out, pending notices."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from weakref import WeakKeyDictionary

from bot.db.engine import Database, Tx
from bot.running.models import Profile

__all__ = ["Profile"]  # its home is bot.running.models


PROFILE_FIELDS = (
    "units",
    "timezone",
    "goal_race",
    "goal_date",
    "weekly_goal_m",
    "leaderboard",
    "zone_noticed",
    "weekly_summary",
)


PROFILE_CACHE_SIZE = 50_000
Key = tuple[int, int]  # (guild_id, user_id)


@dataclass(slots=True)
class MemberCache:
    """Profiles and who has a notice waiting, kept beside the members table.

    On an exclusive database (SQLite) this process is the only writer of `members`, and every write goes
    through this module, which updates the cache in the same call: commands read a profile, and check for
    a pending notice after every command, without a database round trip. A shared database (PostgreSQL,
    several processes) is read every time instead: another process may have written.
    """

    profiles: dict[Key, Profile] = field(default_factory=dict)
    # Members who may have a notice (a superset: a rolled-back set_notice leaves a harmless extra key).
    notices: set[Key] | None = None  # None until loaded

    def remember(self, profile: Profile) -> None:
        if len(self.profiles) >= PROFILE_CACHE_SIZE:
            self.profiles.pop(next(iter(self.profiles)))  # the oldest entry
        self.profiles[(profile.guild_id, profile.user_id)] = profile

    def forget(self, guild_id: int, user_id: int) -> None:
        self.profiles.pop((guild_id, user_id), None)


_caches: WeakKeyDictionary[Database, MemberCache] = WeakKeyDictionary()


def member_cache(db: Database | Tx) -> MemberCache:
    owner = getattr(db, "db", db)  # a Tx answers for its Database
    cache = _caches.get(owner)
    if cache is None:
        cache = _caches[owner] = MemberCache()
    return cache


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
        zone_noticed=bool(row["zone_noticed"]),
        weekly_summary=bool(row["weekly_summary"]),
    )


def _exclusive(db: Database | Tx) -> bool:
    return getattr(db, "db", db).exclusive


async def get_profile(db: Database | Tx, guild_id: int, user_id: int) -> Profile:
    """The member's profile, or the defaults when they have never set one."""
    exclusive = _exclusive(db)
    if exclusive:
        cached = member_cache(db).profiles.get((guild_id, user_id))
        if cached is not None:
            return cached
    row = await db.fetchone("SELECT * FROM members WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))
    profile = _profile(row) if row else Profile(guild_id, user_id)
    if exclusive:
        member_cache(db).remember(profile)
    return profile


async def ensure_member(tx: Tx, guild_id: int, user_id: int) -> None:
    await tx.execute(
        "INSERT INTO members (guild_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (guild_id, user_id, now_iso()),
    )


async def update_profile(tx: Tx, guild_id: int, user_id: int, **changes: object) -> None:
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"unknown profile fields: {sorted(unknown)}")
    await ensure_member(tx, guild_id, user_id)
    if not changes:
        return
    member_cache(tx).forget(guild_id, user_id)  # also if the transaction rolls back: re-read next time
    values = [v.isoformat() if isinstance(v, date) else int(v) if isinstance(v, bool) else v for v in changes.values()]
    assignments = ", ".join(f"{name} = ?" for name in changes)
    await tx.execute(
        f"UPDATE members SET {assignments} WHERE guild_id = ? AND user_id = ?",
        (*values, guild_id, user_id),
    )


async def mark_zone_noticed(db: Database, profile: Profile) -> Profile:
    """Remember that the member was told which zone their runs are dated in (written through the cache).
    Once per member, one statement: the run they just logged already created their row."""
    async with db.unit() as tx:
        await tx.execute(
            "INSERT INTO members (guild_id, user_id, created_at, zone_noticed) VALUES (?, ?, ?, 1)"
            " ON CONFLICT (guild_id, user_id) DO UPDATE SET zone_noticed = 1",
            (profile.guild_id, profile.user_id, now_iso()),
        )
    told = replace(profile, zone_noticed=True)
    cache = member_cache(db)
    if cache.profiles.get((profile.guild_id, profile.user_id)) is profile:
        cache.remember(told)
    else:  # changed meanwhile (e.g. a /profile set): `profile` is stale, read it again next time
        cache.forget(profile.guild_id, profile.user_id)
    return told


async def load_notices(db: Database) -> None:
    """Learn who has a notice waiting (at start-up; pop_notice does it on first use otherwise)."""
    if not _exclusive(db):
        return  # a shared database is asked on every pop_notice
    rows = await db.fetchall("SELECT guild_id, user_id FROM members WHERE notice IS NOT NULL")
    member_cache(db).notices = {(row[0], row[1]) for row in rows}


# PostgreSQL: read and clear in one statement (the subquery sees the row before the update).
_TAKE_NOTICE = (
    "UPDATE members m SET notice = NULL FROM (SELECT guild_id, user_id, notice FROM members"
    " WHERE guild_id = ? AND user_id = ? AND notice IS NOT NULL FOR UPDATE) old"
    " WHERE m.guild_id = old.guild_id AND m.user_id = old.user_id RETURNING old.notice"
)


async def pop_notice(db: Database, guild_id: int, user_id: int) -> str | None:
    """A message waiting for the member (e.g. a paused reminder), cleared once read."""
    if not _exclusive(db):  # another process may have left it: one statement takes it
        row = await db.fetchone(_TAKE_NOTICE, (guild_id, user_id))
        return row["notice"] if row else None
    # Runs after every command: the in-memory set answers "nothing waiting" without the database.
    cache = member_cache(db)
    if cache.notices is None:
        await load_notices(db)
        assert cache.notices is not None
    if (guild_id, user_id) not in cache.notices:
        return None
    cache.notices.discard((guild_id, user_id))
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
    notices = member_cache(tx).notices
    if notices is not None:
        notices.add((guild_id, user_id))
