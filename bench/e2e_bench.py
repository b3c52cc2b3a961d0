"""Commands end to end through the fake Discord (loopback): the real bot process, timed from the
interaction sent to the reply received.

    .venv/bin/python -m bench.e2e_bench [--quick]
    .venv/bin/python -m bench.e2e_bench --breakdown [--quick]   # the interleaved loop timed inside the bot
    .venv/bin/python -m bench.e2e_bench --floor [--quick]       # the same loop with the commands' work taken out

- interleaved: `/help`, `/run log`, `/run stats` (a new chart after the log), `/run stats` again (the
  same chart), `/advice` (the same question, answered from the answer cache) and `/advice` with a question
  never asked before, in turn, so machine noise hits all alike; p50 ratios to `/help` (targets: log
  ≤ 1.3x, stats ≤ 1.5x, advice ≤ 1.5x, a new question ≤ 1.6x).
  `/run stats` answers with the numbers, then edits the chart in: timed to the first reply (the target
  applies to it) and, separately, until the chart is attached (the next command waits for the chart, so a
  render never overlaps another sample). An untimed `/help` follows each chart: the bot and the fake are
  still finishing the upload when the chart lands, and the next sample would start inside it (the sample
  after a chart measured 0.3-0.5 ms slower)
- history: `/run log` p50 for a member with 20,000 runs vs one with 10 (target ≤ 1.2x)
- concurrency: 40 members sending `/run log` and `/run records` at once, commands/s (target ≥ 500),
  with 10 runs each and with 20,000 runs each
- in process: the same histories, `log_run` and `member_records` called directly (no Discord)
- breakdown (alone): the interleaved loop against `bench.probed_bot`, each command's time inside the bot
  piece by piece (to its callback, the callback's own work and its database calls, posting the reply)
- floor (alone): the interleaved loop against `bench.floor_bot`, with `/run log`'s and `/advice`'s own work
  taken out (no database call; one bare round trip), then against the real bot: the least each ratio can be
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import sqlite3
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import create_schema, fmt, percentiles, timed
from bot.db.factory import open_sqlite

CONCURRENT = 40


def seed_history(path: Path, guild_id: int, user_ids: list[int], runs: int, seed: int = 3) -> None:
    """`runs` runs per member going back from yesterday: most days run, a week off twice a year,
    5K to half-marathon distances, some with pain notes (the triggers keep the aggregates)."""
    rng = random.Random(seed)
    today = datetime.now(UTC).date()

    def rows(user_id: int):
        day, left = today - timedelta(days=1), runs
        while left:
            if day.toordinal() % 182 < 7 or rng.random() < 0.2:  # a week off twice a year, rest days
                day -= timedelta(days=1)
                continue
            distance = rng.choice([5000, 5000, 8000, 10000, 10000, 15000, 21097.5]) * rng.uniform(1.0, 1.015)
            pain = rng.choice([None] * 12 + ["sore knee", "tight calf"])
            yield (guild_id, user_id, day.isoformat(), distance, int(distance * rng.uniform(0.27, 0.36)), pain)
            day -= timedelta(days=1)
            left -= 1

    conn = sqlite3.connect(path)
    try:
        with conn:
            for user_id in user_ids:
                conn.executemany(
                    "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, pain, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, '2026-01-01')",
                    rows(user_id),
                )
        conn.execute("ANALYZE")
    finally:
        conn.close()


async def _stats_timed(fake, member, first: list[float], charted: list[float]) -> None:
    """One `/run stats`: ms to the reply with the numbers, and ms until the PNG chart is edited into it."""
    started = time.perf_counter()
    reply = await fake.slash(member, "run stats")
    first.append((time.perf_counter() - started) * 1000)
    await fake.wait_for_edit(reply, lambda r: r.files.get("weekly.png", b"").startswith(b"\x89PNG"))
    charted.append((time.perf_counter() - started) * 1000)
    await fake.slash(member, "help")  # untimed: lets the upload's tail end before the next sample


def _log_options(rng: random.Random) -> dict[str, str]:
    minutes = rng.randint(45, 60)
    return {"distance": "10k", "time": f"{minutes}:{rng.randint(0, 59):02d}", "pain": rng.choice(["", "sore knee"])}


def _fresh_questions() -> Iterator[str]:
    """Questions the answer cache has not seen: the evaluation sets' questions (over 800), each asked once in
    a run of up to 300 rounds."""
    from tests.advice_eval.sets import load_set, set_directories

    return itertools.cycle([q.text for d in set_directories() for q in load_set(d).questions])


async def interleaved(
    workdir: Path, rounds: int, report: list[str], *, module: str = "bot", env: dict[str, str] | None = None
) -> None:
    from standin.client import FakeDiscord
    from tests.fakediscord.bots import start_bot

    rng = random.Random(1)
    questions = _fresh_questions()
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Bench")
        member = fake.add_member(guild, "runner")
        bot = await start_bot(fake, module=module, guild=guild, workdir=workdir, log_level="WARNING", env=env)
        try:
            for _ in range(20):  # warm up
                await fake.slash(member, "help")
                await fake.slash(member, "run log", distance="5k", time="25:00")
                await _stats_timed(fake, member, [], [])
            names = ("help", "log", "stats", "stats chart", "stats again", "stats again chart", "advice", "advice new")
            samples: dict[str, list[float]] = {name: [] for name in names}
            for _ in range(rounds):
                samples["help"] += await timed(lambda: fake.slash(member, "help"), 1)
                options = _log_options(rng)
                samples["log"] += await timed(lambda o=options: fake.slash(member, "run log", **o), 1)
                await _stats_timed(fake, member, samples["stats"], samples["stats chart"])  # a new chart
                await _stats_timed(fake, member, samples["stats again"], samples["stats again chart"])  # same chart
                samples["advice"] += await timed(lambda: fake.slash(member, "advice", question="back spasms"), 1)
                fresh = next(questions)
                samples["advice new"] += await timed(lambda q=fresh: fake.slash(member, "advice", question=q), 1)
        finally:
            await bot.stop()
    bare = percentiles(samples["help"])
    report.append(fmt("e2e /help (bare command)", bare))
    labels = {
        "log": "/run log",
        "stats": "/run stats, new chart: reply",
        "stats chart": "/run stats, new chart: chart in",
        "stats again": "/run stats, same chart: reply",
        "stats again chart": "/run stats, same chart: chart in",
        "advice": "/advice, the same question",
        "advice new": "/advice, a new question each time",
    }
    targets = {"log": 1.3, "stats": 1.5, "stats again": 1.5, "advice": 1.5, "advice new": 1.6}
    for name in ("log", "stats", "stats chart", "stats again", "stats again chart", "advice", "advice new"):
        figures = percentiles(samples[name])
        ratio = figures["p50"] / bare["p50"]
        target = f" (target <= {targets[name]})" if name in targets else " (no target)"
        report.append(fmt(f"e2e {labels[name]}", figures) + f"  ratio p50 {ratio:.2f}{target}")


async def breakdown(workdir: Path, rounds: int, report: list[str]) -> None:
    """The interleaved loop against `bench.probed_bot`: each command's time inside the bot, piece by piece
    (medians, ms). The probes themselves cost a little: read the ratios from the plain loop."""
    probe_out = workdir / "probes.json"
    await interleaved(workdir, rounds, report, module="bench.probed_bot", env={"STRIDE_PROBE_OUT": str(probe_out)})
    medians = json.loads(probe_out.read_text(encoding="utf-8"))
    pieces = ("gateway → callback", "callback → reply", "database", "reply post")
    report.append("inside the bot, medians in ms: " + " | ".join(pieces))
    for command in ("help", "run log", "run stats", "advice"):
        if command in medians:
            figures = "  ".join(f"{medians[command][piece]:8.3f}" for piece in pieces)
            report.append(f"  /{command:<12} {figures}  (n={medians[command]['n']})")


async def floor(workdir: Path, rounds: int, report: list[str]) -> None:
    """The interleaved loop three times: `/run log` and `/advice` with no database call, with one bare round
    trip (`bench.floor_bot`), and the real bot."""
    for mode, module in (("none", "bench.floor_bot"), ("trip", "bench.floor_bot"), ("real", "bot")):
        lines: list[str] = []
        await interleaved(workdir / mode, rounds, lines, module=module, env={"STRIDE_FLOOR": mode})
        shown = [line for line in lines if any(f"e2e {name} " in line for name in ("/help", "/run log", "/advice"))]
        report += [f"[{mode}] {line}" for line in shown]


async def history(workdir: Path, rounds: int, big: int, report: list[str]) -> None:
    from standin.client import FakeDiscord
    from tests.fakediscord.bots import start_bot

    rng = random.Random(2)
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Bench")
        small, large = fake.add_member(guild, "new runner"), fake.add_member(guild, "old hand")
        database = workdir / "stride.db"
        await create_schema(database)
        started = time.perf_counter()
        seed_history(database, guild.id, [small.id], 10)
        seed_history(database, guild.id, [large.id], big)
        report.append(f"seeded 10 and {big:,} runs of history in {time.perf_counter() - started:.1f} s")
        bot = await start_bot(fake, guild=guild, workdir=workdir, log_level="WARNING")
        try:
            for member in (small, large):
                for _ in range(10):
                    await fake.slash(member, "run log", **_log_options(rng))
            samples: dict[str, list[float]] = {"small": [], "large": [], "small stats": [], "large stats": []}
            for _ in range(rounds):
                for key, member in (("small", small), ("large", large)):
                    samples[key] += await timed(lambda m=member: fake.slash(m, "run log", **_log_options(rng)), 1)
                for key, member in (("small stats", small), ("large stats", large)):
                    samples[key] += await timed(lambda m=member: fake.slash(m, "run records"), 1)
        finally:
            await bot.stop()
    few, many = percentiles(samples["small"]), percentiles(samples["large"])
    report.append(fmt("e2e /run log, 10 runs of history", few))
    report.append(fmt(f"e2e /run log, {big:,} runs of history", many)
                  + f"  ratio p50 {many['p50'] / few['p50']:.2f} (target <= 1.2)")  # fmt: skip
    few, many = percentiles(samples["small stats"]), percentiles(samples["large stats"])
    report.append(fmt("e2e /run records, 10 runs of history", few))
    report.append(fmt(f"e2e /run records, {big:,} runs of history", many)
                  + f"  ratio p50 {many['p50'] / few['p50']:.2f}")  # fmt: skip


async def concurrency(workdir: Path, runs_each: int, seconds: float, report: list[str]) -> None:
    from standin.client import FakeDiscord
    from tests.fakediscord.bots import start_bot

    rng = random.Random(3)
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Bench")
        members = [fake.add_member(guild, f"runner {i}") for i in range(CONCURRENT)]
        database = workdir / "stride.db"
        await create_schema(database)
        seed_history(database, guild.id, [m.id for m in members], runs_each)
        bot = await start_bot(fake, guild=guild, workdir=workdir, log_level="WARNING")
        done = 0
        try:
            for member in members:  # warm up
                await fake.slash(member, "run log", **_log_options(rng))

            async def member_loop(member, until: float) -> None:
                nonlocal done
                while time.perf_counter() < until:
                    await fake.slash(member, "run log", **_log_options(rng))
                    await fake.slash(member, "run records")
                    done += 2

            started = time.perf_counter()
            await asyncio.gather(*(member_loop(m, started + seconds) for m in members))
            elapsed = time.perf_counter() - started
        finally:
            await bot.stop()
    report.append(f"{CONCURRENT} concurrent members, {runs_each:,} runs each: {done / elapsed:.0f} commands/s"
                  f" ({done} /run log + /run records in {elapsed:.1f} s; target >= 500)")  # fmt: skip


async def in_process(workdir: Path, runs_each: int, commands: int, report: list[str]) -> None:
    """The same 40 members and histories without Discord: the service calls alone, one after another."""
    from bot.running.services.runs import RunForm, log_run
    from bot.running.services.stats import member_records

    database = workdir / "stride.db"
    await create_schema(database)
    users = list(range(100, 100 + CONCURRENT))
    seed_history(database, 1, users, runs_each)
    db = await open_sqlite(database)
    try:
        now = datetime.now(UTC)
        await log_run(db, 1, users[0], RunForm("5k", "25:00"), now)  # storage start-up (record bests)
        logs, records = [], []
        for i in range(commands):
            user = users[i % len(users)]
            form = RunForm("10k", "52:30", pain="sore knee")
            logs += await timed(lambda u=user, f=form: log_run(db, 1, u, f, now), 1)
            records += await timed(lambda u=user: member_records(db, 1, u), 1)
    finally:
        await db.close()
    report.append(fmt(f"in process: log_run, {runs_each:,} runs each", percentiles(logs)))
    report.append(fmt(f"in process: member_records, {runs_each:,} runs each", percentiles(records)))


async def in_temp_dirs(steps: list[Callable[[Path], Awaitable[None]]]) -> None:
    """Each step in a working folder of its own (its database, the bot's log), removed after it."""
    for step in steps:
        with tempfile.TemporaryDirectory(prefix="stride-e2e-bench-") as tmp:
            await step(Path(tmp))


async def main(quick: bool) -> list[str]:
    report: list[str] = []
    big = 2_000 if quick else 20_000
    await in_temp_dirs(
        [
            lambda d: interleaved(d, 60 if quick else 300, report),
            lambda d: history(d, 40 if quick else 200, big, report),
            lambda d: concurrency(d, 10, 3 if quick else 10, report),
            lambda d: concurrency(d, big, 3 if quick else 10, report),
            lambda d: in_process(d, 10, 2000, report),
            lambda d: in_process(d, big, 2000, report),
        ]
    )
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and 2,000 runs of history")
    parser.add_argument("--in-process", action="store_true", help="only the in-process part")
    parser.add_argument("--breakdown", action="store_true", help="only the interleaved loop, timed inside the bot")
    parser.add_argument("--floor", action="store_true", help="only the interleaved loop, with the commands' work out")
    args = parser.parse_args()
    lines: list[str] = []
    if args.breakdown:
        asyncio.run(in_temp_dirs([lambda d: breakdown(d, 60 if args.quick else 300, lines)]))
    elif args.floor:
        asyncio.run(in_temp_dirs([lambda d: floor(d, 60 if args.quick else 150, lines)]))
    elif args.in_process:
        sizes = (10, 2_000 if args.quick else 20_000)
        asyncio.run(in_temp_dirs([lambda d, n=n: in_process(d, n, 2000, lines) for n in sizes]))
    else:
        lines = asyncio.run(main(args.quick))
    for line in lines:
        print(line)
