"""`stride try`: the real bot against the local stand-in for Discord, used from a chat page in the browser.

No token and no internet: the stand-in listens on 127.0.0.1 only, the bot is `python -m bot` pointed at
it, and its data goes to a throwaway SQLite file in a temporary folder (or `--database PATH`, kept). Ctrl-C
or SIGTERM stops both and removes the temporary folder.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import signal
import sys
import tempfile
import webbrowser
from pathlib import Path
from typing import Any

from .botproc import BotProcess, bot_environment
from .chat import ChatPage, build_club
from .client import FakeDiscord

log = logging.getLogger("stride.try")

READY_SECONDS = 60.0


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)  # noqa: T201  (the command's own output)


async def run_trial(port: int = 0, open_browser: bool = True, database: Path | None = None) -> int:
    """Serve the chat page and run the bot until a stop signal; the exit code."""
    workdir = Path(tempfile.mkdtemp(prefix="stride-try-"))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    fake = FakeDiscord()
    fake.response_deadline = None  # a slow first answer on a busy machine is still shown
    club = build_club(fake)
    fake.extra_routes.append(ChatPage(fake, club).add_routes)
    bot: BotProcess | None = None
    tasks: list[asyncio.Task[Any]] = []
    try:
        try:
            await fake.start(port)
        except OSError as error:
            _say(f"Stride try cannot listen on 127.0.0.1:{port} ({error.strerror}). Pick another with --port.")
            return 2
        env = bot_environment(fake, workdir, guild=club.guild)
        if database is not None:
            env["DATABASE_PATH"] = str(database)  # made absolute by the caller: the bot runs in workdir
        bot = BotProcess(fake, "bot", workdir, env, cwd=workdir)
        await bot.spawn()
        url = fake.base_url
        _say(f"Stride try: open {url} (the real bot, a local stand-in for Discord; Ctrl-C to stop).")
        kept = f"kept in {database}" if database is not None else f"thrown away at the end: {workdir}"
        _say(f"Stride's data is {kept}.")
        if open_browser:
            await asyncio.to_thread(webbrowser.open, url)
        watch = asyncio.create_task(bot.wait_ready(club.guild, READY_SECONDS))
        stopped = asyncio.create_task(stop.wait())
        tasks += [watch, stopped]
        await asyncio.wait({watch, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if watch.done() and watch.exception() is not None:
            _say(f"Stride did not start:\n{bot.tail(20)}")
            return 1
        if not stop.is_set():
            exited = asyncio.create_task(_exited(bot))
            tasks.append(exited)
            await asyncio.wait({exited, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if not stop.is_set():
                _say(f"Stride stopped unexpectedly:\n{bot.tail(20)}")
                return 1
        return 0
    finally:
        for task in tasks:
            task.cancel()
        if bot is not None:
            await bot.stop(timeout=10)
        await fake.stop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        shutil.rmtree(workdir, ignore_errors=True)
        _say("Stride try stopped.")


async def _exited(bot: BotProcess) -> None:
    assert bot.proc is not None
    await bot.proc.wait()
