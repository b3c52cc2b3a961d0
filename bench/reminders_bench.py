"""Reminder dispatcher benchmark, through the real bot process and the fake Discord.

1. Burst: N reminders (default 10,000, one per member, by DM) due in the same minute, with the fake
   Discord limited to 50 requests/s. Reports the time from the due minute to the last message vs the
   floor (N / rate), lost and duplicated messages, and 429s. By default every member's DM channel is
   already known (every delivery after a member's first); --first-delivery starts without them, so
   each reminder also opens its DM channel (two requests each, twice the floor).
2. Idle: the bot with 100,000 stored reminders, none due for hours, against an empty one: CPU time
   and resident memory of the bot process over a window, and how often the dispatcher woke up.

    python -m bench.reminders_bench [--count 10000] [--rate 50] [--stored 100000] [--idle-seconds 60]

Takes minutes (the burst alone is at least N / rate seconds); run by hand, not by the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.db.factory import open_sqlite
from standin import FakeDiscord
from standin.state import Channel, User
from tests.fakediscord.bots import start_bot

GUILD_WAIT = 25  # seconds between seeding and the due minute, at least: the bot starts meanwhile


async def _migrated(path: Path) -> None:
    db = await open_sqlite(path)
    await db.migrate()
    await db.close()


def _insert(path: Path, rows: list[tuple]) -> None:
    """(guild, user, at 'HH:MM', next fire unix seconds, dm channel id or None) per reminder."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO reminders (guild_id, user_id, kind, at_time, days_mask, timezone, target, dm_channel_id,"
            " next_fire_utc, due_utc, created_at) VALUES (?, ?, 'stretch', ?, 127, 'UTC', 'dm', ?, ?, ?, 'bench')",
            [(g, u, at, ch, fire, fire) for g, u, at, fire, ch in rows],
        )
    conn.execute("ANALYZE")
    conn.close()


def _fast_dm_channels(fake: FakeDiscord) -> dict[int, Channel]:
    """The fake finds DM channels by a scan; give it an index so 10k members stay cheap."""
    world, index = fake.world, {}

    def dm_channel(user: User) -> Channel:
        if user.id not in index:
            index[user.id] = channel = Channel(world.ids.next(), f"dm-{user.name}", 1, None, recipient=user)
            world.channels[channel.id] = channel
        return index[user.id]

    world.dm_channel = dm_channel  # type: ignore[method-assign]
    return index


async def burst(count: int, rate: int, first_delivery: bool, workdir: Path) -> dict[str, float]:
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Club")
        members = [fake.add_member(guild, f"runner{i}") for i in range(count)]
        index = _fast_dm_channels(fake)
        if not first_delivery:
            for member in members:
                fake.world.dm_channel(member.user)
        now = datetime.now(UTC)
        due = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        if (due - now).total_seconds() < GUILD_WAIT:
            due += timedelta(minutes=1)
        fire = int(due.timestamp())
        path = workdir / "stride.db"
        await _migrated(path)
        rows = []
        for m in members:
            known = None if first_delivery else index[m.id].id
            rows.append((guild.id, m.id, due.strftime("%H:%M"), fire, known))
        _insert(path, rows)
        bot = await start_bot(fake, guild=guild, workdir=workdir, log_level="INFO")
        try:
            fake.rate_limit(rate, per=1.0)
            wall_to_mono = time.monotonic() - time.time()
            due_mono = due.timestamp() + wall_to_mono
            floor = count * (2 if first_delivery else 1) / rate
            deadline = due_mono + floor * 2.5 + 30
            channels = fake.world.channels

            def per_member() -> Counter[int]:
                """DMs received per member (DM channels may be opened during the run)."""
                dms = (channels[m.channel_id] for m in list(fake.world.messages.values()))
                return Counter(c.recipient.id for c in dms if c.type == 1 and c.recipient is not None)

            for _ in range(int(deadline - time.monotonic()) + 1):  # poll: a wait on every message is O(n^2)
                if per_member().total() >= count:
                    break
                await asyncio.sleep(1.0)
            await asyncio.sleep(5.0)  # late duplicates would show up here
            received = per_member()
            sends = [r.at for r in fake.requests if r.method == "POST" and r.status == 200 and "/messages" in r.path]
            log_text = bot.log()
        finally:
            await bot.stop()
        return {
            "count": count,
            "rate": rate,
            "floor_s": floor,
            "from_due_s": max(sends) - due_mono if sends else float("nan"),
            "first_to_last_s": max(sends) - min(sends) if sends else float("nan"),
            "first_after_due_s": min(sends) - due_mono if sends else float("nan"),
            "lost": sum(1 for m in members if received[m.id] == 0),
            "duplicates": sum(n - 1 for n in received.values() if n > 1),
            "http_429": fake.rate_limited,
            "requests": len([r for r in fake.requests if r.at >= due_mono - 1]),
            "batches": log_text.count("reminders: claimed"),
        }


