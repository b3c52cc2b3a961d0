"""What a stop waits for: the commands that began before it, and the answers in flight when the gateway closes;
never the "restarting" answers that keep coming while members keep sending."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot import client
from bot.client import StrideBot
from bot.config import Config


def stride_bot() -> StrideBot:
    config = Config(token=None, database_path=Path("unused.db"), dev_guild_id=None, log_level="INFO", api_base=None)
    return StrideBot(config)


def interaction_task(seconds: float, log: list[str], name: str) -> asyncio.Task[None]:
    async def work() -> None:
        await asyncio.sleep(seconds)
        log.append(name)

    return asyncio.get_running_loop().create_task(work(), name="CommandTree-invoker")


async def test_a_stop_waits_for_the_commands_before_it_and_not_for_the_flood_after_it() -> None:
    bot = stride_bot()
    done: list[str] = []
    closed_after: list[list[str]] = []

    async def close() -> None:
        closed_after.append(list(done))

    bot.close = close  # type: ignore[method-assign]
    before = [interaction_task(0.2, done, f"before {i}") for i in range(3)]
    flood: list[asyncio.Task[None]] = []

    async def members_keep_sending() -> None:  # a "restarting" answer of 50 ms every 5 ms, for ever
        while True:
            flood.append(interaction_task(0.05, done, "restarting"))
            await asyncio.sleep(0.005)

    sending = asyncio.create_task(members_keep_sending())
    await asyncio.sleep(0.01)
    started = asyncio.get_running_loop().time()
    await bot.shutdown(grace=5)
    took = asyncio.get_running_loop().time() - started
    sending.cancel()
    await asyncio.gather(*flood, return_exceptions=True)
    assert bot.draining
    assert all(t.done() for t in before)
    assert {"before 0", "before 1", "before 2"} <= set(closed_after[0])
    assert took < 1.0, f"the stop waited {took:.2f} s on the flood"


async def test_a_stop_gives_up_on_a_stuck_command_after_the_grace() -> None:
    bot = stride_bot()
    closes: list[float] = []

    async def close() -> None:
        closes.append(asyncio.get_running_loop().time())

    bot.close = close  # type: ignore[method-assign]
    stuck = interaction_task(60, [], "stuck")
    started = asyncio.get_running_loop().time()
    await bot.shutdown(grace=0.2)
    assert 0.2 <= closes[0] - started < 1.0
    assert not stuck.done()
    stuck.cancel()


async def test_the_http_session_closes_only_after_the_answers_in_flight() -> None:
    bot = stride_bot()
    done: list[str] = []
    closed_after: list[list[str]] = []

    async def close_session() -> None:
        closed_after.append(list(done))

    bot.http.close = close_session  # type: ignore[method-assign]
    bot._answer_before_hanging_up()
    bot._answer_before_hanging_up()  # a second close does not wrap it twice
    answers = [interaction_task(0.1, done, f"restarting {i}") for i in range(5)]
    await bot.http.close()
    assert all(t.done() for t in answers)
    assert closed_after == [[f"restarting {i}" for i in range(5)]]


async def test_an_answer_that_never_ends_holds_the_close_only_briefly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client, "LAST_ANSWERS_S", 0.1)
    bot = stride_bot()
    closed: list[bool] = []

    async def close_session() -> None:
        closed.append(True)

    bot.http.close = close_session  # type: ignore[method-assign]
    bot._answer_before_hanging_up()
    hung = interaction_task(60, [], "hung")
    await asyncio.wait_for(bot.http.close(), timeout=2)
    assert closed == [True] and not hung.done()
    hung.cancel()
