"""The web dashboard served by the real bot process (against the fake Discord), timed over HTTP on loopback.

    .venv/bin/python -m bench.dashboard_bench [--quick] [--postgres postgresql://user@host:port/db]

- pages: an admin logged in, each page of a server with 2,000 tips of its own (plus the 141 built-ins) and 300
  audit entries, in turn: overview, tips page 1, tips page 40, tips by topic, tips search, a tip's edit form,
  the club ping, the audit log, challenges; from request to the last byte of the page (target p99 <= 50 ms)
- commands while an admin browses: `/help`, `/run log` and `/advice` in blocks of 10, alternating blocks with
  nobody on the dashboard and blocks with an admin opening a page every 250 ms (a brisk clicker), so machine
  noise hits both alike; ratio of p50s browsing / not browsing (target <= 1.05)

With --postgres, the bot runs on a fresh database on that server (dropped at the end).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import socket
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import asyncpg
from cryptography.fernet import Fernet

from bench.common import fmt, percentiles
from bot.advice import admin
from bot.advice.builtins import sync_library
from bot.db.factory import open_postgres, open_sqlite
from bot.db.store import Store

TIPS = 2_000
AUDIT = 300
TOPICS = ("back", "core", "stretching", "shoes", "form", "load", "long-run", "pacing", "hydration", "recovery")
WORDS = "stride cadence hills tempo easy recovery hamstring calf glute posture breathing fuel gel sleep taper".split()
BROWSE_EVERY_S = 0.25


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def _database(workdir: Path, postgres: str | None) -> AsyncIterator[tuple[Store, dict[str, str]]]:
    """The bot's database, open for seeding, and the environment that points the bot at it."""
    if postgres is None:
        db = await open_sqlite(workdir / "stride.db")
        try:
            yield db, {}
        finally:
            await db.close()
        return
    name = f"stride_bench_{uuid.uuid4().hex[:10]}"
    admin_conn = await asyncpg.connect(postgres)
    await admin_conn.execute(f"CREATE DATABASE {name}")
    url = urlunsplit(urlsplit(postgres)._replace(path=f"/{name}"))
    db = await open_postgres(url, 4)
    try:
        yield db, {"DATABASE_URL": url}
    finally:
        with contextlib.suppress(Exception):
            await db.close()
        await admin_conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin_conn.close()


async def _seed(db: Store, guild_id: int, user_id: int) -> int:
    """2,000 tips of the server's own (through the service, so each engine's search index has them), an
    audit log of 2,000 adds plus 300 edits; returns a tip id to edit."""
    await db.migrate()
    await sync_library(db)
    rng = random.Random(5)
    first = 0
    for i in range(TIPS):
        words = " ".join(rng.choice(WORDS) for _ in range(40))
        fields = admin.clean_fields(rng.choice(TOPICS), f"Tip {i}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
                                    words.capitalize() + ".", "Bench coach", "bench, seed", None)  # fmt: skip
        tip_id = await admin.add_tip(db, guild_id, user_id, fields)
        first = first or tip_id
    for i in range(AUDIT):
        await admin.edit_tip(db, guild_id, user_id, first + i, title=f"Edited tip {i}")
    return first


async def _login(http: aiohttp.ClientSession, fake, url: str, member) -> None:
    fake.oauth.approve_as = member.user
    async with http.get(url + "/login", allow_redirects=True) as response:
        text = await response.text()
        if "Log out" not in text:
            raise RuntimeError(f"login failed: {response.status} {text[:300]}")


async def _fetch(http: aiohttp.ClientSession, url: str) -> float:
    started = time.perf_counter()
    async with http.get(url) as response:
        await response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - started) * 1000


