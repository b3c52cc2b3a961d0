"""The kill -9 drills: 200 reminders due in the same minute, Discord failing on the way (global 429s, 5xx
before the work, 5xx after it: the message was created but its answer lost), and the process sending them
killed with SIGKILL when about 30% are out. Every member ends up reminded exactly once as the fake Discord
shows it (a copy sent again with the same nonce is dropped, as Discord does), with distinct nonces, within
the lease plus one minute of the kill, and the database has every slot settled.

* SQLite: one process, restarted at once in the same folder: it takes the dead one's claims over at start.
* PostgreSQL: two processes (SHARD_COUNT=2), nothing else happening: the survivor takes the dead one's
  leased slots over when the lease ends, woken by that lease end alone.

Slow (tens of seconds each): deselect with `-m "not slow"`. Each runs on the suite's own engine, so CI runs
each once. Their figures are printed (`-s`): reminded / lost / duplicated, copies dropped, time to finish.
"""

from __future__ import annotations

import asyncio
import signal
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from bot.db.engine import Database
from bot.db.postgres.database import PgDatabase
from bot.db.sqlite.database import SqliteDatabase
from standin import FakeDiscord
from standin.botproc import BotProcess, bot_environment
from standin.state import Guild, Member
from tests.e2e.helpers import query
from tests.postgres import as_superuser, on_postgres, server_url, with_database

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

MEMBERS = 200
LEASE_S = 6
KILL_AT = 0.3
MESSAGES = r"^/channels/\d+/messages$"


@dataclass
class Tally:
    reminded: int
    lost: int
    duplicated: int
    nonces: list[str | None]


def tally(fake: FakeDiscord, members: list[Member]) -> Tally:
    counts = [len(fake.dms_to(m)) for m in members]
    channels = {fake.world.dm_channel(m.user).id for m in members}
    nonces = [m.nonce for m in fake.world.messages.values() if m.channel_id in channels]
    return Tally(sum(c >= 1 for c in counts), counts.count(0), sum(c > 1 for c in counts), nonces)


async def seed(db: Database, due: datetime, members: list[Member]) -> None:
    await db.migrate()
    fire = int(due.timestamp())
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT INTO reminders (guild_id, user_id, kind, at_time, days_mask, timezone, target, next_fire_utc,"
            " due_utc, created_at) VALUES (?, ?, 'stretch', ?, 127, 'UTC', 'dm', ?, ?, 'seed')",
            [(m.guild.id, m.id, due.strftime("%H:%M"), fire, fire) for m in members],
        )
    await db.close()


def inject_faults(fake: FakeDiscord, rate: int) -> None:
    fake.clear_records()
    fake.rate_limit(rate)  # below what the dispatchers may use: global 429s, waited out
    fake.fail_next("POST", MESSAGES, 500, times=12, after=True)  # created, but the answer lost: sent again
    fake.fail_next("POST", MESSAGES, 502, times=12)
    fake.fail_next("POST", r"^/users/@me/channels$", 503, times=6)


async def dispatcher_started(bot: BotProcess) -> None:
    for _ in range(300):  # the bot's log does not wake the fake's waiters: poll it
        assert bot.returncode is None, bot.tail()
        if "reminder dispatcher started" in bot.log():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"no dispatcher started:\n{bot.tail()}")


async def kill_at_share(fake: FakeDiscord, members: list[Member], pick) -> tuple[BotProcess, float, int]:
    """SIGKILL the process `pick()` names once about KILL_AT of the members have their reminder."""
    await fake.wait_until(
        lambda: tally(fake, members).reminded >= KILL_AT * MEMBERS, timeout=90, what=f"{KILL_AT:.0%} reminded"
    )
    doomed = await pick()
    assert doomed.proc is not None
    doomed.proc.send_signal(signal.SIGKILL)
    await doomed.proc.wait()
    at = asyncio.get_running_loop().time()
    reminded = tally(fake, members).reminded
    assert reminded < MEMBERS, "the fan-out was over before the kill"
    return doomed, at, reminded


async def settled(database: Path | str) -> bool:
    """Every slot sent and recorded, nothing claimed: no send can happen any more."""
    rows = await asyncio.to_thread(
        query,
        database,
        "SELECT (SELECT count(*) FROM reminder_slots), (SELECT count(*) FROM reminders WHERE claimed_by IS NOT NULL)",
    )
    return rows[0] == (MEMBERS, 0)


