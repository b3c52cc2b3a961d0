"""What every response and every POST goes through: security headers, the CSRF check, error pages, the access log.

CSRF: each session carries a random token (made at login); every POST must send it back in the form field
`csrf_token`, compared in constant time. A POST from another site (its Origin is not the dashboard's) is
refused too. Either way: 403, and the handler never runs, so nothing is written.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable

import aiohttp_jinja2
from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.typedefs import Handler, Middleware
from aiohttp_session import get_session

log = logging.getLogger("bot.web")

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"

# Nothing may load from outside the dashboard, and no script runs at all (the pages need none).
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def security_headers(https: bool) -> Callable[[web.Request, web.StreamResponse], Awaitable[None]]:
    async def on_prepare(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(HEADERS)
        if https:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        if request.path.startswith("/static/"):
            # Their URLs carry a hash of the file (?v=...): a new version is a new URL.
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        else:
            response.headers["Cache-Control"] = "no-store"  # pages show one admin's view of a server

    return on_prepare


def csrf_middleware(public_origin: str) -> Middleware:
    @web.middleware
    async def csrf(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.method not in SAFE_METHODS:
            origin = request.headers.get("Origin")
            if origin is not None and origin != public_origin:
                log.warning("refused a %s to %s from origin %s", request.method, request.path, origin)
                raise web.HTTPForbidden(reason="This form came from another site.")
            session = await get_session(request)
            expected = session.get("csrf")
            form = await request.post()
            given = form.get(CSRF_FIELD)
            if not (
                isinstance(expected, str)
                and isinstance(given, str)
                and hmac.compare_digest(given.encode(), expected.encode())
            ):
                raise web.HTTPForbidden(reason="This form has expired. Reload the page and try again.")
        return await handler(request)

    return csrf


_TITLES = {
    400: "That request didn't work",
    403: "Not allowed",
    404: "Page not found",
    405: "Not allowed",
    413: "File too large",
    503: "Discord is busy",
}


@web.middleware
async def error_pages(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Errors as pages of the site (no traceback ever reaches the browser)."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        status, reason = exc.status, exc.reason
        # The session may have changed before the error (e.g. a login's state used up): keep its cookie.
        headers = [(k, v) for k, v in exc.headers.items() if k in ("Retry-After", "Allow", "Set-Cookie")]
    except Exception:
        log.exception("dashboard request %s %s failed", request.method, request.path)
        status, reason, headers = 500, "Something went wrong on our side. Try again in a moment.", []
    context = {"status": status, "title": _TITLES.get(status, "Something went wrong"), "message": reason}
    response = aiohttp_jinja2.render_template("error.html", request, context, status=status)
    for name, value in headers:
        response.headers.add(name, value)
    return response


class AccessLogger(AbstractAccessLogger):
    """One line per request: method, path (never the query string: a login's code travels there), status, ms."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info("web %s %s %s %.1fms", request.method, request.path, response.status, time * 1000)

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)
