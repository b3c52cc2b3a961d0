"""Command line: `python -m bot [run|sync|check|backup]` (also installed as `stride`)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.config import Config, ConfigError, load_config

log = logging.getLogger("bot")

EXIT_OK, EXIT_PROBLEMS, EXIT_CONFIG = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stride", description="Stride, a Discord bot for running clubs.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="start the bot (the default)")
    sync = sub.add_parser("sync", help="log in, sync slash commands globally (or to one server), exit")
    sync.add_argument("--guild", type=int, help="server id to sync to instead of globally")
    sub.add_parser("check", help="check the configuration and the database; exit 1 listing problems")
    backup = sub.add_parser("backup", help="copy the database to PATH while the bot may be running")
    backup.add_argument("path", type=Path)
    return parser


def _setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("discord").setLevel(max(logging.getLevelName(level), logging.INFO))


def _make_bot(config: Config, background: bool = True):
    # Imported here so `check` and `backup` work without touching discord.py's network layer.
    from bot.client import StrideBot, point_at

    if config.api_base:
        point_at(config.api_base)
    return StrideBot(config, background=background)


async def _run(config: Config) -> int:
    token = config.require_token()
    bot = _make_bot(config)
    async with bot:
        await bot.start(token)
    return EXIT_OK


async def _sync(config: Config, guild_id: int | None) -> int:
    import discord

    token = config.require_token()
    bot = _make_bot(config, background=False)
    async with bot:
        await bot.login(token)  # runs setup_hook: the tree is loaded, the gateway never opened
        guild = discord.Object(id=guild_id) if guild_id else None
        if guild:
            bot.tree.copy_global_to(guild=guild)
        synced = await bot.tree.sync(guild=guild)
        log.info("synced %d commands %s", len(synced), f"to server {guild_id}" if guild_id else "globally")
    return EXIT_OK


async def _check(config: Config) -> int:
    from bot.db.connection import Database

    problems = config.problems()
    if not problems:
        try:
            db = await Database.open(config.database_path)
            try:
                await db.migrate()
                problems += await db.integrity_problems()
            finally:
                await db.close()
        except Exception as exc:  # any failure to open is a health problem to report, not a crash
            problems.append(f"database {config.database_path}: {exc}")
    if problems:
        print("Stride check found problems:", *(f"- {p}" for p in problems), sep="\n", file=sys.stderr)  # noqa: T201
        return EXIT_PROBLEMS
    print(f"Stride check: configuration and database {config.database_path} are healthy.")  # noqa: T201
    return EXIT_OK


async def _backup(config: Config, target: Path) -> int:
    from bot.db.connection import Database

    if not config.database_path.exists():
        print(f"No database at {config.database_path} to back up.", file=sys.stderr)  # noqa: T201
        return EXIT_PROBLEMS
    db = await Database.open(config.database_path)
    try:
        await db.backup(target)
    finally:
        await db.close()
    print(f"Backed up {config.database_path} to {target}.")  # noqa: T201
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = load_config()
    except ConfigError as exc:
        print(exc, file=sys.stderr)  # noqa: T201
        return EXIT_CONFIG
    _setup_logging(config.log_level)
    command = args.command or "run"
    try:
        if command == "run":
            return asyncio.run(_run(config))
        if command == "sync":
            return asyncio.run(_sync(config, args.guild))
        if command == "check":
            return asyncio.run(_check(config))
        return asyncio.run(_backup(config, args.path))
    except ConfigError as exc:
        print(exc, file=sys.stderr)  # noqa: T201
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return EXIT_OK
    except Exception as exc:
        import discord

        if isinstance(exc, discord.LoginFailure):
            print(f"Discord refused the token ({exc}). Check DISCORD_TOKEN in your .env.", file=sys.stderr)  # noqa: T201
            return EXIT_CONFIG
        raise


if __name__ == "__main__":
    sys.exit(main())