async def finish(fake: FakeDiscord, members: list[Member], database: Path | str, killed_at: float, what: str) -> None:
    deadline = LEASE_S + 60
    await fake.wait_until(lambda: tally(fake, members).reminded == MEMBERS, timeout=deadline, what="all reminded")
    for _ in range(200):
        if await settled(database):
            break
        await asyncio.sleep(0.05)
    took = asyncio.get_running_loop().time() - killed_at
    result = tally(fake, members)
    print(
        f"{what}: reminded {result.reminded}/{MEMBERS}, lost {result.lost}, duplicated {result.duplicated}, "
        f"copies dropped by nonce {fake.nonce_repeats}, 429s {fake.rate_limited}, all out {took:.1f} s after the kill"
    )
    assert await settled(database), "slots left unsettled or claimed"
    assert (result.reminded, result.lost, result.duplicated) == (MEMBERS, 0, 0)
    assert None not in result.nonces and len(set(result.nonces)) == len(result.nonces) == MEMBERS
    assert took <= deadline
    assert fake.rate_limited > 0  # the faults did happen
    assert fake.nonce_repeats > 0  # a message whose answer was lost was sent again, and dropped


@pytest.mark.skipif(on_postgres(), reason="the SQLite drill (the PostgreSQL suite runs the other one)")
async def test_sqlite_kill_9_mid_fan_out_and_restart(fake: FakeDiscord, tmp_path: Path) -> None:
    guild = fake.add_guild("Drill SQLite")
    members = [fake.add_member(guild, f"drill{n}") for n in range(MEMBERS)]
    workdir = tmp_path / "bot"
    workdir.mkdir()
    database = workdir / "stride.db"
    await seed(await SqliteDatabase.open(database), datetime.now(UTC) + timedelta(seconds=6), members)
    inject_faults(fake, rate=30)
    env = bot_environment(fake, workdir, env={"REMINDER_LEASE_SECONDS": str(LEASE_S)})
    first = BotProcess(fake, "bot", workdir, env)
    restarted = BotProcess(fake, "bot", workdir, env)
    try:
        await first.spawn()
        await dispatcher_started(first)

        async def the_only_one() -> BotProcess:
            return first

        _, killed_at, _ = await kill_at_share(fake, members, the_only_one)
        await restarted.spawn()  # at once, in the same folder
        await finish(fake, members, database, killed_at, "SQLite, kill -9 at ~30%, restarted at once")
        assert "took over" in restarted.log(), restarted.tail()
    finally:
        fake.rate_limit(None)
        await first.stop()
        code = await restarted.stop()
    assert code == 0, restarted.tail()


async def holders(url: str) -> set[str]:
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch("SELECT DISTINCT claimed_by FROM reminders WHERE claimed_by IS NOT NULL")
    finally:
        await conn.close()
    return {r[0] for r in rows}


@pytest.mark.skipif(not on_postgres(), reason="the PostgreSQL drill (STRIDE_TEST_ENGINE=postgres)")
async def test_postgres_two_processes_one_killed_mid_fan_out(
    fake: FakeDiscord, tmp_path_factory: pytest.TempPathFactory
) -> None:
    server = server_url()
    name = f"stride_drill_{uuid.uuid4().hex[:12]}"
    await as_superuser(f"CREATE DATABASE {name}")
    url = with_database(server, name)
    shards: list[Guild] = [fake.add_guild("Drill North", shard=(0, 2)), fake.add_guild("Drill South", shard=(1, 2))]
    members = [fake.add_member(shards[n % 2], f"drill{n}") for n in range(MEMBERS)]
    await seed(await PgDatabase.open(url, size=2), datetime.now(UTC) + timedelta(seconds=12), members)
    inject_faults(fake, rate=40)
    env = {"DATABASE_URL": url, "SHARD_COUNT": "2", "REMINDER_LEASE_SECONDS": str(LEASE_S)}
    bots = [
        BotProcess(fake, "bot", workdir, bot_environment(fake, workdir, env={**env, "SHARD_IDS": shard}))
        for workdir, shard in ((tmp_path_factory.mktemp("drill0"), "0"), (tmp_path_factory.mktemp("drill1"), "1"))
    ]
    survivor = bots[1]
    try:
        await asyncio.gather(*(bot.spawn() for bot in bots))
        for bot in bots:
            await dispatcher_started(bot)

        async def one_holding_claims() -> BotProcess:
            for _ in range(200):
                held = await holders(url)
                for bot in bots:
                    if bot.proc is not None and any(f":{bot.proc.pid}:" in h for h in held):
                        return bot
                await asyncio.sleep(0.01)
            raise AssertionError("no process holds claimed slots")

        doomed, killed_at, _ = await kill_at_share(fake, members, one_holding_claims)
        survivor = bots[1 - bots.index(doomed)]
        await finish(fake, members, url, killed_at, "PostgreSQL, 2 processes, the sender killed at ~30%")
    finally:
        fake.rate_limit(None)
        for bot in bots:
            if bot is not survivor:
                await bot.stop()
        code = await survivor.stop()
        await as_superuser(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    assert code == 0, survivor.tail()
