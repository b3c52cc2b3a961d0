"""Two bot processes on one PostgreSQL database (one shard each, both running a dispatcher) share a club's
challenge and group run: the congratulation, the results and each Going member's DM go out once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from standin import FakeDiscord
from standin.botproc import BotProcess, bot_environment
from tests.postgres import as_superuser, server_url, with_database

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def execute(url: str, sql: str, *args: object) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql, *args)
    finally:
        await conn.close()


async def test_two_processes_send_each_club_post_once(
    fake: FakeDiscord, tmp_path_factory: pytest.TempPathFactory
) -> None:
    server = server_url()  # skips without a PostgreSQL server
    name = f"stride_e2e_{uuid.uuid4().hex[:12]}"
    await as_superuser(f"CREATE DATABASE {name}")
    url = with_database(server, name)
    guild = fake.add_guild("Two processes", channels=("general",), shard=(0, 2))
    general = guild.channel("general")
    boss = fake.add_member(guild, "boss", admin=True)
    runners = [fake.add_member(guild, f"pair{n}") for n in range(4)]
    env = {"DATABASE_URL": url, "SHARD_COUNT": "2", "REMINDER_LEASE_SECONDS": "6"}
    bots = [
        BotProcess(fake, "bot", workdir, bot_environment(fake, workdir, guild=guild, env={**env, "SHARD_IDS": shard}))
        for workdir, shard in ((tmp_path_factory.mktemp("club0"), "0"), (tmp_path_factory.mktemp("club1"), "1"))
    ]
    try:
        for bot in bots:
            await bot.spawn()
        await bots[0].wait_ready(guild, timeout=30)
        await fake.wait_until(lambda: fake.identify_count >= 2, timeout=30, what="both processes connected")
        today = datetime.now(UTC).date()
        await fake.slash(boss, "challenge create", name="Pair", metric="runs", goal="1", start="today",
                         end=(today + timedelta(days=5)).isoformat(), in_channel=general)  # fmt: skip
        for runner in runners:
            await fake.slash(runner, "challenge join", name="Pair")
            await fake.slash(runner, "run log", distance="5k", time="25:00")
        await fake.slash(runners[0], "event create", title="Pair run", when="tomorrow 07:00", in_channel=general)
        card = [m for m in fake.messages_in(general) if "Pair run" in m.embed_text()][-1]
        for runner in runners:
            await fake.click(runner, card, "Going")
        # The DM an hour before is due now (instead of tomorrow at 06:00); the next post queued wakes a dispatcher.
        now = int(datetime.now(UTC).timestamp())
        await execute(url, "UPDATE scheduled_posts SET due_utc = $1, wake_utc = $1 WHERE kind = 'event.reminder'", now)
        await fake.slash(boss, "challenge end", name="Pair")
        await fake.wait_until(
            lambda: all(any("Pair run" in m.content for m in fake.dms_to(r)) for r in runners),
            timeout=30, what="every Going member's DM",
        )  # fmt: skip
        await fake.wait_for_message(lambda m: "Results: Pair" in m.text(), channel=general, timeout=30)
        await fake.wait_until(
            lambda: len([m for m in fake.messages_in(general) if "reached the goal" in m.content]) == len(runners),
            timeout=30, what="each runner's congratulation",
        )  # fmt: skip
        for bot in bots:  # a stop releases nothing twice: each process has said all it will
            await bot.stop()
        assert [len([m for m in fake.dms_to(r) if "Pair run" in m.content]) for r in runners] == [1] * len(runners)
        assert len([m for m in fake.messages_in(general) if "Results: Pair" in m.text()]) == 1
        congratulated = [m.content for m in fake.messages_in(general) if "reached the goal" in m.content]
        assert sorted(congratulated) == sorted(set(congratulated)) and len(congratulated) == len(runners)
    finally:
        for bot in bots:
            await bot.stop()
        await as_superuser(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
