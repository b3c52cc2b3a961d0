"""Configuration from the environment (and a `.env` file beside the working directory)."""

from __future__ import annotations

import base64
import binascii
import ipaddress
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote, urlsplit

from dotenv import load_dotenv

# A bot token is three base64url segments separated by dots.
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{20,}$")

TOKEN_HELP = (
    "Stride needs a Discord bot token to start. Create an application at "
    "https://discord.com/developers/applications, open its Bot page and press 'Reset Token', "
    "then put the token in a file named .env next to where you run Stride, as the line "
    "DISCORD_TOKEN=your-token (copy .env.example to .env to start from a template), "
    "or export DISCORD_TOKEN in your shell. Invite the bot to your server with the "
    "'bot' and 'applications.commands' scopes (and the Send Messages, Embed Links and Attach Files "
    "permissions in the channels it posts to). To see Stride first without a token, `stride try` "
    "runs it locally."
)

T = TypeVar("T")

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

MAKE_FERNET_KEY = 'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'


class ConfigError(Exception):
    """Configuration that cannot work; the message is meant for the operator."""


@dataclass(frozen=True, slots=True)
class DashboardConfig:
    """The web dashboard's settings (bot/web), all checked: it is on only when DASHBOARD_PORT is set."""

    port: int
    host: str
    url: str  # the public base URL, no trailing slash; the OAuth2 redirect is url + "/callback"
    client_id: int | None  # None: the bot's own application id, known once logged in
    client_secret: str = field(repr=False)
    secret: bytes = field(repr=False)  # the Fernet key that encrypts the session cookie

    @property
    def redirect_uri(self) -> str:
        return self.url + "/callback"

    @property
    def https(self) -> bool:
        return self.url.startswith("https://")


@dataclass(frozen=True, slots=True)
class Config:
    token: str | None
    database_path: Path
    dev_guild_id: int | None
    log_level: str
    # Only tests set this: points discord.py at a fake Discord on 127.0.0.1.
    api_base: str | None
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"
    # Sharding (see bot/sharding.py): None means one unsharded gateway connection.
    shard_count: int | None = None
    # The shards this process owns; None with a shard_count means all of them.
    shard_ids: tuple[int, ...] | None = None
    # PostgreSQL (bot/db/postgres): when set it wins over database_path.
    database_url: str | None = None
    database_pool_size: int = 10
    # PostgreSQL: how long a dispatcher's claim on reminder slots lasts before other processes take them over.
    reminder_lease_s: float = 60.0
    # The web dashboard: None when DASHBOARD_PORT is not set, or when a setting is wrong (dashboard_error says which).
    dashboard: DashboardConfig | None = None
    dashboard_error: str | None = None

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError(f"DISCORD_TOKEN is not set. {TOKEN_HELP}")
        if not _TOKEN_SHAPE.match(self.token):
            raise ConfigError(f"DISCORD_TOKEN does not look like a bot token. {TOKEN_HELP}")
        return self.token

    def token_problem(self) -> str | None:
        """What is wrong with the token, in one sentence (None when it has a bot token's shape)."""
        try:
            self.require_token()
        except ConfigError as exc:
            return str(exc).split(". ")[0] + "."
        return None

    def require_dashboard(self) -> DashboardConfig | None:
        """The dashboard's settings when it is on; ConfigError (one line naming the setting) when one is wrong."""
        if self.dashboard_error:
            raise ConfigError(self.dashboard_error)
        return self.dashboard

    def problems(self) -> list[str]:
        """Everything wrong with this configuration, for `stride check`."""
        token = self.token_problem()
        found: list[str] = [token] if token else []
        if self.dashboard_error:
            found.append(self.dashboard_error)
        parent = self.database_path.resolve().parent
        if self.database_url is None and not parent.is_dir():
            found.append(f"DATABASE_PATH folder {parent} does not exist.")
        return found


def parse_shards(count_raw: str, ids_raw: str) -> tuple[int | None, tuple[int, ...] | None]:
    """SHARD_COUNT and SHARD_IDS as (shard_count, shard_ids); ConfigError says what to fix."""
    count_raw, ids_raw = count_raw.strip(), ids_raw.strip()
    if not count_raw:
        if ids_raw:
            raise ConfigError(
                f"SHARD_IDS={ids_raw} needs SHARD_COUNT, the total number of shards across all processes."
            )
        return None, None
    if not (count_raw.isdigit() and int(count_raw) >= 1):
        raise ConfigError(f"SHARD_COUNT must be a whole number of shards (1 or more), got {count_raw!r}.")
    count = int(count_raw)
    if not ids_raw:
        return count, None
    parts = [part.strip() for part in ids_raw.split(",")]
    if not all(part.isdigit() for part in parts):
        raise ConfigError(f"SHARD_IDS must be shard numbers separated by commas (e.g. 0,1), got {ids_raw!r}.")
    ids = tuple(int(part) for part in parts)
    outside = [i for i in ids if i >= count]
    if outside:
        raise ConfigError(
            f"SHARD_IDS has shard {', '.join(map(str, outside))}, but with SHARD_COUNT={count} the shards are "
            f"numbered 0 to {count - 1}."
        )
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ConfigError(f"SHARD_IDS lists shard {', '.join(map(str, repeated))} more than once.")
    return count, ids


