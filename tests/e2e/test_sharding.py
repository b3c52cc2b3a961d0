"""Sharding end to end: SHARD_COUNT/SHARD_IDS against the fake Discord, which routes each guild's events to
the connection owning `(guild_id >> 22) % shard_count`.

Two guilds, one on each of 2 shards. Commands are published globally once with `stride sync` (itself run
with shard settings), so both guilds see them. Each bot is stopped at the end of its test: two live
connections owning the same shard would both receive its events.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from standin import FakeDiscord
from standin.botproc import REPO_ROOT, BotProcess, bot_environment
from standin.state import Guild, Member
from tests.e2e.helpers import count_runs, new_store, query, write
from tests.fakediscord.bots import start_bot
from tests.postgres import on_postgres

pytestmark = pytest.mark.asyncio(loop_scope="module")

TWO_SHARDS = {"SHARD_COUNT": "2"}


@dataclass(frozen=True)
class World:
    north: Guild  # on shard 0
    south: Guild  # on shard 1
    nora: Member  # in North
    sam: Member  # in South
    sid: Member  # in South


@pytest.fixture(scope="module")
def world(fake: FakeDiscord) -> World:
    north = fake.add_guild("North", shard=(0, 2))
    south = fake.add_guild("South", shard=(1, 2))
    return World(
        north, south, fake.add_member(north, "nora"), fake.add_member(south, "sam"), fake.add_member(south, "sid")
    )


async def stride(*args: str, env: dict[str, str]) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env, cwd=REPO_ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=30)
    return proc.returncode or 0, out.decode()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def synced(fake: FakeDiscord, world: World, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, int]:
    """`stride sync` with shard settings: publishes the commands globally (both guilds see them).
    Returns its exit code, output and how many gateway IDENTIFYs happened meanwhile."""
    env = bot_environment(fake, tmp_path_factory.mktemp("sync"), env={**TWO_SHARDS, "SHARD_IDS": "1"})
    identifies = fake.identify_count
    code, out = await stride("sync", env=env)
    return code, out, fake.identify_count - identifies


def seed_reminders(database: Path | str, due: datetime, *members: Member) -> None:
    """A DM stretch reminder for each member, due at `due`, in a migrated database."""
    fire = int(due.timestamp())
    sql = (
        "INSERT INTO reminders (guild_id, user_id, kind, at_time, days_mask, timezone, target, next_fire_utc,"
        " due_utc, created_at) VALUES (?, ?, 'stretch', ?, 127, 'UTC', 'dm', ?, ?, 'seed')"
    )
    write(database, [(sql, (m.guild.id, m.id, due.strftime("%H:%M"), fire, fire)) for m in members])


async def log_run(fake: FakeDiscord, member: Member, bot: BotProcess, distance: str = "5k") -> None:
    reply = await fake.slash(member, "run log", distance=distance, time="25:00")
    assert reply.ephemeral and "25:00" in reply.embed_text(), bot.tail()


async def exactly_one_stretch_dm(fake: FakeDiscord, database: Path | str, *members: Member) -> None:
    """Each member got their stretch DM, and once the dispatchers settled those slots (what stops any process
    from sending them again) there is still exactly one: a duplicate, however late, was sent before that."""
    for member in members:
        await fake.wait_for_message(lambda m: "stretch" in m.content, dm_to=member, timeout=20)

    def settled() -> bool:
        rows = query(
            database,
            "SELECT count(*) FROM reminders WHERE last_fire_utc IS NOT NULL AND claimed_by IS NULL AND user_id IN ("
            + ", ".join("?" * len(members))
            + ")",
            tuple(m.id for m in members),
        )
        return rows[0][0] == len(members)

    deadline = asyncio.get_running_loop().time() + 20
    while not settled():  # the database, not the fake, changes here: poll it
        assert asyncio.get_running_loop().time() < deadline, "the reminder slots were never settled as sent"
        await asyncio.sleep(0.05)
    assert [len(fake.dms_to(m)) for m in members] == [1] * len(members)


def command_lines(bot: BotProcess, guild: Guild) -> list[str]:
    return [line for line in bot.log().splitlines() if f"guild={guild.id} command=" in line]


async def logged(bot: BotProcess, text: str, times: int = 1) -> str:
    """The bot's log once it contains `text` `times` times (within 5 s; a command is logged just after
    it answered)."""
    deadline = asyncio.get_running_loop().time() + 5.0
    while (log := bot.log()).count(text) < times:
        assert asyncio.get_running_loop().time() < deadline, f"{text!r} never logged:\n{bot.tail()}"
        await asyncio.sleep(0.05)
    return log


async def test_sync_with_shard_settings_publishes_globally_without_the_gateway(
    fake: FakeDiscord, synced: tuple[int, str, int]
) -> None:
    code, out, identifies = synced
    assert code == 0, out
    assert {"run", "help", "remind"} <= {c["name"] for c in fake.commands()}
    assert identifies == 0


async def test_one_process_owning_both_shards(
    fake: FakeDiscord, world: World, synced: tuple[int, str, int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    workdir = tmp_path_factory.mktemp("both-shards")
    store = await new_store(workdir)
    database = store.locator
    seed_reminders(database, datetime.now(UTC) + timedelta(seconds=3), world.nora, world.sam)
    env = {**TWO_SHARDS, "SHARD_IDS": "0,1", **store.env}
    bot = await start_bot(fake, workdir=workdir, env=env)
    try:
        # discord.py waits 5 s between IDENTIFYs of one process (Discord's identify rate limit).
        await fake.wait_until(
            lambda: sorted(fake.connected_shards) == [(0, 2), (1, 2)], timeout=20, what="both shards connected"
        )
        await log_run(fake, world.nora, bot)
        await log_run(fake, world.sam, bot)
        assert count_runs(database, world.nora.id, world.north.id) == 1
        assert count_runs(database, world.sam.id, world.south.id) == 1
        await exactly_one_stretch_dm(fake, database, world.nora, world.sam)
        log = await logged(bot, "logged in as")
        assert "shard 0 of 2 ready in 1 server" in log and "shard 1 of 2 ready in 1 server" in log
        assert "in 2 servers, shards 0, 1 of 2" in log
        assert "reminder dispatcher not started" not in log
        # A dropped connection: each shard RESUMEs (through the fake's gateway again) and says so.
        resumes = fake.resume_count
        await fake.drop_gateway()
        await fake.wait_until(
            lambda: fake.resume_count >= resumes + 2 and sorted(fake.connected_shards) == [(0, 2), (1, 2)],
            timeout=20,
            what="both shards resumed",
        )
        for shard in (0, 1):
            await logged(bot, f"shard {shard} of 2 resumed its gateway session")
        assert "gateway session resumed" not in bot.log()  # the unsharded line, naming no shard
        await log_run(fake, world.sam, bot, distance="5 km")
        assert count_runs(database, world.sam.id, world.south.id) == 2
    finally:
        assert await bot.stop() == 0


async def test_two_processes_share_one_database_each_answering_its_shard(
    fake: FakeDiscord, world: World, synced: tuple[int, str, int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    fake.clear_records()
    store = await new_store(tmp_path_factory.mktemp("shared"))
    shared = store.locator
    seed_reminders(shared, datetime.now(UTC) + timedelta(seconds=4), world.nora, world.sid)
    first, second = (
        BotProcess(fake, "bot", workdir, bot_environment(fake, workdir, env=env))
        for workdir, env in (
            (tmp_path_factory.mktemp("shard0"), {**TWO_SHARDS, "SHARD_IDS": "0", **store.env}),
            (tmp_path_factory.mktemp("shard1"), {**TWO_SHARDS, "SHARD_IDS": "1", **store.env}),
        )
    )

    def both_connected() -> bool:
        for bot in (first, second):
            assert bot.returncode is None, f"a shard's process exited with {bot.returncode}:\n{bot.tail()}"
        return sorted(fake.connected_shards) == [(0, 2), (1, 2)]

    try:
        await asyncio.gather(first.spawn(), second.spawn())  # at once, as a service manager starts them
        await fake.wait_until(both_connected, timeout=30, what="both processes connected")
        await log_run(fake, world.nora, first)
        await log_run(fake, world.sid, second)
        await log_run(fake, world.sid, second, distance="5 km")
        # Each process answered only its own shard's guild, and both wrote to the one database.
        await logged(first, f"guild={world.north.id} command=run log")
        await logged(second, f"user={world.sid.id} guild={world.south.id} command=run log", times=2)
        assert len(command_lines(first, world.north)) == 1 and command_lines(first, world.south) == []
        assert len(command_lines(second, world.south)) == 2 and command_lines(second, world.north) == []
        assert count_runs(shared, world.nora.id, world.north.id) == 1
        assert count_runs(shared, world.sid.id, world.south.id) == 2
        # On SQLite only the owner of shard 0 delivers reminders, for every guild; on PostgreSQL both
        # processes do, claiming slots through the database. Either way each is sent once.
        assert ("reminder dispatcher not started" in second.log()) is not on_postgres()
        assert "reminder dispatcher not started" not in first.log()
        await exactly_one_stretch_dm(fake, shared, world.nora, world.sid)
        # A click in a DM is not a guild event: it reaches shard 0's process.
        [dm] = fake.dms_to(world.sid)
        done = await fake.click(world.sid, dm, "Done")
        assert "✅ Done at" in done.content and done.buttons() == []  # the reminder message shows the outcome
        assert query(shared, "SELECT count(*) FROM reminder_dones WHERE user_id = ?", (world.sid.id,)) == [(1,)]
        await logged(first, f"button user={world.sid.id} guild=None action=rem:done")
        assert "action=rem:done" not in second.log()
        for bot, shard in ((first, 0), (second, 1)):
            await logged(bot, f"shard {shard} of 2 ready in 1 server")
            await logged(bot, f"in 1 server, shard {shard} of 2")  # on_ready
    finally:
        codes = [await first.stop(), await second.stop()]
    assert codes == [0, 0]


async def test_a_members_data_follows_their_guild_to_another_process(
    fake: FakeDiscord, world: World, synced: tuple[int, str, int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Processes A and B share one database; North's shard moves from A to B (as when shards are
    reassigned): what Nora set and logged through A is what B shows her."""
    store = await new_store(tmp_path_factory.mktemp("moving"))
    homes = [tmp_path_factory.mktemp("process-a"), tmp_path_factory.mktemp("process-b")]

    def processes(shard_of_a: int) -> list[BotProcess]:
        shards = (shard_of_a, 1 - shard_of_a)
        return [
            BotProcess(
                fake, "bot", home, bot_environment(fake, home, env={**TWO_SHARDS, "SHARD_IDS": str(shard), **store.env})
            )
            for home, shard in zip(homes, shards, strict=True)
        ]

    async def started(bots: list[BotProcess]) -> None:
        await asyncio.gather(*(bot.spawn() for bot in bots))
        await fake.wait_until(
            lambda: sorted(fake.connected_shards) == [(0, 2), (1, 2)], timeout=30, what="both shards connected"
        )

    before = processes(shard_of_a=0)  # North is on shard 0: process A answers Nora
    try:
        await started(before)
        reply = await fake.slash(world.nora, "profile set", units="mi")
        assert reply.ephemeral, reply.content
        await log_run(fake, world.nora, before[0])
        await logged(before[0], f"user={world.nora.id} guild={world.north.id} command=run log")
    finally:
        assert [await bot.stop() for bot in before] == [0, 0]
    after = processes(shard_of_a=1)  # the same homes, shards swapped: process B answers Nora now
    try:
        await started(after)
        history = await fake.slash(world.nora, "run history")
        assert "3.11 mi" in history.embed_text(), history.embed_text()  # her 5 km, in the miles she chose through A
        await logged(after[1], f"user={world.nora.id} guild={world.north.id} command=run history")
        assert "command=run history" not in after[0].log()
    finally:
        assert [await bot.stop() for bot in after] == [0, 0]
    assert count_runs(store.locator, world.nora.id, world.north.id) == 1


