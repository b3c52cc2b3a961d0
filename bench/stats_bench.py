"""Stats, records, leaderboard and chart figures on a big database (issue 5).

    .venv/bin/python -m bench.stats_bench            # 10k members / 1M runs (~30 s to seed)
    .venv/bin/python -m bench.stats_bench --members 2000 --runs-per-member 50   # quicker

Seeds 10k members in 5 servers of 2k (100 runs each over the last two years, 5% opted out of the
leaderboard) into a temporary SQLite file with the bot's own migrations, then measures through the bot's
`Store` (aiosqlite, as in production):
- member all-time `/run stats` (profile + whole history + summary, streak, records, 12 weeks): p50/p99
- the weekly `/leaderboard` of one 2k-member server (plus month and year): p50/p99
- the 12-week chart rendered off the event loop (`asyncio.to_thread`): p50/p99
- `log_run` with insights vs a bare insert of the same run: p50 and the ratio
and prints the EXPLAIN QUERY PLAN of the leaderboard and member-history queries.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.bare_bot import bare_log_run
from bench.common import create_schema, fmt, percentiles
from bot.db.factory import open_sqlite
from bot.db.store import Store
from bot.running.chart import _render_cached, render_weekly_chart
from bot.running.services import runs as service
from bot.running.services import stats as stats_service

Report = Callable[[str], None]

GUILDS = 5
BOARD_GUILD = 1000  # the 2k-member server the leaderboard is measured on
DAYS = 730
WARM_UP = 5
LOG_INPUTS = [("5k", "26:30"), ("8k", "44:00"), ("10k", "50:00"), ("12k", "1:06:00"), ("half", "1:52:00")]
OPTED_OUT = 0.05
MEMBER_RUNS_SQL = (  # as bot.db.runs.member_runs reads it
    "SELECT id, run_date, distance_m, duration_s, run_type, effort, pain, shoe_id, notes"
    " FROM runs WHERE guild_id = ? AND user_id = ? ORDER BY run_date, id"
)


def guild_of(user_id: int) -> int:
    return BOARD_GUILD + user_id % GUILDS


def seed(
    path: Path, members: int, runs_per_member: int, today: date, rng: random.Random, extra: list[tuple[int, int]]
) -> None:
    """Members and runs with executemany in one transaction (the indexes are already there).
    `extra` = (guild_id, user_id) of more members with the same kind of history (the e2e runners)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        people = [(guild_of(u), u) for u in range(1, members + 1)] + extra
        with conn:
            conn.executemany(
                "INSERT INTO members (guild_id, user_id, leaderboard, created_at) VALUES (?, ?, ?, ?)",
                ((guild, user, int(rng.random() >= OPTED_OUT), now) for guild, user in people),
            )

            def runs():
                for guild, user in people:
                    for _ in range(runs_per_member):
                        metres = round(rng.uniform(3000, 25000), 1)
                        day = today - timedelta(days=rng.randrange(DAYS))
                        yield guild, user, day.isoformat(), metres, round(metres * rng.uniform(0.27, 0.42)), now

            conn.executemany(
                "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                runs(),
            )
        conn.execute("ANALYZE")
    finally:
        conn.close()


async def timed(times: list[float], call: Awaitable[object]) -> object:
    start = time.perf_counter()
    result = await call
    times.append((time.perf_counter() - start) * 1000)
    return result


def line(report: Report, name: str, times: list[float], target: str = "") -> tuple[float, float]:
    stats = percentiles(times)
    report(fmt(name, stats, target))
    return stats["p50"], stats["p99"]


async def explain(db: Store, report: Report, title: str, sql: str, params: object) -> None:
    report(f"EXPLAIN QUERY PLAN — {title}")
    for row in await db.fetchall(f"EXPLAIN QUERY PLAN {sql}", params):  # type: ignore[arg-type]
        report(f"    {row['detail']}")


async def measure(path: Path, members: int, report: Report, rng: random.Random) -> dict[str, float]:
    """In-process figures through the bot's Store (the bot process is not running yet)."""
    figures: dict[str, float] = {}
    db = await open_sqlite(path)
    now = datetime.now(UTC)
    try:
        sample = [rng.randrange(1, members + 1) for _ in range(1000)]
        times: list[float] = []
        for user in sample:
            await timed(times, stats_service.member_stats(db, guild_of(user), user, "all", now))
        figures["stats_p50"], figures["stats_p99"] = line(report, "member /run stats all-time", times, "p99 ≤ 10 ms")

        times = []
        for user in sample[:300]:
            await timed(times, stats_service.member_records(db, guild_of(user), user))
        line(report, "member /run records", times)

        since = now.date() - timedelta(days=now.weekday())
        for period, runs in (("week", 200), ("month", 50), ("year", 20)):
            times = []
            for user in sample[:runs]:
                viewer = user - user % GUILDS  # a member of BOARD_GUILD
                await timed(times, stats_service.club_leaderboard(db, BOARD_GUILD, viewer, period, now))
            p50, p99 = line(report, f"/leaderboard {period} (2k-member server)", times, "≤ 50 ms" * (period == "week"))
            figures[f"board_{period}_p50"], figures[f"board_{period}_p99"] = p50, p99

        stats = await stats_service.member_stats(db, guild_of(sample[0]), sample[0], "all", now)
        await asyncio.to_thread(render_weekly_chart, stats.weeks, "km", 40_000)  # warm-up: fonts, caches
        times = []
        for _ in range(60):
            _render_cached.cache_clear()  # a new picture each time, as after a /run log
            await timed(times, asyncio.to_thread(render_weekly_chart, stats.weeks, "km", 40_000))
        figures["chart_p50"], figures["chart_p99"] = line(report, "chart render (asyncio.to_thread)", times)

        bare, full = [], []
        for user in sample[:300]:
            guild = guild_of(user)
            form = service.RunForm(distance="10k", time="50:00")
            await timed(full, service.log_run(db, guild, user, form, now))
            await timed(bare, bare_log_run(db, guild, user, form, now))
        figures["log_bare_p50"], _ = line(report, "log_run without insights (bench.bare_bot)", bare)
        figures["log_full_p50"], _ = line(report, "log_run with insights and records", full)
        figures["log_ratio"] = figures["log_full_p50"] / figures["log_bare_p50"]
        report(f"{'log_run: with / without insights (p50)':<44} {figures['log_ratio']:.2f}x")

        params = {"guild": BOARD_GUILD, "since": since.isoformat(), "limit": 10, "user": 5}
        await explain(db, report, "leaderboard (bot.db.leaderboard)", db.statements.leaderboard, params)
        await explain(db, report, "member history (bot.db.runs.member_runs)", MEMBER_RUNS_SQL, (guild_of(1), 1))
    finally:
        await db.fetchall("PRAGMA wal_checkpoint(TRUNCATE)")  # the e2e part copies the main file
        await db.close()
    return figures


