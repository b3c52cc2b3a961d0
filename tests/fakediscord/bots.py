"""Start the bot under test against the stand-in, on the engine the suite runs on.

    bot = await start_bot(fake, module="bot", guild=club.guild, workdir=tmp_path)
    ...
    await bot.stop()

When the suite runs on PostgreSQL (STRIDE_TEST_ENGINE=postgres), `start_bot` gives the bot DATABASE_URL: a
fresh database per `workdir` (a bot started again in the same workdir finds its data, as it would find its
SQLite file); the throwaway server `.ci/run` starts is deleted with them.
"""

# Waits take an explicit `timeout=` so failures say what was awaited (instead of asyncio.timeout).
# ruff: noqa: ASYNC109

from __future__ import annotations

from pathlib import Path

from standin import BotProcess, FakeDiscord, Guild, bot_environment
from tests.postgres import new_database, on_postgres

_postgres_of: dict[Path, str] = {}  # workdir -> its PostgreSQL database URL


async def start_bot(
    fake: FakeDiscord,
    *,
    module: str = "bot",
    guild: Guild | None = None,
    workdir: Path,
    token: str | None = None,
    env: dict[str, str] | None = None,
    log_level: str = "INFO",
    wait: bool = True,
    timeout: float = 20.0,
) -> BotProcess:
    """Start `python -m module` against `fake` (cwd: the repository root) and wait until it is ready
    (`wait=False` returns right after spawning, e.g. to watch a bot that must fail)."""
    environment = bot_environment(fake, workdir, guild=guild, token=token, log_level=log_level, env=env)
    if on_postgres() and "DATABASE_URL" not in (env or {}) and "DATABASE_PATH" not in (env or {}):
        if workdir not in _postgres_of:
            _postgres_of[workdir], _ = await new_database()
        environment["DATABASE_URL"] = _postgres_of[workdir]
    bot = BotProcess(fake, module, workdir, environment)
    await bot.spawn()
    if wait:
        try:
            await bot.wait_ready(guild, timeout)
        except BaseException:
            await bot.stop()
            raise
    return bot