def postgres_target(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    user = f"{unquote(parts.username)}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return f"postgresql://{user}{parts.hostname or 'localhost'}{port}{parts.path}"


def check_database_url(raw: str) -> str:
    """DATABASE_URL as given when it is a usable postgresql:// URL; ConfigError says what to fix."""
    example = "postgresql://user:password@host:5432/dbname"
    parts = urlsplit(raw)
    if parts.scheme not in ("postgresql", "postgres"):
        raise ConfigError(f"DATABASE_URL must start with postgresql:// (e.g. {example}), got a {parts.scheme!r} URL.")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ConfigError(f"DATABASE_URL has a port that is not a number (e.g. {example}).") from None
    if not parts.path.strip("/"):
        raise ConfigError(f"DATABASE_URL names no database after the host (e.g. {example}).")
    return raw


def parse_pool_size(raw: str) -> int:
    raw = raw.strip()
    if not raw:
        return 10
    if not (raw.isdigit() and 1 <= int(raw) <= 1000):
        raise ConfigError(f"DATABASE_POOL_SIZE must be a number of connections (1-1000), got {raw!r}.")
    return int(raw)


def parse_lease(raw: str) -> float:
    raw = raw.strip()
    if not raw:
        return 60.0
    if not (raw.isdigit() and 2 <= int(raw) <= 3600):
        raise ConfigError(f"REMINDER_LEASE_SECONDS must be a number of seconds (2-3600), got {raw!r}.")
    return float(raw)


def _fernet_key(raw: str) -> bytes:
    """DASHBOARD_SECRET as a Fernet key (32 bytes in url-safe base64), the check Fernet itself makes."""
    how = f"Make one with: {MAKE_FERNET_KEY}"
    if not raw:
        raise ConfigError(f"DASHBOARD_SECRET is not set: the dashboard needs a session key. {how}")
    try:
        decoded = base64.urlsafe_b64decode(raw.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        decoded = b""
    if len(decoded) != 32:
        raise ConfigError(f"DASHBOARD_SECRET is not a Fernet key (32 random bytes in url-safe base64). {how}")
    return raw.encode("ascii")


def _dashboard_url(raw: str, host: str, port: int) -> str:
    if not raw:
        if host in ("0.0.0.0", "::", ""):
            raise ConfigError(
                f"DASHBOARD_URL is needed when DASHBOARD_HOST is {host or 'empty'} (every address): set it to the "
                "address people open, e.g. https://stride.example.com (the OAuth2 redirect is built from it)."
            )
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}"
    example = "https://stride.example.com"
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"DASHBOARD_URL must be the dashboard's public address (e.g. {example}), got {raw!r}.")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ConfigError(f"DASHBOARD_URL has a port that is not a number (e.g. {example}:8443).") from None
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ConfigError(f"DASHBOARD_URL must be a site's root, without a path (e.g. {example}), got {raw!r}.")
    return f"{parts.scheme}://{parts.netloc}"


def parse_dashboard(env: Mapping[str, str]) -> DashboardConfig | None:
    """The dashboard's settings from the environment; None when DASHBOARD_PORT is not set."""
    port_raw = env.get("DASHBOARD_PORT", "").strip()
    if not port_raw:
        return None
    if not (port_raw.isdigit() and 0 < int(port_raw) < 65536):
        raise ConfigError(f"DASHBOARD_PORT must be a port number (1-65535), got {port_raw!r}.")
    port = int(port_raw)
    host = env.get("DASHBOARD_HOST", "").strip() or "127.0.0.1"
    client_raw = env.get("DISCORD_CLIENT_ID", "").strip()
    if client_raw and not client_raw.isdigit():
        raise ConfigError(
            f"DISCORD_CLIENT_ID must be the application id (digits only, from the Developer Portal's OAuth2 page), "
            f"got {client_raw!r}."
        )
    client_secret = env.get("DISCORD_CLIENT_SECRET", "").strip()
    if not client_secret:
        raise ConfigError(
            "DISCORD_CLIENT_SECRET is not set: the dashboard logs admins in with Discord. Copy the Client Secret "
            "from the Developer Portal (your application, OAuth2 page) into .env."
        )
    return DashboardConfig(
        port=port,
        host=host,
        url=_dashboard_url(env.get("DASHBOARD_URL", "").strip(), host, port),
        client_id=int(client_raw) if client_raw else None,
        client_secret=client_secret,
        secret=_fernet_key(env.get("DASHBOARD_SECRET", "").strip()),
    )


