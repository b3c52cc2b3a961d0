"""SHARD_COUNT / SHARD_IDS parsing and the sharding rules (which process owns which shards, who sends reminders)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import sharding
from bot.config import Config, ConfigError, load_config, parse_shards
from bot.reminders.pacing import GLOBAL_LIMIT, REMINDER_BUDGET, Pacer, reminder_rate


def config(count: int | None, ids: tuple[int, ...] | None) -> Config:
    return Config(None, Path("stride.db"), None, "INFO", None, shard_count=count, shard_ids=ids)


@pytest.mark.parametrize(
    ("count", "ids", "expected"),
    [
        ("", "", (None, None)),
        ("  ", " ", (None, None)),
        ("2", "", (2, None)),
        ("1", "0", (1, (0,))),
        ("2", "0,1", (2, (0, 1))),
        ("4", " 3 , 1 ", (4, (3, 1))),
    ],
)
def test_valid_shard_settings(count: str, ids: str, expected: tuple) -> None:
    assert parse_shards(count, ids) == expected


@pytest.mark.parametrize(
    ("count", "ids", "message"),
    [
        ("", "0,1", "SHARD_IDS=0,1 needs SHARD_COUNT"),
        ("0", "", "SHARD_COUNT must be a whole number of shards (1 or more), got '0'"),
        ("two", "", "SHARD_COUNT must be a whole number of shards (1 or more), got 'two'"),
        ("-1", "", "got '-1'"),
        ("2", "0,,1", "SHARD_IDS must be shard numbers separated by commas (e.g. 0,1), got '0,,1'"),
        ("2", "0;1", "got '0;1'"),
        ("2", "-1", "got '-1'"),
        ("2", "1,2,3", "SHARD_IDS has shard 2, 3, but with SHARD_COUNT=2 the shards are numbered 0 to 1."),
        ("3", "0,1,0", "SHARD_IDS lists shard 0 more than once."),
    ],
)
def test_invalid_shard_settings_say_what_to_fix(count: str, ids: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_shards(count, ids)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@given(st.integers(1, 64), st.data())
def test_any_distinct_ids_within_the_count_are_accepted(count: int, data: st.DataObject) -> None:
    ids = data.draw(st.lists(st.integers(0, count - 1), min_size=1, unique=True))
    assert parse_shards(str(count), ",".join(map(str, ids))) == (count, tuple(ids))


def test_load_config_reads_the_shard_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHARD_COUNT", "2")
    monkeypatch.setenv("SHARD_IDS", "1")
    loaded = load_config(env_file=None)
    assert (loaded.shard_count, loaded.shard_ids) == (2, (1,))
    monkeypatch.delenv("SHARD_COUNT")
    with pytest.raises(ConfigError, match="needs SHARD_COUNT"):
        load_config(env_file=None)


def test_unset_shard_variables_leave_the_bot_unsharded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SHARD_COUNT", raising=False)
    monkeypatch.delenv("SHARD_IDS", raising=False)
    loaded = load_config(env_file=None)
    assert (loaded.shard_count, loaded.shard_ids) == (None, None)
    assert sharding.owned_shards(loaded) is None


def test_owned_shards() -> None:
    assert sharding.owned_shards(config(None, None)) is None
    assert sharding.owned_shards(config(3, None)) == (0, 1, 2)
    assert sharding.owned_shards(config(3, (2,))) == (2,)


def test_only_the_owner_of_shard_0_runs_the_dispatcher() -> None:
    assert sharding.runs_dispatcher(config(None, None))
    assert sharding.runs_dispatcher(config(2, None))
    assert sharding.runs_dispatcher(config(2, (1, 0)))
    assert not sharding.runs_dispatcher(config(2, (1,)))


def test_on_postgresql_every_process_runs_a_dispatcher() -> None:
    """Slots are claimed with leases in the database: every process may deliver, each slot once."""
    for count, ids in [(None, None), (2, (1,)), (4, (2, 3))]:
        assert sharding.runs_dispatcher(replace(config(count, ids), database_url="postgresql://db/stride"))


def test_each_process_paces_reminders_to_its_share_of_the_global_limit() -> None:
    assert reminder_rate(config(None, None)) == REMINDER_BUDGET < GLOBAL_LIMIT
    assert reminder_rate(config(2, None)) == REMINDER_BUDGET
    assert reminder_rate(config(4, (1,))) == REMINDER_BUDGET / 4
    processes = [(0,), (1, 2), (3,)]  # a deployment's processes, each with its shards: together the budget
    assert sum(reminder_rate(config(4, ids)) for ids in processes) == REMINDER_BUDGET


async def test_the_pacer_spaces_requests_evenly(monkeypatch) -> None:
    pacer = Pacer(100.0)
    started = time.monotonic()
    await asyncio.gather(*(pacer.wait() for _ in range(21)))
    assert 0.18 <= time.monotonic() - started < 0.5  # 20 gaps of 10 ms after the first

    async def no_sleep(seconds: float) -> None:
        raise AssertionError(f"an unpaced wait slept {seconds} s")

    monkeypatch.setattr(asyncio, "sleep", no_sleep)
    await asyncio.gather(*(Pacer(None).wait() for _ in range(1000)))


def test_describe_names_the_shards() -> None:
    assert sharding.describe(config(None, None)) == "unsharded"
    assert sharding.describe(config(2, (1,))) == "shard 1 of 2"
    assert sharding.describe(config(2, None)) == "shards 0, 1 of 2"


def test_shard_of_follows_discord() -> None:
    assert sharding.shard_of(41771983423143937, 1) == 0
    assert sharding.shard_of((7 << 22) | 123, 2) == 1
    assert sharding.shard_of((8 << 22) | 123, 2) == 0
    assert sharding.shard_of((10 << 22) | 5, 4) == 2


async def test_make_bot_picks_the_sharded_bot_only_when_shards_are_set() -> None:
    from discord.ext import commands

    from bot.client import StrideBot, make_bot

    plain = make_bot(config(None, None))
    assert type(plain) is StrideBot and not isinstance(plain, commands.AutoShardedBot)
    sharded = make_bot(config(2, (1,)))
    assert isinstance(sharded, StrideBot) and isinstance(sharded, commands.AutoShardedBot)
    assert (sharded.shard_count, sharded.shard_ids, sharded.runs_dispatcher) == (2, [1], False)
    every = make_bot(config(2, None), background=False)
    assert (every.shard_count, every.shard_ids, every.runs_dispatcher, every.background) == (2, None, True, False)
    for bot in (plain, sharded, every):
        async with bot:  # as the CLI does: close() needs the set-up that entering does
            pass
