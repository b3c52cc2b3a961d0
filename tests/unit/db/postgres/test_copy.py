"""`stride copy`: SQLite → PostgreSQL → SQLite keeps every row; a non-empty target is refused; a failed
copy commits nothing and can be run again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import asyncpg
import pytest

from bot.db import copy
from bot.db.factory import open_sqlite
from bot.db.postgres.tips_search import search_tips
from bot.db.sqlite.database import SqliteDatabase
from bot.errors import CannotStart
from tests.unit.db.postgres.seed import ALICE, CLUB, OTHER, dump, seed


async def _rows(path: Path) -> dict[str, list[tuple]]:
    db = await SqliteDatabase.open(path)
    try:
        return await dump(db)
    finally:
        await db.close()


async def test_round_trip_keeps_every_row(pg_url: str, tmp_path: Path) -> None:
    source, back = tmp_path / "club.db", tmp_path / "back.db"
    await seed(source)
    before = await _rows(source)
    assert all(before[t] for t in copy.TABLES), {t: len(r) for t, r in before.items()}  # every table has rows

    copied = await copy.copy_database(str(source), pg_url)
    assert copied == {t: len(rows) for t, rows in before.items()}
    conn = await asyncpg.connect(pg_url)
    try:
        for table, rows in before.items():
            assert await conn.fetchval(f"SELECT count(*) FROM {table}") == len(rows), table
        # Snowflakes over 2**53 stay exact; the next id follows the copied ones.
        assert await conn.fetchval("SELECT count(*) FROM runs WHERE guild_id = $1 AND user_id = $2", CLUB, ALICE) == 3
        max_run = await conn.fetchval("SELECT max(id) FROM runs")
        new_id = await conn.fetchval(
            "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, created_at)"
            " VALUES ($1, $2, '2026-11-26', 5000, 1500, 'now') RETURNING id",
            CLUB,
            ALICE,
        )
        assert new_id == max_run + 1
        await conn.execute("DELETE FROM runs WHERE id = $1", new_id)
        # PostgreSQL's own search index holds the copied tips; the server's hidden built-in stays hidden.
        hits = await search_tips(conn, CLUB, "strong back hills", 5)
        assert hits and hits[0].title == "Hill reps for a strong back"
        assert not await search_tips(conn, OTHER, "Hill reps for a strong back", 5)
        # The run aggregates were rebuilt by the trigger as the runs arrived.
        weeks = await conn.fetch("SELECT week_start, runs FROM member_weeks WHERE guild_id = $1 AND user_id = $2"
                                 " ORDER BY week_start", CLUB, ALICE)  # fmt: skip
        assert [(w["week_start"], w["runs"]) for w in weeks] == [("2026-11-16", 3)]
        # The servers' weekly totals (the digest's) were rebuilt in one pass to match.
        rebuilt = await conn.fetch("SELECT guild_id, week_start, members, runs FROM guild_weeks ORDER BY 1, 2")
        summed = await conn.fetch("SELECT guild_id, week_start, count(*), sum(runs) FROM member_weeks GROUP BY 1, 2"
                                  " ORDER BY 1, 2")  # fmt: skip
        assert [tuple(r) for r in rebuilt] == [tuple(r) for r in summed] and rebuilt
    finally:
        await conn.close()

    copied_back = await copy.copy_database(pg_url, str(back))
    assert copied_back == copied
    assert await _rows(back) == before
    # The SQLite target's search indexes were rebuilt: built-ins at once, the server's own tips on first search.
    db = await open_sqlite(back)
    try:
        found = await db.tips.search(CLUB, '"strong back"', None, 5)
        assert [tip.title for tip, _, _ in found] == ["Hill reps for a strong back"]
        assert await db.tips.search(OTHER, "marathon OR hydration OR stretch", None, 3)
    finally:
        await db.close()


async def test_a_non_empty_target_is_refused_naming_the_table(pg_url: str, tmp_path: Path) -> None:
    source = tmp_path / "club.db"
    await seed(source)
    await copy.copy_database(str(source), pg_url)
    with pytest.raises(CannotStart, match=r"not empty: table members has \d+ row"):
        await copy.copy_database(str(source), pg_url)
    target = tmp_path / "again.db"
    await copy.copy_database(pg_url, str(target))
    with pytest.raises(CannotStart, match="not empty: table members"):
        await copy.copy_database(pg_url, str(target))


async def test_a_failed_copy_commits_nothing_and_runs_again(pg_url: str, tmp_path: Path) -> None:
    source = tmp_path / "club.db"
    await seed(source)
    # A NUL character: SQLite keeps it, PostgreSQL text refuses it, halfway through the runs.
    with sqlite3.connect(source) as raw:
        raw.execute("UPDATE runs SET notes = 'bad' || char(0) || 'byte' WHERE id = (SELECT max(id) FROM runs)")
    with pytest.raises(CannotStart, match=r"0x00\. Nothing was committed"):
        await copy.copy_database(str(source), pg_url)
    conn = await asyncpg.connect(pg_url)
    try:
        assert await conn.fetchval("SELECT count(*) FROM members") == 0
        assert await conn.fetchval("SELECT count(*) FROM shoes") == 0
    finally:
        await conn.close()
    with sqlite3.connect(source) as raw:
        raw.execute("UPDATE runs SET notes = 'fixed' WHERE id = (SELECT max(id) FROM runs)")
    copied = await copy.copy_database(str(source), pg_url)
    assert copied["runs"] == 7  # six logged, one imported


async def test_endpoints_are_checked(tmp_path: Path) -> None:
    with pytest.raises(CannotStart, match="No SQLite database"):
        await copy.copy_database(str(tmp_path / "missing.db"), str(tmp_path / "t.db"))
    with pytest.raises(CannotStart, match="same database"):
        await copy.copy_database(str(tmp_path / "a.db"), str(tmp_path / "a.db"))
    with pytest.raises(CannotStart, match="neither a SQLite file path nor a postgresql"):
        await copy.copy_database("mysql://x/y", str(tmp_path / "a.db"))
