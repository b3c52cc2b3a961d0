"""Member profiles: units, time zone, goals, leaderboard opt-out, pending notices."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from bot.db.engine import Row, Tx, store_of
from bot.running.models import Profile

if TYPE_CHECKING:
    from bot.db.store import Store

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


MEMBER_CHANNEL = "stride_members"  # PostgreSQL: every change to a member's row (its migration 0008's trigger)


@dataclass(slots=True)
class MemberCache:
    """Profiles and who has a notice waiting, kept beside the members table while `trusted`.

    On an exclusive database (SQLite) this process is the only writer of `members`, and every write goes
    through this module, which updates the cache in the same call. On a shared database (PostgreSQL,
    several processes) the cache is trusted only while this process hears every change to `members`, its
    own and other processes' (a trigger and `bot.db.postgres.listener`): a change drops
    the member's profile, and says whether their row now holds a notice. A change made by another process
    is seen once heard (milliseconds; a guild's commands all go to one process, so such a change is rare).
    Without the listener (lost, or not started) every read goes to the database. While trusted, a command
    reads the profile, and the check for a pending notice after every command answers, with no round trip.
    """

    profiles: dict[Key, Profile] = field(default_factory=dict)
    # Members who may have a notice (a superset: a rolled-back set_notice leaves a harmless extra key).
    notices: set[Key] | None = None  # None until loaded
    trusted: bool = False
    changes: int = 0  # changes heard so far: a read that overlapped one is not kept

    def remember(self, profile: Profile) -> None:
        if len(self.profiles) >= PROFILE_CACHE_SIZE:
            self.profiles.pop(next(iter(self.profiles)))  # the oldest entry
        self.profiles[(profile.guild_id, profile.user_id)] = profile

    def forget(self, guild_id: int, user_id: int) -> None:
        self.profiles.pop((guild_id, user_id), None)

    def heard(self, payload: str) -> None:
        """A change to members, announced by the database: "guild:user:1" (the row now holds a notice),
        "guild:user:0", or "*" after a TRUNCATE."""
        self.changes += 1
        if payload == "*":  # every row gone: no profile holds, and no notice can have appeared
            self.profiles.clear()
            return
        guild_id, user_id, notice = payload.split(":")
        key = (int(guild_id), int(user_id))
        self.profiles.pop(key, None)
        if self.notices is not None and notice == "1":
            self.notices.add(key)

    def lost(self) -> None:
        """Changes may go unheard from now on: keep nothing."""
        self.trusted = False
        self.changes += 1
        self.profiles.clear()
        self.notices = None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _profile(row: Row) -> Profile:
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
        feed=bool(row["feed"]),
    )


def _cache_for(db: Store | Tx) -> MemberCache | None:
    """The cache, when it may answer for `db`: on a shared database not inside a transaction (whose own
    uncommitted writes must not be kept, and which reads under its own locks)."""
    store = store_of(db)
    cache = store.members
    if not cache.trusted or not (store.exclusive or store is db):
        return None
    return cache


async def get_profile(db: Store | Tx, guild_id: int, user_id: int) -> Profile:
    """The member's profile, or the defaults when they have never set one."""
    cache = _cache_for(db)
    if cache is not None:
        cached = cache.profiles.get((guild_id, user_id))
        if cached is not None:
            return cached
        changes = cache.changes
    row = await db.fetchone("SELECT * FROM members WHERE guild_id = ? AND user_id = ?", (guild_id, user_id))
    profile = _profile(row) if row else Profile(guild_id, user_id)
    if cache is not None and cache.trusted and cache.changes == changes:
        cache.remember(profile)
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
    tx.store.members.forget(guild_id, user_id)  # also if the transaction rolls back: re-read next time
    values = [v.isoformat() if isinstance(v, date) else int(v) if isinstance(v, bool) else v for v in changes.values()]
    assignments = ", ".join(f"{name} = ?" for name in changes)
    await tx.execute(
        f"UPDATE members SET {assignments} WHERE guild_id = ? AND user_id = ?",
        (*values, guild_id, user_id),
    )


async def mark_zone_noticed(db: Store, profile: Profile) -> Profile:
    """Remember that the member was told which zone their runs are dated in (written through the cache).
    Once per member, one statement: the run they just logged already created their row."""
    async with db.unit() as tx:
        await tx.execute(
            "INSERT INTO members (guild_id, user_id, created_at, zone_noticed) VALUES (?, ?, ?, 1)"
            " ON CONFLICT (guild_id, user_id) DO UPDATE SET zone_noticed = 1",
            (profile.guild_id, profile.user_id, now_iso()),
        )
    told = replace(profile, zone_noticed=True)
    cache = db.members
    if cache.profiles.get((profile.guild_id, profile.user_id)) is profile:
        cache.remember(told)
    else:  # changed meanwhile (e.g. a /profile set): `profile` is stale, read it again next time
        cache.forget(profile.guild_id, profile.user_id)
    return told


async def start_member_cache(db: Store) -> None:
    """Learn who has a notice waiting (pop_notice does it on first use otherwise). On a shared database, first
    start hearing every change to members: the cache is trusted from then on, while the listener holds."""
    await db.driver.start_member_cache(db)


async def load_notices(db: Store) -> None:
    rows = await db.fetchall("SELECT guild_id, user_id FROM members WHERE notice IS NOT NULL")
    db.members.notices = {(row[0], row[1]) for row in rows}


# PostgreSQL: read and clear in one statement (the subquery sees the row before the update).
_TAKE_NOTICE = (
    "UPDATE members m SET notice = NULL FROM (SELECT guild_id, user_id, notice FROM members"
    " WHERE guild_id = ? AND user_id = ? AND notice IS NOT NULL FOR UPDATE) old"
    " WHERE m.guild_id = old.guild_id AND m.user_id = old.user_id RETURNING old.notice"
)


async def pop_notice(db: Store, guild_id: int, user_id: int) -> str | None:
    """A message waiting for the member (e.g. a paused reminder), cleared once read. Runs after every command:
    the in-memory set answers "nothing waiting" without the database while the cache is trusted."""
    key = (guild_id, user_id)
    cache = db.members
    if cache.trusted and cache.notices is None:
        await load_notices(db)
    if cache.trusted and cache.notices is not None and key not in cache.notices:
        return None
    if not db.exclusive:  # another process may have left it, or be taking it: one statement takes it
        changes = cache.changes
        row = await db.fetchone(_TAKE_NOTICE, key)
        if cache.notices is not None and cache.changes == changes:
            cache.notices.discard(key)  # unless a change was heard meanwhile: maybe a new notice
        return row["notice"] if row else None
    assert cache.notices is not None
    cache.notices.discard(key)
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
    notices = tx.store.members.notices
    if notices is not None:
        notices.add((guild_id, user_id))
