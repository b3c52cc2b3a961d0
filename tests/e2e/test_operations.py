"""Operating Stride: stop signals under load, kill -9, bad databases, an unreachable Discord.

Each test starts its own bot process (the shared one of other modules would hide what a stop does).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import pytest

from bot.db.sqlite.database import SqliteDatabase
from standin import CommandUsageError, FakeDiscord
from standin.botproc import BotProcess, bot_environment
from standin.state import Guild, Member
from tests.e2e.helpers import new_store, query, write
from tests.fakediscord.bots import start_bot
from tests.postgres import on_postgres

pytestmark = pytest.mark.asyncio(loop_scope="module")
REPO = Path(__file__).resolve().parents[2]
HANG = 30  # seconds: a CLI that has not exited by then hangs, which is the failure


# Root writes read-only files; without these capabilities it obeys file permissions like any user.
NO_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


async def stride(*args: str, env: dict[str, str], cwd: Path = REPO, obey_permissions: bool = False) -> tuple[int, str]:
    command = [sys.executable, "-m", "bot", *args]
    if obey_permissions and os.geteuid() == 0:
        command = [*NO_OVERRIDE, *command]
    proc = await asyncio.create_subprocess_exec(
        *command, env=env, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=HANG)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        pytest.fail(f"stride {' '.join(args)} hung for {HANG} s")
    return proc.returncode, out.decode()


def assert_one_line(out: str, *needles: str) -> None:
    lines = [line for line in out.splitlines() if line.strip()]
    assert "Traceback" not in out, out
    assert len([line for line in lines if "Stride cannot " in line or "- " in line]) >= 1, out
    for needle in needles:
        assert needle in out, out


def wal_size(database: Path) -> int:
    wal = Path(f"{database}-wal")
    return wal.stat().st_size if wal.exists() else 0


def logged_notes(database: Path | str) -> set[str]:
    return {row[0] for row in query(database, "SELECT notes FROM runs WHERE notes IS NOT NULL")}


async def log_runs(fake: FakeDiscord, member: Member, guild: Guild, tag: str, acked: set[str], stop: asyncio.Event):
    """Log runs until `stop` is set or the bot stops answering; acknowledged notes go to `acked`."""
    for i in range(10_000):
        if stop.is_set():
            return
        note = f"{tag}-{i}"
        try:
            reply = await fake.slash(member, "run log", guild=guild, distance="5k", time="25:00", notes=note, timeout=3)
        except Exception:  # no answer: the bot has gone away
            return
        if "Run logged" in reply.embed_text():
            acked.add(note)
        elif "restarting" in reply.text():
            return
        else:
            pytest.fail(f"unexpected reply {reply.text()!r}")


async def test_sigterm_when_idle_exits_0_and_leaves_a_complete_file(fake: FakeDiscord, tmp_path: Path) -> None:
    guild = fake.add_guild("Idle")
    member = fake.add_member(guild, "idler")
    bot = await start_bot(fake, guild=guild, workdir=tmp_path)
    reply = await fake.slash(member, "run log", guild=guild, distance="5k", time="25:00", notes="before stop")
    assert "Run logged" in reply.embed_text()
    started = time.monotonic()
    assert await bot.stop(timeout=10) == 0, bot.tail()
    assert time.monotonic() - started < 10
    alone = bot.database
    if isinstance(bot.database, Path):
        assert wal_size(bot.database) == 0  # checkpointed: the main file holds everything
        alone = tmp_path / "copy" / "stride.db"
        alone.parent.mkdir()
        shutil.copy(bot.database, alone)
    assert logged_notes(alone) == {"before stop"}
    assert "Traceback" not in bot.log()


async def test_sigterm_under_load_answers_every_command_and_loses_nothing(fake: FakeDiscord, tmp_path: Path) -> None:
    guild = fake.add_guild("Busy")
    members = [fake.add_member(guild, f"runner{i}") for i in range(12)]
    bot = await start_bot(fake, guild=guild, workdir=tmp_path)
    acked: set[str] = set()
    stop = asyncio.Event()
    writers = [asyncio.create_task(log_runs(fake, m, guild, f"m{i}", acked, stop)) for i, m in enumerate(members)]
    # Figures for the operator's notes (pytest -s shows them).
    await asyncio.sleep(1.5)
    assert acked, "no run was logged before the stop"
    bot.proc.send_signal(signal.SIGTERM)
    started = time.monotonic()
    code = await bot.wait_exit(timeout=15)
    elapsed = time.monotonic() - started
    stop.set()
    await asyncio.gather(*writers)
    assert code == 0, bot.tail()
    assert elapsed < 10, f"took {elapsed:.1f} s to stop"
    alone = bot.database
    if isinstance(bot.database, Path):
        alone = tmp_path / "copy" / "stride.db"
        alone.parent.mkdir()
        shutil.copy(bot.database, alone)  # the file alone, without -wal
    stored = logged_notes(alone)
    print(f"drill SIGTERM under load: {len(acked)} acknowledged, {len(acked - stored)} lost, exit in {elapsed:.2f} s")
    assert acked <= stored, f"acknowledged but lost: {sorted(acked - stored)[:5]}"
    assert "Cannot operate on a closed database" not in bot.log()
    assert "Traceback" not in bot.log(), bot.tail()


async def test_kill_9_under_load_loses_no_acknowledged_run(fake: FakeDiscord, tmp_path: Path) -> None:
    guild = fake.add_guild("Crash")
    members = [fake.add_member(guild, f"crasher{i}") for i in range(8)]
    bot = await start_bot(fake, guild=guild, workdir=tmp_path)
    acked: set[str] = set()
    stop = asyncio.Event()
    writers = [asyncio.create_task(log_runs(fake, m, guild, f"k{i}", acked, stop)) for i, m in enumerate(members)]
    await asyncio.sleep(1.5)
    bot.proc.kill()
    await bot.wait_exit()
    stop.set()
    await asyncio.gather(*writers)
    assert acked
    if isinstance(bot.database, Path):
        db = sqlite3.connect(bot.database)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            db.close()
    print(f"drill kill -9 under load: {len(acked)} acknowledged, {len(acked - logged_notes(bot.database))} lost")
    assert acked <= logged_notes(bot.database)
    again = await start_bot(fake, guild=guild, workdir=tmp_path)
    try:
        reply = await fake.slash(members[0], "run log", guild=guild, distance="5k", time="25:00")
        assert "Run logged" in reply.embed_text()
    finally:
        assert await again.stop(timeout=10) == 0


# ---------------------------------------------------------------- databases Stride cannot use

# The PostgreSQL counterparts (unreachable server, newer schema, missing permissions) are in test_postgres_cli.py.
SQLITE_FILE_ONLY = pytest.mark.skipif(on_postgres(), reason="about the SQLite file; the suite runs on PostgreSQL")


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def _truncated(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE filler (x)")
    db.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 2000)
    db.commit()
    db.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _newer(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE future (x)")
    db.execute("PRAGMA user_version=999")
    db.commit()
    db.close()


BAD_DATABASES = {
    "random bytes": (_random_bytes, "not a usable SQLite database"),
    "truncated copy": (_truncated, "not a usable SQLite database"),
    "newer schema": (_newer, "schema version 999"),
}


@SQLITE_FILE_ONLY
@pytest.mark.parametrize("command", ["check", "run"])
@pytest.mark.parametrize("kind", list(BAD_DATABASES))
async def test_a_bad_database_gives_one_line_and_an_exit_code(
    fake: FakeDiscord, tmp_path: Path, kind: str, command: str
) -> None:
    make, expected = BAD_DATABASES[kind]
    make(tmp_path / "stride.db")
    before = (tmp_path / "stride.db").read_bytes()
    env = bot_environment(fake, tmp_path)
    code, out = await stride(command, env=env)
    assert code == (1 if command == "check" else 3), out
    assert_one_line(out, expected)
    if kind == "newer schema":
        assert "supports up to" in out
        assert (tmp_path / "stride.db").read_bytes() == before  # refused, nothing touched


async def test_debug_level_shows_the_traceback(fake: FakeDiscord, tmp_path: Path) -> None:
    _random_bytes(tmp_path / "stride.db")
    code, out = await stride("run", env=bot_environment(fake, tmp_path, log_level="DEBUG"))
    assert code == 3 and "not a usable SQLite database" in out and "Traceback" in out


@SQLITE_FILE_ONLY
@pytest.mark.parametrize("command", ["check", "run"])
async def test_a_read_only_database_is_named(fake: FakeDiscord, command: str) -> None:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("root without setpriv (util-linux) writes read-only files anyway")
    folder = Path(tempfile.mkdtemp(prefix="stride-ro-"))
    try:
        db = sqlite3.connect(folder / "stride.db")
        db.execute("CREATE TABLE t (x)")
        db.commit()
        db.close()
        os.chmod(folder / "stride.db", 0o444)
        os.chmod(folder, 0o555)
        code, out = await stride(command, env=bot_environment(fake, folder), obey_permissions=True)
        assert code == (1 if command == "check" else 3), out
        assert_one_line(out, "read-only")
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder, ignore_errors=True)


@SQLITE_FILE_ONLY
@pytest.mark.parametrize("command", ["run", "backup"])
async def test_a_missing_folder_gives_one_line(fake: FakeDiscord, tmp_path: Path, command: str) -> None:
    env = bot_environment(fake, tmp_path, env={"DATABASE_PATH": str(tmp_path / "nope" / "stride.db")})
    args = ("backup", str(tmp_path / "gone" / "copy.db")) if command == "backup" else ("run",)
    if command == "backup":
        (tmp_path / "nope").mkdir()
        db = await SqliteDatabase.open(tmp_path / "nope" / "stride.db")  # a database to back up
        await db.migrate()
        await db.close()
        code, _ = await stride("check", env=env)
        assert code == 0
    code, out = await stride(*args, env=env)
    assert code == 3, out
    assert_one_line(out, "does not exist")


# ---------------------------------------------------------------- Discord


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("command", ["run", "sync"])
async def test_an_unreachable_discord_gives_one_line(fake: FakeDiscord, tmp_path: Path, command: str) -> None:
    env = bot_environment(fake, tmp_path, env={"DISCORD_API_BASE": f"http://127.0.0.1:{_closed_port()}/api/v10"})
    code, out = await stride(command, env=env)
    assert code == 3, out
    assert_one_line(out, "Discord is unreachable")


async def test_check_online_tries_the_token(fake: FakeDiscord, tmp_path: Path) -> None:
    env = bot_environment(fake, tmp_path)
    code, out = await stride("check", env=env)
    assert code == 0 and "only checked for shape" in out, out
    code, out = await stride("check", "--online", env=env)
    assert code == 0 and "Discord accepts the token" in out, out
    wrong = bot_environment(fake, tmp_path, token=fake.token[:-4] + "abcd")
    code, out = await stride("check", "--online", env=wrong)
    assert code == 1 and "Discord refused the token" in out, out
    unreachable = {**env, "DISCORD_API_BASE": f"http://127.0.0.1:{_closed_port()}/api/v10"}
    code, out = await stride("check", "--online", env=unreachable)
    assert code == 1 and "Cannot reach Discord" in out and "Traceback" not in out, out


async def test_second_signal_exits_at_once(fake: FakeDiscord, tmp_path: Path) -> None:
    guild = fake.add_guild("Impatient")
    bot: BotProcess = await start_bot(fake, guild=guild, workdir=tmp_path)
    bot.proc.send_signal(signal.SIGINT)
    bot.proc.send_signal(signal.SIGINT)
    code = await bot.wait_exit(timeout=10)
    assert code in (0, 128 + signal.SIGINT)


async def test_metrics_endpoint(fake: FakeDiscord, tmp_path: Path) -> None:
    import aiohttp

    guild = fake.add_guild("Measured")
    member = fake.add_member(guild, "measured")
    port = _closed_port()
    bot = await start_bot(fake, guild=guild, workdir=tmp_path, env={"METRICS_PORT": str(port)})
    try:
        await fake.slash(member, "run log", guild=guild, distance="5k", time="25:00")
        await fake.slash(member, "run log", guild=guild, distance="five", time="25:00")
        # A command is counted just after its answer went out: read until both are counted (at most 5 s).
        async with aiohttp.ClientSession() as http:
            for _ in range(50):
                async with http.get(f"http://127.0.0.1:{port}/metrics") as response:
                    assert response.status == 200
                    text = await response.text()
                if 'stride_command_seconds_count{command="run log"} 2.0' in text:
                    break
                await asyncio.sleep(0.1)
    finally:
        assert await bot.stop(timeout=10) == 0
    assert 'stride_commands_total{command="run log",outcome="ok"} 1.0' in text
    assert 'stride_commands_total{command="run log",outcome="refused"} 1.0' in text
    assert 'stride_command_seconds_count{command="run log"} 2.0' in text
    assert 'stride_reminders_total{outcome="sent"} 0.0' in text
    assert "stride_dispatcher_lag_seconds 0.0" in text
    assert "stride_gateway_latency_seconds" in text
    sizes = [line for line in text.splitlines() if line.startswith("stride_database_bytes ")]
    if on_postgres():  # the server's own monitoring (pg_database_size, postgres_exporter) knows its size
        assert sizes == []
    else:
        assert float(sizes[0].split()[1]) > 0


async def test_sigterm_during_a_reminder_fan_out_loses_and_repeats_nothing(fake: FakeDiscord, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    guild = fake.add_guild("Fan-out")
    members = [fake.add_member(guild, f"stretcher{i}") for i in range(300)]
    store = await new_store(tmp_path)
    due = int((datetime.now(UTC) + timedelta(seconds=4)).timestamp())
    sql = (
        "INSERT INTO reminders (guild_id, user_id, kind, at_time, days_mask, timezone, target, next_fire_utc,"
        " due_utc, created_at) VALUES (?, ?, 'stretch', ?, 127, 'UTC', 'dm', ?, ?, 'seed')"
    )
    at = datetime.fromtimestamp(due, UTC).strftime("%H:%M")
    write(store.locator, [(sql, (guild.id, m.id, at, due, due)) for m in members])
    fake.rate_limit(100)  # two requests a reminder (open the DM, send): about 6 s for all of them
    try:
        bot = await start_bot(fake, guild=guild, workdir=tmp_path, env=store.env)
        await fake.wait_until(lambda: sum(len(fake.dms_to(m)) for m in members) >= 30, timeout=20, what="sends")
        bot.proc.send_signal(signal.SIGTERM)
        assert await bot.wait_exit(timeout=15) == 0, bot.tail()
        delivered_before = sum(len(fake.dms_to(m)) for m in members)
        assert delivered_before < len(members), "the fan-out finished before the stop: nothing was tested"
        assert "released" in bot.log()
        print(f"drill SIGTERM in a fan-out of {len(members)}: {delivered_before} sent before the stop")
        again = await start_bot(fake, guild=guild, workdir=tmp_path, env=store.env)
        await fake.wait_until(lambda: all(fake.dms_to(m) for m in members), timeout=30, what="every reminder")
        await asyncio.sleep(1)
        assert await again.stop(timeout=10) == 0
    finally:
        fake.rate_limit(None)
    counts = [len(fake.dms_to(m)) for m in members]
    print(f"drill fan-out after restart: {counts.count(0)} lost, {sum(c > 1 for c in counts)} sent twice")
    assert set(counts) == {1}, "a reminder was lost or sent twice"


async def test_hostile_text_and_huge_ids(fake: FakeDiscord, tmp_path: Path) -> None:
    guild = fake.add_guild("Hostile")
    member = fake.add_member(guild, "mallory")
    bot = await start_bot(fake, guild=guild, workdir=tmp_path)
    try:
        reply = await fake.slash(member, "run log", guild=guild, distance="5k", time="25:00", notes="\u200b\x00\u202e")
        assert reply.ephemeral and "no visible characters" in reply.content
        reply = await fake.slash(member, "run log", guild=guild, distance="5k", time="25:00", notes="hill\u202e reps")
        assert "hill reps" in reply.embed_text()
        reply = await fake.slash(member, "shoes add", guild=guild, name="\u2060\u200b")
        assert reply.ephemeral and "no visible characters" in reply.content
        for command in ("run delete", "run edit", "remind remove", "remind skip"):
            for outside in (2**53, 2**63, -(2**63) - 5, 10**30, 0):  # Discord refuses these while typing
                with pytest.raises(CommandUsageError):
                    await fake.slash(member, command, guild=guild, id=outside)
            for edge in (2**53 - 1,):
                reply = await fake.slash(member, command, guild=guild, id=edge)
                said = reply.content
                assert reply.ephemeral and ("not found" in said or "You have no" in said), (command, edge, said)
        admin = fake.add_member(guild, "warden", admin=True)
        for command in ("tips remove", "tips hide"):
            reply = await fake.slash(admin, command, guild=guild, id=2**53 - 1)
            assert reply.ephemeral and "not found" in reply.content, reply.content
    finally:
        await bot.stop()
    assert logged_notes(bot.database) == {"hill reps"}
    assert "Traceback" not in bot.log()
