"""Reminders exactly once across real bot processes on PostgreSQL: two processes (one shard each) both run
a dispatcher on one database; the one holding claimed slots is killed with SIGKILL in the middle of its
fan-out. Every member still gets their reminder once: the survivor takes the dead one's leased slots over
when its lease ends. The fake Discord's global rate limit is below the two processes' shares together, so
429s come and are waited out on the way."""

from __future__ import annotations

import asyncio
import signal
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from bot.db.postgres.database import PgDatabase
from standin import FakeDiscord
from standin.botproc import BotProcess, bot_environment
from standin.state import Member
from tests.postgres import as_superuser, server_url, with_database

pytestmark = pytest.mark.asyncio(loop_scope="module")

MEMBERS = 60
LEASE_S = 6


async def seed(url: str, due: datetime, members: list[Member]) -> None:
    db = await PgDatabase.open(url, size=2)
    try:
        await db.migrate()
        fire = int(due.timestamp())
        async with db.transaction() as tx:
            await tx.executemany(
                "INSERT INTO reminders (guild_id, user_id, kind, at_time, days_mask, timezone, target, next_fire_utc,"
                " due_utc, created_at) VALUES (?, ?, 'stretch', ?, 127, 'UTC', 'dm', ?, ?, 'seed')",
                [(m.guild.id, m.id, due.strftime("%H:%M"), fire, fire) for m in members],
            )
    finally:
        await db.close()


async def leases(url: str) -> dict[str, int]:
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(
            "SELECT claimed_by, count(*) FROM reminders WHERE claimed_by IS NOT NULL GROUP BY claimed_by"
        )
    finally:
        await conn.close()
    return {r[0]: r[1] for r in rows}


async def dispatcher_started(bot: BotProcess) -> None:
    for _ in range(300):  # the bot's log does not wake the fake's waiters: poll it
        assert bot.returncode is None, bot.tail()
        if "reminder dispatcher started" in bot.log():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"no dispatcher started:\n{bot.tail()}")


async def test_a_killed_process_leaves_its_reminders_to_the_other_and_each_is_sent_once(
    fake: FakeDiscord, tmp_path_factory: pytest.TempPathFactory
) -> None:
    server = server_url()  # skips without a PostgreSQL server
    name = f"stride_e2e_{uuid.uuid4().hex[:12]}"
    await as_superuser(f"CREATE DATABASE {name}")
    url = with_database(server, name)
    north = fake.add_guild("Leases North", shard=(0, 2))
    south = fake.add_guild("Leases South", shard=(1, 2))
    members = [fake.add_member(north if n % 2 else south, f"runner{n}") for n in range(MEMBERS)]
    fake.clear_records()
    fake.rate_limit(12)  # below the processes' 20 + 20 requests a second: 429s come, and are waited out
    await seed(url, datetime.now(UTC) + timedelta(seconds=20), members)  # both processes are up by then
    env = {"DATABASE_URL": url, "SHARD_COUNT": "2", "REMINDER_LEASE_SECONDS": str(LEASE_S)}
    bots = [
        BotProcess(fake, "bot", workdir, bot_environment(fake, workdir, env={**env, "SHARD_IDS": shard}))
        for workdir, shard in ((tmp_path_factory.mktemp("lease0"), "0"), (tmp_path_factory.mktemp("lease1"), "1"))
    ]
    survivor = bots[1]
    try:
        await asyncio.gather(*(bot.spawn() for bot in bots))
        for bot in bots:
            await dispatcher_started(bot)

        def delivered() -> int:
            return sum(1 for m in members if fake.dms_to(m))

        await fake.wait_until(lambda: delivered() >= 6, timeout=60, what="the fan-out under way")
        # Kill -9 a process holding claimed slots, in the middle of sending them: nothing is given back.
        held = await leases(url)
        doomed = next(bot for bot in bots if bot.proc and any(f":{bot.proc.pid}:" in h for h in held))
        survivor = bots[1 - bots.index(doomed)]
        assert doomed.proc is not None
        doomed.proc.send_signal(signal.SIGKILL)
        await doomed.proc.wait()
        assert delivered() < MEMBERS, "the fan-out was over before the kill"
        await fake.wait_until(lambda: delivered() == MEMBERS, timeout=60, what="every member's reminder")
        await asyncio.sleep(1.5)  # a second copy would be here by now
        assert [len(fake.dms_to(m)) for m in members] == [1] * MEMBERS
        assert await leases(url) == {}
        assert fake.rate_limited > 0  # the global limit was hit, and waited out: nothing lost
    finally:
        fake.rate_limit(None)
        for bot in bots:
            if bot is not survivor:
                await bot.stop()
        code = await survivor.stop()
        await as_superuser(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    assert code == 0, survivor.tail()
