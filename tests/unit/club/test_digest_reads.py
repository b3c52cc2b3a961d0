"""The weekly digest's reads: what a seeded club week gives (the same as the challenge, event and race lists'
own reads give), and how few round trips it takes, on the engine the suite runs on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.club import digest as rules
from bot.club.digest import Digest, WeekTotals
from bot.club.services import challenges as challenge_service
from bot.club.services.challenges import ChallengeForm
from bot.club.services.digest_reads import build
from bot.db import challenges as challenges_db
from bot.db import events as events_db
from bot.db import races as races_db
from bot.db.members import update_profile
from bot.db.store import Store
from bot.running.services import runs
from bot.running.services.runs import RunForm

GUILD, OTHER, ADMIN, SHY = 1, 2, 10, 19
DUE = datetime(2026, 12, 7, 9, tzinfo=UTC)  # a Monday: last week is Nov 30 - Dec 6
LAST_MONDAY = date(2026, 11, 30)


async def seed(db: Store, guild: int) -> None:
    """Two weeks of runs (one member off leaderboards), challenges active, upcoming and ended (with ties in the
    standings), group runs inside and outside the coming week (one cancelled), shared and private races."""
    async with db.transaction() as tx:
        await update_profile(tx, guild, SHY, leaderboard=False)
    logged = [(20, "10k", "50:00", 0), (21, "21.1k", "1:45:00", 2), (22, "5k", "25:00", 6), (SHY, "5k", "19:00", 1),
              (20, "8k", "40:00", -3), (23, "5k", "30:00", -6), (24, "42.2k", "3:30:00", 3)]  # fmt: skip
    for user, distance, time, day in logged:
        form = RunForm(distance, time, (LAST_MONDAY + timedelta(days=day)).isoformat())
        await runs.log_run(db, guild, user, form, DUE)
    made = {}
    for name, goal, mode, start, end in (("Active 100k", "100k", "individual", "2026-11-15", "2026-12-31"),
                                         ("Club 500k", "500k", "club", "2026-12-01", "2027-01-31"),
                                         ("Upcoming", "50k", "individual", "2026-12-09", "2026-12-31"),
                                         ("Ended", "50k", "individual", "2026-11-01", "2026-12-20")):  # fmt: skip
        form = ChallengeForm(name, "distance", goal, start, end, mode)
        made[name] = await challenge_service.create(db, guild, ADMIN, 555, form, DUE - timedelta(days=30))
    for name, users in (("Active 100k", (20, 21, 22, 23, 24, SHY)), ("Club 500k", (20, 21, SHY)),
                        ("Ended", (20,)), ("Upcoming", (21,))):  # fmt: skip
        for user in users:
            await challenge_service.join(db, guild, user, made[name], DUE - timedelta(days=1))
    async with db.transaction() as tx:
        await tx.execute("UPDATE challenge_members SET value = 5000 WHERE user_id IN (22, 23)")  # a tie for 3rd
        await tx.execute("UPDATE challenges SET ends_at = ? WHERE guild_id = ? AND name = 'Ended'",
                         ((DUE - timedelta(hours=2)).isoformat(timespec="seconds"), guild))  # fmt: skip
        for title, starts, cancelled in (("Sat long run", DUE + timedelta(days=5), None),
                                         ("Tue track", DUE + timedelta(days=1), None),
                                         ("Called off", DUE + timedelta(days=2), "2026-12-06T10:00:00+00:00"),
                                         ("Next month", DUE + timedelta(days=9), None)):  # fmt: skip
            await tx.insert(
                "INSERT INTO events (guild_id, organiser_id, title, starts_at, zone, place, distance_m, repeat,"
                " channel_id, going, created_at, cancelled_at) VALUES (?, 20, ?, ?, 'UTC', 'Park', 12000.0, 'none',"
                " 555, 3, 'seed', ?)",
                (guild, title, starts.isoformat(timespec="seconds"), cancelled),
            )
        for user, name, day, shared in ((20, "Valencia", 6, 1), (21, "Private 10k", 3, 0), (22, "Late", 7, 1),
                                        (21, "Parkrun", 5, 1)):  # fmt: skip
            await tx.insert(
                "INSERT INTO races (guild_id, user_id, name, race_date, distance_m, goal_s, shared, created_at)"
                " VALUES (?, ?, ?, ?, 10000.0, 2700, ?, 'seed')",
                (guild, user, name, (DUE.date() + timedelta(days=day)).isoformat(), shared),
            )


async def reference(db: Store, guild: int, due: datetime) -> Digest:
    """The digest as the lists' own reads give it, one read at a time."""
    zone = "UTC"
    monday = rules.last_week(due, zone)
    today = due.astimezone(ZoneInfo(zone)).date()

    async def week(start: date) -> WeekTotals:
        row = await db.fetchone(
            "SELECT members, runs, distance_m, duration_s FROM guild_weeks WHERE guild_id = ? AND week_start = ?",
            (guild, start.isoformat()),
        )
        return WeekTotals(int(row[0]), int(row[1]), float(row[2]), int(row[3])) if row else WeekTotals()

    records = await db.fetchall(
        "SELECT b.user_id, b.label, b.duration_s FROM member_bests b WHERE b.guild_id = ?"
        " AND b.run_date BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM members m"
        " WHERE m.guild_id = b.guild_id AND m.user_id = b.user_id AND m.leaderboard = 0)"
        " ORDER BY b.run_date, b.user_id, b.label LIMIT 10",
        (guild, monday.isoformat(), (monday + timedelta(days=6)).isoformat()),
    )
    active = [c for c in await challenges_db.listed(db, guild, due) if c.status(due, today) == "active"]
    boards = [(c, (await challenges_db.board(db, c, None, 3))[0]) for c in active]
    return Digest(
        monday,
        await week(monday),
        await week(monday - timedelta(days=7)),
        [(r[0], r[1], float(r[2])) for r in records],
        boards,
        await events_db.between(db, guild, due, due + timedelta(days=7)),
        await races_db.club(db, guild, today, today + timedelta(days=6)),
    )


