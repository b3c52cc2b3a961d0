"""DATABASE_URL and DATABASE_POOL_SIZE: validated, and the password never shown."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, check_database_url, load_config, parse_lease, parse_pool_size, postgres_target


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://stride:pw@db.example:5432/stride",
        "postgres://stride@localhost/stride",
        "postgresql://u:p%40ss@10.0.0.5/club?sslmode=require",
        "postgresql:///club",  # the local Unix socket, as libpq reads it
    ],
)
def test_valid_urls_are_kept_as_given(url: str) -> None:
    assert check_database_url(url) == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "must start with postgresql://"),
        ("stride.db", "must start with postgresql://"),
        ("postgresql://u@h:port/db", "port that is not a number"),
        ("postgresql://u@h:5432", "names no database"),
        ("postgresql://u@h:5432/", "names no database"),
    ],
)
def test_invalid_urls_say_what_to_fix(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        check_database_url(url)


def test_the_password_is_never_shown() -> None:
    assert (
        postgres_target("postgresql://stride:s3cret@db.example:6432/club") == "postgresql://stride@db.example:6432/club"
    )
    assert postgres_target("postgres://h/club") == "postgresql://h/club"


@pytest.mark.parametrize(("raw", "size"), [("", 10), (" 25 ", 25), ("1", 1)])
def test_pool_size(raw: str, size: int) -> None:
    assert parse_pool_size(raw) == size


@pytest.mark.parametrize("raw", ["0", "-3", "ten", "1001"])
def test_bad_pool_size(raw: str) -> None:
    with pytest.raises(ConfigError, match="DATABASE_POOL_SIZE must be"):
        parse_pool_size(raw)


def test_database_url_wins_over_database_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_PATH", "/nowhere/at/all/stride.db")
    monkeypatch.setenv("DATABASE_URL", "postgresql://stride@localhost/stride")
    monkeypatch.setenv("DATABASE_POOL_SIZE", "4")
    monkeypatch.setenv("DISCORD_TOKEN", "A" * 24 + ".abcdef." + "b" * 27)
    config = load_config(env_file=None)
    assert (config.database_url, config.database_pool_size) == ("postgresql://stride@localhost/stride", 4)
    assert config.problems() == []  # the SQLite folder does not matter then
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.delenv("DATABASE_POOL_SIZE")
    config = load_config(env_file=None)
    assert (config.database_url, config.database_pool_size) == (None, 10)
    assert any("DATABASE_PATH folder" in p for p in config.problems())


def test_reminder_lease_seconds() -> None:
    assert (parse_lease(""), parse_lease("90")) == (60.0, 90.0)
    for raw in ("0", "1", "ten", "3601", "-5"):
        with pytest.raises(ConfigError, match="REMINDER_LEASE_SECONDS must be"):
            parse_lease(raw)
