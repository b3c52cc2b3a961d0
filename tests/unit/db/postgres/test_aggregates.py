"""The PostgreSQL run-aggregate trigger agrees with a recompute from the runs after any mix of writes."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import AsyncIterator
from datetime import date, timedelta

import asyncpg
import pytest

from bot.db.postgres import migrations
from bot.db.postgres.pool import open_pool

RECORDS = [("5K", 5000.0, 5000.0, 5100.0), ("10K", 10000.0, 10000.0, 10200.0)]
MEMBERS = [(1, 11), (1, 12), (2, 11)]


@pytest.fixture
async def conn(pg_url: str) -> AsyncIterator[asyncpg.Connection]:
    pool = await open_pool(pg_url, size=1)
    await migrations.migrate(pool)
    await pool.executemany("INSERT INTO record_distances VALUES ($1, $2, $3, $4)", RECORDS)
    async with pool.acquire() as conn:
        yield conn
    await pool.close()


def _monday(day: str) -> str:
    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()


async def _expected(conn: asyncpg.Connection) -> tuple:
    runs = await conn.fetch("SELECT * FROM runs")
    weeks: dict = defaultdict(lambda: [0, 0.0, 0])
    totals: dict = defaultdict(lambda: [0, 0.0, 0])
    shoes: dict = defaultdict(float)
    bests: dict = {}
    for r in runs:
        for agg, key in ((weeks, (r["guild_id"], r["user_id"], _monday(r["run_date"]))), (totals, r[1:3])):
            agg[key][0] += 1
            agg[key][1] += r["distance_m"]
            agg[key][2] += r["duration_s"]
        if r["shoe_id"]:
            shoes[r["shoe_id"]] += r["distance_m"]
        for label, dist, low, high in RECORDS:
            if low <= r["distance_m"] <= high:
                candidate = (r["duration_s"] * dist / r["distance_m"], r["run_date"], r["id"])
                key = (r["guild_id"], r["user_id"], label)
                bests[key] = min(bests.get(key, candidate), candidate)
    return (
        {k: (v[0], round(v[1], 6), v[2]) for k, v in weeks.items()},
        {tuple(k): (v[0], round(v[1], 6), v[2]) for k, v in totals.items()},
        {k: round(v, 6) for k, v in shoes.items() if round(v, 6)},
        {k: (v[2], round(v[0], 6)) for k, v in bests.items()},
    )


async def _stored(conn: asyncpg.Connection) -> tuple:
    weeks = await conn.fetch("SELECT * FROM member_weeks")
    totals = await conn.fetch("SELECT * FROM member_totals")
    shoes = await conn.fetch("SELECT id, distance_m FROM shoes")
    bests = await conn.fetch("SELECT * FROM member_bests")
    return (
        {(w[0], w[1], w[2]): (w[3], round(w[4], 6), w[5]) for w in weeks},
        {(t[0], t[1]): (t[2], round(t[3], 6), t[4]) for t in totals},
        {s[0]: round(s[1], 6) for s in shoes if round(s[1], 6)},
        {(b[0], b[1], b[2]): (b[3], round(b[4], 6)) for b in bests},
    )


async def test_aggregates_follow_inserts_edits_and_deletes(conn: asyncpg.Connection) -> None:
    shoe_ids = [
        await conn.fetchval(
            "INSERT INTO shoes (guild_id, user_id, name, retire_at_m, created_at) VALUES ($1, $2, $3, 800000, 'x')"
            " RETURNING id",
            g,
            u,
            f"shoe {g}-{u}",
        )
        for g, u in MEMBERS
    ]
    rng = random.Random(13)
    for step in range(150):
        ids = [r[0] for r in await conn.fetch("SELECT id FROM runs")]
        guild, user = rng.choice(MEMBERS)
        distance = rng.choice([5000.0, 5050.0, 10000.0, 10150.0, 7000.0, 21097.5])
        fields = (
            f"2026-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}",
            distance,
            int(distance * rng.uniform(0.25, 0.4)),
            rng.choice([*shoe_ids, None]),
        )
        action = rng.random()
        if action < 0.6 or not ids:
            await conn.execute(
                "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, shoe_id, created_at)"
                " VALUES ($1, $2, $3, $4, $5, $6, 'x')",
                guild,
                user,
                *fields,
            )
        elif action < 0.8:
            await conn.execute(
                "UPDATE runs SET run_date = $2, distance_m = $3, duration_s = $4, shoe_id = $5 WHERE id = $1",
                rng.choice(ids),
                *fields,
            )
        else:
            await conn.execute("DELETE FROM runs WHERE id = $1", rng.choice(ids))
        if step % 10 == 9:
            assert await _stored(conn) == await _expected(conn), f"after step {step}"
    assert await conn.fetchval("SELECT count(*) FROM members") == len(MEMBERS)  # created by the trigger
    assert await conn.fetchval("SELECT count(*) FROM member_bests") > 0


async def test_the_rebuild_function_agrees_with_the_trigger(conn: asyncpg.Connection) -> None:
    rng = random.Random(7)
    for _ in range(60):
        guild, user = rng.choice(MEMBERS)
        distance = rng.choice([5000.0, 5080.0, 10000.0, 12000.0])
        await conn.execute(
            "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, created_at)"
            " VALUES ($1, $2, $3, $4, $5, 'x')",
            guild,
            user,
            f"2026-02-{rng.randint(1, 28):02d}",
            distance,
            int(distance * rng.uniform(0.25, 0.4)),
        )
    by_trigger = await _stored(conn)
    await conn.execute("SELECT stride_rebuild_run_aggregates()")
    assert await _stored(conn) == by_trigger == await _expected(conn)
