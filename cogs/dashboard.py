"""The admins' web dashboard (bot/web), served by this bot process when DASHBOARD_PORT is set.

This extension is the dashboard's window on the running bot: the servers, channels and roles from
discord.py's cache, users' names, the database and the reminder service (wired to wake the dispatcher),
and it starts the web server when it loads and stops it when it unloads (on every stop of the bot).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict

import discord
import discord.http
from discord.ext import commands

from bot.client import StrideBot
from bot.club.challenges import Challenge
from bot.origins import WEB
from bot.reminders.services.reminders import ReminderService
from bot.web.app import Dashboard, build_app
from bot.web.backend import Channel, GuildInfo, Role, Store
from bot.web.discord_oauth import DiscordOAuth
from cogs.challenge import publish_card, refresh_card
from cogs.reminders.delivery import reminder_service

log = logging.getLogger(__name__)

NAMES_KEPT = 5000  # users' display names remembered for the audit log
REMOTE_GUILD_S = 60.0  # how long a server read over REST (another process's shard) is trusted


def _info(guild: discord.Guild) -> GuildInfo:
    me = guild.me
    channels = tuple(
        Channel(c.id, c.name, c.permissions_for(me).send_messages if me else True)
        for c in sorted(guild.text_channels, key=lambda c: (c.position, c.id))
    )
    roles = tuple(Role(r.id, r.name) for r in reversed(guild.roles) if not r.is_default() and not r.managed)
    return GuildInfo(guild.id, guild.name, channels, roles)


class BotBackend:
    """bot.web.backend.Backend over the running bot."""

    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot
        self._names: OrderedDict[int, str] = OrderedDict()
        self._remote: dict[int, tuple[float, GuildInfo | None]] = {}

    @property
    def db(self) -> Store:
        return self.bot.store

    @property
    def application_id(self) -> int | None:
        return self.bot.application_id

    def _owns(self, guild_id: int) -> bool:
        """Whether this process's gateway shards cover the server (so the cache knows it)."""
        shard_ids = getattr(self.bot, "shard_ids", None)
        if not shard_ids or self.bot.shard_count is None:
            return True
        return (guild_id >> 22) % self.bot.shard_count in shard_ids

    async def guild(self, guild_id: int) -> GuildInfo | None:
        guild = self.bot.get_guild(guild_id)
        if guild is not None:
            return _info(guild)
        if self._owns(guild_id):
            return None
        return await self._fetched(guild_id)

    async def _fetched(self, guild_id: int) -> GuildInfo | None:
        """A server on another process's shards, read over REST (the bot's view, at most a minute old)."""
        cached = self._remote.get(guild_id)
        if cached is not None and time.monotonic() - cached[0] < REMOTE_GUILD_S:
            return cached[1]
        try:
            guild = await self.bot.fetch_guild(guild_id)
            channels = [c for c in await guild.fetch_channels() if isinstance(c, discord.TextChannel)]
        except (discord.Forbidden, discord.NotFound):
            info = None
        else:
            roles = tuple(Role(r.id, r.name) for r in reversed(guild.roles) if not r.is_default() and not r.managed)
            listed = tuple(Channel(c.id, c.name) for c in sorted(channels, key=lambda c: (c.position, c.id)))
            info = GuildInfo(guild.id, guild.name, listed, roles)
        self._remote[guild_id] = (time.monotonic(), info)
        return info

    async def user_names(self, user_ids: set[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        for user_id in user_ids:
            name = self._names.get(user_id)
            if name is None:
                user = self.bot.get_user(user_id)
                if user is None:
                    try:
                        user = await self.bot.fetch_user(user_id)
                    except discord.HTTPException:
                        continue
                name = user.display_name
                self._names[user_id] = name
                while len(self._names) > NAMES_KEPT:
                    self._names.popitem(last=False)
            found[user_id] = name
        return found

    def reminders(self) -> ReminderService:
        return reminder_service(self.bot)

    async def publish_challenge(self, challenge: Challenge, user_id: int) -> None:
        await publish_card(self.bot, challenge, user_id, discord.utils.utcnow(), via=WEB)

    async def refresh_challenge(self, challenge: Challenge) -> None:
        await refresh_card(self.bot, challenge, discord.utils.utcnow())


class DashboardCog(commands.Cog):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot
        self.dashboard: Dashboard | None = None

    async def cog_load(self) -> None:
        settings = self.bot.config.dashboard
        if settings is None or not self.bot.background:
            return
        client_id = settings.client_id or self.bot.application_id
        if client_id is None:  # discord.py learns it at login, before extensions load
            raise RuntimeError("the application id is unknown: set DISCORD_CLIENT_ID")
        oauth = DiscordOAuth(discord.http.Route.BASE, client_id, settings.client_secret, settings.redirect_uri)
        dashboard = Dashboard(build_app(settings, BotBackend(self.bot), oauth), settings.host, settings.port)
        await dashboard.start()
        self.dashboard = dashboard
        log.info("dashboard at %s (OAuth2 redirect %s)", settings.url, settings.redirect_uri)

    async def cog_unload(self) -> None:
        dashboard, self.dashboard = self.dashboard, None
        if dashboard is not None:
            await dashboard.stop()


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(DashboardCog(bot))
