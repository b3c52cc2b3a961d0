"""Command line: `python -m bot [run|sync|check|backup|copy]` (also installed as `stride`).

Exit codes (documented in the README): 0 done, 1 `check` found problems, 2 configuration (token, .env),
3 cannot start or finish (database, folder, Discord unreachable); a second stop signal exits at once
with 128 + the signal's number.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import Config, ConfigError, describe_problems, read_config
from bot.damage import ADVICE, is_damage
from bot.errors import CannotStart

if TYPE_CHECKING:
    from bot.client import StrideBot

log = logging.getLogger("bot")

EXIT_OK, EXIT_PROBLEMS, EXIT_CONFIG, EXIT_CANNOT_START = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stride", description="Stride, a Discord bot for running clubs.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="start the bot (the default)")
    sync = sub.add_parser("sync", help="log in, sync slash commands globally (or to one server), exit")
    sync.add_argument("--guild", type=int, help="server id to sync to instead of globally")
    check = sub.add_parser("check", help="check the configuration and the database; exit 1 listing problems")
    check.add_argument("--online", action="store_true", help="also log in to Discord over HTTP to test the token")
    backup = sub.add_parser("backup", help="copy the database to PATH while the bot may be running")
    backup.add_argument("path", type=Path)
    backup.add_argument("--force", action="store_true", help="replace PATH when it already exists")
    copy = sub.add_parser("copy", help="copy all data between SQLite and PostgreSQL into an empty target")
    copy.add_argument("--from", dest="source", required=True, metavar="PATH_OR_URL", help="SQLite file or URL")
    copy.add_argument("--to", dest="target", required=True, metavar="PATH_OR_URL", help="SQLite file or URL")
    trial = sub.add_parser("try", help="try Stride in your browser: the real bot and a local stand-in for Discord")
    trial.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 for the page (default: a free one)")
    trial.add_argument("--no-browser", action="store_true", help="print the address without opening a browser")
    trial.add_argument("--database", type=Path, help="keep the data in this SQLite file (default: a throwaway one)")
    return parser


def _setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("discord").setLevel(max(logging.getLevelName(level), logging.INFO))


def _say(message: str) -> None:
    """One line for the operator on stderr (the CLI's own voice, not a log record)."""
    print(message, file=sys.stderr)  # noqa: T201


def _make_bot(config: Config, background: bool = True) -> StrideBot:
    # Imported here so `check` and `backup` work without touching discord.py's network layer.
    from bot.client import make_bot, point_at

    if config.api_base:
        point_at(config.api_base)
    return make_bot(config, background=background)


def _stop_on_signals(bot: StrideBot) -> list[asyncio.Task[None]]:
    """SIGTERM/SIGINT: a graceful stop; the second one exits at once. Returns the stop in progress (a
    list: empty until a signal came), which the caller lets finish before the event loop ends."""
    loop = asyncio.get_running_loop()
    stopping: list[asyncio.Task[None]] = []

    def on_signal(signum: int) -> None:
        name = signal.Signals(signum).name
        if stopping:
            log.warning("%s again: exiting at once", name)
            logging.shutdown()
            os._exit(128 + signum)
        log.info("%s received: finishing what is in progress, then stopping", name)
        stopping.append(loop.create_task(bot.shutdown(), name="stride-shutdown"))

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, on_signal, signum)
    return stopping


async def _run(config: Config) -> int:
    token = config.require_token()
    config.require_dashboard()
    bot = _make_bot(config)
    stopping = _stop_on_signals(bot)
    async with bot:
        await bot.start(token)
    # The gateway closes early in a stop: the rest of it (the database's closing) must finish before
    # asyncio.run cancels what is left, or a half-closed connection keeps the process alive.
    await asyncio.gather(*stopping)
    log.info("stopped")
    return EXIT_OK


async def _sync(config: Config, guild_id: int | None) -> int:
    import discord

    from bot.client import guild_problem

    token = config.require_token()
    bot = _make_bot(config, background=False)
    async with bot:
        await bot.login(token)  # runs setup_hook: the tree is loaded, the gateway never opened
        guild = discord.Object(id=guild_id) if guild_id else None
        if guild:
            bot.tree.copy_global_to(guild=guild)
        try:
            synced = await bot.tree.sync(guild=guild)
        except (discord.NotFound, discord.Forbidden) as exc:
            if guild_id is None:
                raise
            raise ConfigError(guild_problem(f"--guild {guild_id}", exc)) from exc
        log.info("synced %d commands %s", len(synced), f"to server {guild_id}" if guild_id else "globally")
    return EXIT_OK


