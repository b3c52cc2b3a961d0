"""Run log and advice: database latency with 10k members / 1M runs and 5,000 tips, and the
end-to-end cost of `/run log` and `/advice` vs a bare command through the fake Discord.

    python -m bench.core_bench [--members 10000] [--runs 1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import fmt, percentiles, seed_runs, timed
from bot.db.connection import SqliteDatabase
from bot.db.engine import Database
from bot.running.service import RunForm, history_page, log_run
from bot.running.stats_service import member_stats

GUILDS = 5


async def database_bench(workdir: Path, members: int, runs: int, report: list[str]) -> None:
    path = workdir / "bench.db"
    db = await SqliteDatabase.open(path)
    await db.migrate()
    await db.close()
    started = time.perf_counter()
    seed_runs(path, guilds=GUILDS, members=members, runs=runs)
    report.append(f"seeded {members} members / {runs} runs in {time.perf_counter() - started:.1f} s")
    db = await SqliteDatabase.open(path)
    try:
        await measure_storage(db, members, report, log_target="p99 <= 3 ms")
    finally:
        await db.close()


async def measure_storage(db: Database, members: int, report: list[str], *, log_target: str, label: str = "") -> None:
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


async def main(members: int, runs: int) -> list[str]:
    report: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        await database_bench(Path(tmp), members, runs, report)
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1_000_000)
    args = parser.parse_args()
    for line in asyncio.run(main(args.members, args.runs)):
        print(line)
