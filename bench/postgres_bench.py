"""PostgreSQL figures (issue 13): storage at 10k members / 1M runs, `/run log` end to end, and the command
throughput of one bot process against two sharing the database, and 10k reminders due at once delivered
by two processes under Discord's 50 requests/s.

    .venv/bin/python -m bench.postgres_bench [--quick] [--url postgresql://…]

Without --url it starts a throwaway server (initdb + pg_ctl in a temp folder, as the `postgres` user when
run as root; fsync on, as in production) and stops it at the end. Targets: `log_run` p99 ≤ 5 ms, `/run log`
p50 ≤ 1.5× `/help`, two processes ≥ 1.7× the commands/s of one, the fan-out within 1.1× its 200 s floor.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import asyncpg

from bench import cpu_cap
from bench.common import fmt, percentiles, timed
from bench.core_bench import GUILDS, measure_storage
from bench.pg_server import Server, postgres_server
from bot.db.factory import open_postgres

CAPPED_CPUS = 0.3  # each bot process's CPU in the capped throughput run: two fit beside the fake and the server


async def seed(url: str, members: int, runs: int, seed: int = 7) -> None:
    """Members spread over GUILDS servers and runs over two years, by COPY (the aggregate triggers fire)."""
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    conn = await asyncpg.connect(url)
    try:
        await conn.copy_records_to_table(
            "members",
            columns=["guild_id", "user_id", "created_at", "zone_noticed"],
            records=[(1 + m % GUILDS, 10_000 + m, "2025-01-01", 1) for m in range(members)],
        )

        def rows():
            for _ in range(runs):
                m = rng.randrange(members)
                distance = round(rng.uniform(3000, 25000), 1)
                day = (start + timedelta(days=rng.randrange(690))).isoformat()
                yield (1 + m % GUILDS, 10_000 + m, day, distance, int(distance * rng.uniform(0.25, 0.4)), "2025-01-01")

        columns = ["guild_id", "user_id", "run_date", "distance_m", "duration_s", "created_at"]
        batch: list[tuple] = []
        for row in rows():
            batch.append(row)
            if len(batch) == 50_000:
                await conn.copy_records_to_table("runs", columns=columns, records=batch)
                batch.clear()
        if batch:
            await conn.copy_records_to_table("runs", columns=columns, records=batch)
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


async def storage(server: Server, members: int, runs: int, report: list[str]) -> None:
    url = await server.new_database("stride_bench_storage")
    db = await open_postgres(url)
    await db.migrate()
    started = time.perf_counter()
    await seed(url, members, runs)
    report.append(f"seeded {members:,} members / {runs:,} runs in {time.perf_counter() - started:.1f} s")
    try:
        await measure_storage(db, members, report, log_target="p99 <= 5 ms", label="PG ")
    finally:
        await db.close()


async def end_to_end(server: Server, rounds: int, report: list[str]) -> None:
    from standin.client import FakeDiscord
    from tests.fakediscord.bots import start_bot

    url = await server.new_database("stride_bench_e2e")
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Bench")
        member = fake.add_member(guild, "runner")
        with tempfile.TemporaryDirectory(prefix="stride-pg-bench-") as tmp:
            bot = await start_bot(fake, guild=guild, workdir=Path(tmp), log_level="WARNING", env={"DATABASE_URL": url})
            try:
                for _ in range(20):  # warm up
                    await fake.slash(member, "help")
                    await fake.slash(member, "run log", distance="5k", time="25:00")
                help_ms, log_ms = [], []
                for i in range(rounds):
                    help_ms += await timed(lambda: fake.slash(member, "help"), 1)
                    log_ms += await timed(
                        lambda i=i: fake.slash(member, "run log", distance="10k", time=f"5{i % 10}:00"), 1
                    )
            finally:
                await bot.stop()
    bare, logged = percentiles(help_ms), percentiles(log_ms)
    report.append(fmt("PG e2e /help (bare command)", bare))
    report.append(fmt("PG e2e /run log", logged) + f"  ratio p50 {logged['p50'] / bare['p50']:.2f} (target <= 1.5)")


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, total) CPU time of the whole machine so far, from /proc/stat (Linux)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


async def _sync(fake, env: dict[str, str]) -> None:
    from standin.botproc import REPO_ROOT

    quiet = asyncio.subprocess.DEVNULL
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "sync", env=env, cwd=REPO_ROOT, stdout=quiet, stderr=quiet
    )
    assert await proc.wait() == 0, "stride sync failed"


async def throughput(
    server: Server, seconds: float, per_guild: int, report: list[str], cpus: float | None = None
) -> None:
    """40 members (half on each of two shards) log runs and read records for `seconds`: one process owning
    both shards, then two processes owning one each, on the same database. With `cpus`, each bot process is
    held to that much CPU (bench.cpu_cap), as if it had a machine of its own."""
    from standin.botproc import BotProcess, bot_environment
    from standin.client import FakeDiscord

    url = await server.new_database(f"stride_bench_shards{'_capped' if cpus else ''}")
    rates: dict[int, float] = {}
    busy: dict[int, float] = {}  # the machine's CPU use during each run (the fake Discord shares it)
    async with FakeDiscord() as fake:
        north, south = fake.add_guild("North", shard=(0, 2)), fake.add_guild("South", shard=(1, 2))
        members = [fake.add_member(g, f"{g.name} {i}") for g in (north, south) for i in range(per_guild)]
        with tempfile.TemporaryDirectory(prefix="stride-pg-bench-") as tmp:
            settings = {"SHARD_COUNT": "2", "DATABASE_URL": url}
            await _sync(fake, bot_environment(fake, Path(tmp), env={**settings, "LOG_LEVEL": "WARNING"}))
            for layout in (["0,1"], ["0", "1"]):
                bots = []
                for i, shards in enumerate(layout):
                    home = Path(tmp) / f"p{len(layout)}-{i}"
                    env = bot_environment(fake, home, log_level="WARNING", env={**settings, "SHARD_IDS": shards})
                    bots.append(BotProcess(fake, "bot", home, env))
                await asyncio.gather(*(b.spawn() for b in bots))
                caps = contextlib.ExitStack()
                try:  # a failure from here on still stops the bots and gives their cgroups back
                    for i, b in enumerate(bots):
                        if cpus and b.proc is not None:
                            caps.enter_context(cpu_cap.capped(b.proc.pid, cpus, f"p{len(layout)}-{i}"))
                    await fake.wait_until(lambda: sorted(fake.connected_shards) == [(0, 2), (1, 2)], timeout=60,
                                          what="both shards connected")  # fmt: skip
                    for m in members:  # warm up
                        await fake.slash(m, "run log", distance="5k", time="25:00")
                    done = 0

                    async def loop(member, until: float) -> None:
                        nonlocal done
                        while time.perf_counter() < until:
                            await fake.slash(member, "run log", distance="10k", time="50:00")
                            await fake.slash(member, "run records")
                            done += 2

                    started, (busy0, total0) = time.perf_counter(), _cpu_jiffies()
                    await asyncio.gather(*(loop(m, started + seconds) for m in members))
                    rates[len(layout)] = done / (time.perf_counter() - started)
                    busy1, total1 = _cpu_jiffies()
                    busy[len(layout)] = (busy1 - busy0) / max(total1 - total0, 1)
                finally:
                    for b in bots:
                        await b.stop()
                    caps.close()
    cores = os.cpu_count() or 1
    each = f", each bot process held to {cpus:g} CPU" if cpus else ""
    report.append(f"PG {len(members)} members, one process owning both shards{each}: {rates[1]:.0f} commands/s"
                  f" (machine CPU {busy[1]:.0%} busy of {cores} cores)")  # fmt: skip
    report.append(f"PG {len(members)} members, two processes, one shard each{each}: {rates[2]:.0f} commands/s,"
                  f" {rates[2] / rates[1]:.2f}x (target >= 1.7x; machine CPU {busy[2]:.0%} busy)")  # fmt: skip


def _per_channel(fake) -> Counter[int]:
    """Messages per channel: one pass over the fake's messages (asking per member would be quadratic)."""
    return Counter(message.channel_id for message in fake.world.messages.values())


