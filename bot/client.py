"""The Stride bot: one discord.py Bot subclass wiring the core to Discord."""

from __future__ import annotations

import asyncio
import errno
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import discord
import discord.gateway
import discord.http
import discord.webhook.async_
import yarl
from discord import app_commands
from discord.ext import commands

from bot import sharding
from bot.advice.services.builtins import sync_library
from bot.config import Config, ConfigError
from bot.damage import is_damage, report_damage
from bot.db.factory import open_store
from bot.db.members import pop_notice, start_member_cache
from bot.db.store import Store
from bot.errors import CannotStart, UserError
from bot.metrics import Metrics
from bot.wording import APOLOGY, plural

log = logging.getLogger(__name__)

EXTENSIONS = (
    "cogs.runs",
    "cogs.profile",
    "cogs.shoes",
    "cogs.me",
    "cogs.help",
    "cogs.advice",
    "cogs.tips",
    "cogs.leaderboard",
    "cogs.reminders",
    "cogs.pace",
    "cogs.club",
    "cogs.challenge",
    "cogs.event",
    "cogs.race",
    "cogs.dashboard",  # last: serves pages once everything they use is loaded
)

NO_MENTIONS = discord.AllowedMentions.none()  # the client-wide default: user text never pings


class _NoVoiceWarning(logging.Filter):
    """Stride has no voice features, so discord.py's start-up warnings about voice libraries are noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = str(record.msg)
        voice = text.startswith(("PyNaCl is not installed", "davey is not installed"))
        return not (record.levelno == logging.WARNING and voice)


logging.getLogger("discord.client").addFilter(_NoVoiceWarning())

RESTARTING = "Stride is restarting; try again in a moment."
# discord.py runs each interaction in a task with one of these names.
_INTERACTION_TASKS = ("CommandTree-invoker", "discord-ui-view-dispatch", "discord-ui-modal-dispatch")
# ...and what a finished command does next (a pending notice for the member) in this one.
_AFTER_COMMAND_TASK = "discord.py: on_app_command_completion"
STOP_GRACE_S = 10.0  # how long a stop waits for the commands that began before it
# How long the last "restarting" answers may take once the gateway is closed; Discord gives up after 3 s.
LAST_ANSWERS_S = 3.0


def point_at(api_base: str) -> None:
    """Send discord.py's REST calls (and so its gateway lookup) to another Discord, for tests."""
    discord.http.Route.BASE = api_base
    discord.webhook.async_.Route.BASE = api_base


# Set in `interaction.extras` by a command whose deferred reply shows progress ("waiting", "reading"): a
# message then takes that reply's place, where a follow-up would leave the progress standing above it.
REPLACES_PROGRESS = "stride_replaces_progress"


async def send_ephemeral(interaction: discord.Interaction, content: str) -> None:
    if interaction.extras.get(REPLACES_PROGRESS):
        await interaction.edit_original_response(content=content, embed=None, view=None)
    elif interaction.response.is_done():
        await interaction.followup.send(content, ephemeral=True)
    else:
        await interaction.response.send_message(content, ephemeral=True)


