"""`stride copy` throughput: a SQLite club of N runs to PostgreSQL and back.

    STRIDE_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres python -m bench.copy_bench [RUNS]

Uses a new database on that server (dropped afterwards) and a temporary SQLite file.
"""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.db.copy import copy_database
from bot.db.factory import open_sqlite


async def _build(path: Path, runs: int) -> None:
    db = await open_sqlite(path)
    await db.migrate()
    await db.close()
    rng = random.Random(1)
    members = max(runs // 100, 1)
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO members (guild_id, user_id, created_at) VALUES (?, ?, '2026-01-01T00:00:00+00:00')",
            [(1 + m % 10, 1000 + m) for m in range(members)],
        )
        conn.executemany(
            "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, run_type, notes, created_at)"
            " VALUES (?, ?, ?, ?, ?, 'easy', 'steady', '2026-01-01T00:00:00+00:00')",
            [
                (1 + m % 10, 1000 + m, f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", d, int(d * 0.3))
                for m, d in ((rng.randrange(members), rng.uniform(3000, 42195)) for _ in range(runs))
            ],
        )


async def main(runs: int) -> None:
    server = os.environ.get("STRIDE_BENCH_POSTGRES_URL") or os.environ.get("STRIDE_TEST_POSTGRES_URL")
    if not server:
        sys.exit("set STRIDE_BENCH_POSTGRES_URL to a PostgreSQL server URL (a database is created there)")
    name = f"stride_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(server)
    await admin.execute(f"CREATE DATABASE {name}")
    url = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            source, back = Path(tmp) / "club.db", Path(tmp) / "back.db"
            await _build(source, runs)
            legs = (("SQLite -> PostgreSQL", str(source), url), ("PostgreSQL -> SQLite", url, str(back)))
            for label, frm, to in legs:
                started = time.perf_counter()
                copied = await copy_database(frm, to)
                seconds = time.perf_counter() - started
                total = sum(copied.values())
                rate = total / seconds
                print(f"{label}: {total} rows ({copied['runs']} runs) in {seconds:.2f} s, {rate:,.0f} rows/s")
    finally:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000))
