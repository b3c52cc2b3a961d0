"""A throwaway PostgreSQL server for benchmarks, as `.ci/run` starts one for the tests.

async with postgres_server(url) as server:  # url None: initdb + pg_ctl in a temp folder, stopped after
    url = await server.new_database("bench")
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg


def _bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1:]), None)
    if not found:
        raise SystemExit(f"{name} not found: install PostgreSQL's server (Debian: postgresql) or pass --url")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, url: str) -> None:
        self.url = url

    def database_url(self, name: str) -> str:
        return urlunsplit(urlsplit(self.url)._replace(path=f"/{name}"))

    async def new_database(self, name: str) -> str:
        conn = await asyncpg.connect(self.url)
        try:
            await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            await conn.execute(f"CREATE DATABASE {name}")
        finally:
            await conn.close()
        return self.database_url(name)


@contextlib.contextmanager
def postgres_server(url: str | None = None) -> Iterator[Server]:
    if url:
        yield Server(url)
        return
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="stride-bench-pg."))
    if as_pg:
        shutil.chown(folder, "postgres")
    folder.chmod(0o700)
    data, port = folder / "data", _free_port()
    run = lambda *args: subprocess.run([*as_pg, *args], check=True, stdout=subprocess.DEVNULL)  # noqa: E731
    try:
        run(_bin("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")
        # Durable commits as in production (fsync and synchronous_commit stay on); more connections for shards.
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        run(_bin("pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60", "start", "-o", options)
        yield Server(f"postgresql://postgres@127.0.0.1:{port}/postgres")
    finally:
        subprocess.run([*as_pg, _bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