def _arrived(sent: Counter[int], channels: list[int]) -> int:
    return sum(1 for channel in channels if sent[channel])


async def fan_out(server: Server, reminders: int, report: list[str]) -> None:
    """`reminders` DM reminders due in the same minute, half in a guild on each of two shards, delivered by two
    processes (one shard each) through a fake Discord that allows 50 requests/s in all: every reminder must
    arrive exactly once, within 1.1x the floor that limit sets (one request each: the DM channels are known)."""
    from standin.botproc import BotProcess, bot_environment
    from standin.client import FakeDiscord

    url = await server.new_database("stride_bench_fan_out")
    db = await open_postgres(url, size=2)
    await db.migrate()
    await db.close()
    async with FakeDiscord() as fake:
        guilds = fake.add_guild("North", shard=(0, 2)), fake.add_guild("South", shard=(1, 2))
        members = [fake.add_member(guilds[i % 2], f"runner {i}") for i in range(reminders)]
        due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=25)  # after both processes are up
        fire = int(due.timestamp())
        columns = "guild_id user_id kind at_time days_mask timezone target dm_channel_id next_fire_utc due_utc"
        at = due.strftime("%H:%M")
        dm_channels = [fake.world.dm_channel(m.user).id for m in members]  # known: one request a reminder
        rows = [(m.guild.id, m.id, "stretch", at, 127, "UTC", "dm", channel, fire, fire)
                for m, channel in zip(members, dm_channels, strict=True)]  # fmt: skip
        conn = await asyncpg.connect(url)
        try:
            await conn.execute("ALTER TABLE reminders ALTER COLUMN created_at SET DEFAULT 'bench'")
            await conn.copy_records_to_table("reminders", columns=columns.split(), records=rows)
        finally:
            await conn.close()
        fake.rate_limit(50)
        with tempfile.TemporaryDirectory(prefix="stride-pg-bench-") as tmp:
            bots = []
            for shard in ("0", "1"):
                home = Path(tmp) / f"shard{shard}"
                settings = {"SHARD_COUNT": "2", "SHARD_IDS": shard, "DATABASE_URL": url}
                bots.append(
                    BotProcess(fake, "bot", home, bot_environment(fake, home, log_level="WARNING", env=settings))
                )
            await asyncio.gather(*(b.spawn() for b in bots))
            try:
                floor = reminders / 50
                deadline = time.monotonic() + 60 + floor * 1.5
                while (arrived := _arrived(_per_channel(fake), dm_channels)) < reminders:
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"{arrived} of {reminders} delivered")
                    await asyncio.sleep(0.5)
                elapsed = (datetime.now(UTC) - due).total_seconds()
                await asyncio.sleep(5)  # a second copy would be here by now
            finally:
                for b in bots:
                    await b.stop(timeout=15)
        sent = _per_channel(fake)
        counts = [sent.get(c, 0) for c in dm_channels]
    report.append(
        f"PG {reminders:,} reminders due at once, two processes, 50 requests/s: all delivered {elapsed:.0f} s after"
        f" the due time; floor {floor:.0f} s, {elapsed / floor:.2f}x (target <= 1.1x); {counts.count(0)} lost,"
        f" {sum(c > 1 for c in counts)} sent twice; {fake.rate_limited} 429s"
    )


class _Printed(list):
    """The report, each line printed as it comes (a later stage failing keeps the earlier figures)."""

    def append(self, line: str) -> None:
        print(line, flush=True)
        super().append(line)


async def main(quick: bool, url: str | None) -> list[str]:
    report: list[str] = _Printed()
    members, runs = (1_000, 100_000) if quick else (10_000, 1_000_000)
    with postgres_server(url) as server:
        await end_to_end(server, 60 if quick else 300, report)
        await throughput(server, 3 if quick else 10, 20, report)
        if cpu_cap.available():  # each process with a CPU of its own, as on machines with more cores
            await throughput(server, 3 if quick else 10, 20, report, cpus=CAPPED_CPUS)
        await storage(server, members, runs, report)
        await fan_out(server, 1_000 if quick else 10_000, report)
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k members / 100k runs, fewer rounds")
    parser.add_argument("--url", help="a PostgreSQL server to create the bench databases on (superuser)")
    args = parser.parse_args()
    asyncio.run(main(args.quick, args.url))
