"""Who is logged in, the logins under way, and who may manage which server.

The session cookie holds only a random session id (and the CSRF token); the Discord access token stays
here, in memory, so a restart of the bot logs everyone out. A server's pages are open to a user who owns
it or has Manage Server or Administrator there, by Discord's data fetched at most `MAX_AGE_S` ago, and only
where Stride is present.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.web.backend import Backend, GuildInfo
from bot.web.discord_oauth import DiscordOAuth, DiscordUser, Token, UserGuild

MAX_AGE_S = 60.0  # how old Discord's word on a user's rights may be
PENDING_S = 600.0  # a login must come back from Discord within this (Discord's codes live 10 minutes)
MAX_LOGINS = 10_000  # the oldest logins are dropped past this many (each holds a token and a guild list)
MAX_PENDING = 10_000

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class Pending:
    verifier: str
    next_path: str
    started: float


@dataclass(eq=False)
class Login:
    sid: str
    user: DiscordUser
    token: Token
    guilds: list[UserGuild] = field(default_factory=list)
    checked: float = float("-inf")  # when `guilds` came from Discord (clock time)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Logins:
    def __init__(self, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self._pending: OrderedDict[str, Pending] = OrderedDict()
        self._logins: OrderedDict[str, Login] = OrderedDict()

    def begin(self, state: str, verifier: str, next_path: str) -> None:
        self._pending[state] = Pending(verifier, next_path, self.clock())
        while len(self._pending) > MAX_PENDING:
            self._pending.popitem(last=False)

    def finish(self, state: str) -> Pending | None:
        """The login started with `state`, once: a second call (a replayed callback) gets None."""
        pending = self._pending.pop(state, None)
        if pending is None or self.clock() - pending.started > PENDING_S:
            return None
        return pending

    def add(self, user: DiscordUser, token: Token) -> Login:
        login = Login(secrets.token_urlsafe(32), user, token)
        self._logins[login.sid] = login
        while len(self._logins) > MAX_LOGINS:
            self._logins.popitem(last=False)
        return login

    def get(self, sid: str | None) -> Login | None:
        login = self._logins.get(sid) if sid else None
        if login is not None and login.token.expires_at <= time.time():
            self.remove(login.sid)
            return None
        return login

    def remove(self, sid: str) -> None:
        self._logins.pop(sid, None)

    def __len__(self) -> int:
        return len(self._logins)


class Access:
    """Discord's current word on a user's servers (at most MAX_AGE_S old), joined with where Stride is."""

    def __init__(self, oauth: DiscordOAuth, backend: Backend, clock: Clock = time.monotonic) -> None:
        self.oauth, self.backend, self.clock = oauth, backend, clock

    async def user_guilds(self, login: Login) -> list[UserGuild]:
        """The user's servers and rights; asks Discord again once the last answer is MAX_AGE_S old.
        Raises TokenRejected (log in again) or DiscordBusy (try later) from the call."""
        async with login.lock:  # a burst of requests shares one call
            if self.clock() - login.checked >= MAX_AGE_S:
                login.guilds = await self.oauth.guilds(login.token)
                login.checked = self.clock()
            return login.guilds

    async def manageable(self, login: Login) -> list[GuildInfo]:
        """The servers the user may manage where Stride is present, by name."""
        found = []
        for guild in await self.user_guilds(login):
            if guild.can_manage and (info := await self.backend.guild(guild.id)) is not None:
                found.append(info)
        return sorted(found, key=lambda g: g.name.casefold())

    async def check(self, login: Login, guild_id: int) -> GuildInfo | None:
        """The server when the user may manage it and Stride is there; None otherwise."""
        mine = next((g for g in await self.user_guilds(login) if g.id == guild_id), None)
        if mine is None or not mine.can_manage:
            return None
        return await self.backend.guild(guild_id)
