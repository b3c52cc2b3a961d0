"""The kill -9 drills of the reminder dispatcher, run by tests/e2e/test_reminder_drills.py (which asserts) and
bench/reminder_drill_bench.py (which prints): reminders due in the same minute, Discord failing on the way
(global 429s, 5xx before the work, 5xx after it: the message created but its answer lost), and the process
sending them killed with SIGKILL when about 30% are out. What counts is what the fake Discord shows: every
member reminded exactly once (a copy sent again with the same nonce is dropped, as Discord does), with
distinct nonces, within the lease plus one minute of the kill, and every slot settled in the database.

* SQLite: one process, restarted at once in the same folder: it takes the dead one's claims over at start.
* PostgreSQL: two processes (SHARD_COUNT=2, one shard each) and nothing else happening. The survivor starts
  first and goes to sleep with nothing due; the reminders are then written and the sender started, so only
  the sender was told about them (as when members set them through the sender's process). The survivor must
  find them by itself: at its next look at the database, then at the dead sender's lease end, asleep with
  nothing of its own due by then (`survivor_idle` says whether it was seen so).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg

from bot.db.engine import Database
from bot.db.postgres.database import PgDatabase
from bot.db.sqlite.database import SqliteDatabase
from standin import FakeDiscord
from standin.botproc import BotProcess, bot_environment
from standin.state import Member
from tests.e2e.helpers import query

KILL_AT = 0.3
MESSAGES = r"^/channels/\d+/messages$"


@dataclass(frozen=True)
class Tally:
    reminded: int
    lost: int
    duplicated: int
    nonces: list[str | None]

    @property
    def distinct_nonces(self) -> bool:
        return None not in self.nonces and len(set(self.nonces)) == len(self.nonces)


def tally(fake: FakeDiscord, members: list[Member]) -> Tally:
    channels = {fake.world.dm_channel(m.user).id for m in members}
    counts: Counter[int] = Counter()
    nonces = []
    for message in fake.world.messages.values():
        if message.channel_id in channels and not message.deleted:
            counts[message.channel_id] += 1
            nonces.append(message.nonce)
    reminded = len(counts)
    return Tally(reminded, len(members) - reminded, sum(c > 1 for c in counts.values()), nonces)


@dataclass(frozen=True)
class DrillResult:
    case: str
    tally: Tally
    members: int
    deadline: float  # seconds after the kill: the lease plus one minute
    after_kill: float  # seconds from the kill to the last member reminded (or to the deadline)
    settled: bool  # every slot recorded, nothing claimed: no send can happen any more
    copies_dropped: int  # sends the fake did not create again (a nonce it had seen)
    rate_limited: int
    exit_code: int | None  # of the process left running, stopped with SIGTERM at the end
    log: str  # its log's tail, for a failure
    # PostgreSQL, in seconds after the kill: when the dead sender's last lease ended, when the survivor was
    # first seen idle (nothing of its own claimed, nothing due) before that, when it took the dead one's over
    lease_end_after_kill: float | None = None
    idle_after_kill: float | None = None
    taken_after_kill: float | None = None
    due_unsent: int = 0  # PostgreSQL: slots due at the end that nobody had claimed

    @property
    def exactly_once(self) -> bool:
        t = self.tally
        return (t.reminded, t.lost, t.duplicated) == (self.members, 0, 0) and t.distinct_nonces

    @property
    def in_time(self) -> bool:
        return self.exactly_once and self.after_kill <= self.deadline

    def line(self) -> str:
        t = self.tally
        when = (
            f"all out {self.after_kill:.1f} s after the kill"
            if t.lost == 0
            else f"{t.lost} still missing {self.after_kill:.0f} s after the kill"
        )
        extra = ""
        if self.lease_end_after_kill is not None:
            extra = f"; the dead sender's lease ended {self.lease_end_after_kill:.1f} s after the kill"
            if self.idle_after_kill is not None:
                extra += f", the survivor asleep with nothing due from {self.idle_after_kill:.1f} s"
            if self.taken_after_kill is not None:
                extra += f", its slots taken over at {self.taken_after_kill:.1f} s"
            if self.due_unsent:
                extra += f", {self.due_unsent} slots due and unclaimed at the end"
        return (
            f"{self.case}: reminded {t.reminded}/{self.members}, lost {t.lost}, duplicated {t.duplicated}, "
            f"distinct nonces {'yes' if t.distinct_nonces else 'NO'}, {when} (deadline {self.deadline:.0f} s)"
            f"{extra}; copies dropped by nonce {self.copies_dropped}, 429s {self.rate_limited}"
        )


async def seed(db: Database, due: datetime, members: list[Member]) -> None:
    """One DM reminder per member, due at `due` (written straight into the database: no process is told)."""
    fire = int(due.timestamp())
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT INTO reminders (guild_id, user_id, kind, at_time, days_mask, timezone, target, next_fire_utc,"
            " due_utc, created_at) VALUES (?, ?, 'stretch', ?, 127, 'UTC', 'dm', ?, ?, 'seed')",
            [(m.guild.id, m.id, due.strftime("%H:%M"), fire, fire) for m in members],
        )


def inject_faults(fake: FakeDiscord, rate: int) -> None:
    fake.clear_records()
    fake.rate_limit(rate)  # below what the dispatchers may use together: global 429s, waited out
    fake.fail_next("POST", MESSAGES, 500, times=12, after=True)  # created, but the answer lost: sent again
    fake.fail_next("POST", MESSAGES, 502, times=12)
    fake.fail_next("POST", r"^/users/@me/channels$", 503, times=6)


async def dispatcher_started(bot: BotProcess) -> None:
    for _ in range(600):  # the bot's log does not wake the fake's waiters: poll it
        if bot.returncode is not None:
            raise AssertionError(f"the bot exited with {bot.returncode}:\n{bot.tail()}")
        if "reminder dispatcher started" in bot.log():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"no dispatcher started:\n{bot.tail()}")


async def kill_at_share(fake: FakeDiscord, members: list[Member], doomed: BotProcess) -> float:
    """SIGKILL `doomed` once about KILL_AT of the members have their reminder; the loop time of the kill."""
    await fake.wait_until(
        lambda: tally(fake, members).reminded >= KILL_AT * len(members), timeout=90, what=f"{KILL_AT:.0%} reminded"
    )
    assert doomed.proc is not None
    doomed.proc.send_signal(signal.SIGKILL)
    await doomed.proc.wait()
    return asyncio.get_running_loop().time()


async def _settled(database: Path | str, count: int) -> bool:
    rows = await asyncio.to_thread(
        query,
        database,
        "SELECT (SELECT count(*) FROM reminder_slots), (SELECT count(*) FROM reminders WHERE claimed_by IS NOT NULL)",
    )
    return rows[0] == (count, 0)


async def _finish(
    fake: FakeDiscord, members: list[Member], database: Path | str, killed_at: float, deadline: float
) -> tuple[float, bool]:
    """Wait until every member is reminded (at most `deadline` s after the kill), then for the database to
    settle; (seconds from the kill to the end, settled)."""
    loop = asyncio.get_running_loop()
    with contextlib.suppress(TimeoutError):
        await fake.wait_until(
            lambda: tally(fake, members).reminded == len(members),
            timeout=max(killed_at + deadline - loop.time(), 0.01),
            what="all reminded",
        )
    took = loop.time() - killed_at
    for _ in range(100):
        if await _settled(database, len(members)):
            return took, True
        await asyncio.sleep(0.1)
    return took, False


async def sqlite_drill(fake: FakeDiscord, workdir: Path, *, count: int = 200, lease: float = 6.0) -> DrillResult:
    """Kill -9 of the only process at ~30%, restarted at once in the same folder."""
    guild = fake.add_guild(f"Drill SQLite {workdir.name}")
    members = [fake.add_member(guild, f"drill{n}") for n in range(count)]
    database = workdir / "stride.db"  # BotProcess makes the folder
    env = bot_environment(fake, workdir, env={"REMINDER_LEASE_SECONDS": f"{lease:g}"})
    first, restarted = BotProcess(fake, "bot", workdir, env), BotProcess(fake, "bot", workdir, env)
    db = await SqliteDatabase.open(database)
    await db.migrate()
    await seed(db, datetime.now(UTC) + timedelta(seconds=6), members)
    await db.close()
    inject_faults(fake, rate=30)
    repeats = fake.nonce_repeats
    try:
        await first.spawn()
        await dispatcher_started(first)
        killed_at = await kill_at_share(fake, members, first)
        await restarted.spawn()  # at once, in the same folder
        took, settled = await _finish(fake, members, database, killed_at, lease + 60)
    finally:
        fake.rate_limit(None)
        await first.stop()
        code = await restarted.stop()
    return DrillResult(
        f"SQLite, {count} reminders, kill -9 at ~{KILL_AT:.0%}, restarted at once",
        tally(fake, members),
        count,
        lease + 60,
        took,
        settled,
        fake.nonce_repeats - repeats,
        fake.rate_limited,
        code,
        restarted.tail(),
    )


class _Watch:
    """Samples the claims from the kill on (unix seconds): when the survivor was first seen idle (nothing of
    its own claimed, nothing due for anyone) while the dead sender still held claims, when the dead one's last
    lease ends, when its slots were taken over, and how many slots were due with nobody sending them."""

    def __init__(self, url: str, dead_pid: int, survivor_pid: int) -> None:
        self.url, self.dead, self.survivor = url, f":{dead_pid}:", f":{survivor_pid}:"
        self.idle_at: float | None = None
        self.lease_end: float | None = None
        self.taken_at: float | None = None
        self.due = 0

    async def run(self) -> None:
        conn = await asyncpg.connect(self.url)
        held: int | None = None
        try:
            while True:
                now = time.time()
                holders = await conn.fetch(
                    "SELECT claimed_by, count(*) AS n, max(due_utc) AS until FROM reminders"
                    " WHERE claimed_by IS NOT NULL GROUP BY claimed_by"
                )
                self.due = await conn.fetchval(
                    "SELECT count(*) FROM reminders WHERE paused = 0 AND due_utc <= $1", int(now)
                )
                dead = [r for r in holders if self.dead in r["claimed_by"]]
                mine = sum(r["n"] for r in holders if self.survivor in r["claimed_by"])
                left = sum(r["n"] for r in dead)
                if held is not None and left < held and self.taken_at is None:
                    self.taken_at = now  # only a takeover lessens a dead process's claims
                held = left if held is None else min(held, left)
                if dead:
                    self.lease_end = max(r["until"] for r in dead)
                    if self.idle_at is None and mine == 0 and self.due == 0:
                        self.idle_at = now
                await asyncio.sleep(0.2)
        finally:
            await conn.close()


async def postgres_drill(
    fake: FakeDiscord, url: str, workdirs: tuple[Path, Path], *, count: int = 200, lease: float = 30.0
) -> DrillResult:
    """Two processes on the database at `url` (empty), the sender killed at ~30%, the survivor told nothing."""
    shards = [fake.add_guild("Drill North", shard=(0, 2)), fake.add_guild("Drill South", shard=(1, 2))]
    members = [fake.add_member(shards[n % 2], f"drill{n}") for n in range(count)]
    db = await PgDatabase.open(url, size=2)
    await db.migrate()
    env = {"DATABASE_URL": url, "SHARD_COUNT": "2", "REMINDER_LEASE_SECONDS": f"{lease:g}"}
    sender, survivor = (
        BotProcess(fake, "bot", workdir, bot_environment(fake, workdir, env={**env, "SHARD_IDS": shard}))
        for workdir, shard in zip(workdirs, ("0", "1"), strict=True)
    )
    watching: asyncio.Task[None] | None = None
    try:
        await survivor.spawn()
        await dispatcher_started(survivor)
        await asyncio.sleep(1.0)  # it has looked at the database: nothing due, asleep
        await seed(db, datetime.now(UTC) + timedelta(seconds=3), members)
        inject_faults(fake, rate=18)  # under even one process's pace (20 requests/s)
        repeats = fake.nonce_repeats
        await sender.spawn()
        await dispatcher_started(sender)
        killed_at = await kill_at_share(fake, members, sender)
        killed_wall = time.time()
        assert sender.proc is not None and survivor.proc is not None
        watch = _Watch(url, sender.proc.pid, survivor.proc.pid)
        watching = asyncio.create_task(watch.run())
        took, settled = await _finish(fake, members, url, killed_at, lease + 60)
    finally:
        if watching is not None:
            watching.cancel()
            await asyncio.gather(watching, return_exceptions=True)
        fake.rate_limit(None)
        await db.close()
        await sender.stop()
        code = await survivor.stop()

    def since_kill(at: float | None) -> float | None:
        return None if at is None else at - killed_wall

    return DrillResult(
        f"PostgreSQL, 2 processes, {count} reminders, lease {lease:.0f} s, the sender killed at ~{KILL_AT:.0%}",
        tally(fake, members),
        count,
        lease + 60,
        took,
        settled,
        fake.nonce_repeats - repeats,
        fake.rate_limited,
        code,
        survivor.tail(),
        lease_end_after_kill=since_kill(watch.lease_end),
        idle_after_kill=since_kill(watch.idle_at),
        taken_after_kill=since_kill(watch.taken_at),
        due_unsent=watch.due,
    )
