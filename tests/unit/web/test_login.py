"""Logging in: the authorization request (state, PKCE S256, scopes, redirect), the callback's checks (state
bound to this browser and used once, a code only this login's verifier redeems), where it leads, logging out,
the session cookie, and the access token staying on the server."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.fernet import Fernet
from yarl import URL

from bot.advice.services.builtins import sync_library
from bot.db.engine import Database
from tests.unit.web.harness import Browser, Site, serve


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


async def start(browser: Browser, next_path: str = "/") -> dict[str, str]:
    """Begin a login; return the authorization request's parameters."""
    response = await browser.get(f"/login?next={next_path}", follow=False)
    assert response.status == 302
    return query_of(response.headers["Location"])


async def approve(site: Site, params: dict[str, str], member) -> str:
    """Discord's side: approve `params` as `member`; return the callback URL it redirects to."""
    site.fake.oauth.approve_as = member.user
    async with site.browser().http.get(
        f"{site.fake.base_url}/oauth2/authorize", params=params, allow_redirects=False
    ) as response:
        assert response.status == 302, await response.text()
        return response.headers["Location"]


async def logged_in(browser: Browser) -> bool:
    return "Log out" in (await browser.get("/")).text


async def test_the_authorization_request(site: Site) -> None:
    params = await start(site.browser())
    assert params["response_type"] == "code" and params["scope"] == "identify guilds"
    assert params["client_id"] == str(site.fake.world.application_id)
    assert params["redirect_uri"] == site.settings.redirect_uri
    assert params["code_challenge_method"] == "S256" and len(params["state"]) >= 32
    assert len(params["code_challenge"]) == 43  # base64url of a SHA-256, unpadded
    other = await start(site.browser())
    assert other["state"] != params["state"] and other["code_challenge"] != params["code_challenge"]


async def test_login_sends_the_verifier_of_the_challenge_and_the_client_secret(site: Site) -> None:
    browser = site.browser()
    params = await start(browser)
    done = await browser.get(await approve(site, params, site.club.admin), follow=False)
    assert done.status == 302 and await logged_in(browser)
    sent = site.fake.oauth.token_requests[-1]
    digest = hashlib.sha256(sent["code_verifier"].encode()).digest()
    assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == params["code_challenge"]
    assert sent["client_secret"] == site.settings.client_secret and sent["redirect_uri"] == params["redirect_uri"]


async def test_a_wrong_or_missing_state_logs_nobody_in(site: Site) -> None:
    browser = site.browser()
    params = await start(browser)
    callback = await approve(site, params, site.club.admin)
    wrong = callback.replace(params["state"], "forged-state-" + "x" * 30)
    assert (await browser.get(wrong)).status == 400
    assert (await browser.get(callback.split("&state=")[0])).status == 400
    assert not await logged_in(browser)
    assert not site.fake.oauth.token_requests  # the code was never even exchanged


async def test_a_callback_works_once(site: Site) -> None:
    browser = site.browser()
    callback = await approve(site, await start(browser), site.club.admin)
    assert (await browser.get(callback, follow=False)).status == 302
    await browser.post("/logout", {"csrf_token": (await browser.get("/")).csrf})
    replay = await browser.get(callback)
    assert replay.status == 400 and not await logged_in(browser)


async def test_a_state_started_in_another_browser_is_refused(site: Site) -> None:
    victim, attacker = site.browser(), site.browser()
    callback = await approve(site, await start(attacker), site.club.admin)  # the attacker's own login...
    response = await victim.get(callback)  # ...pushed into the victim's browser (login CSRF)
    assert response.status == 400 and not await logged_in(victim)


async def test_a_code_issued_for_another_login_fails_its_pkce_check(site: Site) -> None:
    """An intercepted code injected into another login: that login's verifier does not match the code's
    challenge, so Discord refuses the exchange and nobody is logged in."""
    victim, thief = site.browser(), site.browser()
    stolen = query_of(await approve(site, await start(victim), site.club.admin))["code"]
    thief_params = await start(thief)
    response = await thief.get(f"/callback?code={stolen}&state={thief_params['state']}")
    assert response.status == 400 and "did not accept this login" in response.text
    assert not await logged_in(thief)


