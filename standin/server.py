"""The fake Discord's HTTP side: REST under /api/v10, the gateway websocket, attachment downloads.

`FakeDiscordServer` owns a `World` (state.py) and serves it on 127.0.0.1 with aiohttp inside the
caller's event loop. Test-facing actions (slash commands, clicks) live in client.py's `FakeDiscord`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import WSMsgType, web

from .state import INTENT_GUILD_MEMBERS, Guild, Interaction, Json, Message, World
from .wire import API, DiscordError, json_response

log = logging.getLogger("fakediscord")

# Shaped like a real token (the product validates the shape before using it).
DEFAULT_TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.FAKEtk.ZmFrZS1kaXNjb3JkLXRva2VuLWZvci10ZXN0cw"
HEARTBEAT_INTERVAL_MS = 41250

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class RequestLog:
    method: str
    path: str  # relative to /api/v10
    status: int
    at: float


@dataclass
class _Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: Json
    times: int
    after: bool = False  # the request is carried out first (a timeout after Discord did the work)


@dataclass
class Hold:
    """REST requests kept unanswered (`FakeDiscordServer.hold`) until `release`: what a bot sees while Discord
    is slow to answer, e.g. to stop a bot in the middle of a send."""

    method: str
    pattern: re.Pattern[str]
    held: int = 0  # requests caught so far
    active: bool = True
    fail_status: int | None = None
    released: asyncio.Event = field(default_factory=asyncio.Event)

    def release(self, *, fail: int | None = None) -> None:
        """Stop holding: the held requests are carried out (or, with `fail`, answered with that status and not
        carried out); later ones pass."""
        self.active, self.fail_status = False, fail
        self.released.set()


Shard = tuple[int, int]  # (shard_id, shard_count) as sent in IDENTIFY


def shard_owns(shard: Shard | None, guild_id: int | None) -> bool:
    """Whether a connection identified with `shard` receives an event of `guild_id` (None: a DM or other
    non-guild event). As on Discord: guilds go to shard `(guild_id >> 22) % shard_count`, the rest to
    shard 0; a connection without a shard field receives everything."""
    if shard is None:
        return True
    shard_id, count = shard
    if guild_id is None:
        return shard_id == 0
    return (guild_id >> 22) % count == shard_id


def event_guild_id(event: str, data: Json) -> int | None:
    """The guild a gateway event belongs to (GUILD_CREATE/UPDATE/DELETE carry it as `id`)."""
    if event in ("GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE"):
        return int(data["id"])
    raw = data.get("guild_id")
    return int(raw) if raw else None


@dataclass(eq=False)
class GatewaySession:
    ws: web.WebSocketResponse
    session_id: str = ""
    seq: int = 0
    intents: int = 0
    shard: Shard | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def send(self, op: int, d: Any, t: str | None = None) -> int | None:
        """Send one frame; a dispatch (op 0) returns the sequence number it went out with."""
        async with self.lock:
            frame: Json = {"op": op, "d": d, "s": None, "t": t}
            if op == 0:
                self.seq += 1
                frame["s"] = self.seq
            await self.ws.send_str(json.dumps(frame))
            return frame["s"]


def is_oauth_route(rel: str, authorization: str) -> bool:
    """API routes that take no bot token: the token endpoint (client credentials) and a user's Bearer calls
    (oauth.py checks those itself)."""
    if rel == "/oauth2/token":
        return True
    return authorization.startswith("Bearer ") and rel in ("/users/@me", "/users/@me/guilds")


def _parse_shard(raw: Any) -> Shard | Literal[False] | None:
    """IDENTIFY's `shard` field: None when absent, False when malformed (Discord closes with 4010)."""
    if raw is None:
        return None
    valid = isinstance(raw, list) and len(raw) == 2 and all(isinstance(n, int) for n in raw)
    if not valid or not 0 <= raw[0] < raw[1]:
        return False
    return raw[0], raw[1]