async def run(workdir: Path, rounds: int, blocks: int, postgres: str | None, report: list[str]) -> None:
    from standin.client import FakeDiscord
    from tests.fakediscord.bots import start_bot

    async with FakeDiscord() as fake:
        guild = fake.add_guild("Bench", channels=("general", "runs"))
        boss = fake.add_member(guild, "boss", admin=True)
        runner = fake.add_member(guild, "runner")
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        fake.oauth.redirect_uris.add(base + "/callback")
        async with _database(workdir, postgres) as (db, db_env):
            tip_id = await _seed(db, guild.id, boss.id)
        env = {
            **db_env,
            "DASHBOARD_PORT": str(port),
            "DISCORD_CLIENT_SECRET": fake.oauth.client_secret,
            "DASHBOARD_SECRET": Fernet.generate_key().decode(),
        }
        bot = await start_bot(fake, guild=guild, workdir=workdir, log_level="WARNING", env=env, timeout=60)
        try:
            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
                await _login(http, fake, base, boss)
                server = f"{base}/servers/{guild.id}"
                pages = {
                    "overview": server,
                    "tips, page 1": f"{server}/tips",
                    "tips, page 40": f"{server}/tips?show=own&page=40",
                    "tips, one topic": f"{server}/tips?topic=pacing",
                    "tips, search": f"{server}/tips?q=hamstring+glute",
                    "tip edit form": f"{server}/tips/{tip_id}/edit",
                    "club ping": f"{server}/reminders",
                    "audit log": f"{server}/log",
                    "challenges": f"{server}/challenges",
                }
                await _pages(http, pages, rounds, report)
                await _commands_while_browsing(fake, runner, http, list(pages.values()), blocks, report)
        finally:
            await bot.stop()


async def _pages(http: aiohttp.ClientSession, pages: dict[str, str], rounds: int, report: list[str]) -> None:
    for url in pages.values():  # warm up
        for _ in range(5):
            await _fetch(http, url)
    samples: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(rounds):
        for name, url in pages.items():
            samples[name].append(await _fetch(http, url))
    everything = [s for values in samples.values() for s in values]
    for name, values in samples.items():
        report.append(fmt(f"page: {name}", percentiles(values)))
    report.append(fmt("page: all of them", percentiles(everything), "p99 <= 50 ms"))


async def _commands_while_browsing(
    fake, member, http: aiohttp.ClientSession, urls: list[str], blocks: int, report: list[str]
) -> None:
    rng = random.Random(2)
    commands = {
        "/help": lambda: fake.slash(member, "help"),
        "/run log": lambda: fake.slash(member, "run log", distance="10k", time=f"{rng.randint(45, 59)}:00"),
        "/advice": lambda: fake.slash(member, "advice", question="hamstring tight on hills"),
    }
    quiet: dict[str, list[float]] = {name: [] for name in commands}
    busy: dict[str, list[float]] = {name: [] for name in commands}
    browsed = 0

    async def browse() -> None:
        nonlocal browsed
        while True:
            await _fetch(http, rng.choice(urls))
            browsed += 1
            await asyncio.sleep(BROWSE_EVERY_S)

    async def block(into: dict[str, list[float]]) -> None:
        for _ in range(10):
            for name, command in commands.items():
                started = time.perf_counter()
                await command()
                into[name].append((time.perf_counter() - started) * 1000)

    for _ in range(3):  # warm up
        await block({name: [] for name in commands})
    for i in range(blocks):
        if i % 2:
            browser = asyncio.create_task(browse())
            try:
                await block(busy)
            finally:
                browser.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await browser
        else:
            await block(quiet)
    for name in commands:
        alone, browsing = percentiles(quiet[name]), percentiles(busy[name])
        report.append(fmt(f"{name}, nobody browsing", alone))
        ratio = browsing["p50"] / alone["p50"]
        report.append(fmt(f"{name}, an admin browsing", browsing) + f"  ratio p50 {ratio:.3f} (target <= 1.05)")
    report.append(f"(pages opened while the commands ran: {browsed})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument("--postgres", metavar="URL", help="run the bot on a fresh database on this server")
    args = parser.parse_args()
    report: list[str] = []
    with tempfile.TemporaryDirectory(prefix="stride-dashboard-bench-") as tmp:
        asyncio.run(run(Path(tmp), 30 if args.quick else 200, 6 if args.quick else 40, args.postgres, report))
    for line in report:
        print(line)


if __name__ == "__main__":
    main()
