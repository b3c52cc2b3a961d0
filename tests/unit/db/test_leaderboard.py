from datetime import date

import pytest

from bot.db.leaderboard import Standing, leaderboard, standing_of
from bot.db.members import update_profile
from bot.db.runs import insert_run
from bot.db.store import Store
from bot.running.models import Run
from tests.postgres import on_postgres

GUILD, OTHER = 1, 2
SINCE = date(2026, 11, 23)


async def log(db: Store, user: int, day: date, km: float, guild: int = GUILD) -> None:
    async with db.transaction() as tx:
        await insert_run(tx, guild, user, Run(0, day, km * 1000, round(km * 300)))


async def test_top_by_distance_with_run_counts(db: Store) -> None:
    await log(db, 10, SINCE, 5)
    await log(db, 10, date(2026, 11, 25), 5)
    await log(db, 20, date(2026, 11, 24), 12)
    await log(db, 30, date(2026, 11, 29), 3)
    assert await leaderboard(db, GUILD, SINCE) == [
        Standing(1, 20, 12_000, 1),
        Standing(2, 10, 10_000, 2),
        Standing(3, 30, 3_000, 1),
    ]


async def test_period_starts_on_since_and_guilds_are_separate(db: Store) -> None:
    await log(db, 10, date(2026, 11, 22), 50)  # the Sunday before: not this week
    await log(db, 10, SINCE, 1)
    await log(db, 20, SINCE, 40, guild=OTHER)
    assert await leaderboard(db, GUILD, SINCE) == [Standing(1, 10, 1_000, 1)]
    assert await leaderboard(db, OTHER, SINCE) == [Standing(1, 20, 40_000, 1)]
    assert await leaderboard(db, GUILD, date(2026, 11, 1)) == [Standing(1, 10, 51_000, 2)]


async def test_opted_out_members_are_left_out(db: Store) -> None:
    await log(db, 10, SINCE, 5)
    await log(db, 20, SINCE, 50)
    async with db.transaction() as tx:
        await update_profile(tx, GUILD, 20, leaderboard=False)
        await update_profile(tx, OTHER, 10, leaderboard=False)  # opting out elsewhere changes nothing here
    assert await leaderboard(db, GUILD, SINCE) == [Standing(1, 10, 5_000, 1)]
    assert await standing_of(db, GUILD, SINCE, 20) is None
    async with db.transaction() as tx:
        await update_profile(tx, GUILD, 20, leaderboard=True)
    assert [s.user_id for s in await leaderboard(db, GUILD, SINCE)] == [20, 10]


async def test_limit_ties_and_standing_outside_the_top(db: Store) -> None:
    for user in range(1, 16):
        await log(db, user, SINCE, user)
    await log(db, 100, SINCE, 7.5)
    await log(db, 100, SINCE, 7.5)  # 15 km like user 15, but in two runs: ranks first
    top = await leaderboard(db, GUILD, SINCE)
    assert len(top) == 10
    assert [s.user_id for s in top[:3]] == [100, 15, 14]
    assert top[0] == Standing(1, 100, 15_000, 2)
    assert await standing_of(db, GUILD, SINCE, 3) == Standing(14, 3, 3_000, 1)
    assert await standing_of(db, GUILD, SINCE, 15) == Standing(2, 15, 15_000, 1)
    assert await standing_of(db, GUILD, SINCE, 999) is None
    assert await leaderboard(db, GUILD, SINCE, limit=3) == top[:3]
    assert await leaderboard(db, GUILD, SINCE, limit=3, include_user=1) == [*top[:3], Standing(16, 1, 1_000, 1)]
    assert await leaderboard(db, GUILD, SINCE, limit=3, include_user=14) == top[:3]  # already on the board


async def test_empty_board(db: Store) -> None:
    assert await leaderboard(db, GUILD, SINCE) == []


@pytest.mark.skipif(on_postgres(), reason="SQLite's query plan (INDEXED BY)")
async def test_query_reads_only_the_covering_index(db: Store) -> None:
    params = {"guild": GUILD, "since": SINCE.isoformat(), "limit": 10, "user": 1}
    plan = await db.fetchall(f"EXPLAIN QUERY PLAN {db.statements.leaderboard}", params)
    details = " ".join(row["detail"] for row in plan)
    assert "USING COVERING INDEX runs_guild_date" in details
