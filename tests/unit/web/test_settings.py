"""The dashboard's settings: off without DASHBOARD_PORT; with it, every missing or malformed setting is one
line naming it (for `run`, exit 2) and `stride check` lists it with how to make a key."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from bot.config import MAKE_FERNET_KEY, ConfigError, parse_dashboard

KEY = Fernet.generate_key().decode()
BASE = {"DASHBOARD_PORT": "8080", "DISCORD_CLIENT_SECRET": "s3cret", "DASHBOARD_SECRET": KEY}


def test_off_without_a_port() -> None:
    assert parse_dashboard({"DISCORD_CLIENT_SECRET": "x"}) is None


def test_defaults_bind_to_loopback_with_a_url_from_host_and_port() -> None:
    settings = parse_dashboard(BASE)
    assert settings is not None
    assert (settings.host, settings.port, settings.url) == ("127.0.0.1", 8080, "http://127.0.0.1:8080")
    assert settings.redirect_uri == "http://127.0.0.1:8080/callback" and not settings.https
    assert settings.client_id is None and settings.secret == KEY.encode()
    assert "s3cret" not in repr(settings) and KEY not in repr(settings)


def test_a_public_https_url_and_client_id() -> None:
    settings = parse_dashboard({**BASE, "DASHBOARD_URL": "https://stride.example.com/", "DISCORD_CLIENT_ID": "123"})
    assert settings is not None and settings.https and settings.client_id == 123
    assert settings.redirect_uri == "https://stride.example.com/callback"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"DISCORD_CLIENT_SECRET": ""}, "DISCORD_CLIENT_SECRET is not set"),
        ({"DASHBOARD_SECRET": ""}, "DASHBOARD_SECRET is not set"),
        ({"DASHBOARD_SECRET": "too-short"}, "DASHBOARD_SECRET is not a Fernet key"),
        ({"DASHBOARD_SECRET": KEY[:-4] + "!!!="}, "DASHBOARD_SECRET is not a Fernet key"),
        ({"DASHBOARD_PORT": "80a"}, "DASHBOARD_PORT must be a port number"),
        ({"DASHBOARD_PORT": "70000"}, "DASHBOARD_PORT must be a port number"),
        ({"DISCORD_CLIENT_ID": "my-app"}, "DISCORD_CLIENT_ID must be the application id"),
        ({"DASHBOARD_URL": "stride.example.com"}, "DASHBOARD_URL must be the dashboard's public address"),
        ({"DASHBOARD_URL": "https://example.com/stride"}, "DASHBOARD_URL must be a site's root"),
        ({"DASHBOARD_HOST": "0.0.0.0"}, "DASHBOARD_URL is needed when DASHBOARD_HOST is 0.0.0.0"),
    ],
)
def test_each_wrong_setting_is_one_line_naming_it(change: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_dashboard({**BASE, **change})
    message = str(caught.value)
    assert named in message and "\n" not in message
    if "DASHBOARD_SECRET" in named:
        assert MAKE_FERNET_KEY in message
