"""Discord's OAuth2 authorization code grant with PKCE (S256), and the two user calls the dashboard makes.

oauthlib makes the PKCE verifier and challenge, the token request's body and checks the token response
(an `error`, a missing token, a changed scope); aiohttp carries the requests. Everything goes to the bot's
own API base (discord.py's `Route.BASE`), so a test Discord serves the login as well as the bot. The access
token stays in this process: never in a cookie, a page or the log.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import aiohttp
from oauthlib.oauth2 import OAuth2Error, WebApplicationClient

log = logging.getLogger(__name__)

SCOPES = ("identify", "guilds")
VERIFIER_LENGTH = 64  # RFC 7636 allows 43-128 characters
TIMEOUT = aiohttp.ClientTimeout(total=10)
ADMINISTRATOR, MANAGE_GUILD = 1 << 3, 1 << 5
GUILDS_PAGE = 200


class OAuthFailed(Exception):
    """The login did not complete; the message is for the person logging in."""


class TokenRejected(Exception):
    """Discord no longer accepts the access token (expired or the app was deauthorized): log in again."""


class DiscordBusy(Exception):
    """Discord rate limited a call; `retry_after` seconds until it may be made again."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited for {retry_after:.1f} s")
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class AuthRequest:
    url: str  # where to send the browser
    state: str
    verifier: str


@dataclass(frozen=True, slots=True)
class Token:
    access_token: str
    expires_at: float  # time.time()

    def __repr__(self) -> str:  # never print the token itself
        return f"Token(expires_at={self.expires_at:.0f})"


@dataclass(frozen=True, slots=True)
class DiscordUser:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class UserGuild:
    """One of the user's servers with their rights there, from `/users/@me/guilds`."""

    id: int
    name: str
    owner: bool
    permissions: int

    @property
    def can_manage(self) -> bool:
        return self.owner or bool(self.permissions & (ADMINISTRATOR | MANAGE_GUILD))


def web_base(api_base: str) -> str:
    """The site of an API base: https://discord.com/api/v10 -> https://discord.com."""
    parts = urlsplit(api_base)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


class DiscordOAuth:
    def __init__(self, api_base: str, client_id: int, client_secret: str, redirect_uri: str) -> None:
        self.api_base = api_base.rstrip("/")
        self.authorize_url = web_base(api_base) + "/oauth2/authorize"
        self.client_id = client_id
        self._secret = client_secret
        self.redirect_uri = redirect_uri
        self._http: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._http = aiohttp.ClientSession(timeout=TIMEOUT)

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()
            self._http = None

    @property
    def http(self) -> aiohttp.ClientSession:
        if self._http is None:
            raise RuntimeError("DiscordOAuth.start() was not called")
        return self._http

    def begin(self, state: str) -> AuthRequest:
        """The authorization request for a new login, bound to `state` (random, kept by the caller)."""
        client = WebApplicationClient(str(self.client_id))
        verifier = client.create_code_verifier(VERIFIER_LENGTH)
        query = {
            "response_type": "code",
            "client_id": str(self.client_id),
            "scope": " ".join(SCOPES),
            "state": state,
            "redirect_uri": self.redirect_uri,
            "code_challenge": client.create_code_challenge(verifier, "S256"),
            "code_challenge_method": "S256",
            "prompt": "none",  # no second consent screen for someone who already authorized Stride
        }
        return AuthRequest(f"{self.authorize_url}?{urlencode(query)}", state, verifier)

    async def exchange(self, code: str, verifier: str) -> Token:
        """The access token for an authorization code (OAuthFailed when Discord refuses it)."""
        client = WebApplicationClient(str(self.client_id))
        body = client.prepare_request_body(
            code=code, redirect_uri=self.redirect_uri, code_verifier=verifier, client_secret=self._secret
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
        try:
            async with self.http.post(f"{self.api_base}/oauth2/token", data=body, headers=headers) as response:
                text = await response.text()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("OAuth2 token exchange could not reach Discord: %r", exc)
            raise OAuthFailed("Discord could not be reached to finish the login. Try again in a moment.") from exc
        try:
            token = client.parse_request_body_response(text, scope=list(SCOPES))
        except (OAuth2Error, ValueError, Warning) as exc:
            # The error code only: the body of a failed exchange carries nothing worth keeping.
            reason = getattr(exc, "error", type(exc).__name__)
            log.warning("OAuth2 token exchange refused (HTTP %s): %s", status, reason)
            raise OAuthFailed("Discord did not accept this login. Please log in again.") from exc
        expires_in = float(token.get("expires_in") or 3600)
        return Token(str(token["access_token"]), time.time() + expires_in)

    async def _get(self, path: str, token: Token) -> object:
        headers = {"Authorization": f"Bearer {token.access_token}"}
        try:
            async with self.http.get(f"{self.api_base}{path}", headers=headers) as response:
                if response.status == 401:
                    raise TokenRejected()
                if response.status == 429:
                    body = await response.json(content_type=None)
                    raise DiscordBusy(float(body.get("retry_after", 1.0)) if isinstance(body, dict) else 1.0)
                response.raise_for_status()
                return await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.warning("Discord call %s failed: %r", path, exc)
            raise DiscordBusy(5.0) from exc

    async def user(self, token: Token) -> DiscordUser:
        data = await self._get("/users/@me", token)
        if not isinstance(data, dict):
            raise DiscordBusy(5.0)
        return DiscordUser(int(data["id"]), str(data.get("global_name") or data.get("username") or data["id"]))

    async def guilds(self, token: Token) -> list[UserGuild]:
        """All the user's servers (Discord answers at most 200 a call: a member of more is read in pages)."""
        found: list[UserGuild] = []
        after = 0
        while True:
            data = await self._get(f"/users/@me/guilds?limit={GUILDS_PAGE}&after={after}", token)
            if not isinstance(data, list):
                raise DiscordBusy(5.0)
            found += [
                UserGuild(int(g["id"]), str(g.get("name", "")), bool(g.get("owner")), int(g.get("permissions", 0)))
                for g in data
            ]
            if len(data) < GUILDS_PAGE:
                return found
            after = max(g.id for g in found)
