"""Shared benchmark plumbing: percentiles, seeding a big database, timing the e2e path."""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": q[49], "p99": q[98], "max": ordered[-1], "n": len(ordered)}


def fmt(name: str, stats: dict[str, float], target: str = "") -> str:
    return (
        f"{name:<44} p50 {stats['p50']:7.2f} ms  p99 {stats['p99']:7.2f} ms  max {stats['max']:7.2f} ms"
        f"  (n={int(stats['n'])}){'  target ' + target if target else ''}"
    )


async def timed(fn: Callable[[], Awaitable[object]], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        await fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def create_schema(path: Path) -> None:
    """A database file with every migration applied (and nothing else)."""
    from bot.db.factory import open_sqlite

    db = await open_sqlite(path)
    try:
        await db.migrate()
    finally:
        await db.close()


def seed_runs(path: Path, guilds: int, members: int, runs: int, seed: int = 7) -> None:
    """`members` members spread over `guilds` servers, `runs` runs over the last two years."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    start = date(2025, 1, 1)
    with conn:
        conn.executemany(
            # Members who have logged before were told their zone (migration 0008 does the same).
            "INSERT INTO members (guild_id, user_id, created_at, zone_noticed) VALUES (?, ?, '2025-01-01', 1)",
            ((1 + m % guilds, 10_000 + m) for m in range(members)),
        )

        def rows():
            for _ in range(runs):
                m = rng.randrange(members)
                distance = rng.uniform(3000, 25000)
                yield (
                    1 + m % guilds, 10_000 + m, (start + timedelta(days=rng.randrange(690))).isoformat(),
                    round(distance, 1), int(distance * rng.uniform(0.25, 0.4)), "2025-01-01",
                )  # fmt: skip

        conn.executemany(
            "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows(),
        )
    conn.execute("ANALYZE")
    conn.close()
