"""Start-up with the dashboard on: a missing or malformed setting stops `stride run` with one line (exit 2);
`stride check` lists it with how to make a key, and names the redirect to register when all is well."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import aiohttp
import pytest
from cryptography.fernet import Fernet

from standin import DEFAULT_TOKEN, FakeDiscord
from tests.e2e.test_cli import stride
from tests.fakediscord.bots import start_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")
REPO = Path(__file__).resolve().parents[2]


def env_with(tmp_path: Path, **extra: str) -> dict[str, str]:
    ours = ("DISCORD_", "DEV_GUILD", "DATABASE_", "DASHBOARD_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    env.update(PYTHONPATH=str(REPO), DATABASE_PATH=str(tmp_path / "stride.db"), DISCORD_TOKEN=DEFAULT_TOKEN)
    return {**env, **extra}


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"DASHBOARD_SECRET": Fernet.generate_key().decode()}, "DISCORD_CLIENT_SECRET is not set"),
        ({"DISCORD_CLIENT_SECRET": "s"}, "DASHBOARD_SECRET is not set"),
        ({"DISCORD_CLIENT_SECRET": "s", "DASHBOARD_SECRET": "abc"}, "DASHBOARD_SECRET is not a Fernet key"),
    ],
)
async def test_run_stops_with_one_line_naming_the_setting(tmp_path: Path, settings: dict[str, str], named: str) -> None:
    code, out = await stride("run", env=env_with(tmp_path, DASHBOARD_PORT="8765", **settings), cwd=tmp_path)
    assert code == 2, out
    assert out.strip().count("\n") == 0 and named in out and "Traceback" not in out


async def test_check_says_how_to_make_a_key_and_names_the_redirect(tmp_path: Path) -> None:
    env = env_with(tmp_path, DASHBOARD_PORT="8765", DISCORD_CLIENT_SECRET="s")
    code, out = await stride("check", env=env, cwd=tmp_path)
    assert code == 1 and "DASHBOARD_SECRET is not set" in out and "Fernet.generate_key()" in out
    env["DASHBOARD_SECRET"] = Fernet.generate_key().decode()
    env["DASHBOARD_URL"] = "https://stride.example.com"
    code, out = await stride("check", env=env, cwd=tmp_path)
    assert code == 0, out
    assert "https://stride.example.com/callback" in out and env["DASHBOARD_SECRET"] not in out


async def test_sigterm_stops_the_bot_and_its_dashboard_with_a_browser_connected(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Club")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {"DASHBOARD_PORT": str(port), "DISCORD_CLIENT_SECRET": fake.oauth.client_secret,
               "DASHBOARD_SECRET": Fernet.generate_key().decode()}  # fmt: skip
        bot = await start_bot(fake, guild=guild, workdir=tmp_path, env=env)
        try:
            async with aiohttp.ClientSession() as browser:  # keeps its connection open (keep-alive)
                async with browser.get(f"http://127.0.0.1:{port}/") as page:
                    assert page.status == 200 and "Log in with Discord" in await page.text()
                started = time.monotonic()
                assert await bot.stop(timeout=10) == 0
                assert time.monotonic() - started < 8, bot.tail()
        finally:
            await bot.stop()
    assert "dashboard listening on 127.0.0.1" in bot.log()