def _proc_usage(pid: int) -> tuple[float, int]:
    """(user + system CPU seconds, resident set size in KiB) of a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    rss = next(
        int(line.split()[1])
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if line.startswith("VmRSS:")
    )
    return cpu, rss


async def idle(stored: int, seconds: float, workdir: Path) -> dict[str, float]:
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Club")
        path = workdir / "stride.db"
        await _migrated(path)
        rng = random.Random(3)
        start = datetime.now(UTC) + timedelta(hours=3)
        rows = []
        for i in range(stored):
            fire = start + timedelta(seconds=rng.randrange(20 * 3600))
            rows.append((guild.id, 10_000 + i, fire.strftime("%H:%M"), int(fire.timestamp()), None))
        if rows:
            _insert(path, rows)
        bot = await start_bot(fake, guild=guild, workdir=workdir, log_level="DEBUG")
        try:
            await asyncio.sleep(5.0)  # start-up done (READY comes ~2 s after connecting)
            assert bot.proc is not None
            wakes_before = bot.log().count("reminder dispatcher sleeps")
            cpu0, _ = _proc_usage(bot.proc.pid)
            await asyncio.sleep(seconds)
            cpu1, rss = _proc_usage(bot.proc.pid)
            wakes = bot.log().count("reminder dispatcher sleeps") - wakes_before
        finally:
            await bot.stop()
        return {"stored": stored, "seconds": seconds, "cpu_s": cpu1 - cpu0, "rss_mib": rss / 1024, "wakeups": wakes}


async def main(count: int, rate: int, stored: int, idle_seconds: float, first_delivery: bool) -> dict[str, dict]:
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="stride-rem-bench-") as tmp:
        root = Path(tmp)
        for name, n in (("idle_empty", 0), ("idle_stored", stored)):
            (root / name).mkdir()
            results[name] = await idle(n, idle_seconds, root / name)
            r = results[name]
            print(
                f"idle, {r['stored']:>7,} reminders stored: CPU {r['cpu_s']:.2f} s over {r['seconds']:.0f} s "
                f"({100 * r['cpu_s'] / r['seconds']:.2f} %), RSS {r['rss_mib']:.0f} MiB, dispatcher wake-ups "
                f"{r['wakeups']}",
                flush=True,
            )
        (root / "burst").mkdir()
        b = results["burst"] = await burst(count, rate, first_delivery, root / "burst")
    ratio = b["from_due_s"] / b["floor_s"]
    print(
        f"burst: {b['count']:,} reminders due in one minute at {b['rate']} requests/s"
        f"{' (first delivery: DM channels opened too)' if first_delivery else ''}\n"
        f"  due -> last message {b['from_due_s']:.1f} s vs floor {b['floor_s']:.0f} s = {ratio:.3f}x "
        f"(target <= 1.1x); first message {b['first_after_due_s']:.2f} s after due; "
        f"first -> last {b['first_to_last_s']:.1f} s\n"
        f"  lost {b['lost']}, duplicates {b['duplicates']}, 429s answered {b['http_429']}, "
        f"REST requests {b['requests']}, dispatcher batches {b['batches']}",
        flush=True,
    )
    return results


def run(
    count: int = 10_000, rate: int = 50, stored: int = 100_000, idle_seconds: float = 60.0, first_delivery: bool = False
) -> dict[str, dict]:
    return asyncio.run(main(count, rate, stored, idle_seconds, first_delivery))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="reminders due in the same minute")
    parser.add_argument("--rate", type=int, default=50, help="fake Discord requests per second")
    parser.add_argument("--stored", type=int, default=100_000, help="reminders stored for the idle measurement")
    parser.add_argument("--idle-seconds", type=float, default=60.0, help="idle measurement window")
    parser.add_argument("--first-delivery", action="store_true", help="DM channels not known yet")
    args = parser.parse_args()
    run(args.count, args.rate, args.stored, args.idle_seconds, args.first_delivery)
