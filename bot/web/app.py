"""The dashboard's aiohttp application and its server on the bot's event loop."""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.web_exceptions import NotAppKeyWarning
from aiohttp_session import session_middleware
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from cryptography.fernet import Fernet
from markupsafe import Markup, escape

from bot.advice.services.admin import IMPORT_BYTES_MAX
from bot.config import DashboardConfig
from bot.errors import CannotStart
from bot.web.backend import Backend
from bot.web.context import CTX, WebContext, utcnow
from bot.web.discord_oauth import DiscordOAuth
from bot.web.logins import Access, Clock, Logins
from bot.web.security import AccessLogger, csrf_middleware, error_pages, security_headers
from bot.web.views import auth, challenges, log, overview, reminders, tips

logger = logging.getLogger("bot.web")

# aiohttp-session keys the request with plain strings, which aiohttp 3.10+ merely recommends against.
warnings.filterwarnings("ignore", category=NotAppKeyWarning, module="aiohttp_session")

HERE = Path(__file__).parent
SESSION_COOKIE = "stride_session"
SESSION_MAX_AGE_S = 24 * 3600
SHUTDOWN_S = 5.0
_TICKS = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")


def ticks(text: object) -> Markup:
    """A service's message (written for Discord: `code`, **bold**) as HTML: escaped first, then marked up."""
    html = _TICKS.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(str(text))))
    return Markup(_BOLD.sub(lambda m: f"<strong>{m.group(1)}</strong>", html))


def _routes(app: web.Application) -> None:
    server = r"/servers/{guild_id:\d{1,20}}"
    tip = server + r"/tips/{tip_id:\d{1,20}}"
    add = app.router.add_route
    add("GET", "/", auth.index)
    add("GET", "/login", auth.login)
    add("GET", "/callback", auth.callback)
    add("POST", "/logout", auth.logout)
    add("GET", server, overview.overview)
    add("GET", server + "/tips", tips.tip_list)
    add("GET", server + "/tips/new", tips.new_tip)
    add("POST", server + "/tips/new", tips.create_tip)
    add("GET", server + "/tips/export", tips.export_tips)
    add("POST", server + "/tips/import", tips.import_tips)
    add("GET", tip + "/edit", tips.edit_tip)
    add("POST", tip + "/edit", tips.save_tip)
    add("POST", tip + "/{action:remove|restore|hide|unhide}", tips.tip_action)
    add("GET", server + "/reminders", reminders.show)
    add("POST", server + "/reminders", reminders.save)
    add("POST", server + "/reminders/off", reminders.turn_off)
    add("GET", server + "/challenges", challenges.challenges)
    add("POST", server + "/challenges", challenges.create)
    add("POST", server + r"/challenges/{challenge_id:\d{1,20}}/end", challenges.end)
    add("GET", server + "/log", log.audit_log)
    app.router.add_static("/static", HERE / "static", name="static", append_version=True)


def build_app(
    settings: DashboardConfig,
    backend: Backend,
    oauth: DiscordOAuth,
    *,
    clock: Clock | None = None,
    now: Callable[[], datetime] = utcnow,
) -> web.Application:
    """The dashboard as an aiohttp app (not yet serving). `clock` (monotonic seconds) paces the permission
    re-checks and `now` dates the club's week; tests pass their own."""
    storage = EncryptedCookieStorage(
        Fernet(settings.secret),
        cookie_name=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE_S,
        httponly=True,
        samesite="Lax",
        secure=settings.https,
    )
    app = web.Application(
        middlewares=[error_pages, session_middleware(storage), csrf_middleware(settings.url)],
        client_max_size=IMPORT_BYTES_MAX + 64 * 1024,  # an import file and the form around it
    )
    logins = Logins(clock) if clock else Logins()
    access = Access(oauth, backend, clock) if clock else Access(oauth, backend)
    app[CTX] = WebContext(settings, backend, oauth, logins, access, now)
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: user text is always escaped
        undefined=jinja2.ChainableUndefined,
        auto_reload=False,  # templates ship with the package: no stat() of each file on every page
    )
    env.filters["ticks"] = ticks
    env.globals["static"] = lambda name: app.router["static"].url_for(filename=name)
    app.on_response_prepare.append(security_headers(settings.https))
    _routes(app)

    async def start_client(_: web.Application) -> None:
        await oauth.start()

    async def close_client(_: web.Application) -> None:
        await oauth.close()

    app.on_startup.append(start_client)
    app.on_cleanup.append(close_client)
    return app


class Dashboard:
    """Serves the app on DASHBOARD_HOST:DASHBOARD_PORT inside the running event loop (the bot's)."""

    def __init__(self, app: web.Application, host: str, port: int) -> None:
        self.app, self.host, self.port = app, host, port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        runner = web.AppRunner(
            self.app,
            handle_signals=False,
            access_log_class=AccessLogger,
            access_log=logger,
            shutdown_timeout=SHUTDOWN_S,  # a stop of the bot waits this long at most for pages being served
        )
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
        except OSError as exc:
            await runner.cleanup()
            raise CannotStart(
                f"Cannot serve the dashboard on {self.host}:{self.port} ({exc}). Pick a free DASHBOARD_PORT, "
                "or leave it empty to turn the dashboard off."
            ) from exc
        self._runner = runner
        logger.info("dashboard listening on %s:%s", self.host, self.port)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
