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
    assert "healthy" in out
    db = sqlite3.connect(tmp_path / "stride.db")
    db.execute("INSERT INTO members (guild_id, user_id, created_at) VALUES (1, 2, 'now')")
    db.commit()
    db.close()
    code, out = await stride("backup", str(tmp_path / "copy.db"), env=env, cwd=tmp_path)
    assert code == 0, out
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert copy.execute("SELECT guild_id, user_id FROM members").fetchall() == [(1, 2)]
    assert copy.execute("SELECT count(*) FROM tips WHERE guild_id IS NULL").fetchone()[0] == 0  # check never syncs
    copy.close()


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