def explain(error: BaseException) -> tuple[str, str]:
    """(outcome for the log, message for the member) of a failed command or button: the one mapping
    used by the command tree and by the views. "error" means unexpected: log it with its traceback.
    "damaged" (a damaged database) is logged here, once per process, with what the operator must do."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if is_damage(original):
        report_damage(original)
        return "damaged", APOLOGY
    if isinstance(original, UserError):
        return "refused", original.message
    if isinstance(original, app_commands.MissingPermissions | app_commands.BotMissingPermissions):
        return "forbidden", "This command is for server managers (the Manage Server permission)."
    if isinstance(original, app_commands.CheckFailure):
        return "forbidden", "You can't use this command here."
    return "error", APOLOGY


def guild_problem(given: str, exc: discord.HTTPException) -> str:
    """One line for a server id Discord will not take commands for: unknown, or Stride not invited there.
    `given` is how the operator gave it (`DEV_GUILD_ID=123`, `--guild 123`)."""
    return (
        f"{given} is not a server Stride can add its commands to (Discord: {exc.status} {exc.text or 'no reason'}). "
        "Check the id (Developer Mode on, right-click the server, Copy Server ID) and invite the bot there with "
        "the 'bot' and 'applications.commands' scopes."
    )


def _command_name(interaction: discord.Interaction) -> str:
    command = interaction.command
    return command.qualified_name if command else str(dict(interaction.data or {}).get("name", "?"))


async def refuse_while_stopping(interaction: discord.Interaction) -> bool:
    """True (and the member told to retry) when the bot is stopping and takes no new work."""
    if not getattr(interaction.client, "draining", False):
        return False
    try:
        if interaction.type is discord.InteractionType.autocomplete:
            await interaction.response.autocomplete([])  # no suggestions, rather than "loading failed"
        else:
            await send_ephemeral(interaction, RESTARTING)
    except (discord.HTTPException, aiohttp.ClientError, OSError, RuntimeError) as exc:
        # The stop closes the HTTP session only after these answers went out (StrideBot.close), or after
        # Discord's own deadline for them passed: the member's client shows "did not respond" either way.
        log.debug("could not say 'restarting' to user %s: %r", interaction.user.id, exc)
    return True


def _interactions_in_progress() -> set[asyncio.Task]:
    current = asyncio.current_task()
    return {t for t in asyncio.all_tasks() if t is not current and t.get_name().startswith(_INTERACTION_TASKS)}


def _after_commands() -> set[asyncio.Task]:
    return {t for t in asyncio.all_tasks() if t.get_name() == _AFTER_COMMAND_TASK}


class StrideTree(app_commands.CommandTree):
    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        interaction.extras["started"] = time.perf_counter()
        if await refuse_while_stopping(interaction):
            return False
        if interaction.guild_id is None:
            # An autocomplete interaction can only be answered with choices, never with a message.
            if interaction.type is not discord.InteractionType.autocomplete:
                await send_ephemeral(interaction, "Stride works inside a server: use its commands there.")
            return False
        return True

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError, /) -> None:
        outcome, message = explain(error)
        if outcome == "error":
            original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
            log.error(
                "command %s failed for user %s in guild %s",
                _command_name(interaction),
                interaction.user.id,
                interaction.guild_id,
                exc_info=original,
            )
        log_command(interaction, outcome)
        try:
            await send_ephemeral(interaction, message)
        except discord.HTTPException:
            log.warning("could not tell user %s about a failed command", interaction.user.id)


def log_command(interaction: discord.Interaction, outcome: str) -> None:
    started = interaction.extras.get("started")
    ms = (time.perf_counter() - started) * 1000 if started else -1.0
    metrics = getattr(interaction.client, "metrics", None)
    if metrics is not None:
        metrics.observe_command(_command_name(interaction), outcome, ms / 1000)
    log.info(
        "command user=%s guild=%s command=%s ms=%.1f outcome=%s",
        interaction.user.id,
        interaction.guild_id,
        _command_name(interaction),
        ms,
        outcome,
    )


class StrideBot(commands.Bot):
    def __init__(self, config: Config, *, background: bool = True, **kwargs: Any) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # channels and roles for server reminders; nothing privileged
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            tree_cls=StrideTree,
            allowed_mentions=NO_MENTIONS,
            help_command=None,
            **kwargs,
        )
        self.config = config
        # False for one-shot CLI commands (sync) that load the tree but must not deliver reminders
        # (the reminders extension reads it when it loads).
        self.background = background
        self.draining = False  # True once a stop began: new interactions are answered "restarting"
        self.loading_extensions = False  # True while setup_hook loads the extensions
        # Called with (guild id, member id, in_challenge) after a command changed a member's runs (club life
        # queues the congratulations owed); in_challenge False: the member takes part in no open challenge.
        self.run_listeners: list[Callable[[int, int, bool], Awaitable[None]]] = []
        self._store: Store | None = None
        self.metrics: Metrics | None = None
        if config.metrics_port is not None:
            self.metrics = Metrics(None if config.database_url else config.database_path)
            self.metrics.watch_gateway(lambda: self.latency)

    @property
    def store(self) -> Store:
        """The open database with its state, which the cogs hand to the services."""
        if self._store is None:
            raise RuntimeError("database is not open yet")
        return self._store

    async def setup_hook(self) -> None:
        if self.config.api_base:
            await self._adopt_gateway_url()
        self._store = store = await open_store(self.config)
        version = await store.migrate()
        log.info("database %s at schema version %d", store.where, version)
        await store.runs.prepare()
        await start_member_cache(store)
        changed = await sync_library(store)
        if changed:
            log.info("built-in tip library updated (%d tips changed)", changed)
        self.loading_extensions = True
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        self.loading_extensions = False
        for cog in list(self.cogs.values()):  # e.g. the dispatcher, once every post kind is registered
            after = getattr(cog, "after_extensions_loaded", None)
            if after is not None:
                await after()
        if self.config.dev_guild_id:
            guild = discord.Object(id=self.config.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            try:
                synced = await self.tree.sync(guild=guild)
            except (discord.NotFound, discord.Forbidden) as exc:
                given = f"DEV_GUILD_ID={self.config.dev_guild_id}"
                raise ConfigError(f"{guild_problem(given, exc)} Or leave DEV_GUILD_ID empty.") from exc
            log.info("synced %d commands to dev guild %s", len(synced), self.config.dev_guild_id)
        elif self.background:
            await self._publish_on_first_start()
        if self.background and self.metrics is not None and self.config.metrics_port is not None:
            try:
                self.metrics.serve(self.config.metrics_port, self.config.metrics_host)
            except OSError as exc:
                if exc.errno == errno.EADDRNOTAVAIL:  # a valid address, but not one of this machine's
                    raise ConfigError(
                        f"METRICS_HOST={self.config.metrics_host} is not an address of this machine ({exc}). "
                        "Use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)."
                    ) from exc
                raise CannotStart(
                    f"Cannot serve metrics on {self.config.metrics_host}:{self.config.metrics_port} ({exc}). "
                    "Pick a free METRICS_PORT, or leave it empty."
                ) from exc

    async def _publish_on_first_start(self) -> None:
        """Publish the commands globally when the application has none at all (a fresh install), so a new
        club sees them without knowing about `stride sync`; otherwise never: a global sync on every start
        would spend Discord's daily limit on command updates."""
        try:
            published = await self.tree.fetch_commands()
        except discord.HTTPException as exc:
            log.warning("could not read the published slash commands (%s); if none show, run `stride sync`", exc)
            return
        if published:
            return
        synced = await self.tree.sync()
        log.info(
            "first start: no slash commands were published yet, so published %d globally (Discord may take a "
            "minute to show them); after an upgrade run `stride sync`",
            len(synced),
        )

    async def _adopt_gateway_url(self) -> None:
        # A plain client never asks for the gateway URL, nor does an AutoShardedBot given a shard_count
        # (it dials DEFAULT_GATEWAY too); a redirected one must.
        _, url, _ = await self.http.get_bot_gateway()
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)

    @property
    def runs_dispatcher(self) -> bool:
        """Whether this process delivers reminders (every one on PostgreSQL; on SQLite with shards only the owner
        of shard 0; see bot/sharding.py)."""
        return sharding.runs_dispatcher(self.config)

    async def on_ready(self) -> None:
        log.info(
            "logged in as %s (%s) in %s, %s",
            self.user,
            getattr(self.user, "id", "?"),
            plural(len(self.guilds), "server"),
            sharding.describe(self.config),
        )

    async def runs_changed(self, guild_id: int, user_id: int, *, in_challenge: bool = True) -> None:
        """Tell the listeners that a member's runs changed (after the command answered; the feed's post was
        queued with the runs); a failing listener is logged, never the member's problem. `in_challenge`
        False when the command learnt the member takes part in no challenge still counting."""
        for listener in list(self.run_listeners):
            try:
                await listener(guild_id, user_id, in_challenge)
            except Exception:
                log.exception("run listener %s failed for user %s in guild %s", listener, user_id, guild_id)

    async def on_resumed(self) -> None:
        log.info("gateway session resumed (%s)", sharding.describe(self.config))

    async def on_app_command_completion(
        self, interaction: discord.Interaction, command: app_commands.Command | app_commands.ContextMenu
    ) -> None:
        log_command(interaction, "ok")
        # Something Stride had to tell the member while they were away (e.g. a paused reminder).
        notice = await pop_notice(self.store, interaction.guild_id or 0, interaction.user.id)
        if notice:
            await interaction.followup.send(notice, ephemeral=True)

    async def shutdown(self, grace: float = STOP_GRACE_S) -> None:
        """A graceful stop: answer new interactions "restarting", let the commands that began before it
        finish (up to `grace` s), then close.

        Only those commands are waited for: the "restarting" answers begin after the stop and keep coming
        while members keep sending, so waiting for them would last as long as the traffic does.
        """
        if self.draining:
            return
        self.draining = True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        began = _interactions_in_progress()
        # A finished command's follow-up (a pending notice) reads the database: it runs before the close.
        while pending := {t for t in began if not t.done()} | _after_commands():
            left = deadline - loop.time()
            if left <= 0:
                log.warning("stopping with %d commands still running after %.0f s", len(pending), grace)
                break
            log.info("waiting for %d commands in progress", len(pending))
            await asyncio.wait(pending, timeout=left)
        await self.close()

    async def close(self) -> None:
        self.draining = True
        self._answer_before_hanging_up()
        await super().close()  # unloads the extensions first: the reminders cog stops its dispatcher
        if self.metrics is not None:
            self.metrics.stop()
        if self._store is not None:
            await self._store.close()
            self._store = None

    def _answer_before_hanging_up(self) -> None:
        """Hold discord.py's closing of its HTTP session until the answers in flight went out.

        discord.py closes the gateway and at once the HTTP session; interactions read from the gateway just
        before it closed are still sending their answer ("restarting", mostly). Once the gateway is closed
        no new one can come, so that is where they are waited for, at most LAST_ANSWERS_S.
        """
        http = self.http
        if getattr(http, "_stride_answers_first", False):
            return
        close_session = http.close

        async def close_after_answers() -> None:
            answering = _interactions_in_progress()
            # What the gateway sent after its last event read here never reached the bot: Discord itself
            # tells those members the application did not respond.
            log.info("left the gateway%s; %d interactions still answering", self._last_event(), len(answering))
            if answering:
                _, late = await asyncio.wait(answering, timeout=LAST_ANSWERS_S)
                if late:
                    log.warning("closing with %d interactions unanswered after %.0f s", len(late), LAST_ANSWERS_S)
            await close_session()

        http.close = close_after_answers  # type: ignore[method-assign]
        http._stride_answers_first = True  # type: ignore[attr-defined]

    def _last_event(self) -> str:
        sequence = getattr(self.ws, "sequence", None)
        return f" after event #{sequence}" if sequence is not None else ""