class FakeDiscordServer:
    def __init__(self, *, token: str = DEFAULT_TOKEN) -> None:
        self.world = World()
        self.token = token
        from .oauth import OAuthProvider  # the OAuth2 side (web dashboards), kept in its own module

        self.oauth = OAuthProvider(self.world)
        self.port = 0
        # Knobs.
        self.response_deadline: float | None = 3.0  # seconds to send the initial interaction response
        self.recommended_shards = 1  # the `shards` count /gateway/bot answers
        self.rest_latency = 0.0  # seconds every REST call takes, as Discord's round trip does (0.05-0.2 s)
        self._limit: tuple[int, float] | None = None
        self._window = (0.0, 0)
        self._failures: list[_Failure] = []
        self._holds: list[Hold] = []
        # What happened.
        self.requests: list[RequestLog] = []
        self.unknown_routes: list[str] = []
        self.rate_limited = 0  # 429s sent
        self.nonce_repeats = 0  # messages not created again: same nonce, enforce_nonce (as Discord)
        self.refused_dms: list[int] = []  # user ids the bot failed to DM (403 50007)
        self.identify_count = 0
        self.resume_count = 0
        self._sessions: list[GatewaySession] = []
        self._session_shards: dict[str, Shard | None] = {}  # session id -> its shard, for RESUME
        self._runner: web.AppRunner | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed = asyncio.Event()
        self.version = 0  # how many changes the world has seen (the chat page's long poll compares it)
        # Extra routes (the `stride try` chat page), added before the catch-all answers unknown routes.
        self.extra_routes: list[Callable[[web.UrlDispatcher], None]] = []

    # ---- lifecycle -------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return self.base_url + API

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self, port: int = 0) -> None:
        """Listen on 127.0.0.1 at `port` (0: any free port)."""
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        self._routes(app.router)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        self.port = sock.getsockname()[1]
        self.world.base_url = self.base_url
        await web.SockSite(self._runner, sock).start()
        log.info("fake Discord listening on %s", self.base_url)

    async def stop(self) -> None:
        for session in list(self._sessions):
            await session.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _notify(self) -> None:
        self.version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    def changed_event(self) -> asyncio.Event:
        """Set at the next change of the world."""
        return self._changed

    # ---- knobs ------------------------------------------------------------------------------------

    def rate_limit(self, requests: int | None, per: float = 1.0) -> None:
        """Global limit: at most `requests` REST calls per `per` seconds, then 429s. None turns it off.
        Interaction callbacks and follow-ups are exempt, as on Discord."""
        self._limit = None if requests is None else (requests, per)
        self._window = (0.0, 0)

    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int = 500,
        body: Json | None = None,
        *,
        times: int = 1,
        after: bool = False,
    ) -> None:
        """Make the next `times` requests matching METHOD and a regex on the path (after /api/v10) fail. With
        `after`, each is carried out first and only its answer is the failure (what a client sees when
        Discord did the work but the answer was lost: a retry must not do it twice)."""
        body = body or {"message": "Injected failure", "code": 0}
        self._failures.append(_Failure(method.upper(), re.compile(path_regex), status, body, times, after))

    def hold(self, method: str, path_regex: str) -> Hold:
        """Keep requests matching METHOD and a regex on the path (after /api/v10) unanswered until the returned
        hold is released (`hold.held` counts them)."""
        hold = Hold(method.upper(), re.compile(path_regex))
        self._holds.append(hold)
        return hold

    async def _wait_if_held(self, method: str, rel: str) -> None:
        for hold in self._holds:
            if hold.active and hold.method == method and hold.pattern.search(rel):
                hold.held += 1
                self._notify()
                await hold.released.wait()
                if hold.fail_status is not None:
                    raise DiscordError(hold.fail_status, 0, "", {"message": "Held, then failed", "code": 0})
                return

    # ---- gateway --------------------------------------------------------------------------------

    @property
    def bot_connected(self) -> bool:
        return any(s.session_id and not s.ws.closed for s in self._sessions)

    @property
    def connected_shards(self) -> list[Shard | None]:
        """The shard of each live, identified gateway connection (None: unsharded)."""
        return [s.shard for s in self._sessions if s.session_id and not s.ws.closed]

    async def dispatch(self, event: str, data: Json) -> list[int]:
        """Send an event to the connections that own it (see `shard_owns`); the sequence number it got on each."""
        guild_id = event_guild_id(event, data)
        live = [s for s in self._sessions if s.session_id and not s.ws.closed]
        if not live:
            raise RuntimeError(f"cannot send {event}: the bot is not connected to the fake gateway")
        owners = [s for s in live if shard_owns(s.shard, guild_id)]
        if not owners:
            raise RuntimeError(
                f"cannot send {event} of guild {guild_id}: no connected shard owns it "
                f"(connected: {[s.shard for s in live]})"
            )
        return [await session.send(0, data, event) or 0 for session in owners]

    async def drop_gateway(self, code: int = 4000) -> None:
        """Close the bot's websocket (it should reconnect and RESUME)."""
        for session in list(self._sessions):
            await session.ws.close(code=code)

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        # discord.py asks for ?compress=zlib-stream but reads plain text frames fine.
        log.debug("gateway connection with %s", request.query_string)
        session = GatewaySession(ws)
        self._sessions.append(session)
        try:
            await session.send(10, {"heartbeat_interval": HEARTBEAT_INTERVAL_MS})
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._gateway_op(session, json.loads(msg.data))
        finally:
            self._sessions.remove(session)
            self._notify()
        return ws

    async def _gateway_op(self, session: GatewaySession, frame: Json) -> None:
        op, d = frame.get("op"), frame.get("d") or {}  # IDENTIFY's and RESUME's data is an object
        if op == 1:
            await session.send(11, None)
        elif op == 2:
            if d.get("token") != self.token:
                log.warning("gateway IDENTIFY with a wrong token")
                await session.ws.close(code=4004, message=b"Authentication failed.")
                return
            shard = _parse_shard(d.get("shard"))
            if shard is False:
                log.warning("gateway IDENTIFY with an invalid shard %r", d.get("shard"))
                await session.ws.close(code=4010, message=b"Invalid shard.")
                return
            session.shard = shard
            session.session_id = uuid.uuid4().hex
            session.intents = int(d.get("intents", 0))
            self._session_shards[session.session_id] = session.shard
            await session.send(0, self._ready_payload(session), "READY")
            for guild in self._owned_guilds(session):
                await session.send(0, self._guild_payload(guild, session), "GUILD_CREATE")
            self.identify_count += 1
            self._notify()
        elif op == 6:
            if d.get("token") != self.token or d.get("session_id") not in self._session_shards:
                await session.send(9, False)
                return
            session.session_id, session.seq = d["session_id"], int(d.get("seq") or 0)
            session.shard = self._session_shards[session.session_id]
            await session.send(0, {}, "RESUMED")
            self.resume_count += 1
            self._notify()
        else:
            log.debug("gateway op %s ignored", op)

    def _ready_payload(self, session: GatewaySession) -> Json:
        shard = {"shard": list(session.shard)} if session.shard is not None else {}
        return {
            **shard,
            "v": 10,
            "user": {**self.world.bot.payload(), "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in self._owned_guilds(session)],
            "session_id": session.session_id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.world.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }

    def _owned_guilds(self, session: GatewaySession) -> list[Guild]:
        bot = self.world.bot.id
        return [g for g in self.world.guilds.values() if shard_owns(session.shard, g.id) and bot in g.members]

    def _guild_payload(self, guild: Guild, session: GatewaySession) -> Json:
        all_members = bool(session.intents & INTENT_GUILD_MEMBERS)
        return guild.payload(bot_id=self.world.bot.id, all_members=all_members)

    # ---- HTTP plumbing ---------------------------------------------------------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        rel = request.path.removeprefix(API) if request.path.startswith(API + "/") else None
        late: _Failure | None = None
        try:
            if rel is not None and self.rest_latency:
                await asyncio.sleep(self.rest_latency)
            if rel is not None:
                interaction_route = rel.startswith(("/interactions/", "/webhooks/"))
                # OAuth2 routes authenticate the application or the user themselves (oauth.py).
                user_route = is_oauth_route(rel, request.headers.get("Authorization", ""))
                bot_route = not (interaction_route or user_route)
                if bot_route and request.headers.get("Authorization") != f"Bot {self.token}":
                    raise DiscordError(401, 0, "401: Unauthorized")
                await self._wait_if_held(request.method, rel)
                late = self._injected_failure(request.method, rel)
                if bot_route:
                    self._check_rate_limit()
            response = await handler(request)
            if late is not None and response.status < 400:
                raise DiscordError(late.status, 0, "", late.body)
        except DiscordError as exc:
            response = exc.response()
        if rel is not None:
            self.requests.append(RequestLog(request.method, rel, response.status, time.monotonic()))
        return response

    def _injected_failure(self, method: str, rel: str) -> _Failure | None:
        """Raise the failure injected for this request, or return it when it comes after the work."""
        for failure in self._failures:
            if failure.method == method and failure.pattern.search(rel) and failure.times > 0:
                failure.times -= 1
                if failure.after:
                    return failure
                raise DiscordError(failure.status, 0, "", failure.body)
        return None

    def _check_rate_limit(self) -> None:
        if self._limit is None:
            return
        count, per = self._limit
        now = asyncio.get_running_loop().time()
        start, used = self._window
        if now - start >= per:
            start, used = now, 0
        if used < count:
            self._window = (start, used + 1)
            return
        retry_after = max(per - (now - start), 0.01)
        self.rate_limited += 1
        headers = {
            "Retry-After": str(math.ceil(retry_after)),
            "X-RateLimit-Global": "true",
            "X-RateLimit-Scope": "global",
            "X-RateLimit-Limit": str(count),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{retry_after:.3f}",
            "Via": "1.1 google",  # discord.py treats a 429 without Via as a Cloudflare ban
        }
        body = {
            "message": "You are being rate limited.",
            "retry_after": round(retry_after, 3),
            "global": True,
        }
        raise DiscordError(429, 0, "You are being rate limited.", body, headers)

    async def _unknown(self, request: web.Request) -> web.StreamResponse:
        what = f"{request.method} {request.path}"
        log.warning("fake Discord has no route for %s", what)
        self.unknown_routes.append(what)
        raise DiscordError(404, 0, "Unknown")

    def _routes(self, r: web.UrlDispatcher) -> None:
        from . import oauth, rest  # the REST handlers, kept in their own modules

        oauth.add_routes(self, r)
        rest.add_routes(self, r)
        r.add_get("/gateway", self._gateway)
        for add in self.extra_routes:
            add(r)
        r.add_route("*", "/{tail:.*}", self._unknown)

    # ---- helpers shared by the REST handlers -------------------------------------------------------

    def interaction_by_token(self, app_id: str, token: str) -> Interaction:
        if app_id != str(self.world.application_id):
            raise DiscordError(404, 10015, "Unknown Webhook")
        for interaction in self.world.interactions.values():
            if interaction.token == token:
                if interaction.callback_type is None:
                    raise DiscordError(404, 10015, "Unknown Webhook")
                return interaction
        raise DiscordError(404, 10015, "Unknown Webhook")

    def message_or_404(self, message_id: int | None) -> Message:
        message = self.world.messages.get(message_id or 0)
        if message is None or message.deleted:
            raise DiscordError(404, 10008, "Unknown Message")
        return message

    def json(self, data: Any, status: int = 200) -> web.Response:
        return json_response(data, status=status)

    def message_json(self, message: Message) -> web.Response:
        return json_response(message.payload(self.base_url))