def parse_metrics_host(raw: str) -> str:
    """METRICS_HOST as given when it is an address to listen on: an IP address, or `localhost`."""
    raw = raw.strip()
    if not raw:
        return "127.0.0.1"
    if raw.lower() == "localhost":
        return raw
    try:
        ipaddress.ip_address(raw.strip("[]"))
    except ValueError:
        raise ConfigError(
            f"METRICS_HOST must be an IP address of this machine to serve metrics on (127.0.0.1, 0.0.0.0 or ::), "
            f"got {raw!r}."
        ) from None
    return raw.strip("[]")


class _Reader:
    """Reads each setting, keeping every problem (a bad .env usually has more than one) instead of the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def get(self, parse: Callable[[str], T], raw: str, default: T) -> T:
        try:
            return parse(raw)
        except ConfigError as exc:
            self.problems.append(str(exc))
            return default


def _dev_guild(raw: str) -> int | None:
    raw = raw.strip()
    if raw and not (raw.isdigit() and 0 < int(raw) < 2**64):
        raise ConfigError(f"DEV_GUILD_ID must be a server id (digits only), got {raw!r}.")
    return int(raw) if raw else None


def _log_level(raw: str) -> str:
    level = raw.strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {raw.strip()!r}.")
    return level


def _metrics_port(raw: str) -> int | None:
    raw = raw.strip()
    if raw and not (raw.isdigit() and 0 < int(raw) < 65536):
        raise ConfigError(f"METRICS_PORT must be a port number (1-65535), got {raw!r}.")
    return int(raw) if raw else None


def _database_url(raw: str) -> str | None:
    raw = raw.strip()
    return check_database_url(raw) if raw else None


def read_config(env_file: str | os.PathLike[str] | None = ".env") -> tuple[Config, list[str]]:
    """The configuration and every problem with its values; a bad value is replaced by its default."""
    if env_file is not None:
        load_dotenv(env_file, override=False)
    env = os.environ.get
    read = _Reader()
    no_shards: tuple[int | None, tuple[int, ...] | None] = (None, None)
    shard_count, shard_ids = read.get(
        lambda _: parse_shards(env("SHARD_COUNT", ""), env("SHARD_IDS", "")), "", no_shards
    )
    # A wrong dashboard setting stops `run` (exit 2) but not `check`, which lists it with the fix, nor `sync`.
    dashboard, dashboard_error = None, None
    try:
        dashboard = parse_dashboard(os.environ)
    except ConfigError as exc:
        dashboard_error = str(exc)
    config = Config(
        token=env("DISCORD_TOKEN", "").strip() or None,
        database_path=Path(env("DATABASE_PATH", "").strip() or "stride.db"),
        dev_guild_id=read.get(_dev_guild, env("DEV_GUILD_ID", ""), None),
        log_level=read.get(_log_level, env("LOG_LEVEL", "INFO"), "INFO"),
        api_base=env("DISCORD_API_BASE", "").strip() or None,
        metrics_port=read.get(_metrics_port, env("METRICS_PORT", ""), None),
        metrics_host=read.get(parse_metrics_host, env("METRICS_HOST", ""), "127.0.0.1"),
        shard_count=shard_count,
        shard_ids=shard_ids,
        database_url=read.get(_database_url, env("DATABASE_URL", ""), None),
        database_pool_size=read.get(parse_pool_size, env("DATABASE_POOL_SIZE", ""), 10),
        reminder_lease_s=read.get(parse_lease, env("REMINDER_LEASE_SECONDS", ""), 60.0),
        dashboard=dashboard,
        dashboard_error=dashboard_error,
    )
    return config, read.problems


def describe_problems(problems: list[str]) -> str:
    """One problem as one line; several as a list, one per line."""
    if len(problems) == 1:
        return problems[0]
    return "\n".join([f"Stride's configuration has {len(problems)} problems:", *(f"- {p}" for p in problems)])


def load_config(env_file: str | os.PathLike[str] | None = ".env") -> Config:
    """The configuration; ConfigError lists every bad value at once."""
    config, problems = read_config(env_file)
    if problems:
        raise ConfigError(describe_problems(problems))
    return config