async def test_without_shard_settings_one_connection_owns_everything(
    fake: FakeDiscord, world: World, synced: tuple[int, str, int], tmp_path_factory: pytest.TempPathFactory
) -> None:
    workdir = tmp_path_factory.mktemp("unsharded")
    bot = await start_bot(fake, workdir=workdir)
    try:
        assert fake.connected_shards == [None]  # IDENTIFY without a shard field, as before sharding
        await log_run(fake, world.nora, bot)
        await log_run(fake, world.sam, bot)
        assert "servers, unsharded" in await logged(bot, "logged in as")
        resumes = fake.resume_count
        await fake.drop_gateway()
        await fake.wait_until(lambda: fake.resume_count > resumes and fake.bot_connected, what="RESUME")
        await logged(bot, "gateway session resumed (unsharded)")
        assert "reminder dispatcher started" in bot.log()
    finally:
        assert await bot.stop() == 0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"SHARD_IDS": "0,1"}, "SHARD_IDS=0,1 needs SHARD_COUNT"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "2"}, "SHARD_IDS has shard 2, but with SHARD_COUNT=2"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "1,1"}, "SHARD_IDS lists shard 1 more than once."),
        ({"SHARD_COUNT": "none"}, "SHARD_COUNT must be a whole number of shards"),
    ],
)
async def test_bad_shard_settings_exit_2_with_one_line(
    fake: FakeDiscord, tmp_path: Path, settings: dict[str, str], message: str
) -> None:
    identifies = fake.identify_count
    code, out = await stride("run", env=bot_environment(fake, tmp_path, env=settings))
    assert code == 2
    assert out.strip().count("\n") == 0 and message in out, out
    assert fake.identify_count == identifies and not (tmp_path / "stride.db").exists()
