"""Tips search on PostgreSQL: weighted tsvector (title > tags > body), English stemming, server scope."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from bot.db.postgres import migrations
from bot.db.postgres.pool import open_pool
from bot.db.postgres.tips_search import search_tips

CLUB, OTHER = 1_180_000_000_000_000_001, 1_190_000_000_000_000_002

TIPS = [
    # (guild_id, builtin_key, topic, title, body, tags, deleted)
    (None, "b1", "stretching", "Stretch after easy runs", "Hold each calf stretch for 30 seconds.", "calves", 0),
    (None, "b2", "back", "Core work for a strong back", "Planks and bird-dogs twice a week.", "core,back", 0),
    (None, "b3", "load", "Build mileage gradually", "Add about 10% a week; back off every fourth week.", "", 0),
    (None, "b4", "injury", "Knee pain on descents", "Shorten your stride downhill.", "knee", 0),
    (CLUB, None, "back", "Hill reps", "Drive with your arms; a stretched back recovers faster.", "hills", 0),
    (CLUB, None, "shoes", "Rotate two pairs", "Alternate shoes to stretch their life.", "", 1),
    (OTHER, None, "stretching", "Stretching routine of the Other club", "Our stretching routine.", "stretch", 0),
]


@pytest.fixture
async def pool(pg_url: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await open_pool(pg_url, size=2)
    await migrations.migrate(pool)
    await pool.executemany(
        "INSERT INTO tips (guild_id, builtin_key, topic, title, body, tags, deleted, created_at, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, 'now', 'now')",
        TIPS,
    )
    yield pool
    await pool.close()


async def _titles(pool: asyncpg.Pool, guild: int, query: str, limit: int = 10) -> list[str]:
    return [hit.title for hit in await search_tips(pool, guild, query, limit)]


async def test_stemmed_words_match_and_title_outranks_body(pool: asyncpg.Pool) -> None:
    # "stretching" finds "stretch" and "stretched"; a title hit (A) ranks above a body-only hit (C).
    assert await _titles(pool, CLUB, "stretching") == ["Stretch after easy runs", "Hill reps"]


async def test_tags_outrank_body(pool: asyncpg.Pool) -> None:
    # "back" is in b2's title and tags, in b3's body only; b2 first.
    titles = await _titles(pool, CLUB, "back")
    assert titles[0] == "Core work for a strong back" and "Build mileage gradually" in titles


async def test_scope_is_the_server_plus_built_ins_minus_deleted_and_hidden(pool: asyncpg.Pool) -> None:
    assert "Stretching routine of the Other club" not in await _titles(pool, CLUB, "stretching routine")
    assert await _titles(pool, OTHER, "stretching routine") == ["Stretching routine of the Other club"]
    assert "Rotate two pairs" not in await _titles(pool, CLUB, "shoes")  # deleted
    builtin = await pool.fetchval("SELECT id FROM tips WHERE builtin_key = 'b1'")
    await pool.execute("INSERT INTO hidden_tips (guild_id, tip_id) VALUES ($1, $2)", CLUB, builtin)
    assert await _titles(pool, CLUB, "stretching") == ["Hill reps"]
    assert "Stretch after easy runs" in await _titles(pool, OTHER, "stretching")  # hidden in CLUB only


async def test_web_search_syntax_and_limits(pool: asyncpg.Pool) -> None:
    either = await _titles(pool, CLUB, "knee OR planks")
    assert sorted(either) == ["Core work for a strong back", "Knee pain on descents"]
    assert await _titles(pool, CLUB, "stretch -calf") == ["Hill reps"]
    assert await _titles(pool, CLUB, '"strong back"') == ["Core work for a strong back"]
    assert len(await _titles(pool, CLUB, "stretching", limit=1)) == 1
    assert await _titles(pool, CLUB, "the and of") == []  # stop words only
    assert await _titles(pool, CLUB, "marathon") == []


async def test_the_index_follows_edits(pool: asyncpg.Pool) -> None:
    await pool.execute("UPDATE tips SET title = 'Hydration on long runs' WHERE builtin_key = 'b3'")
    assert await _titles(pool, CLUB, "hydration") == ["Hydration on long runs"]
    assert await pool.fetchval("SELECT count(*) FROM pg_indexes WHERE indexname = 'tips_search'") == 1
