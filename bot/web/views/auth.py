"""Logging in with Discord, out again, and the server picker."""

from __future__ import annotations

import hmac
import logging
import math
import secrets

from aiohttp import web
from aiohttp_session import new_session

from bot.web.context import context, current, page, see_other
from bot.web.discord_oauth import DiscordBusy, OAuthFailed, TokenRejected
from bot.web.security import new_csrf_token

log = logging.getLogger("bot.web")


def local_path(raw: str | None) -> str:
    """Where to go after logging in: a path on this site only (never `//elsewhere` or a full URL)."""
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return "/"


async def index(request: web.Request) -> web.StreamResponse:
    session, login = await current(request)
    if login is None:
        return await page(request, "login.html")
    ctx = context(request)
    try:
        servers = await ctx.access.manageable(login)
    except TokenRejected:
        ctx.logins.remove(login.sid)
        session.invalidate()
        return await page(request, "login.html")
    except DiscordBusy as exc:
        raise web.HTTPServiceUnavailable(
            reason=f"Discord asked Stride to slow down. Try again in {max(1, math.ceil(exc.retry_after))} s."
        ) from None
    return await page(request, "servers.html", servers=servers)


async def login(request: web.Request) -> web.StreamResponse:
    ctx = context(request)
    session, current_login = await current(request)
    next_path = local_path(request.query.get("next"))
    if current_login is not None:
        raise web.HTTPFound(next_path)
    state = secrets.token_urlsafe(32)
    auth = ctx.oauth.begin(state)
    ctx.logins.begin(state, auth.verifier, next_path)  # the verifier never leaves this process
    session["state"] = state  # binds the login to this browser
    raise web.HTTPFound(auth.url)


async def callback(request: web.Request) -> web.StreamResponse:
    ctx = context(request)
    session, _ = await current(request)
    expected = session.pop("state", None)
    state = request.query.get("state", "")
    if not (isinstance(expected, str) and state and hmac.compare_digest(state.encode(), expected.encode())):
        log.warning("login callback with a state this browser did not start")
        raise web.HTTPBadRequest(reason="This login was not started here, or was already used. Log in again.")
    pending = ctx.logins.finish(state)  # once only: a replayed callback finds nothing
    if pending is None:
        raise web.HTTPBadRequest(reason="This login has expired or was already used. Log in again.")
    if request.query.get("error"):
        return await page(request, "login.html", notice="The login was cancelled in Discord.")
    code = request.query.get("code", "")
    if not code:
        raise web.HTTPBadRequest(reason="Discord sent no login code. Log in again.")
    try:
        token = await ctx.oauth.exchange(code, pending.verifier)
        user = await ctx.oauth.user(token)
    except OAuthFailed as exc:
        raise web.HTTPBadRequest(reason=str(exc)) from None
    except (TokenRejected, DiscordBusy):
        raise web.HTTPServiceUnavailable(reason="Discord could not confirm who you are. Try again.") from None
    login = ctx.logins.add(user, token)
    session.invalidate()  # a fresh session for the logged-in user (nothing from before the login carries over)
    session = await new_session(request)
    session["sid"] = login.sid
    session["csrf"] = new_csrf_token()
    log.info("user %s logged in to the dashboard", user.id)
    raise web.HTTPFound(pending.next_path)


async def logout(request: web.Request) -> web.StreamResponse:
    ctx = context(request)
    session, login = await current(request)
    if login is not None:
        ctx.logins.remove(login.sid)
        log.info("user %s logged out of the dashboard", login.user.id)
    session.invalidate()
    raise see_other("/")