class ShardedStrideBot(StrideBot, commands.AutoShardedBot):
    """StrideBot on discord.py's AutoShardedBot, owning the shards SHARD_COUNT/SHARD_IDS name (bot/sharding.py)."""

    def __init__(self, config: Config, **kwargs: Any) -> None:
        shard_ids = list(config.shard_ids) if config.shard_ids is not None else None
        super().__init__(config, shard_count=config.shard_count, shard_ids=shard_ids, **kwargs)

    async def on_shard_ready(self, shard_id: int) -> None:
        servers = sum(1 for guild in self.guilds if guild.shard_id == shard_id)
        log.info("shard %d of %s ready in %s", shard_id, self.shard_count, plural(servers, "server"))

    async def on_shard_resumed(self, shard_id: int) -> None:
        log.info("shard %d of %s resumed its gateway session", shard_id, self.shard_count)

    async def on_resumed(self) -> None:
        pass  # each shard's resume is logged above, naming the shard


def stride_bot(interaction: discord.Interaction) -> StrideBot:
    """The bot an interaction came to, as Stride's own: its store and services, for views and autocompletes
    (whose interactions discord.py types with any client)."""
    client = interaction.client
    if not isinstance(client, StrideBot):
        raise TypeError(f"an interaction of a {type(client).__name__}, not of Stride's bot")
    return client


def make_bot(config: Config, *, background: bool = True) -> StrideBot:
    """The bot for this configuration: sharded when SHARD_COUNT is set, else a plain one."""
    bot_class = ShardedStrideBot if config.shard_count is not None else StrideBot
    return bot_class(config, background=background)
