"""Opening PostgreSQL: one line naming the cause and the fix, never a hang; `check` and `backup` on PostgreSQL."""

from __future__ import annotations

import asyncio
import socket
import uuid
from pathlib import Path

import asyncpg
import pytest

from bot.db.postgres import ops, pool
from bot.db.postgres.pool import explain, open_pool
from bot.errors import CannotStart
from tests.postgres import as_superuser, server_url, with_database


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user(url: str, user: str) -> str:
    host = url.split("@", 1)[1]
    return f"postgresql://{user}:sekret@{host}"


async def test_unreachable_server_names_host_and_port_without_the_password() -> None:
    url = f"postgresql://stride:sekret@127.0.0.1:{_closed_port()}/stride"
    with pytest.raises(CannotStart) as caught:
        await open_pool(url)
    message = str(caught.value)
    assert "Cannot reach PostgreSQL at postgresql://stride@127.0.0.1:" in message and "sekret" not in message
    assert "\n" not in message


async def test_a_server_that_never_answers_times_out(monkeypatch) -> None:
    monkeypatch.setattr(pool, "CONNECT_TIMEOUT_S", 0.5)
    silent = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    try:
        with pytest.raises(CannotStart, match="did not answer within"):
            await asyncio.wait_for(open_pool(f"postgresql://stride@127.0.0.1:{port}/stride"), 5)
    finally:
        silent.close()


async def test_missing_database_unknown_role_and_no_permission(pg_url: str) -> None:
    with pytest.raises(CannotStart, match=r"does not exist .* Create it \(createdb\)"):
        await open_pool(with_database(server_url(), "stride_no_such_db"))
    with pytest.raises(CannotStart, match="refused the login"):
        await open_pool(_as_user(pg_url, "nobody_here"))
    role = f"stride_r_{uuid.uuid4().hex[:8]}"
    database = pg_url.rsplit("/", 1)[1]
    await as_superuser(f"CREATE ROLE {role} LOGIN")
    try:
        await as_superuser(f"REVOKE CONNECT ON DATABASE {database} FROM PUBLIC")
        with pytest.raises(CannotStart, match=r"lacks a permission .*GRANT") as caught:
            await open_pool(_as_user(pg_url, role))
        assert "\n" not in str(caught.value)
    finally:
        await as_superuser(f"DROP ROLE {role}")


def test_explain_covers_password_and_full_server() -> None:
    url = "postgresql://stride:sekret@db.example:5432/stride"
    refused = explain(url, asyncpg.InvalidPasswordError("password authentication failed for user stride"))
    assert refused.startswith("PostgreSQL refused the password for postgresql://stride@db.example:5432/stride")
    assert "sekret" not in refused
    assert "DATABASE_POOL_SIZE" in explain(url, asyncpg.TooManyConnectionsError("too many clients"))


async def test_check_reports_version_and_permissions(pg_url: str) -> None:
    facts, problems = await ops.check(pg_url)
    assert problems == [] and "at schema version" in facts[0]
    role = f"stride_ro_{uuid.uuid4().hex[:8]}"
    await as_superuser(f"CREATE ROLE {role} LOGIN")
    try:
        owner = await asyncpg.connect(pg_url)
        try:
            await owner.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
        finally:
            await owner.close()
        facts, problems = await ops.check(_as_user(pg_url, role))
        assert len(problems) == 1 and "may not write its tables" in problems[0], problems
    finally:
        owner = await asyncpg.connect(pg_url)  # its grants live in this database
        try:
            await owner.execute(f"DROP OWNED BY {role}")
        finally:
            await owner.close()
        await as_superuser(f"DROP ROLE {role}")


async def test_check_on_an_empty_database_without_create_permission(pg_url: str) -> None:
    role = f"stride_nc_{uuid.uuid4().hex[:8]}"
    await as_superuser(f"CREATE ROLE {role} LOGIN")
    try:
        facts, problems = await ops.check(_as_user(pg_url, role))  # PostgreSQL 15: only owners create in public
        assert facts == [] and len(problems) == 1 and "lacks a permission" in problems[0], problems
        assert "\n" not in problems[0]
    finally:
        await as_superuser(f"DROP ROLE {role}")


async def test_backup_writes_a_pg_dump_archive(pg_url: str, tmp_path: Path) -> None:
    await ops.check(pg_url)  # migrated
    target = tmp_path / "stride.dump"
    await ops.backup(pg_url, target)
    assert target.read_bytes()[:5] == b"PGDMP"


async def test_backup_failures_say_what_to_do(pg_url: str, tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(CannotStart, match="pg_dump failed for postgresql://"):
        await ops.backup(with_database(server_url(), "stride_no_such_db"), tmp_path / "x.dump")
    assert not (tmp_path / "x.dump").exists()
    monkeypatch.setattr(ops.shutil, "which", lambda name: None)
    with pytest.raises(CannotStart, match=r"pg_dump is not on PATH.*apt-get install postgresql-client"):
        await ops.backup(pg_url, tmp_path / "y.dump")