async def _online(config: Config) -> tuple[list[str], list[str]]:
    """(facts, problems) from Discord over HTTP only (no gateway): the token, DEV_GUILD_ID, and whether the
    commands are published."""
    import aiohttp
    import discord
    import discord.http

    from bot.client import guild_problem, point_at

    if config.api_base:
        point_at(config.api_base)
    http = discord.http.HTTPClient(asyncio.get_running_loop())
    try:
        await http.static_login(config.require_token())
        facts = ["Discord accepts the token"]
        application_id = int((await http.application_info())["id"])
        if config.dev_guild_id:
            try:
                await http.get_guild_commands(application_id, config.dev_guild_id)
            except (discord.NotFound, discord.Forbidden) as exc:
                return facts, [guild_problem(f"DEV_GUILD_ID={config.dev_guild_id}", exc)]
            facts.append(f"DEV_GUILD_ID={config.dev_guild_id} takes commands")
        elif not await http.get_global_commands(application_id):
            facts.append("no slash commands are published yet (`stride run` publishes them on its first start)")
        return facts, []
    except discord.LoginFailure:
        return [], ["Discord refused the token: reset it in the Developer Portal and update DISCORD_TOKEN."]
    except (aiohttp.ClientError, OSError, TimeoutError, discord.HTTPException) as exc:
        return [], [f"Cannot reach Discord to test the token ({_describe(exc)}). Check the network and DNS."]
    finally:
        await http.close()


def _before_opening(path: Path) -> tuple[list[str], list[str]] | None:
    """(facts, problems) when there is no file to open; None when there is. `check` never creates one."""
    folder = path.resolve().parent
    if not folder.is_dir():
        return [], []  # Config.problems() names the missing folder
    if path.exists():
        return None
    if not os.access(folder, os.W_OK | os.X_OK):
        return [], [f"Stride may not create {path} in {folder}: let its user write the folder."]
    return [f"no database at {path} yet (`stride run` creates it)"], []


async def _check_sqlite(path: Path) -> tuple[list[str], list[str]]:
    """(facts, problems) of the SQLite file; a missing file is left missing (`stride run` creates it)."""
    from bot.db.sqlite.database import SqliteDatabase

    missing = await asyncio.to_thread(_before_opening, path)
    if missing is not None:
        return missing
    try:
        db = await SqliteDatabase.open(path)
    except CannotStart as exc:
        return [], [str(exc)]
    try:
        version = await db.migrate()
        found = await db.integrity_problems()
    except CannotStart as exc:
        return [], [str(exc)]
    finally:
        await db.close()
    if found:
        return [], [*_damage_lines(path, found)]
    return [f"database {path} at schema version {version}"], []


MAX_DAMAGE_LINES = 20
_UNUSED_PAGE = re.compile(r"Page (\d+) is never used")


def _damage_lines(path: Path, found: list[str]) -> list[str]:
    """One line per problem SQLite found. Its report is one problem a line, under a header; the pages an
    unreadable page pointed to come out as "never used", one line each: those become one line."""
    lines = [line.strip() for text in found for line in text.splitlines()]
    problems = [line for line in lines if line and not line.startswith("***") and not _UNUSED_PAGE.fullmatch(line)]
    orphans = [m[1] for line in lines if (m := _UNUSED_PAGE.fullmatch(line))]
    if orphans:
        listed = ", ".join(orphans[:10]) + (", …" if len(orphans) > 10 else "")
        problems.append(f"{len(orphans)} pages are cut off from the tables (what a damaged page held): {listed}")
    out = [f"{path}: {problem}" for problem in problems[:MAX_DAMAGE_LINES]]
    if len(problems) > MAX_DAMAGE_LINES:
        out.append(f"{path}: {len(problems) - MAX_DAMAGE_LINES} more problems like these")
    out.append(
        f"{path} is damaged: stop Stride, keep a copy of the file and restore the latest backup; "
        f"`sqlite3 {path} .recover` can save what is still readable."
    )
    return out


async def _check(config: Config, online: bool) -> int:

    problems = config.problems()
    facts: list[str] = []
    if config.database_url:
        from bot.db.postgres import ops

        pg_facts, pg_problems = await ops.check(config.database_url)
        facts += pg_facts
        problems += pg_problems
    else:
        sqlite_facts, sqlite_problems = await _check_sqlite(config.database_path)
        facts += sqlite_facts
        problems += sqlite_problems
    token_ok = config.token_problem() is None
    if online and token_ok:
        online_facts, online_problems = await _online(config)
        facts += online_facts
        problems += online_problems
    elif token_ok:
        facts.append("the token was only checked for shape (add --online to try it against Discord)")
    if config.dashboard is not None:
        facts.append(
            f"dashboard on {config.dashboard.host}:{config.dashboard.port}, public at {config.dashboard.url} "
            f"(register {config.dashboard.redirect_uri} as an OAuth2 redirect in the Developer Portal)"
        )
    if problems:
        _say("\n".join(["Stride check found problems:", *(f"- {p}" for p in problems)]))
        return EXIT_PROBLEMS
    print(f"Stride check: healthy; {'; '.join(facts)}.")  # noqa: T201
    return EXIT_OK


