"""Run log and advice: database latency with 10k members / 1M runs and 5,000 tips, and the
end-to-end cost of `/run log` and `/advice` vs a bare command through the fake Discord.

    python -m bench.core_bench [--members 10000] [--runs 1000000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import fmt, percentiles, seed_runs, timed
from bot.advice import admin
from bot.advice.builtins import sync_library
from bot.advice.library import load_library
from bot.advice.search import advise
from bot.db.connection import Database
from bot.db.tips import insert_tip
from bot.running.service import RunForm, history_page, log_run
from bot.running.stats_service import member_stats

SEARCH_GUILD = 99
QUESTIONS = [
    "my lower back spasms at mile 17 of my long run",
    "shin pain after speed work",
    "what gel should I take and how often",
    "how fast should my long run be",
    "knee hurts going downhill",
    "how often should I replace my shoes",
    "best stretches after a run",
    "core exercises for runners",
    "I keep getting side stitches",
    "how much should I drink on a hot day",
]


async def seed_tips(db: Database, guild_id: int, count: int, rng: random.Random) -> None:
    """`count` server tips of realistic text: sentences of the built-in library, recombined."""
    library = load_library()
    sentences = [s for tip in library.tips for s in re.split(r"(?<=[.!?])\s+", tip.body) if s]
    titles = [tip.title for tip in library.tips]
    async with db.transaction() as tx:
        for i in range(count):
            body = " ".join(rng.sample(sentences, 4))[: admin.BODY_MAX]
            title = f"{rng.choice(titles)} ({i})"[: admin.TITLE_MAX]
            fields = admin.clean_fields(rng.choice(list(library.topics)), title, body, "Club coach", None, None)
            await insert_tip(tx, guild_id, 1, fields)


async def database_bench(workdir: Path, members: int, runs: int, report: list[str]) -> None:
    path = workdir / "bench.db"
    db = await Database.open(path)
    await db.migrate()
    await db.close()
    started = time.perf_counter()
    seed_runs(path, guilds=5, members=members, runs=runs)
    report.append(f"seeded {members} members / {runs} runs in {time.perf_counter() - started:.1f} s")
    db = await Database.open(path)
    rng = random.Random(1)
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)

    def member() -> tuple[int, int]:
        m = rng.randrange(members)
        return 1 + m % 5, 10_000 + m

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
    report.append(fmt("log_run (parse, insert, insights)", percentiles(await timed(one_log, 2000)), "p99 <= 3 ms"))
    report.append(fmt("history page (newest 10)", percentiles(await timed(one_history, 2000)), "p99 <= 10 ms"))
    report.append(fmt("member all-time stats", percentiles(await timed(one_stats, 2000)), "p99 <= 5 ms"))

    await sync_library(db)
    await seed_tips(db, SEARCH_GUILD, 5000, rng)

    async def one_search() -> None:
        await advise(db, SEARCH_GUILD, None, rng.choice(QUESTIONS))

    report.append(fmt("advice search, 5,000 tips in one server", percentiles(await timed(one_search, 1000)),
                      "p99 <= 5 ms"))  # fmt: skip
    await db.close()


async def e2e_bench(workdir: Path, report: list[str], rounds: int = 300) -> None:
    from tests.fakediscord.botproc import start_bot
    from tests.fakediscord.client import FakeDiscord

    async with FakeDiscord() as fake:
        guild = fake.add_guild("Bench")
        member = fake.add_member(guild, "runner")
        bot = await start_bot(fake, guild=guild, workdir=workdir, log_level="WARNING")
        try:
            for _ in range(20):  # warm up
                await fake.slash(member, "help")
                await fake.slash(member, "run log", distance="5k", time="25:00")
            bare, logs, advice = [], [], []
            for _ in range(rounds):  # interleaved so machine noise hits all three alike
                bare += await timed(lambda: fake.slash(member, "help"), 1)
                logs += await timed(lambda: fake.slash(member, "run log", distance="10k", time="50:00"), 1)
                advice += await timed(lambda: fake.slash(member, "advice", question="back spasms long run"), 1)
        finally:
            await bot.stop()
    b, lg, ad = percentiles(bare), percentiles(logs), percentiles(advice)
    report.append(fmt("e2e bare command (/help)", b))
    report.append(fmt("e2e /run log", lg) + f"  ratio p50 {lg['p50'] / b['p50']:.2f} (target <= 1.3)")
    report.append(fmt("e2e /advice", ad) + f"  ratio p50 {ad['p50'] / b['p50']:.2f} (target <= 1.5)")


async def main(members: int, runs: int, e2e: bool = True) -> list[str]:
    report: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        await database_bench(Path(tmp), members, runs, report)
    if e2e:
        with tempfile.TemporaryDirectory() as tmp:
            await e2e_bench(Path(tmp), report)
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1_000_000)
    args = parser.parse_args()
    for line in asyncio.run(main(args.members, args.runs)):
        print(line)
