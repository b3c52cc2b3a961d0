"""The dashboard's shared state (one per app), how a handler reaches it, and the guard every server page uses."""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import Session, get_session

from bot.config import DashboardConfig
from bot.web.backend import Backend, GuildInfo
from bot.web.discord_oauth import DiscordBusy, DiscordOAuth, TokenRejected
from bot.web.logins import Access, Login, Logins

log = logging.getLogger("bot.web")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(eq=False)
class WebContext:
    settings: DashboardConfig
    backend: Backend
    oauth: DiscordOAuth
    logins: Logins
    access: Access
    now: Callable[[], datetime] = utcnow


CTX = web.AppKey("stride_web", WebContext)


def context(request: web.Request) -> WebContext:
    return request.app[CTX]


async def current(request: web.Request) -> tuple[Session, Login | None]:
    session = await get_session(request)
    return session, context(request).logins.get(session.get("sid"))


def flash(session: Session, message: str) -> None:
    """A one-line notice shown on the next page (after a redirect)."""
    session["flash"] = message


async def page(request: web.Request, template: str, status: int = 200, **values: Any) -> web.Response:
    session, login = await current(request)
    common = {
        "user": login.user if login else None,
        "csrf_token": session.get("csrf", ""),
        "flash": session.pop("flash", None),
        "path": request.path,
    }
    return aiohttp_jinja2.render_template(template, request, {**common, **values}, status=status)


def see_other(location: str) -> web.HTTPSeeOther:
    """After a POST: the browser GETs the next page (reloading it never repeats the change)."""
    return web.HTTPSeeOther(location)


ServerHandler = Callable[[web.Request, Login, GuildInfo], Awaitable[web.StreamResponse]]


def server_route(handler: ServerHandler) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """Every page and action under /servers/{guild_id}: logged in, and allowed there by Discord's word at most
    a minute old, checked on this very request; else the login page (GET) or 403."""

    @functools.wraps(handler)
    async def guarded(request: web.Request) -> web.StreamResponse:
        ctx = context(request)
        session, login = await current(request)
        if login is None:
            if request.method == "GET":
                raise web.HTTPFound(f"/login?next={quote(request.path_qs)}")
            raise web.HTTPForbidden(reason="Log in first.")
        guild_id = int(request.match_info["guild_id"])
        try:
            guild = await ctx.access.check(login, guild_id)
        except TokenRejected:
            ctx.logins.remove(login.sid)
            session.invalidate()
            raise web.HTTPFound(f"/login?next={quote(request.path_qs)}") from None
        except DiscordBusy as exc:
            wait = max(1, math.ceil(exc.retry_after))
            raise web.HTTPServiceUnavailable(
                reason=f"Discord asked Stride to slow down. Try again in {wait} s.",
                headers={"Retry-After": str(wait)},
            ) from None
        if guild is None:
            log.info("user %s refused on server %s", login.user.id, guild_id)
            raise web.HTTPForbidden(
                reason="You can manage a server here when you own it or have Manage Server there, and Stride is in it."
            )
        return await handler(request, login, guild)

    guarded.server_route = True  # type: ignore[attr-defined]  # tests check every /servers route has it
    return guarded
