"""The bot with `/run log`'s and `/advice`'s own work taken out: the floor under their e2e ratios.

`python -m bench.e2e_bench --floor` starts this instead of `python -m bot`, with STRIDE_FLOOR set to
- `none`: each call answers what its first real call answered (a run logged, a search made once), with no
  database call at all: what is left is discord.py, the parsing, the insights and the reply;
- `trip`: the same, after one bare `SELECT 1` round trip to the database: the least a command that reads
  or writes anything pays on this machine.
Comparing the two with the real bot shows how much of a ratio target the command's own SQL may use. For this
measurement only: the patches are applied from outside, before the cogs load.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import Any

from bot.__main__ import main
from bot.advice.services import search
from bot.db.run_storage_base import RunStorageBase

first: dict[str, Any] = {}


async def _floor(db: Any) -> None:
    if os.environ["STRIDE_FLOOR"] == "trip":
        await db.fetchall("SELECT 1")


def install() -> None:
    log_run, advise = RunStorageBase.log_run, search.advise

    async def floor_log_run(self: RunStorageBase, guild_id: int, user_id: int, run: Any, shoe: str | None) -> Any:
        if "log" not in first:
            first["log"] = await log_run(self, guild_id, user_id, run, shoe)
            return first["log"]
        await _floor(self.db)
        return replace(first["log"], run=replace(run, id=first["log"].run.id))

    async def floor_advise(db: Any, guild_id: int, topic: str | None, question: str | None) -> Any:
        if "advice" not in first:
            first["advice"] = await advise(db, guild_id, topic, question)
            return first["advice"]
        await _floor(db)
        return first["advice"]

    RunStorageBase.log_run = floor_log_run  # type: ignore[method-assign]
    search.advise = floor_advise  # the advice cog imports it by name when it loads, after this


if __name__ == "__main__":
    install()
    sys.exit(main([]))
