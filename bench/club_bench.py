"""Club life benchmark.

1. Storage (in process, the services the cogs call): a server with a challenge of 5,000 participants and
   500,000 of their runs in its window, plus 5,000 members outside it with as many runs. `/run log` of a
   participant against a non-participant's, interleaved (the participant's runs triggers update the
   challenge; the after-reply step queues congratulations owed, timed separately); `/challenge show` and
   the weekly digest's reads, p99.
2. Fan-out, through the real bot process and the fake Discord limited to 50 requests/s: a group run with
   10,000 members Going; the DM an hour before goes out as one outbox post. Reports the time from its due
   instant to the last DM against the floor (two requests a DM: open the DM channel, send), lost and
   duplicated DMs.

    python -m bench.club_bench [--participants 5000] [--runs-each 100] [--going 10000] [--rate 50]
                               [--postgres URL] [--skip-fanout] [--only log,show,digest]

`--only` measures some of the storage part (the through-Discord /run log only with `log`).

Takes minutes (the fan-out alone is at least 2 x going / rate seconds); run by hand, not by the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.common import fmt, percentiles
from bot.club.services import challenges as challenge_service
from bot.club.services.digest_reads import build
from bot.db.factory import open_postgres, open_sqlite
from bot.db.store import Store
from bot.running.services import runs
from bot.running.services.runs import RunForm

GUILD = 1
START, END = date(2026, 6, 1), date(2027, 5, 31)
CHALLENGE = "Year of running"


def _seed_sqlite(path: Path, participants: int, runs_each: int, seed: int = 11, guild: int = GUILD) -> None:
    """Members 10,000.. take part, 20,000.. do not; every run inside the window."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    members = [10_000 + i for i in range(participants)] + [20_000 + i for i in range(participants)]
    days = (END - START).days

    def rows():
        for user in members:
            for _ in range(runs_each):
                metres = rng.uniform(3000, 25000)
                day = START + timedelta(days=rng.randrange(min(days, (datetime.now(UTC).date() - START).days)))
                yield guild, user, day.isoformat(), round(metres, 1), int(metres * rng.uniform(0.25, 0.4)), "bench"

    with conn:
        conn.executemany(
            "INSERT INTO members (guild_id, user_id, created_at, zone_noticed) VALUES (?, ?, 'bench', 1)",
            [(guild, user) for user in members],
        )
        conn.executemany(
            "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows(),
        )
    conn.execute("ANALYZE")
    conn.close()


async def _challenge(db: Store, participants: int, guild: int = GUILD) -> None:
    """The challenge, its participants with their progress summed once (as a late join does)."""
    now = datetime.now(UTC)
    form = challenge_service.ChallengeForm(CHALLENGE, "distance", "100000k", START.isoformat(), END.isoformat())
    challenge = await challenge_service.create(db, guild, 1, 555, form, now)
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO challenge_members (challenge_id, guild_id, user_id, value, active, joined_at)"
            " SELECT ?, guild_id, user_id, sum(distance_m), 1, 'bench' FROM runs"
            " WHERE guild_id = ? AND user_id BETWEEN 10000 AND ? AND run_date BETWEEN ? AND ?"
            " GROUP BY guild_id, user_id",
            (challenge.id, guild, 10_000 + participants - 1, START.isoformat(), END.isoformat()),
        )
        await tx.execute(
            "UPDATE challenges SET total = (SELECT sum(value) FROM challenge_members WHERE challenge_id = ?),"
            " participants = (SELECT count(*) FROM challenge_members WHERE challenge_id = ?) WHERE id = ?",
            (challenge.id, challenge.id, challenge.id),
        )


PARTS = ("log", "show", "digest")


