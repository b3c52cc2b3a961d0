"""Run a bot (`python -m <module>`) as a real subprocess pointed at a `FakeDiscord`.

The bot gets DISCORD_TOKEN, DISCORD_API_BASE, DATABASE_PATH (in `workdir`), DEV_GUILD_ID and
LOG_LEVEL, plus `env`; its stdout and stderr go to `workdir/bot.log`. The tests start it through
`tests.fakediscord.bots.start_bot`; `stride try` through `standin.trial`.
"""

# Waits take an explicit `timeout=` so failures say what was awaited (instead of asyncio.timeout).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from .client import FakeDiscord
from .state import Guild

# The folder holding the `bot` package beside this one: the checkout, or site-packages when installed.
REPO_ROOT = Path(__file__).resolve().parents[1]


class BotStartError(AssertionError):
    pass


class BotProcess:
    def __init__(
        self, fake: FakeDiscord, module: str, workdir: Path, env: dict[str, str], cwd: Path | None = None
    ) -> None:
        self.fake, self.module, self.workdir, self.env = fake, module, workdir, env
        self.cwd = cwd or REPO_ROOT
        workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = workdir / "bot.log"
        # Where the bot keeps its data: the SQLite file, or the PostgreSQL URL when DATABASE_URL is set.
        self.database: Path | str = env.get("DATABASE_URL") or Path(env["DATABASE_PATH"])
        self.proc: asyncio.subprocess.Process | None = None
        self._identifies_before = fake.identify_count

    @property
    def returncode(self) -> int | None:
        return None if self.proc is None else self.proc.returncode

    def log(self, since: int = 0) -> str:
        """The bot's output (from byte offset `since`)."""
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as f:
            f.seek(since)
            return f.read().decode("utf-8", "replace")

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def tail(self, lines: int = 60) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    async def spawn(self) -> None:
        with self.log_path.open("ab") as log_file:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                self.module,
                cwd=self.cwd,
                env=self.env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log_file,
                stderr=asyncio.subprocess.STDOUT,
            )

    async def wait_ready(self, guild: Guild | None, timeout: float) -> None:
        """Until the bot IDENTIFYed on the gateway and (with `guild`) synced its commands there."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not (self.fake.is_bot_ready(guild) and self.fake.identify_count > self._identifies_before):
            if self.returncode is not None:
                raise BotStartError(f"{self.module} exited with {self.returncode} before it was ready:\n{self.tail()}")
            if loop.time() > deadline:
                raise BotStartError(f"{self.module} not ready after {timeout}s:\n{self.tail()}")
            await asyncio.sleep(0.05)

    async def wait_exit(self, timeout: float = 10.0) -> int:
        assert self.proc is not None
        return await asyncio.wait_for(self.proc.wait(), timeout)

    async def stop(self, timeout: float = 5.0) -> int | None:
        """SIGTERM, then SIGKILL after `timeout`. Returns the exit code."""
        if self.proc is None or self.proc.returncode is not None:
            return self.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            self.proc.kill()
            return await self.proc.wait()


def bot_environment(
    fake: FakeDiscord,
    workdir: Path,
    *,
    guild: Guild | None = None,
    token: str | None = None,
    log_level: str = "INFO",
    env: dict[str, str] | None = None,
) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DEV_GUILD", "DATABASE_", "SHARD_"))}
    return {
        **base,
        "DISCORD_TOKEN": fake.token if token is None else token,
        "DISCORD_API_BASE": fake.api_base,
        "DATABASE_PATH": str(workdir / "stride.db"),
        "DEV_GUILD_ID": str(guild.id) if guild else "",
        "LOG_LEVEL": log_level,
        "PYTHONUNBUFFERED": "1",
        **(env or {}),
    }