@asynccontextmanager
async def counting(store: Store) -> AsyncIterator[list[str]]:
    """Every statement the store runs meanwhile (a SQLite pipeline counts once: one trip)."""
    seen: list[str] = []
    saved = {name: getattr(store, name) for name in ("fetchone", "fetchall", "unit", "transaction")}

    def counted(call: Any) -> Any:
        async def run(sql: str, *args: Any) -> Any:
            seen.append(sql)
            return await call(sql, *args)

        return run

    class CountedTx:
        def __init__(self, tx: Any) -> None:
            self._tx = tx

        def __getattr__(self, name: str) -> Any:
            found = getattr(self._tx, name)
            return counted(found) if name in ("fetchone", "fetchall", "execute", "insert", "pipeline") else found

    def units(opener: Any) -> Any:
        @asynccontextmanager
        async def open_(*scope: int) -> AsyncIterator[CountedTx]:
            async with opener(*scope) as tx:
                yield CountedTx(tx)

        return open_

    store.fetchone, store.fetchall = counted(saved["fetchone"]), counted(saved["fetchall"])  # type: ignore[method-assign]
    store.unit, store.transaction = units(saved["unit"]), units(saved["transaction"])  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        for name, value in saved.items():
            setattr(store, name, value)


async def test_the_digest_reads_what_the_lists_show(db: Store) -> None:
    await seed(db, GUILD)
    await seed(db, OTHER)
    built = await build(db, GUILD, DUE)
    assert built == await reference(db, GUILD, DUE)
    assert built.week == WeekTotals(members=5, runs=5, distance_m=83_300.0, duration_s=24_540)
    assert built.before == WeekTotals(members=2, runs=2, distance_m=13_000.0, duration_s=4_200)
    assert [user for user, *_ in built.records] == [20, 21, 24, 22]  # SHY set one, but is off leaderboards
    assert [(c.name, [s.user_id for s in top]) for c, top in built.challenges] == [
        ("Active 100k", [24, 21, 20]),
        ("Club 500k", [21, 20]),
    ]
    assert [e.title for e in built.events] == ["Tue track", "Sat long run"]
    assert [r.name for r in built.races] == ["Parkrun", "Valencia"]


async def test_ties_in_the_standings_rank_as_on_the_challenge_card(db: Store) -> None:
    await seed(db, GUILD)
    async with db.transaction() as tx:
        await tx.execute("UPDATE challenge_members SET value = 1000 WHERE user_id IN (20, 21, 24)")
    built = await build(db, GUILD, DUE)
    assert built == await reference(db, GUILD, DUE)
    top = [(s.user_id, s.rank) for s in built.challenges[0][1]]
    assert top == [(23, 1), (22, 2), (24, 3)]  # 5000 each for 23 and 22: the higher id first, as the card


async def test_an_empty_server_has_an_empty_digest(db: Store) -> None:
    built = await build(db, GUILD, DUE)
    assert built == Digest(LAST_MONDAY, WeekTotals(), WeekTotals())


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland"])
async def test_the_digest_reads_in_two_round_trips(db: Store, zone: str) -> None:
    await seed(db, GUILD)
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO server_reminders (guild_id, channel_id, at_time, timezone, kind, next_fire_utc, set_by,"
            " updated_at) VALUES (?, 555, '18:00', ?, 'stretch', 0, ?, 'seed')",
            (GUILD, zone, ADMIN),
        )
    async with counting(db) as statements:
        await build(db, GUILD, DUE)
    assert len(statements) <= 2, statements  # the server's zone, then everything else