async def end_to_end(report: Report, members: int, runs_per_member: int, rounds: int) -> dict[str, float]:
    """`/run log` through the fake Discord and the real bot process on the seeded database, against the same
    command with its insight work switched off (bench.bare_bot) and against `/help` (a static embed).
    Each round is a different member with a seeded 100-run history (like everyone else's); each bot gets its
    own copy of the database, so both see the same members with the same histories and the same runs."""
    from standin import FakeDiscord, start_bot  # test dependencies aiohttp, only for this part

    figures: dict[str, float] = {}
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Bench")
        runners = [fake.add_member(guild, f"runner{i}") for i in range(rounds + WARM_UP)]
        inputs = [LOG_INPUTS[i % len(LOG_INPUTS)] for i in range(rounds + WARM_UP)]
        with tempfile.TemporaryDirectory() as tmp:
            seeded = Path(tmp) / "seeded.db"
            await seed_database(report, seeded, members, runs_per_member, [(guild.id, r.id) for r in runners])
            figures.update(await measure(seeded, members, report, random.Random(6)))
            timings: dict[str, list[float]] = {}
            for module in ("bench.bare_bot", "bot"):
                workdir = Path(tmp) / module.replace(".", "_")
                workdir.mkdir()
                shutil.copyfile(seeded, workdir / "stride.db")
                bot = await start_bot(fake, module=module, guild=guild, workdir=workdir)
                try:
                    helps, logs = timings.setdefault("help", []), timings.setdefault(module, [])
                    for i, (runner, (distance, duration)) in enumerate(zip(runners, inputs, strict=True)):
                        start = time.perf_counter()
                        await fake.slash(runner, "help")
                        middle = time.perf_counter()
                        await fake.slash(runner, "run log", distance=distance, time=duration)
                        if i >= WARM_UP:
                            helps.append((middle - start) * 1000)
                            logs.append((time.perf_counter() - middle) * 1000)
                finally:
                    await bot.stop()
    figures["e2e_help_p50"], _ = line(report, "e2e /help (static embed)", timings["help"])
    figures["e2e_bare_p50"], _ = line(report, "e2e /run log, insights off (bench.bare_bot)", timings["bench.bare_bot"])
    figures["e2e_log_p50"], _ = line(report, "e2e /run log with insights and records", timings["bot"])
    figures["e2e_ratio"] = figures["e2e_log_p50"] / figures["e2e_bare_p50"]
    report(f"{'e2e /run log: with / without insights (p50)':<44} {figures['e2e_ratio']:.2f}x   target ≤ 1.3x")
    report(f"{'e2e /run log with insights / /help (p50)':<44} {figures['e2e_log_p50'] / figures['e2e_help_p50']:.2f}x")
    return figures


async def seed_database(
    report: Report, path: Path, members: int, runs_per_member: int, extra: list[tuple[int, int]]
) -> None:
    start = time.perf_counter()
    await create_schema(path)
    today = datetime.now(UTC).date()
    await asyncio.to_thread(seed, path, members, runs_per_member, today, random.Random(5), extra)
    report(f"seeded {members:,} members / {members * runs_per_member:,} runs in {time.perf_counter() - start:.1f} s")


def run(
    report: Report = print, members: int = 10_000, runs_per_member: int = 100, e2e_rounds: int = 100
) -> dict[str, float]:
    """All figures; with e2e_rounds > 0 also `/run log` vs `/help` through the fake Discord."""
    if e2e_rounds > 0:
        return asyncio.run(end_to_end(report, members, runs_per_member, e2e_rounds))

    async def in_process() -> dict[str, float]:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.db"
            await seed_database(report, path, members, runs_per_member, [])
            return await measure(path, members, report, random.Random(6))

    return asyncio.run(in_process())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--runs-per-member", type=int, default=100)
    parser.add_argument("--e2e-rounds", type=int, default=100, help="0 skips the fake-Discord part")
    args = parser.parse_args()
    run(print, args.members, args.runs_per_member, args.e2e_rounds)
