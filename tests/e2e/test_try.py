"""`stride try` as a newcomer uses it: the real bot behind the chat page, in a real headless Chromium.

The command runs as a subprocess (`stride try --no-browser --port N`), the page is driven with Playwright on
Debian's Chromium, and what the test asserts is what the page shows.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from tests.e2e.browser import CHROMIUM, chromium_page
from tests.postgres import on_postgres

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (`.ci/run` installs chromium)"),
    pytest.mark.skipif(on_postgres(), reason="stride try always keeps its data in SQLite: run once, on SQLite"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Trial:
    def __init__(self, proc: asyncio.subprocess.Process, url: str, log: Path) -> None:
        self.proc, self.url, self.log = proc, url, log

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def trial(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Trial]:
    port = free_port()
    log = tmp_path_factory.mktemp("try") / "try.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_", "DEV_GUILD"))}
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "try", "--no-browser", "--port", str(port),
            cwd=log.parent, env=env, stdin=asyncio.subprocess.DEVNULL, stdout=out, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
    trial = Trial(proc, f"http://127.0.0.1:{port}", log)
    try:
        yield trial
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def test_a_newcomer_uses_stride_in_the_browser_and_sigterm_stops_it(trial: Trial) -> None:
    async with chromium_page() as (page, console_errors):
        await page.goto(trial.url)
        await page.wait_for_selector("#status:has-text('Stride is online')", timeout=30_000)
        command = page.locator("input[name=command]")

        async def send(text: str) -> None:
            await command.fill(text)
            await command.press("Enter")

        # Completion offers commands, then options.
        await command.fill("/run l")
        await page.wait_for_selector("#suggestions button:has-text('/run log')")
        await command.fill("")

        # Log a run: the reply is rendered as an embed with the pace.
        await send('/run log distance:5k time:25:00 notes:"easy one"')
        await page.wait_for_selector(".embed:has-text('5:00')", timeout=15_000)
        assert await page.locator(".invoked:has-text('you used /run log')").count() >= 1

        # Advice: three tips, their vote buttons, the disclaimer.
        await send('/advice question:"back spasms on long runs"')
        await page.wait_for_selector(".embed:has-text('not medical advice')", timeout=15_000)
        assert await page.locator(".components button:has-text('👍')").count() >= 1

        # History, paged: log ten more and press Next.
        for minutes in range(26, 36):
            await send(f"/run log distance:5k time:{minutes}:00")
            await page.wait_for_selector(f".embed:has-text('{minutes}:00')", timeout=15_000)
        await send("/run history")
        history = page.locator(".message:has(.invoked:has-text('/run history'))").last
        await history.locator("button:has-text('Next')").click()
        await page.wait_for_selector(".message .embed:has-text('Page 2/2')", timeout=15_000)

        # Delete a run with its confirm button (ephemeral: "only you can see this").
        await send("/run delete id:1")
        confirm = page.locator(".message:has(.invoked:has-text('/run delete'))").last
        await confirm.locator(".ephemeral-note").wait_for()
        await confirm.locator("button:has-text('Delete')").click()
        await page.wait_for_selector(".message:has-text('Run #1 deleted.')", timeout=15_000)

        # Reminders a minute ahead arrive live: one in the channel, one in the DMs.
        at = (datetime.now(UTC) + timedelta(minutes=1)).strftime("%H:%M")
        await send(f"/remind set kind:stretch time:{at}")
        await page.wait_for_selector(".message:has(.invoked:has-text('you used /remind set'))", timeout=15_000)
        await send(f"/remind set kind:core time:{at} where:channel")
        await page.wait_for_selector(
            ".message:not(:has(.invoked)) .components button:has-text('Done')", timeout=100_000
        )
        await page.locator("#channels button:has-text('Direct messages')").click()
        await page.wait_for_selector(".message .components button:has-text('Done')", timeout=30_000)

        # Another member is refused on your reminder's buttons, and told so only they can see.
        await page.locator("#channels button:has-text('general')").click()
        await page.select_option("#person", "sam")
        reminder = page.locator(".message:not(:has(.invoked)):has(.components button:has-text('Done'))").last
        await reminder.locator("button:has-text('Done')").click()
        refusal = page.locator(".message:has(.ephemeral-note):has-text('reminder')").last
        await refusal.wait_for(timeout=15_000)
        assert "you" not in (await refusal.locator(".content").inner_text()).split()

        assert console_errors == []

    trial.proc.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(trial.proc.wait(), 20) == 0, trial.output()
    assert "Stride try stopped." in trial.output()
    [folder] = [line.rsplit(": ", 1)[1] for line in trial.output().splitlines() if "thrown away at the end" in line]
    assert not os.path.isdir(folder)  # noqa: ASYNC240  (the throwaway database went with it)
