"""The fake Discord's OAuth2 provider checks what Discord checks (client secret, redirect URI, single-use
codes, the PKCE verifier) and answers a user's Bearer calls from the world as it is now."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
import pytest_asyncio

from standin import FakeDiscord
from tests.fakediscord.fixtures import Club, build_club

pytestmark = pytest.mark.asyncio(loop_scope="module")

REDIRECT = "http://127.0.0.1:9/callback"


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def world() -> AsyncIterator[tuple[FakeDiscord, Club]]:
    async with FakeDiscord() as fake:
        fake.oauth.redirect_uris.add(REDIRECT)
        yield fake, build_club(fake)


@pytest_asyncio.fixture(loop_scope="module")
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


async def authorize(
    http: aiohttp.ClientSession, fake: FakeDiscord, challenge: str, **extra: str
) -> aiohttp.ClientResponse:
    params = {
        "response_type": "code",
        "client_id": fake.oauth.client_id,
        "scope": "identify guilds",
        "state": "s-123",
        "redirect_uri": REDIRECT,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **extra,
    }
    return await http.get(f"{fake.base_url}/oauth2/authorize", params=params, allow_redirects=False)


async def code_for(http: aiohttp.ClientSession, fake: FakeDiscord, challenge: str) -> str:
    response = await authorize(http, fake, challenge)
    assert response.status == 302, await response.text()
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["state"] == ["s-123"]
    return query["code"][0]


async def exchange(http: aiohttp.ClientSession, fake: FakeDiscord, **form: str) -> tuple[int, dict]:
    base = {
        "grant_type": "authorization_code",
        "client_id": fake.oauth.client_id,
        "client_secret": fake.oauth.client_secret,
        "redirect_uri": REDIRECT,
    }
    async with http.post(f"{fake.api_base}/oauth2/token", data={**base, **form}) as response:
        return response.status, await response.json()


async def test_code_grant_with_pkce_gives_a_token_for_the_users_guilds(world, http):
    fake, club = world
    fake.oauth.approve_as = club.admin.user
    verifier, challenge = pkce()
    status, body = await exchange(http, fake, code=await code_for(http, fake, challenge), code_verifier=verifier)
    assert status == 200 and body["token_type"] == "Bearer" and body["scope"] == "identify guilds"
    bearer = {"Authorization": f"Bearer {body['access_token']}"}
    async with http.get(f"{fake.api_base}/users/@me", headers=bearer) as response:
        assert (await response.json())["id"] == str(club.admin.id)
    async with http.get(f"{fake.api_base}/users/@me/guilds", headers=bearer) as response:
        guilds = await response.json()
    assert [g["name"] for g in guilds] == ["Club"]
    assert int(guilds[0]["permissions"]) & 0x20 and guilds[0]["owner"] is False

    admin_role = club.guild.role("Admin")
    club.admin.roles.remove(admin_role)  # demoted: the next call shows it
    try:
        async with http.get(f"{fake.api_base}/users/@me/guilds", headers=bearer) as response:
            assert not int((await response.json())[0]["permissions"]) & 0x20
    finally:
        club.admin.roles.append(admin_role)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"client_secret": "wrong"}, "invalid_client"),
        ({"redirect_uri": "http://127.0.0.1:9/elsewhere"}, "invalid_grant"),
        ({"code_verifier": "not-the-verifier-but-long-enough-to-be-one-0123456789"}, "invalid_grant"),
        ({"code_verifier": ""}, "invalid_grant"),
    ],
)
async def test_the_token_endpoint_refuses_what_discord_refuses(world, http, change, error):
    fake, club = world
    fake.oauth.approve_as = club.alice.user
    verifier, challenge = pkce()
    code = await code_for(http, fake, challenge)
    status, body = await exchange(http, fake, **{"code": code, "code_verifier": verifier, **change})
    assert (status, body["error"]) == (401 if error == "invalid_client" else 400, error)


async def test_a_code_works_once(world, http):
    fake, club = world
    fake.oauth.approve_as = club.alice.user
    verifier, challenge = pkce()
    code = await code_for(http, fake, challenge)
    assert (await exchange(http, fake, code=code, code_verifier=verifier))[0] == 200
    status, body = await exchange(http, fake, code=code, code_verifier=verifier)
    assert (status, body["error"]) == (400, "invalid_grant")


async def test_an_unregistered_redirect_is_an_error_page_not_a_redirect(world, http):
    fake, _ = world
    response = await authorize(http, fake, pkce()[1], redirect_uri="https://evil.example/callback")
    assert response.status == 400 and "redirect_uri" in await response.text()
    assert "Location" not in response.headers


async def test_the_consent_page_logs_in_the_user_picked_or_cancels(world, http):
    fake, club = world
    fake.oauth.approve_as = None
    page = await authorize(http, fake, pkce()[1])
    assert page.status == 200 and "Authorize as boss" in await page.text()
    form = {"response_type": "code", "client_id": fake.oauth.client_id, "scope": "identify guilds",
            "state": "s-9", "redirect_uri": REDIRECT}  # fmt: skip
    async with http.post(f"{fake.base_url}/oauth2/authorize", data={**form, "cancel": "1"}, allow_redirects=False) as r:
        assert parse_qs(urlsplit(r.headers["Location"]).query)["error"] == ["access_denied"]
    data = {**form, "user_id": str(club.bob.id)}
    async with http.post(f"{fake.base_url}/oauth2/authorize", data=data, allow_redirects=False) as r:
        code = parse_qs(urlsplit(r.headers["Location"]).query)["code"][0]
    assert fake.oauth.grants[code].user is club.bob.user


async def test_bearer_calls_need_a_live_token_and_the_scope(world, http):
    fake, club = world
    identify_only = fake.oauth.issue(club.alice.user, scopes=("identify",))
    async with http.get(f"{fake.api_base}/users/@me/guilds", headers={"Authorization": f"Bearer {identify_only}"}) as r:
        assert r.status == 403
    token = fake.oauth.issue(club.alice.user)
    fake.oauth.revoke(club.alice.user)
    async with http.get(f"{fake.api_base}/users/@me", headers={"Authorization": f"Bearer {token}"}) as r:
        assert r.status == 401
    async with http.get(f"{fake.api_base}/users/@me", headers={"Authorization": f"Bot {fake.token}"}) as r:
        assert (await r.json())["id"] == str(fake.bot.id)  # the bot's own login is unchanged
