"""Run log storage latency with 10k members / 1M runs (`log_run`, a history page, all-time stats), and
all-time stats for a member whose 20,000 runs are all logged as "10k" against one with 10 runs (runs tied
at the longest distance must not be sorted: the cost stays flat).

    python -m bench.core_bench [--members 10000] [--runs 1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import fmt, percentiles, seed_runs, timed
from bot.db.factory import open_sqlite
from bot.db.store import Store
from bot.running.services.runs import RunForm, history_page, log_run
from bot.running.services.stats import member_stats

GUILDS = 5


async def database_bench(workdir: Path, members: int, runs: int, report: list[str]) -> None:
    path = workdir / "bench.db"
    db = await open_sqlite(path)
    await db.migrate()
    await db.close()
    started = time.perf_counter()
    seed_runs(path, guilds=GUILDS, members=members, runs=runs)
    report.append(f"seeded {members} members / {runs} runs in {time.perf_counter() - started:.1f} s")
    db = await open_sqlite(path)
    try:
        await measure_storage(db, members, report, log_target="p99 <= 3 ms")
    finally:
        await db.close()


async def measure_storage(db: Store, members: int, report: list[str], *, log_target: str, label: str = "") -> None:
    """`log_run`, a history page and all-time stats for random members of a seeded database (either engine):
    members 10_000.. spread over GUILDS servers, as `bench.common.seed_runs` and `bench.postgres_bench` seed."""
    rng = random.Random(1)
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)

    def member() -> tuple[int, int]:
        m = rng.randrange(members)
        return 1 + m % GUILDS, 10_000 + m

    async def one_log() -> None:
        guild, user = member()
        await log_run(db, guild, user, RunForm(distance="10k", time="52:30", pain="sore lower back"), now)

    async def one_history() -> None:
        guild, user = member()
        await history_page(db, guild, user, 1, 10)

    async def one_stats() -> None:
        guild, user = member()
        await member_stats(db, guild, user, "all", now)

    await log_run(db, 1, 10_000, RunForm(distance="5k", time="25:00"), now)  # storage start-up (record bests)
    report.append(fmt(f"{label}log_run (parse, insert, insights)", percentiles(await timed(one_log, 2000)), log_target))
    report.append(fmt(f"{label}history page (newest 10)", percentiles(await timed(one_history, 2000)), "p99 <= 10 ms"))
    report.append(fmt(f"{label}member all-time stats", percentiles(await timed(one_stats, 2000)), "p99 <= 5 ms"))


async def tied_stats(workdir: Path, report: list[str], runs: int = 20_000) -> None:
    """All-time `/run stats` for members with 10, 2,000 and `runs` runs all at exactly 10 km, four a week with
    a week off each quarter (a weekly streak of at most 12 weeks: the streak is walked back a week at a time).
    From 2,000 runs on the chart, the months and the streak are full: what remains must not grow."""
    path = workdir / "tied.db"
    db = await open_sqlite(path)
    await db.migrate()
    await db.close()
    today = datetime(2026, 11, 25, 12, tzinfo=UTC)
    back = (today.date() - timedelta(days=d) for d in range(1, runs * 3))
    days = [day.isoformat() for day in back if day.weekday() in (0, 2, 4, 5) and day.isocalendar().week % 13][:runs]
    sizes = {1: 10, 2: 2_000, 3: runs}
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, created_at)"
            " VALUES (1, ?, ?, 10000.0, 3000, '2026-01-01')",
            [(user, day) for user, n in sizes.items() for day in days[:n]],
        )
    conn.execute("ANALYZE")
    conn.close()
    db = await open_sqlite(path)
    try:
        found = {
            user: percentiles(await timed(lambda u=user: member_stats(db, 1, u, "all", today), 500)) for user in sizes
        }
    finally:
        await db.close()
    for user, n in sizes.items():
        ratio = f"  ratio p50 to 2,000 runs {found[user]['p50'] / found[2]['p50']:.2f} (flat)" if user == 3 else ""
        report.append(fmt(f"all-time stats, {n:,} runs at 10 km", found[user]) + ratio)


async def main(members: int, runs: int) -> list[str]:
    report: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        await tied_stats(Path(tmp), report)
        await database_bench(Path(tmp), members, runs, report)
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1_000_000)
    args = parser.parse_args()
    for line in asyncio.run(main(args.members, args.runs)):
        print(line)