async def storage(db: Store, participants: int, rounds: int, report: list[str], parts: tuple[str, ...] = PARTS) -> None:
    rng = random.Random(3)
    now = datetime.now(UTC)
    if "log" in parts:
        await log_pairs(db, participants, rounds, report, rng, now)
    if "show" in parts:
        show: list[float] = []
        for _ in range(rounds):
            viewer = 10_000 + rng.randrange(participants * 2)
            start = time.perf_counter()
            await challenge_service.show(db, GUILD, viewer, CHALLENGE, now)
            show.append((time.perf_counter() - start) * 1000)
        report.append(fmt("/challenge show (5,000 participants)", percentiles(show), "p99 <= 5 ms"))
    if "digest" in parts:
        digest: list[float] = []
        for _ in range(rounds // 4):
            start = time.perf_counter()
            await build(db, GUILD, now)
            digest.append((time.perf_counter() - start) * 1000)
        report.append(fmt("weekly digest reads (all of them)", percentiles(digest), "p99 <= 5 ms"))
    total = (await db.fetchone("SELECT count(*) FROM runs"))[0]
    report.append(f"{'':<44} ({total:,} runs in the database)")


async def log_pairs(db: Store, participants: int, rounds: int, report: list[str], rng: random.Random,
                    now: datetime) -> None:  # fmt: skip
    from bot.club import posts

    form = RunForm("8k", "42:00")
    inside: list[float] = []
    outside: list[float] = []
    after: list[float] = []
    for i in range(rounds):
        pair = [("in", 10_000 + rng.randrange(participants)), ("out", 20_000 + rng.randrange(participants))]
        if i % 2:
            pair.reverse()
        for side, user in pair:
            start = time.perf_counter()
            logged = await runs.log_run(db, GUILD, user, form, now)
            took = (time.perf_counter() - start) * 1000
            (inside if side == "in" else outside).append(took)
            assert logged.in_challenge == (side == "in")  # what the log's own read says: no state in memory
            if logged.in_challenge:  # what the club cog does after the reply, for a member taking part
                start = time.perf_counter()
                await posts.settle_congratulations(db, GUILD, now)
                after.append((time.perf_counter() - start) * 1000)
    p_in, p_out = percentiles(inside), percentiles(outside)
    report.append(fmt("/run log, participant", p_in))
    report.append(fmt("/run log, non-participant", p_out))
    report.append(f"{'':<44} participant / non-participant: p50 {p_in['p50'] / p_out['p50']:.3f}x, "
                  f"mean {sum(inside) / len(inside) / (sum(outside) / len(outside)):.3f}x  target <= 1.1x")  # fmt: skip
    report.append(fmt("after the reply: congratulations owed", percentiles(after)))


async def storage_bench(workdir: Path, participants: int, runs_each: int, rounds: int, pg_url: str | None,
                        parts: tuple[str, ...] = PARTS) -> list[str]:  # fmt: skip
    report: list[str] = []
    path = workdir / "club.db"
    db = await open_sqlite(path)
    await db.migrate()
    await db.close()
    started = time.perf_counter()
    _seed_sqlite(path, participants, runs_each)
    report.append(f"seeded {participants * 2 * runs_each:,} runs in {time.perf_counter() - started:.0f} s")
    if pg_url:
        from bot.db import copy

        await copy.copy_database(str(path), pg_url)
        import asyncpg

        conn = await asyncpg.connect(pg_url)  # a copied database as autovacuum would soon leave it
        try:
            await conn.execute("VACUUM ANALYZE")
        finally:
            await conn.close()
        db = await open_postgres(pg_url, 4)
        label = "PostgreSQL"
    else:
        db = await open_sqlite(path)
        label = "SQLite"
    try:
        await _challenge(db, participants)
        report.append(f"== {label}")
        await storage(db, participants, rounds, report, parts)
    finally:
        await db.close()
    return report


async def through_discord(workdir: Path, participants: int, runs_each: int, rounds: int) -> list[str]:
    """/run log as members see it (the real bot, the fake Discord), participant and not, interleaved."""
    from standin import FakeDiscord
    from standin.state import Member, User
    from tests.fakediscord.bots import start_bot

    async with FakeDiscord() as fake:
        guild = fake.add_guild("Club")
        role = guild.role("Member")
        members: dict[int, Member] = {}
        for user_id in [10_000 + i for i in range(participants)] + [20_000 + i for i in range(participants)]:
            user = User(user_id, f"m{user_id}")
            fake.world.users[user_id] = user
            members[user_id] = guild.members[user_id] = Member(user, guild, [role])
        path = workdir / "stride.db"
        db = await open_sqlite(path)
        await db.migrate()
        await db.close()
        _seed_sqlite(path, participants, runs_each, guild=guild.id)
        db = await open_sqlite(path)
        await _challenge(db, participants, guild.id)
        await db.close()
        bot = await start_bot(fake, guild=guild, workdir=workdir, log_level="WARNING")
        rng = random.Random(5)
        samples: dict[str, list[float]] = {"in": [], "out": []}
        try:
            for i in range(rounds):
                pair = [("in", 10_000 + rng.randrange(participants)), ("out", 20_000 + rng.randrange(participants))]
                if i % 2:
                    pair.reverse()
                for side, user_id in pair:
                    start = time.perf_counter()
                    await fake.slash(members[user_id], "run log", distance="8k", time="42:00")
                    samples[side].append((time.perf_counter() - start) * 1000)
        finally:
            await bot.stop()
    p_in, p_out = percentiles(samples["in"]), percentiles(samples["out"])
    return [
        fmt("/run log through Discord, participant", p_in),
        fmt("/run log through Discord, non-participant", p_out),
        f"{'':<44} participant / non-participant: p50 {p_in['p50'] / p_out['p50']:.3f}x  target <= 1.1x",
    ]


async def fanout(going: int, rate: int, workdir: Path) -> dict[str, float]:
    from bench.reminders_bench import _fast_dm_channels
    from bot.club import posts
    from bot.reminders.outbox import queue_post
    from standin import FakeDiscord
    from tests.fakediscord.bots import start_bot

    async with FakeDiscord() as fake:
        guild = fake.add_guild("Club")
        members = [fake.add_member(guild, f"runner{i}") for i in range(going)]
        _fast_dm_channels(fake)
        now = datetime.now(UTC)
        due = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        if (due - now).total_seconds() < 25:
            due += timedelta(minutes=1)
        path = workdir / "stride.db"
        db = await open_sqlite(path)
        await db.migrate()
        async with db.transaction() as tx:
            event_id = await tx.insert(
                "INSERT INTO events (guild_id, organiser_id, title, starts_at, zone, repeat, channel_id, going,"
                " created_at) VALUES (?, ?, 'Big group run', ?, 'UTC', 'none', ?, ?, 'bench')",
                (guild.id, members[0].id, (due + timedelta(hours=1)).isoformat(timespec="seconds"),
                 guild.channels[0].id, going),
            )  # fmt: skip
            await tx.executemany(
                "INSERT INTO event_rsvps (event_id, guild_id, user_id, answer, answered_at)"
                " VALUES (?, ?, ?, 'going', ?)",
                [(event_id, guild.id, m.id, f"2026-01-01T00:00:{i % 60:02d}") for i, m in enumerate(members)],
            )
            await queue_post(tx, guild_id=guild.id, kind=posts.EVENT_DM, key=f"{event_id}:", due=due,
                             payload={"event_id": event_id})  # fmt: skip
        await db.close()
        bot = await start_bot(fake, guild=guild, workdir=workdir, log_level="INFO")
        try:
            fake.rate_limit(rate, per=1.0)
            due_mono = due.timestamp() + (time.monotonic() - time.time())
            floor = going * 2 / rate
            deadline = due_mono + floor * 2.5 + 30
            channels = fake.world.channels

            def per_member() -> Counter[int]:
                dms = (channels[m.channel_id] for m in list(fake.world.messages.values()))
                return Counter(c.recipient.id for c in dms if c.type == 1 and c.recipient is not None)

            for _ in range(int(deadline - time.monotonic()) + 1):
                if per_member().total() >= going:
                    break
                await asyncio.sleep(1.0)
            await asyncio.sleep(5.0)  # late duplicates would show up here
            received = per_member()
            sends = [r.at for r in fake.requests if r.method == "POST" and r.status == 200 and "/messages" in r.path]
        finally:
            await bot.stop()
        return {
            "going": going,
            "floor_s": floor,
            "from_due_s": max(sends) - due_mono if sends else float("nan"),
            "lost": sum(1 for m in members if received[m.id] == 0),
            "duplicates": sum(n - 1 for n in received.values() if n > 1),
            "http_429": fake.rate_limited,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=5_000)
    parser.add_argument("--runs-each", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2_000)
    parser.add_argument("--going", type=int, default=10_000)
    parser.add_argument("--rate", type=int, default=50)
    parser.add_argument("--postgres", default=None, help="an empty PostgreSQL database to measure on instead")
    parser.add_argument("--skip-fanout", action="store_true")
    parser.add_argument("--skip-storage", action="store_true")
    parser.add_argument("--only", default=",".join(PARTS), help="storage parts to measure: log, show, digest")
    args = parser.parse_args(argv)
    parts = tuple(part.strip() for part in args.only.split(",") if part.strip())
    if unknown := set(parts) - set(PARTS):
        parser.error(f"--only takes {', '.join(PARTS)}, not {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as folder:
        if not args.skip_storage:
            for line in asyncio.run(storage_bench(Path(folder), args.participants, args.runs_each, args.rounds,
                                                  args.postgres, parts)):  # fmt: skip
                print(line, flush=True)
        if not args.skip_storage and not args.postgres and "log" in parts:
            (Path(folder) / "e2e").mkdir()
            for line in asyncio.run(through_discord(Path(folder) / "e2e", args.participants, args.runs_each,
                                                    args.rounds // 4)):  # fmt: skip
                print(line, flush=True)
        if not args.skip_fanout:
            (Path(folder) / "fanout").mkdir()
            result = asyncio.run(fanout(args.going, args.rate, Path(folder) / "fanout"))
            ratio = result["from_due_s"] / result["floor_s"]
            print(
                f"event DM an hour before, {result['going']:,} Going at {args.rate} requests/s: due -> last DM "
                f"{result['from_due_s']:.1f} s vs floor {result['floor_s']:.0f} s = {ratio:.3f}x (target <= 1.1x); "
                f"lost {result['lost']}, duplicates {result['duplicates']}, 429s {result['http_429']}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
