"""The bot with timing probes: where a command's time goes inside the bot process.

`python -m bench.e2e_bench --breakdown` starts this instead of `python -m bot` (same environment, plus
STRIDE_PROBE_OUT: the JSON file the medians are written to when the bot stops). Commands must come one at a
time (the bench's interleaved loop does): the probes keep one command's marks at a time. Each probe wraps a
method of discord.py, aiosqlite or asyncpg from outside, for this measurement only.

Pieces, per command (milliseconds):
- `gateway → callback`: the gateway event read until the command's callback starts (parsing, checks);
- `callback → reply`: the callback until it starts posting its reply (the command's own work);
- `database`: of that, the time with at least one database call in flight (calls that overlap count once);
- `reply post`: posting the reply to Discord until its answer is read.
"""

from __future__ import annotations

import atexit
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import aiosqlite
import asyncpg
from aiosqlite.context import contextmanager
from discord import gateway
from discord.app_commands import commands as app_commands
from discord.webhook import async_ as webhook

from bot.__main__ import main

samples: defaultdict[str, defaultdict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
marks: dict[str, Any] = {"received": 0.0, "callback": 0.0, "command": None, "database": 0.0}
in_flight = {"calls": 0, "since": 0.0}


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 4)


def _wrap(owner: type, name: str, around: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    setattr(owner, name, around(getattr(owner, name)))


def _on_gateway(original: Callable[..., Any]) -> Callable[..., Any]:
    async def received_message(self: Any, msg: Any, /) -> None:
        marks["received"] = time.perf_counter()
        return await original(self, msg)

    return received_message


def _on_command(original: Callable[..., Any]) -> Callable[..., Any]:
    async def invoke(self: Any, interaction: Any, namespace: Any) -> Any:
        marks.update(callback=time.perf_counter(), command=self.qualified_name, database=0.0)
        return await original(self, interaction, namespace)

    return invoke


def _on_reply(original: Callable[..., Any]) -> Callable[..., Any]:
    async def create_interaction_response(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await original(self, *args, **kwargs)
        finally:
            if marks["command"] is not None:
                piece = samples[marks["command"]]
                piece["gateway → callback"].append(_ms(marks["callback"] - marks["received"]))
                piece["callback → reply"].append(_ms(started - marks["callback"]))
                piece["database"].append(_ms(marks["database"]))
                piece["reply post"].append(_ms(time.perf_counter() - started))
                marks["command"] = None

    return create_interaction_response


def _on_database(original: Callable[..., Any]) -> Callable[..., Any]:
    async def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        if in_flight["calls"] == 0:
            in_flight["since"] = time.perf_counter()
        in_flight["calls"] += 1
        try:
            return await original(self, *args, **kwargs)
        finally:
            in_flight["calls"] -= 1
            if in_flight["calls"] == 0:
                marks["database"] += time.perf_counter() - in_flight["since"]

    return call


def _write(path: str) -> None:
    medians = {
        command: {piece: statistics.median(values) for piece, values in pieces.items()} | {"n": len(pieces["database"])}
        for command, pieces in samples.items()
    }
    with open(path, "w", encoding="utf-8") as out:
        json.dump(medians, out)


def install(out_path: str) -> None:
    _wrap(gateway.DiscordWebSocket, "received_message", _on_gateway)
    _wrap(app_commands.Command, "_invoke_with_namespace", _on_command)
    _wrap(webhook.AsyncWebhookAdapter, "create_interaction_response", _on_reply)
    for name in ("execute_fetchall", "commit", "rollback"):
        _wrap(aiosqlite.Connection, name, _on_database)
    for name in ("execute", "executemany"):  # awaited, or entered with `async with`, as aiosqlite's own
        _wrap(aiosqlite.Connection, name, lambda original: contextmanager(_on_database(original)))
    for name in ("execute", "fetch", "fetchrow", "fetchval", "executemany"):
        _wrap(asyncpg.connection.Connection, name, _on_database)
    atexit.register(_write, out_path)


if __name__ == "__main__":
    install(os.environ["STRIDE_PROBE_OUT"])
    sys.exit(main([]))
