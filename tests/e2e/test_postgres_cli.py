"""`python -m bot` with PostgreSQL: check, backup and copy work; a bad or unreachable DATABASE_URL, or a
database from a newer Stride, is one line and a documented exit code, never a traceback or a hang."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import asyncpg
import pytest

from standin import FakeDiscord
from standin.botproc import bot_environment
from tests.e2e.test_operations import stride
from tests.postgres import pg_url  # noqa: F401 - the fixture
from tests.unit.db.postgres.seed import seed

pytestmark = pytest.mark.asyncio(loop_scope="module")
TOKEN = "A" * 24 + ".abcdef." + "b" * 27


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DEV_GUILD", "DATABASE_", "SHARD_"))}
    return {**base, "DISCORD_TOKEN": TOKEN, "DATABASE_PATH": str(tmp_path / "stride.db"), **extra}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _one_line(out: str) -> str:
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in out, out
    return lines[0]


async def test_run_refuses_an_unreachable_or_newer_postgres_and_never_falls_back_to_sqlite(
    pg_url: str,  # noqa: F811
    tmp_path: Path,
    fake: FakeDiscord,
) -> None:
    unreachable = f"postgresql://stride:sekret@127.0.0.1:{_closed_port()}/stride"
    for command in ("run", "sync"):
        code, out = await stride(command, env=bot_environment(fake, tmp_path, env={"DATABASE_URL": unreachable}))
        assert code == 3 and "Cannot reach PostgreSQL" in out.splitlines()[-1] and "sekret" not in out, out
    await as_superuser_in(pg_url, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    await as_superuser_in(pg_url, "INSERT INTO schema_version VALUES (999, '0999_future')")
    code, out = await stride("run", env=bot_environment(fake, tmp_path, env={"DATABASE_URL": pg_url}))
    assert code == 3 and "schema version 999, made by a newer Stride" in out.splitlines()[-1], out
    assert not (tmp_path / "stride.db").exists()  # DATABASE_URL wins: nothing started on SQLite


async def as_superuser_in(url: str, sql: str) -> None:
    conn = await asyncpg.connect(url, timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def test_malformed_or_unreachable_url_is_one_line(tmp_path: Path) -> None:
    code, out = await stride("check", env=_env(tmp_path, DATABASE_URL="mysql://stride@localhost/stride"))
    assert code == 2 and "DATABASE_URL must start with postgresql://" in _one_line(out)
    unreachable = f"postgresql://stride:sekret@127.0.0.1:{_closed_port()}/stride"
    code, out = await stride("backup", str(tmp_path / "b.dump"), env=_env(tmp_path, DATABASE_URL=unreachable))
    assert code == 3 and _one_line(out).startswith("Stride cannot back up: ") and "sekret" not in out, out
    (tmp_path / "club.db").touch()
    code, out = await stride("copy", "--from", str(tmp_path / "club.db"), "--to", unreachable, env=_env(tmp_path))
    line = _one_line(out)
    assert code == 3 and "Cannot reach PostgreSQL at postgresql://stride@127.0.0.1" in line and "sekret" not in out
    code, out = await stride("check", env=_env(tmp_path, DATABASE_URL=unreachable))
    assert code == 1 and "- Cannot reach PostgreSQL" in out and "Traceback" not in out, out


async def test_check_backup_and_copy_on_postgres(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    source, back = tmp_path / "club.db", tmp_path / "back.db"
    await seed(source)
    code, out = await stride("copy", "--from", str(source), "--to", pg_url, env=_env(tmp_path))
    assert code == 0 and "Copied" in out and "runs 7" in out, out
    code, out = await stride("copy", "--from", str(source), "--to", pg_url, env=_env(tmp_path))
    assert code == 3 and "is not empty: table members" in _one_line(out), out

    env = _env(tmp_path, DATABASE_URL=pg_url)
    code, out = await stride("check", env=env)
    assert code == 0 and "healthy" in out and "at schema version" in out, out
    code, out = await stride("backup", str(tmp_path / "club.dump"), env=env)
    assert code == 0 and (tmp_path / "club.dump").read_bytes()[:5] == b"PGDMP", out
    code, out = await stride("backup", str(tmp_path / "club.dump"), env=env)
    assert code == 3 and "already exists: pick a new file name, or add --force" in _one_line(out), out
    (tmp_path / "club.dump").write_text("an old note")
    code, out = await stride("backup", str(tmp_path / "club.dump"), "--force", env=env)
    assert code == 0 and "(replacing the file that was there)" in _one_line(out), out
    assert (tmp_path / "club.dump").read_bytes()[:5] == b"PGDMP"

    code, out = await stride("copy", "--from", pg_url, "--to", str(back), env=_env(tmp_path))
    assert code == 0 and "runs 7" in out, out
    code, out = await stride("check", env=_env(tmp_path, DATABASE_PATH=str(back)))
    assert code == 0 and "healthy" in out, out
