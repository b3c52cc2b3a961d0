import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.db.sqlite.database import SqliteDatabase
from bot.db.sqlite.migrations import migrations as _migrations
from bot.db.store import Store
from tests.postgres import on_postgres

SQLITE_ONLY = pytest.mark.skipif(on_postgres(), reason="the SQLite engine itself (see tests/unit/db/postgres)")


@SQLITE_ONLY
async def test_migrations_are_numbered_and_applied(db: Store) -> None:
    versions = [v for v, _, _ in _migrations()]
    assert versions == list(range(1, len(versions) + 1))
    row = await db.fetchone("PRAGMA user_version")
    assert row[0] == versions[-1]
    # Applying again is a no-op.
    assert await db.migrate() == versions[-1]


@SQLITE_ONLY
async def test_pragmas(db: Store) -> None:
    assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"
    assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1


async def test_transaction_rolls_back_everything_on_error(db: Store) -> None:
    async def write_then_fail() -> None:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO members (guild_id, user_id, created_at) VALUES (1, 2, 'x')")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await write_then_fail()
    assert (await db.fetchone("SELECT count(*) FROM members"))[0] == 0


@SQLITE_ONLY
async def test_backup_is_a_consistent_copy(db: Store, tmp_path: Path) -> None:
    async with db.transaction() as tx:
        await tx.execute("INSERT INTO members (guild_id, user_id, created_at) VALUES (1, 2, 'x')")
    target = tmp_path / "copy.db"
    await db.db.backup(target)
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT guild_id, user_id FROM members").fetchall() == [(1, 2)]
    finally:
        copy.close()


async def test_two_processes_starting_together_migrate_once(tmp_path: Path) -> None:
    """Two bot processes (shards) on one file may start at the same moment: each migration runs once."""
    first, second = await SqliteDatabase.open(tmp_path / "shared.db"), await SqliteDatabase.open(tmp_path / "shared.db")
    try:
        versions = await asyncio.gather(first.migrate(), second.migrate())
    finally:
        await first.close()
        await second.close()
    newest = len(_migrations())
    assert versions == [newest, newest]
    conn = sqlite3.connect(tmp_path / "shared.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == newest
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'members'").fetchone()[0] == 1
    conn.close()


def _wal_salt(path: Path) -> bytes:
    """The WAL header's salts (bytes 16-23): SQLite changes them each time a writer starts the WAL over."""
    return Path(f"{path}-wal").read_bytes()[16:24]


@SQLITE_ONLY
async def test_the_background_checkpoint_folds_the_wal_back_so_the_next_write_starts_it_over(
    tmp_path: Path, monkeypatch
) -> None:
    from datetime import UTC, datetime

    from bot.db.factory import open_sqlite
    from bot.db.sqlite import database
    from bot.running.services.runs import RunForm, log_run

    monkeypatch.setattr(database, "CHECKPOINT_EVERY_S", 0.05)
    path = tmp_path / "stride.db"
    db = await open_sqlite(path)
    try:
        await db.migrate()
        now = datetime(2026, 11, 25, 12, tzinfo=UTC)
        await asyncio.sleep(0.3)  # the migrations folded back and the WAL started over: a clean start
        await log_run(db, 1, 2, RunForm("5k", "25:00", "2026-10-01"), now)
        before = _wal_salt(path)
        for day in range(2, 29):
            await log_run(db, 1, 2, RunForm("5k", "25:00", f"2026-10-{day:02d}"), now)
        # Pauses: a checkpoint that runs with nothing written meanwhile lets the next write start the WAL
        # over. On a loaded machine the first pause may not be enough, so pause and write up to 5 s.
        for _ in range(25):
            await asyncio.sleep(0.2)
            await log_run(db, 1, 2, RunForm("5k", "25:00"), now)
            if _wal_salt(path) != before:
                break
        assert _wal_salt(path) != before  # the WAL started over
    finally:
        await db.close()
