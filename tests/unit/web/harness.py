"""The dashboard served for real (HTTP on 127.0.0.1) in the test's loop, logging in against the fake Discord's
OAuth2 provider, over the test database (SQLite or PostgreSQL), with a stand-in for the running bot.

    async def test_x(site):
        admin = await site.browser().login(site.club.admin)
        page = await admin.get(f"/servers/{site.guild_id}/tips")
"""

from __future__ import annotations

import re
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

import aiohttp
from cryptography.fernet import Fernet

from bot.club.challenges import Challenge
from bot.club.services import challenges
from bot.config import DashboardConfig
from bot.db.engine import Database
from bot.errors import UserError
from bot.reminders.services.reminders import ReminderService
from bot.web.app import Dashboard, build_app
from bot.web.backend import Channel, GuildInfo, Role
from bot.web.discord_oauth import DiscordOAuth
from standin import FakeDiscord, Member
from tests.fakediscord.fixtures import Club, build_club

_CSRF = re.compile(r'name="csrf_token" value="([^"]*)"')


class Clock:
    """Monotonic seconds the test moves by hand (the permission re-check's window)."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@dataclass
class StubBackend:
    """What the dashboard sees of the bot: the guilds Stride is in, with their channels and roles."""

    database: Database
    guilds: dict[int, GuildInfo]
    app_id: int
    names: dict[int, str] = field(default_factory=dict)
    woken: list[str] = field(default_factory=list)
    cards: list[int] = field(default_factory=list)  # challenges whose card was posted
    refreshed: list[int] = field(default_factory=list)
    refusing_channels: set[int] = field(default_factory=set)

    @property
    def db(self) -> Database:
        return self.database

    @property
    def application_id(self) -> int | None:
        return self.app_id

    async def guild(self, guild_id: int) -> GuildInfo | None:
        return self.guilds.get(guild_id)

    async def user_names(self, user_ids: set[int]) -> dict[int, str]:
        return {u: self.names[u] for u in user_ids if u in self.names}

    def reminders(self) -> ReminderService:
        return ReminderService(self.database, on_change=lambda: self.woken.append("dispatcher"))

    async def publish_challenge(self, challenge: Challenge, user_id: int) -> None:
        if challenge.channel_id in self.refusing_channels:  # as Discord refusing the card: the cog deletes it
            await challenges.delete(self.database, challenge.guild_id, user_id, challenge.id, via="web")
            raise UserError("Stride couldn't post the card there, so no challenge was created.", "channel")
        self.cards.append(challenge.id)

    async def refresh_challenge(self, challenge: Challenge) -> None:
        self.refreshed.append(challenge.id)


@dataclass
class Response:
    status: int
    text: str
    headers: aiohttp.typedefs.LooseHeaders
    url: str

    @property
    def csrf(self) -> str:
        found = _CSRF.search(self.text)
        assert found, f"no csrf_token on {self.url}:\n{self.text[:500]}"
        return found.group(1)


class Browser:
    """A cookie-keeping HTTP client (no redirects followed unless asked)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    async def close(self) -> None:
        await self.http.close()

    def _url(self, path: str) -> str:
        return urljoin(self.site.url + "/", path)

    async def get(self, path: str, *, follow: bool = True, **kwargs: object) -> Response:
        async with self.http.get(self._url(path), allow_redirects=follow, **kwargs) as r:
            return Response(r.status, await r.text(), r.headers, str(r.url))

    async def post(self, path: str, data: object = None, *, follow: bool = True, **kwargs: object) -> Response:
        async with self.http.post(self._url(path), data=data, allow_redirects=follow, **kwargs) as r:
            return Response(r.status, await r.text(), r.headers, str(r.url))

    async def login(self, member: Member, next_path: str = "/") -> Browser:
        """The whole OAuth2 dance: /login -> the fake's authorize (approving as `member`) -> /callback."""
        self.site.fake.oauth.approve_as = member.user
        start = await self.get(f"/login?next={next_path}", follow=False)
        assert start.status == 302, start.text
        async with self.http.get(start.headers["Location"], allow_redirects=False) as r:
            assert r.status == 302, await r.text()
            callback = r.headers["Location"]
        done = await self.get(callback, follow=False)
        assert done.status == 302 and done.headers["Location"] == next_path, (done.status, done.text)
        return self

    async def form(self, path: str, fields: dict[str, str], *, page: str | None = None) -> Response:
        """POST `fields` with the CSRF token of `page` (default: the page at `path`), following the redirect."""
        token = (await self.get(page or path)).csrf
        return await self.post(path, {**fields, "csrf_token": token})


@dataclass
class Site:
    fake: FakeDiscord
    club: Club
    backend: StubBackend
    clock: Clock
    url: str
    settings: DashboardConfig
    browsers: list[Browser] = field(default_factory=list)

    @property
    def guild_id(self) -> int:
        return self.club.guild.id

    def browser(self) -> Browser:
        browser = Browser(self)
        self.browsers.append(browser)
        return browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def guild_info(club: Club) -> GuildInfo:
    g = club.guild
    channels = tuple(Channel(c.id, c.name) for c in g.channels)
    roles = tuple(Role(r.id, r.name) for r in g.roles if r.id != g.id)
    return GuildInfo(g.id, g.name, channels, roles)


async def serve(db: Database, *, url: str | None = None) -> AsyncIterator[Site]:
    async with FakeDiscord() as fake:
        club = build_club(fake)
        port = free_port()
        settings = DashboardConfig(
            port=port,
            host="127.0.0.1",
            url=url or f"http://127.0.0.1:{port}",
            client_id=None,
            client_secret=fake.oauth.client_secret,
            secret=Fernet.generate_key(),
        )
        fake.oauth.redirect_uris.add(settings.redirect_uri)
        backend = StubBackend(db, {club.guild.id: guild_info(club)}, fake.world.application_id)
        backend.names = {m.id: m.name for m in (club.admin, club.alice, club.bob)}
        oauth = DiscordOAuth(fake.api_base, fake.world.application_id, settings.client_secret, settings.redirect_uri)
        clock = Clock()
        dashboard = Dashboard(build_app(settings, backend, oauth, clock=clock), "127.0.0.1", port)
        await dashboard.start()
        site = Site(fake, club, backend, clock, f"http://127.0.0.1:{port}", settings)
        try:
            yield site
        finally:
            for browser in site.browsers:
                await browser.close()
            await dashboard.stop()