def _backup_paths(config: Config, target: Path, force: bool) -> bool:
    """Refuse a backup that cannot or should not be made; True when it replaces an existing file."""
    if config.database_url is None and not config.database_path.exists():
        raise CannotStart(f"No database at {config.database_path} to back up: check DATABASE_PATH.")
    if not target.resolve().parent.is_dir():
        raise CannotStart(f"The backup folder {target.resolve().parent} does not exist: create it first.")
    if target.is_dir():
        raise CannotStart(f"{target} is a folder: give the backup a file name, e.g. {target / 'stride-backup.db'}.")
    if config.database_url is None and target.exists() and target.samefile(config.database_path):
        raise CannotStart(f"{target} is the database itself: back it up to another file.")
    if target.exists() and not force:
        raise CannotStart(f"{target} already exists: pick a new file name, or add --force to replace it.")
    return target.exists()


def _partial(target: Path) -> Path:
    """Where the backup is written first: beside the target, so the final rename is atomic and a failed or
    interrupted backup never leaves a half-written file (or a half-replaced old one) under the target's name."""
    return target.with_name(f".{target.name}.{os.getpid()}.partial")


async def _backup(config: Config, target: Path, replaced: bool) -> int:
    from bot.db.sqlite.database import SqliteDatabase

    partial = _partial(target)
    try:
        if config.database_url:
            from bot.config import postgres_target
            from bot.db.postgres import ops

            await ops.backup(config.database_url, partial)
            what = f"{postgres_target(config.database_url)} to {target} (pg_dump custom format)"
        else:
            db = await SqliteDatabase.open(config.database_path, writable=False)
            try:
                await db.backup(partial)
            finally:
                await db.close()
            what = f"{config.database_path} to {target}"
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    print(f"Backed up {what}{' (replacing the file that was there)' if replaced else ''}.")  # noqa: T201
    return EXIT_OK


async def _copy(source: str, target: str) -> int:
    from bot.db.copy import Endpoint, copy_database

    copied = await copy_database(source, target)
    total = sum(copied.values())
    tables = ", ".join(f"{table} {rows}" for table, rows in copied.items())
    print(f"Copied {total} rows from {Endpoint.parse(source)} to {Endpoint.parse(target)} ({tables}).")  # noqa: T201
    return EXIT_OK


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


# How the one line begins: what could not be done.
_CANNOT = {"backup": "Stride cannot back up", "copy": "Stride cannot copy"}


def _failure(exc: Exception, config: Config, command: str) -> int | None:
    """The exit code and one line for a failure an operator can fix; None for a bug (traceback)."""
    cannot = _CANNOT.get(command, "Stride cannot start")
    import sqlite3

    import aiohttp
    import discord
    from discord.ext import commands

    if isinstance(exc, commands.ExtensionFailed):  # raised while an extension loaded (e.g. a port in use)
        exc = exc.original
    if isinstance(exc, ConfigError):
        _say(str(exc))
        return EXIT_CONFIG
    if isinstance(exc, discord.LoginFailure):
        _say(f"Discord refused the token ({exc}). Check DISCORD_TOKEN in your .env.")
        return EXIT_CONFIG
    if isinstance(exc, CannotStart):
        _say(f"{cannot}: {exc}")
        return EXIT_CANNOT_START
    where = "the PostgreSQL database" if config.database_url else str(config.database_path)
    if is_damage(exc):
        _say(f"{cannot}: {where} is damaged ({_describe(exc)}). {ADVICE}")
        return EXIT_CANNOT_START
    if isinstance(exc, sqlite3.Error):
        _say(f"{cannot}: reading {where} failed ({_describe(exc)}). Run `stride check` to see why.")
        return EXIT_CANNOT_START
    if isinstance(exc, aiohttp.ClientError | OSError | TimeoutError | discord.DiscordServerError):
        _say(
            f"{cannot}: Discord is unreachable ({_describe(exc)}). Check the network, DNS and "
            "firewall, then start again (systemd's Restart=on-failure retries by itself)."
        )
        return EXIT_CANNOT_START
    return None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "try":
        return _try(args.port, not args.no_browser, args.database)
    command = args.command or "run"
    config, problems = read_config()
    if problems:
        if command == "check":
            problems += config.problems()
        elif command in ("run", "sync"):
            dashboard = config.dashboard_error if command == "run" else None
            problems += [p for p in (config.token_problem(), dashboard) if p]
        _say(describe_problems(problems))
        return EXIT_CONFIG
    _setup_logging(config.log_level)
    try:
        if command == "run":
            return asyncio.run(_run(config))
        if command == "sync":
            return asyncio.run(_sync(config, args.guild))
        if command == "check":
            return asyncio.run(_check(config, args.online))
        if command == "copy":
            return asyncio.run(_copy(args.source, args.target))
        replaced = _backup_paths(config, args.path, args.force)
        return asyncio.run(_backup(config, args.path, replaced))
    except KeyboardInterrupt:
        return EXIT_OK
    except Exception as exc:
        code = _failure(exc, config, command)
        if code is None:
            raise
        log.debug("details of the failure above", exc_info=exc)
        return code


def _try(port: int, open_browser: bool, database: Path | None) -> int:
    """`stride try` needs no configuration: it brings its own stand-in for Discord."""
    _setup_logging("WARNING")
    from standin.trial import run_trial  # only `stride try` needs the stand-in and its web page

    return asyncio.run(run_trial(port, open_browser, database.resolve() if database else None))


if __name__ == "__main__":
    sys.exit(main())
