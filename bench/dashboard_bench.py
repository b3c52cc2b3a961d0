"""The web dashboard served by the real bot process (against the fake Discord), timed over HTTP on loopback.

    .venv/bin/python -m bench.dashboard_bench [--quick] [--postgres postgresql://user@host:port/db]

- pages: an admin logged in, each page of a server with 2,000 tips of its own (plus the 141 built-ins) and 300
  audit entries, in turn: overview, tips page 1, tips page 40, tips by topic, tips search, a tip's edit form,
  the club ping, the audit log, challenges; from request to the last byte of the page (target p99 <= 50 ms)
- commands while an admin browses: `/help`, `/run log` and `/advice` in turn for 3 s blocks, alternating (ABBA) blocks
  with nobody on the dashboard and blocks with an admin (a browser process of its own) opening one of those pages
  every second (faster than anyone reads them), so machine noise hits both alike; ratio of p50s browsing / not
  (target <= 1.05). Then again with a page every 250 ms, a stress case (no target)

With --postgres, the bot runs on a fresh database on that server (dropped at the end).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import asyncpg
from cryptography.fernet import Fernet
from yarl import URL

from bench.common import fmt, percentiles
from bot.advice.services import admin
from bot.advice.services.builtins import sync_library
from bot.db.factory import open_postgres, open_sqlite
from bot.db.store import Store
from bot.web.app import SESSION_COOKIE

TIPS = 2_000
AUDIT = 300
TOPICS = ("back", "core", "stretching", "shoes", "form", "load", "long-run", "pacing", "hydration", "recovery")
WORDS = "stride cadence hills tempo easy recovery hamstring calf glute posture breathing fuel gel sleep taper".split()
CLICK_EVERY_S = (1.0, 0.25)  # an admin clicking a page every second (faster than anyone reads); a stress case


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def _bot_database(workdir: Path, postgres: str | None) -> AsyncIterator[dict[str, str]]:
    """The environment that points the bot at its database: SQLite in `workdir`, or a new PostgreSQL database
    on that server (dropped afterwards)."""
    if postgres is None:
        yield {}
        return
    name = f"stride_bench_{uuid.uuid4().hex[:10]}"
    admin_conn = await asyncpg.connect(postgres)
    try:
        await admin_conn.execute(f"CREATE DATABASE {name}")
        yield {"DATABASE_URL": urlunsplit(urlsplit(postgres)._replace(path=f"/{name}"))}
    finally:
        await admin_conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin_conn.close()


async def _open(workdir: Path, env: dict[str, str]) -> Store:
    if "DATABASE_URL" in env:
        return await open_postgres(env["DATABASE_URL"], 4)
    return await open_sqlite(workdir / "stride.db")


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


async def run(workdir: Path, rounds: int, blocks: int, block_s: float, postgres: str | None, report: list[str]) -> None:
    from standin.client import FakeDiscord
    from tests.fakediscord.bots import start_bot

    async with FakeDiscord() as fake, _bot_database(workdir, postgres) as db_env:
        guild = fake.add_guild("Bench", channels=("general", "runs"))
        boss = fake.add_member(guild, "boss", admin=True)
        runner = fake.add_member(guild, "runner")
        base = f"http://127.0.0.1:{_free_port()}"
        fake.oauth.redirect_uris.add(base + "/callback")
        db = await _open(workdir, db_env)
        try:
            tip_id = await _seed(db, guild.id, boss.id)
        finally:
            await db.close()
        env = {
            **db_env,
            "DASHBOARD_PORT": base.rsplit(":", 1)[1],
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
                cookie = http.cookie_jar.filter_cookies(URL(base))[SESSION_COOKIE].value
                for every in CLICK_EVERY_S:
                    urls = list(pages.values())
                    await _commands_while_browsing(fake, runner, cookie, urls, blocks, block_s, every, report)
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
    fake, member, cookie: str, urls: list[str], blocks: int, block_s: float, every: float, report: list[str]
) -> None:
    """Blocks of `block_s` seconds of commands, every other one with the admin's browser (a process of its own,
    as a browser is) opening a page every `every` seconds."""
    rng = random.Random(2)
    commands = {
        "/help": lambda: fake.slash(member, "help"),
        "/run log": lambda: fake.slash(member, "run log", distance="10k", time=f"{rng.randint(45, 59)}:00"),
        "/advice": lambda: fake.slash(member, "advice", question="hamstring tight on hills"),
    }
    quiet: dict[str, list[float]] = {name: [] for name in commands}
    busy: dict[str, list[float]] = {name: [] for name in commands}
    browser = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.dashboard_bench", "--browse", json.dumps({"cookie": cookie, "urls": urls}),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert browser.stdin is not None and browser.stdout is not None

    async def block(into: dict[str, list[float]]) -> None:
        until = time.perf_counter() + block_s
        while time.perf_counter() < until:
            for name, command in commands.items():
                started = time.perf_counter()
                await command()
                into[name].append((time.perf_counter() - started) * 1000)

    try:
        await block({name: [] for name in commands})  # warm up
        for i in range(blocks):
            # quiet, busy, busy, quiet, ...: a slow drift (the member's history grows by thousands of runs, the
            # machine's other load) weighs on both alike instead of always on the later block of a pair
            browsing = i % 4 in (1, 2)
            browser.stdin.write(f"on {every}\n".encode() if browsing else b"off\n")
            await browser.stdin.drain()
            await block(busy if browsing else quiet)
        browser.stdin.write(b"quit\n")
        await browser.stdin.drain()
        opened = int((await browser.stdout.readline()).decode().strip() or 0)
    finally:
        if browser.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                browser.kill()
        await browser.wait()
    for name in commands:
        alone, browsing = percentiles(quiet[name]), percentiles(busy[name])
        report.append(fmt(f"{name}, nobody browsing", alone))
        ratio = browsing["p50"] / alone["p50"]
        target = "(target <= 1.05)" if every == CLICK_EVERY_S[0] else "(stress case, no target)"
        report.append(fmt(f"{name}, a page every {every:g} s", browsing) + f"  ratio p50 {ratio:.3f} {target}")
    report.append(f"(pages the admin opened while the commands ran: {opened}, one every {every:g} s)")


async def browse(setup: str) -> None:
    """The admin's browser: opens a random page every N seconds while told "on N" (on stdin), none after "off";
    at "quit", prints how many pages it opened."""
    options = json.loads(setup)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    rng, opened, every = random.Random(3), 0, 0.0

    async def clicking(http: aiohttp.ClientSession) -> None:
        nonlocal opened
        while True:
            if every:
                await _fetch(http, rng.choice(options["urls"]))
                opened += 1
            await asyncio.sleep(every or 0.05)

    async with aiohttp.ClientSession(headers={"Cookie": f"{SESSION_COOKIE}={options['cookie']}"}) as http:
        task = asyncio.create_task(clicking(http))
        while (line := (await reader.readline()).decode().strip()) not in ("quit", ""):
            every = float(line.split()[1]) if line.startswith("on ") else 0.0
        task.cancel()
    print(opened, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument("--postgres", metavar="URL", help="run the bot on a fresh database on this server")
    parser.add_argument("--browse", metavar="JSON", help=argparse.SUPPRESS)  # the admin's browser process
    args = parser.parse_args()
    if args.browse:
        asyncio.run(browse(args.browse))
        return
    report: list[str] = []
    rounds, blocks, block_s = (30, 8, 1.0) if args.quick else (200, 32, 3.0)
    with tempfile.TemporaryDirectory(prefix="stride-dashboard-bench-") as tmp:
        asyncio.run(run(Path(tmp), rounds, blocks, block_s, args.postgres, report))
    for line in report:
        print(line)


if __name__ == "__main__":
    main()
