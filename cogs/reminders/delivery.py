"""The reminder dispatcher's way out to Discord (REST calls only: no cache, works before READY), and
the cog that owns the dispatcher: started when the extension loads, stopped when it unloads.

Features with scheduled posts (bot/reminders/outbox.py) register their kinds with `register_post_kind(bot,
kind, handler)` from their cog's `cog_load`, in any process (only those running the dispatcher send)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import aiohttp
import discord
from discord.ext import commands
from discord.http import handle_message_parameters

from bot.reminders.dispatcher import Dispatcher
from bot.reminders.jobs import FAILED, FORBIDDEN, NOT_FOUND, RATE_LIMITED, DeliveryError
from bot.reminders.messages import Outgoing
from bot.reminders.outbox import PostKind
from bot.reminders.pacing import reminder_rate
from bot.reminders.services.reminders import ReminderService
from cogs.ui.kit import BRAND, NO_MENTIONS

if TYPE_CHECKING:
    from bot.client import StrideBot

log = logging.getLogger(__name__)

STYLES = {"primary": discord.ButtonStyle.primary, "success": discord.ButtonStyle.success}


def _error(exc: Exception) -> DeliveryError:
    """discord.py's view of a failed request, in the dispatcher's words."""
    if isinstance(exc, discord.RateLimited):
        return DeliveryError(RATE_LIMITED, retry_after=exc.retry_after)
    if isinstance(exc, discord.Forbidden):
        return DeliveryError(FORBIDDEN, detail=f"{exc.code} {exc.text}")
    if isinstance(exc, discord.NotFound):
        return DeliveryError(NOT_FOUND, detail=f"{exc.code} {exc.text}")
    if isinstance(exc, discord.HTTPException):
        if exc.status == 429:  # discord.py gave up after its own retries: wait and try again
            return DeliveryError(RATE_LIMITED, retry_after=1.0)
        # 5xx may pass; another 4xx (a malformed message) will not get better by retrying.
        return DeliveryError(FAILED, detail=f"{exc.status} {exc.text}", retryable=exc.status >= 500)
    return DeliveryError(FAILED, detail=repr(exc))


class DiscordSender:
    """Implements bot.reminders.jobs.Sender with discord.py's HTTP client."""

    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    async def open_dm(self, user_id: int) -> int:
        try:
            data = await self.bot.http.start_private_message(user_id)
        except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise _error(exc) from exc
        return int(data["id"])

    async def send(self, channel_id: int, message: Outgoing) -> int | None:
        embed = None
        if message.title or message.body or message.fields:
            colour = BRAND if message.colour is None else discord.Colour(message.colour)
            embed = discord.Embed(title=message.title, description=message.body, colour=colour)
            for item in message.fields[:25]:  # Discord's limits: 25 fields, 256 / 1024 characters
                embed.add_field(name=item.name[:256], value=item.value[:1024], inline=item.inline)
            if message.footer:
                embed.set_footer(text=message.footer)
        view = discord.ui.View(timeout=None)  # never stored: the clicks reach cogs/reminders/views.py
        for button in message.buttons:
            style = STYLES.get(button.style, discord.ButtonStyle.secondary)
            view.add_item(discord.ui.Button(label=button.label, custom_id=button.custom_id, style=style))
        mentions = NO_MENTIONS
        if message.mention_role_id is not None:  # only the club ping, and only its role
            role = discord.Object(message.mention_role_id)
            mentions = discord.AllowedMentions(everyone=False, users=False, roles=[role], replied_user=False)
        elif message.mention_user_id is not None:  # a channel reminder notifies its owner alone
            owner = discord.Object(message.mention_user_id)
            mentions = discord.AllowedMentions(everyone=False, users=[owner], roles=False, replied_user=False)
        with handle_message_parameters(
            content=message.content, embed=embed, view=view, allowed_mentions=mentions, nonce=message.nonce
        ) as params:  # with a nonce, discord.py asks Discord to enforce it: a second copy is not created
            try:
                sent = await self.bot.http.send_message(channel_id, params=params)
            except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as exc:
                raise _error(exc) from exc
        return int(sent["id"])


class Delivery(commands.Cog):
    """Owns the reminder dispatcher. One-shot CLI runs (`stride sync`, bot.background False) load the
    commands without delivering anything."""

    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot
        self.dispatcher: Dispatcher | None = None
        self.post_kinds: dict[str, PostKind] = {}  # kept here too: the dispatcher may start after a feature loads

    async def cog_load(self) -> None:
        if self.bot.background and not self.bot.runs_dispatcher:
            log.info("reminder dispatcher not started: on SQLite the process owning shard 0 delivers reminders")
        if self.bot.background and self.bot.runs_dispatcher:
            rate = reminder_rate(self.bot.config)  # this process's share of the token's global limit
            lease = self.bot.config.reminder_lease_s
            self.dispatcher = dispatcher = Dispatcher(self.bot.store, DiscordSender(self.bot), rate=rate, lease=lease)
            for kind, handler in self.post_kinds.items():
                dispatcher.register_post_kind(kind, handler)
            if self.bot.metrics is not None:
                self.bot.metrics.watch_reminders(lambda: dispatcher.stats, dispatcher.lag_seconds)
            if not getattr(self.bot, "loading_extensions", False):
                dispatcher.start()
            # else: started once every extension has loaded, so no due post meets a kind not yet registered

    async def after_extensions_loaded(self) -> None:
        if self.dispatcher is not None:
            self.dispatcher.start()

    async def cog_unload(self) -> None:
        dispatcher, self.dispatcher = self.dispatcher, None
        if dispatcher is not None:
            await dispatcher.stop()

    def wake(self) -> None:
        if self.dispatcher is not None:
            self.dispatcher.wake()


def register_post_kind(bot: commands.Bot, kind: str, handler: PostKind) -> None:
    """Have this process's dispatcher (if it runs one) send the scheduled posts of `kind` with `handler`.
    Call it from a cog's `cog_load`; the reminders extension must be loaded first."""
    delivery = bot.get_cog(Delivery.__cog_name__)
    if not isinstance(delivery, Delivery):
        raise RuntimeError(f"load cogs.reminders before registering the post kind {kind!r}")
    delivery.post_kinds[kind] = handler
    if delivery.dispatcher is not None:
        delivery.dispatcher.register_post_kind(kind, handler)


def wake_dispatcher(bot: discord.Client) -> None:
    delivery = bot.get_cog(Delivery.__cog_name__) if isinstance(bot, commands.Bot) else None
    if isinstance(delivery, Delivery):
        delivery.wake()


def reminder_service(bot: StrideBot) -> ReminderService:
    """The use cases, wired to wake the dispatcher whenever a schedule changes."""
    return ReminderService(bot.store, on_change=lambda: wake_dispatcher(bot))
