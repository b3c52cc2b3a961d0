"""The command line: no token, check, backup, sync, and an unexpected error reaching a user."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from standin.botproc import bot_environment
from tests.e2e.helpers import write
from tests.fakediscord.bots import start_bot
from tests.postgres import on_postgres

pytestmark = pytest.mark.asyncio(loop_scope="module")
REPO = Path(__file__).resolve().parents[2]


async def stride(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=30)
    return proc.returncode or 0, out.decode()


def plain_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DEV_GUILD", "DATABASE_"))}
    env["PYTHONPATH"] = str(REPO)
    env["DATABASE_PATH"] = str(tmp_path / "stride.db")
    return {**env, **extra}


async def test_no_token_explains_where_to_get_one(tmp_path: Path) -> None:
    code, out = await stride(env=plain_env(tmp_path), cwd=tmp_path)
    assert code == 2
    assert "DISCORD_TOKEN is not set" in out and "discord.com/developers/applications" in out and ".env" in out
    assert "`stride try` runs it locally" in out and len(out.strip().splitlines()) == 1  # one paragraph
    assert "Traceback" not in out


async def test_malformed_token_is_refused_before_connecting(tmp_path: Path) -> None:
    code, out = await stride("run", env=plain_env(tmp_path, DISCORD_TOKEN="not-a-token"), cwd=tmp_path)
    assert code == 2 and "does not look like a bot token" in out and "Traceback" not in out


async def test_token_from_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DISCORD_TOKEN=short\n")
    code, out = await stride("check", env=plain_env(tmp_path), cwd=tmp_path)
    assert code == 1 and "does not look like a bot token" in out


async def test_check_and_backup(fake, tmp_path: Path) -> None:
    env = plain_env(tmp_path, DISCORD_TOKEN=fake.token)
    code, out = await stride("check", env=env, cwd=tmp_path)
    assert code == 0, out
    assert "healthy" in out and "no database at" in out and "`stride run` creates it" in out
    assert not (tmp_path / "stride.db").exists()  # check never creates the database
    await migrated(tmp_path / "stride.db")
    code, out = await stride("check", env=env, cwd=tmp_path)
    assert code == 0 and "at schema version" in out, out
    db = sqlite3.connect(tmp_path / "stride.db")
    db.execute("INSERT INTO members (guild_id, user_id, created_at) VALUES (1, 2, 'now')")
    db.commit()
    db.close()
    code, out = await stride("backup", str(tmp_path / "copy.db"), env=env, cwd=tmp_path)
    assert code == 0, out
    assert out.strip() == f"Backed up {tmp_path / 'stride.db'} to {tmp_path / 'copy.db'}."
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("SELECT guild_id, user_id FROM members").fetchall() == [(1, 2)]
    assert copy.execute("SELECT count(*) FROM tips WHERE guild_id IS NULL").fetchone()[0] == 0  # check never syncs
    copy.close()
    assert [name for name in names_in(tmp_path) if name.startswith(".")] == []  # no partial file left


async def migrated(path: Path) -> None:
    from bot.db.sqlite.database import SqliteDatabase

    db = await SqliteDatabase.open(path)
    try:
        await db.migrate()
    finally:
        await db.close()


def names_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def members_in(path: Path) -> list[tuple[int, int]]:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT guild_id, user_id FROM members").fetchall()
    finally:
        db.close()


@pytest.mark.parametrize("existing", ["an older backup", "not a database"])
async def test_backup_refuses_an_existing_file_unless_forced(fake, tmp_path: Path, existing: str) -> None:
    env = plain_env(tmp_path, DISCORD_TOKEN=fake.token)
    await migrated(tmp_path / "stride.db")
    target = tmp_path / "backup.db"
    if existing == "an older backup":
        await migrated(target)
    else:
        target.write_text("my notes, not a database\n")
    before = target.read_bytes()
    db = sqlite3.connect(tmp_path / "stride.db")
    db.execute("INSERT INTO members (guild_id, user_id, created_at) VALUES (3, 4, 'now')")
    db.commit()
    db.close()

    code, out = await stride("backup", str(target), env=env, cwd=tmp_path)
    assert code == 3, out
    assert (
        out.strip()
        == f"Stride cannot back up: {target} already exists: pick a new file name, or add --force to replace it."
    )
    assert target.read_bytes() == before  # untouched

    code, out = await stride("backup", str(target), "--force", env=env, cwd=tmp_path)
    assert code == 0, out
    assert out.strip() == f"Backed up {tmp_path / 'stride.db'} to {target} (replacing the file that was there)."
    assert members_in(target) == [(3, 4)]
    assert [name for name in names_in(tmp_path) if ".partial" in name] == []


async def test_backup_refuses_a_folder_and_the_database_itself(fake, tmp_path: Path) -> None:
    env = plain_env(tmp_path, DISCORD_TOKEN=fake.token)
    await migrated(tmp_path / "stride.db")
    before = (tmp_path / "stride.db").read_bytes()
    code, out = await stride("backup", str(tmp_path), "--force", env=env, cwd=tmp_path)
    assert code == 3 and len(out.strip().splitlines()) == 1 and "is a folder: give the backup a file name" in out
    code, out = await stride("backup", "stride.db", "--force", env=env, cwd=tmp_path)
    assert code == 3 and out.strip().endswith("stride.db is the database itself: back it up to another file."), out
    assert (tmp_path / "stride.db").read_bytes() == before


async def test_check_in_an_empty_folder_creates_nothing(tmp_path: Path) -> None:
    code, out = await stride("check", env=plain_env(tmp_path), cwd=tmp_path)
    assert code == 1 and "DISCORD_TOKEN is not set" in out and "Traceback" not in out, out
    assert names_in(tmp_path) == []


def without_settings(env: dict[str, str]) -> dict[str, str]:
    names = ("LOG_LEVEL", "METRICS_", "SHARD_", "REMINDER_LEASE")
    return {k: v for k, v in env.items() if not k.startswith(names)}


async def test_check_with_a_bad_dotenv_lists_every_problem(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "LOG_LEVEL=LOUD\nMETRICS_PORT=abc\nMETRICS_HOST=not-an-address\nDEV_GUILD_ID=my-server\n"
        "REMINDER_LEASE_SECONDS=forever\n"
    )
    code, out = await stride("check", env=without_settings(plain_env(tmp_path)), cwd=tmp_path)
    assert code == 2, out
    lines = out.strip().splitlines()
    assert lines[0] == "Stride's configuration has 6 problems:", out
    for needle in (
        "- LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got 'LOUD'.",
        "- METRICS_PORT must be a port number (1-65535), got 'abc'.",
        "- METRICS_HOST must be an IP address",
        "- DEV_GUILD_ID must be a server id (digits only), got 'my-server'.",
        "- REMINDER_LEASE_SECONDS must be a number of seconds (2-3600), got 'forever'.",
        "- DISCORD_TOKEN is not set.",
    ):
        assert any(line.startswith(needle) for line in lines), (needle, out)
    assert "Traceback" not in out and not (tmp_path / "stride.db").exists()


@pytest.mark.parametrize("command", ["run", "sync"])
async def test_run_with_a_bad_dotenv_lists_every_problem_and_exits_2(fake, tmp_path: Path, command: str) -> None:
    (tmp_path / ".env").write_text("LOG_LEVEL=LOUD\nMETRICS_PORT=abc\n")
    env = without_settings(plain_env(tmp_path, DISCORD_TOKEN=fake.token, DISCORD_API_BASE=fake.api_base))
    code, out = await stride(command, env=env, cwd=tmp_path)
    assert code == 2 and "Traceback" not in out, out
    assert out.strip().splitlines() == [
        "Stride's configuration has 2 problems:",
        "- LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got 'LOUD'.",
        "- METRICS_PORT must be a port number (1-65535), got 'abc'.",
    ]
    assert not (tmp_path / "stride.db").exists()


async def test_check_reports_a_missing_database_folder(tmp_path: Path) -> None:
    env = plain_env(tmp_path, DATABASE_PATH=str(tmp_path / "nope" / "stride.db"))
    code, out = await stride("check", env=env, cwd=tmp_path)
    assert code == 1 and "DISCORD_TOKEN is not set" in out and "does not exist" in out


async def test_sync_publishes_commands_globally_and_exits(fake, tmp_path: Path) -> None:
    env = bot_environment(fake, tmp_path)
    code, out = await stride("sync", env=env, cwd=REPO)
    assert code == 0, out
    names = {c["name"] for c in fake.commands()}
    assert {"run", "profile", "shoes", "me", "help", "advice", "tips"} <= names
    tips = next(c for c in fake.commands() if c["name"] == "tips")
    assert tips["default_member_permissions"] == str(0x20)  # hidden from members by default
    assert fake.identify_count == 0  # never opened the gateway


async def test_unexpected_error_gives_an_apology_and_logs_the_traceback(fake, tmp_path: Path) -> None:
    guild = fake.add_guild("Broken")
    member = fake.add_member(guild, "unlucky")
    bot = await start_bot(fake, guild=guild, workdir=tmp_path)
    try:
        write(bot.database, [("DROP TABLE shoes CASCADE" if on_postgres() else "DROP TABLE shoes", ())])  # broke
        reply = await fake.slash(member, "shoes list", guild=guild)
        assert reply.ephemeral and reply.content.startswith("Sorry, something went wrong")
        assert "Traceback" not in reply.content and "shoes" not in reply.content
        await fake.wait_until(lambda: "Traceback" in bot.log(), what="the traceback in the log")
        assert "command shoes list failed" in bot.log()
    finally:
        await bot.stop()
