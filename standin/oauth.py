"""The fake Discord's OAuth2 provider: the authorization code grant with PKCE, as a web dashboard uses it.

- `GET /oauth2/authorize` (the web side, outside /api): checks the client and the redirect URI the way
  Discord does (an error page, no redirect, when either is wrong), then either approves at once as
  `provider.approve_as` or shows a consent page with one "Authorize as NAME" button per user (for a browser).
  Approving redirects to `redirect_uri?code=...&state=...`; "Cancel" redirects with `error=access_denied`.
- `POST /api/v10/oauth2/token`: client authentication (`client_secret` in the form or HTTP Basic), a code
  used once and within 10 minutes, the same `redirect_uri` as the authorization, and the PKCE
  `code_verifier` against the S256 challenge. Errors as RFC 6749 JSON (`invalid_client`, `invalid_grant`).
- `GET /api/v10/users/@me` and `/users/@me/guilds` with `Authorization: Bearer TOKEN`: the token's user
  and that user's guilds with `owner` and `permissions` computed from the world *now* (take a role away and
  the next call shows it), in pages of `limit` (at most 200) `after` a guild id, as Discord.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from aiohttp import web

from .state import Json, User, World
from .wire import API, DiscordError

if TYPE_CHECKING:
    from .server import FakeDiscordServer

DEFAULT_CLIENT_SECRET = "fake-client-secret-0123456789abcdef"
CODE_LIFETIME_S = 600.0
TOKEN_LIFETIME_S = 604800  # a week, as Discord
KNOWN_SCOPES = {"identify", "guilds", "email", "connections", "guilds.join", "guilds.members.read"}


@dataclass
class Grant:
    code: str
    user: User
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    challenge: str | None
    challenge_method: str | None
    issued: float
    used: bool = False


@dataclass
class AccessToken:
    token: str
    user: User
    scopes: tuple[str, ...]
    expires: float
    revoked: bool = False


@dataclass
class OAuthProvider:
    """What the fake knows of OAuth2. Tests set `redirect_uris` (as the Developer Portal would) and either
    `approve_as` (approve every authorization as that user) or drive the consent page in a browser."""

    world: World
    client_secret: str = DEFAULT_CLIENT_SECRET
    redirect_uris: set[str] = field(default_factory=set)
    approve_as: User | None = None
    grants: dict[str, Grant] = field(default_factory=dict)
    tokens: dict[str, AccessToken] = field(default_factory=dict)
    token_requests: list[Json] = field(default_factory=list)  # the form of every token request, for tests

    @property
    def client_id(self) -> str:
        return str(self.world.application_id)

    def issue(self, user: User, scopes: tuple[str, ...] = ("identify", "guilds")) -> str:
        """An access token for `user` without the browser dance (for tests of what comes after a login)."""
        token = AccessToken(secrets.token_urlsafe(30), user, scopes, time.time() + TOKEN_LIFETIME_S)
        self.tokens[token.token] = token
        return token.token

    def revoke(self, user: User) -> None:
        """Every token of `user` stops working (as when they deauthorize the app)."""
        for token in self.tokens.values():
            if token.user is user:
                token.revoked = True

    def bearer(self, request: web.Request, scope: str) -> AccessToken:
        header = request.headers.get("Authorization", "")
        token = self.tokens.get(header.removeprefix("Bearer ")) if header.startswith("Bearer ") else None
        if token is None or token.revoked or token.expires < time.time():
            raise DiscordError(401, 0, "401: Unauthorized")
        if scope not in token.scopes:
            raise DiscordError(403, 50001, "Missing Access")
        return token


def _error_page(message: str, status: int = 400) -> web.Response:
    body = f"<!doctype html><title>Discord</title><h1>Invalid OAuth2 request</h1><p>{html.escape(message)}</p>"
    return web.Response(text=body, status=status, content_type="text/html")


def _token_error(status: int, error: str, description: str) -> DiscordError:
    return DiscordError(status, 0, description, {"error": error, "error_description": description})


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class OAuthRoutes:
    def __init__(self, server: FakeDiscordServer) -> None:
        self.s = server
        self.p: OAuthProvider = server.oauth

    # ---- the browser side ------------------------------------------------------------------------

    def _check_request(self, params: dict[str, str]) -> str | None:
        """What Discord would refuse in an authorization request (shown as a page, not redirected)."""
        if params.get("client_id") != self.p.client_id:
            return "Unknown application (client_id)."
        if params.get("redirect_uri") not in self.p.redirect_uris:
            return "Invalid OAuth2 redirect_uri."
        if params.get("response_type") != "code":
            return "Unsupported response_type (only code)."
        scopes = params.get("scope", "").split()
        if not scopes or any(s not in KNOWN_SCOPES for s in scopes):
            return f"Invalid scope {params.get('scope')!r}."
        method = params.get("code_challenge_method")
        if params.get("code_challenge") and method != "S256":
            return "Unsupported code_challenge_method (only S256)."
        return None

    def _approve(self, params: dict[str, str], user: User) -> web.Response:
        grant = Grant(
            code=secrets.token_urlsafe(24),
            user=user,
            client_id=params["client_id"],
            redirect_uri=params["redirect_uri"],
            scopes=tuple(params["scope"].split()),
            challenge=params.get("code_challenge") or None,
            challenge_method=params.get("code_challenge_method") or None,
            issued=time.time(),
        )
        self.p.grants[grant.code] = grant
        query = {"code": grant.code, **({"state": params["state"]} if params.get("state") else {})}
        raise web.HTTPFound(f"{grant.redirect_uri}?{urlencode(query)}")

    async def authorize(self, request: web.Request) -> web.Response:
        params = dict(request.query)
        problem = self._check_request(params)
        if problem:
            return _error_page(problem)
        if self.p.approve_as is not None:
            return self._approve(params, self.p.approve_as)
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in params.items()
        )
        users = [u for u in self.s.world.users.values() if not u.bot]
        buttons = "".join(
            f'<button name="user_id" value="{u.id}">Authorize as {html.escape(u.name)}</button>' for u in users
        )
        page = (
            '<!doctype html><title>Discord - Authorize</title><link rel="icon" href="data:,">'
            "<h1>An application wants to access your account</h1>"
            f"<p>Scopes: {html.escape(params['scope'])}</p>"
            f'<form method="post" action="/oauth2/authorize">{hidden}{buttons}'
            '<button name="cancel" value="1">Cancel</button></form>'
        )
        return web.Response(text=page, content_type="text/html")

    async def consent(self, request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        params = {k: v for k, v in form.items() if k not in ("user_id", "cancel")}
        problem = self._check_request(params)
        if problem:
            return _error_page(problem)
        if form.get("cancel"):
            query = {"error": "access_denied", "error_description": "The resource owner or authorization server "
                     "denied the request", **({"state": params["state"]} if params.get("state") else {})}  # fmt: skip
            raise web.HTTPFound(f"{params['redirect_uri']}?{urlencode(query)}")
        user = self.s.world.users.get(int(form.get("user_id") or 0))
        if user is None or user.bot:
            return _error_page("Unknown user.")
        return self._approve(params, user)

    # ---- the API side ----------------------------------------------------------------------------

    def _client(self, request: web.Request, form: dict[str, str]) -> str:
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        header = request.headers.get("Authorization", "")
        if header.startswith("Basic "):
            try:
                client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            except ValueError:
                client_id, secret = "", ""
        known = client_id == self.p.client_id and hmac.compare_digest(secret.encode(), self.p.client_secret.encode())
        if not known:
            raise _token_error(401, "invalid_client", "Invalid client")
        return client_id

    async def token(self, request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        self.p.token_requests.append(form)
        client_id = self._client(request, form)
        if form.get("grant_type") != "authorization_code":
            raise _token_error(400, "unsupported_grant_type", "Unsupported grant type")
        grant = self.p.grants.get(form.get("code", ""))
        if grant is None or grant.used or grant.client_id != client_id:
            raise _token_error(400, "invalid_grant", 'Invalid "code" in request.')
        grant.used = True  # one attempt per code, whatever its outcome (RFC 6749 4.1.2)
        if time.time() - grant.issued > CODE_LIFETIME_S:
            raise _token_error(400, "invalid_grant", 'Invalid "code" in request.')
        if form.get("redirect_uri") != grant.redirect_uri:
            raise _token_error(400, "invalid_grant", 'Invalid "redirect_uri" in request.')
        if grant.challenge is not None:
            verifier = form.get("code_verifier", "")
            if not verifier or not hmac.compare_digest(_s256(verifier), grant.challenge):
                raise _token_error(400, "invalid_grant", 'Invalid "code_verifier" in request.')
        token = AccessToken(secrets.token_urlsafe(30), grant.user, grant.scopes, time.time() + TOKEN_LIFETIME_S)
        self.p.tokens[token.token] = token
        return self.s.json(
            {
                "access_token": token.token,
                "token_type": "Bearer",
                "expires_in": TOKEN_LIFETIME_S,
                "refresh_token": secrets.token_urlsafe(30),
                "scope": " ".join(grant.scopes),
            }
        )

    async def me(self, request: web.Request) -> web.Response:
        token = self.p.bearer(request, "identify")
        return self.s.json({**token.user.payload(), "mfa_enabled": False, "locale": token.user.locale, "flags": 0})

    async def my_guilds(self, request: web.Request) -> web.Response:
        token = self.p.bearer(request, "guilds")
        limit = min(int(request.query.get("limit", 200)), 200)
        after = int(request.query.get("after", 0))
        guilds: list[Json] = []
        for guild in sorted(self.s.world.guilds.values(), key=lambda g: g.id):
            member = guild.members.get(token.user.id)
            if member is None or guild.id <= after or len(guilds) >= limit:
                continue
            guilds.append(
                {
                    "id": str(guild.id),
                    "name": guild.name,
                    "icon": None,
                    "banner": None,
                    "owner": guild.owner_id == token.user.id,
                    "permissions": str(member.permissions),
                    "features": [],
                }
            )
        return self.s.json(guilds)


def add_routes(server: FakeDiscordServer, r: web.UrlDispatcher) -> None:
    h = OAuthRoutes(server)
    r.add_get("/oauth2/authorize", h.authorize)
    r.add_post("/oauth2/authorize", h.consent)
    r.add_post(API + "/oauth2/token", h.token)
    r.add_get(API + "/users/@me/guilds", h.my_guilds)
