"""Reading the settings: every bad value is named at once, each with the value it got."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, load_config, parse_metrics_host, read_config

BAD = {
    "LOG_LEVEL": "LOUD",
    "METRICS_PORT": "abc",
    "METRICS_HOST": "not-an-address",
    "DEV_GUILD_ID": "12ab",
    "DATABASE_POOL_SIZE": "0",
    "REMINDER_LEASE_SECONDS": "1",
    "SHARD_COUNT": "two",
    "DATABASE_URL": "mysql://x@y/z",
}


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in [*BAD, "SHARD_IDS", "DISCORD_TOKEN", "DATABASE_PATH"]:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_every_bad_value_is_a_problem_of_its_own(clean_env: pytest.MonkeyPatch) -> None:
    for name, value in BAD.items():
        clean_env.setenv(name, value)
    config, problems = read_config(env_file=None)
    assert len(problems) == len(BAD), problems
    for name in BAD:
        assert any(p.startswith(name) for p in problems), (name, problems)
    assert (config.log_level, config.metrics_port, config.metrics_host) == ("INFO", None, "127.0.0.1")
    with pytest.raises(ConfigError) as raised:
        load_config(env_file=None)
    lines = str(raised.value).splitlines()
    assert lines[0] == f"Stride's configuration has {len(BAD)} problems:" and len(lines) == len(BAD) + 1


def test_one_bad_value_is_one_line(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("METRICS_PORT", "70000")
    with pytest.raises(ConfigError, match=r"^METRICS_PORT must be a port number \(1-65535\), got '70000'\.$"):
        load_config(env_file=None)


@pytest.mark.parametrize(("raw", "host"), [("", "127.0.0.1"), ("0.0.0.0", "0.0.0.0"), ("::", "::"), ("[::1]", "::1")])
def test_metrics_host_takes_addresses(raw: str, host: str) -> None:
    assert parse_metrics_host(raw) == host
    assert parse_metrics_host("localhost") == "localhost"


@pytest.mark.parametrize("raw", ["not-an-address", "300.1.1.1", "http://127.0.0.1", "127.0.0.1:9000"])
def test_metrics_host_refuses_what_is_no_address(raw: str) -> None:
    with pytest.raises(ConfigError, match="METRICS_HOST must be an IP address"):
        parse_metrics_host(raw)