async def test_cancelling_in_discord_returns_to_the_login_page(site: Site) -> None:
    browser = site.browser()
    params = await start(browser)
    response = await browser.get(f"/callback?error=access_denied&state={params['state']}")
    assert response.status == 200 and "cancelled" in response.text and not await logged_in(browser)


@pytest.mark.parametrize(
    ("asked", "lands"),
    [("/servers/1/tips?show=own", "/servers/1/tips?show=own"), ("https://evil.example/", "/"), ("//evil.example", "/")],
)
async def test_after_login_only_a_local_page(site: Site, asked: str, lands: str) -> None:
    browser = site.browser()
    params = await start(browser, asked.replace("?", "%3F").replace("&", "%26"))
    done = await browser.get(await approve(site, params, site.club.admin), follow=False)
    assert done.headers["Location"] == lands


async def test_a_server_page_sends_a_stranger_to_the_login_and_back(site: Site) -> None:
    browser = site.browser()
    response = await browser.get(f"/servers/{site.guild_id}/tips", follow=False)
    assert response.status == 302 and response.headers["Location"] == f"/login?next=/servers/{site.guild_id}/tips"


async def test_logout_ends_the_session_on_the_server(site: Site) -> None:
    browser = await site.browser().login(site.club.admin)
    cookies = {c.key: c.value for c in browser.http.cookie_jar}
    out = await browser.post("/logout", {"csrf_token": (await browser.get("/")).csrf}, follow=False)
    assert out.status == 303 and not await logged_in(browser)
    replay = site.browser()  # the cookie from before the logout, copied by someone
    replay.http.cookie_jar.update_cookies(cookies, response_url=URL(site.url))
    assert not await logged_in(replay)
    assert (await replay.get(f"/servers/{site.guild_id}", follow=False)).status == 302


async def test_the_token_stays_on_the_server(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    browser = await site.browser().login(site.club.admin)
    pages = [await browser.get(p) for p in ("/", f"/servers/{site.guild_id}", f"/servers/{site.guild_id}/log")]
    tokens = list(site.fake.oauth.tokens)
    assert tokens
    cookie = next(c for c in browser.http.cookie_jar if c.key == "stride_session")
    session = json.loads(Fernet(site.settings.secret).decrypt(cookie.value.encode()))
    assert set(session["session"]) == {"sid", "csrf"}
    for token in tokens:
        assert token not in cookie.value and token not in json.dumps(session)
        assert all(token not in page.text for page in pages)
        assert token not in caplog.text
    assert site.fake.oauth.token_requests[-1]["code"] not in caplog.text  # the access log drops query strings


async def test_the_session_cookie_is_httponly_and_lax(site: Site) -> None:
    response = await site.browser().get("/login", follow=False)
    cookie = response.headers["Set-Cookie"]
    assert "stride_session=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http (a local install): a Secure cookie would never come back


async def test_behind_https_the_cookie_is_secure(db: Database) -> None:
    await sync_library(db)
    async for site in serve(db, url="https://stride.example.com"):
        response = await site.browser().get("/login", follow=False)
        assert "Secure" in response.headers["Set-Cookie"]
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        assert query_of(response.headers["Location"])["redirect_uri"] == "https://stride.example.com/callback"


async def test_a_replayed_callback_with_a_copied_cookie_is_refused_before_any_exchange(site: Site) -> None:
    """The state is single-use on the server too: a copy of the cookie taken before the callback (it still
    holds the state) does not make the callback work twice, and the code is not even tried again."""
    browser = site.browser()
    callback = await approve(site, await start(browser), site.club.admin)
    before = {c.key: c.value for c in browser.http.cookie_jar}
    assert (await browser.get(callback, follow=False)).status == 302
    exchanges = len(site.fake.oauth.token_requests)
    copy = site.browser()
    copy.http.cookie_jar.update_cookies(before, response_url=URL(site.url))
    assert (await copy.get(callback)).status == 400
    assert len(site.fake.oauth.token_requests) == exchanges and not await logged_in(copy)
