"""`stride check` and `stride backup` on PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import asyncpg

from bot.config import postgres_target
from bot.db.postgres import migrations
from bot.db.postgres.pool import explain, open_pool
from bot.errors import CannotStart

BACKUP_HELP = (
    "Install PostgreSQL's client tools (Debian: apt-get install postgresql-client) and run `stride backup` again, "
    "or back up with your provider's snapshots, or run: pg_dump --format=custom --file=stride.dump DATABASE_URL"
)


async def check(url: str) -> tuple[list[str], list[str]]:
    """(facts, problems): connection, schema version (pending migrations applied, newer refused), and that
    Stride's user may create a temporary table and write its tables (tried in a transaction rolled back)."""
    where = postgres_target(url)
    try:
        pool = await open_pool(url, size=1)
    except CannotStart as exc:
        return [], [str(exc)]
    try:
        try:
            version = await migrations.migrate(pool, where)
        except CannotStart as exc:
            return [], [str(exc)]
        except (asyncpg.PostgresError, OSError) as exc:
            return [], [explain(url, exc, doing="migrating")]
        problems: list[str] = []
        async with pool.acquire() as conn:
            for what, sql in (
                ("create a temporary table", "CREATE TEMPORARY TABLE stride_check (x integer)"),
                (
                    "write its tables",
                    "INSERT INTO meta (key, value) VALUES ('stride_check', 'x') ON CONFLICT DO NOTHING",
                ),
            ):
                tx = conn.transaction()
                await tx.start()
                try:
                    await conn.execute(sql)
                except asyncpg.PostgresError as exc:
                    problems.append(
                        f"The PostgreSQL user of {where} may not {what} ({exc}). GRANT it TEMPORARY on the database "
                        "and SELECT, INSERT, UPDATE, DELETE on Stride's tables (or make it their owner)."
                    )
                finally:
                    await tx.rollback()
        return [f"database {where} at schema version {version}"], problems
    finally:
        await pool.close()


async def backup(url: str, target: Path) -> None:
    """pg_dump in its custom format (restore with pg_restore) to `target`; CannotStart when impossible."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise CannotStart(f"pg_dump is not on PATH, so Stride cannot back up PostgreSQL itself. {BACKUP_HELP}.")
    # The password goes in the environment, not on a command line every user of the machine can read.
    parts = urlsplit(url)
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if parts.password is not None:
        env["PGPASSWORD"] = unquote(parts.password)
        netloc = parts.netloc.rsplit("@", 1)
        url = urlunsplit(parts._replace(netloc=f"{netloc[0].split(':', 1)[0]}@{netloc[1]}"))
    process = await asyncio.create_subprocess_exec(
        pg_dump,
        "--format=custom",
        f"--file={target}",
        f"--dbname={url}",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    _, err = await process.communicate()
    if process.returncode != 0:
        await asyncio.to_thread(target.unlink, missing_ok=True)  # never leave half a dump that looks like a backup
        first = next((line for line in err.decode(errors="replace").splitlines() if line.strip()), "no message")
        raise CannotStart(f"pg_dump failed for {postgres_target(url)}: {first.replace(url, postgres_target(url))}")
