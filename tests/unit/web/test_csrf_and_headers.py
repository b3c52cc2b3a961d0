"""Every POST needs the session's CSRF token (missing, wrong, another session's, or from another site: 403 and
nothing written); every response carries the security headers; user text is always escaped."""

from __future__ import annotations

import pytest

from bot.advice.services import admin
from bot.db import audit
from tests.unit.web.harness import Browser, Site, guild_info
from tests.unit.web.test_permissions import TIP, server_routes


async def written(site: Site) -> int:
    return len(await audit.latest(site.backend.db, site.guild_id, 1000))


@pytest.mark.parametrize("token", [None, "", "wrong-token", "other-session"])
async def test_a_post_without_the_right_token_is_refused_and_writes_nothing(site: Site, token: str | None) -> None:
    boss = await site.browser().login(site.club.admin)
    if token == "other-session":
        other = await site.browser().login(site.club.admin)
        token = (await other.get("/")).csrf
    for method, path in server_routes(site):
        if method != "POST":
            continue
        fields = {**TIP, "channel": str(site.club.general.id), "time": "07:00", "timezone": "UTC"}
        if token is not None:
            fields["csrf_token"] = token
        response = await boss.post(path, fields)
        assert response.status == 403, (path, response.status)
        assert "expired" in response.text
    assert await written(site) == 0 and await site.backend.reminders().server(site.guild_id) is None
    # Logging out is a POST too: without the token the user stays logged in.
    assert (await boss.post("/logout", {})).status == 403
    assert "Log out" in (await boss.get("/")).text


async def test_a_post_from_another_site_is_refused_even_with_the_token(site: Site) -> None:
    boss = await site.browser().login(site.club.admin)
    page = await boss.get(f"/servers/{site.guild_id}/tips/new")
    response = await boss.post(
        f"/servers/{site.guild_id}/tips/new",
        {**TIP, "csrf_token": page.csrf},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status == 403 and await written(site) == 0
    ok = await boss.post(
        f"/servers/{site.guild_id}/tips/new", {**TIP, "csrf_token": page.csrf}, headers={"Origin": site.url}
    )
    assert ok.status == 200 and await written(site) == 1


async def test_the_token_is_new_for_each_login(site: Site) -> None:
    browser = await site.browser().login(site.club.admin)
    first = (await browser.get("/")).csrf
    await browser.post("/logout", {"csrf_token": first})
    await browser.login(site.club.admin)
    assert (await browser.get("/")).csrf != first


HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


async def test_security_headers_on_every_kind_of_response(site: Site) -> None:
    boss = await site.browser().login(site.club.admin)
    stranger = site.browser()
    responses = [
        await stranger.get("/"),  # the login page
        await boss.get("/"),
        await boss.get(f"/servers/{site.guild_id}/tips"),
        await boss.get("/no-such-page"),  # 404
        await boss.post(f"/servers/{site.guild_id}/tips/new", {}),  # 403
        await boss.get("/static/style.css"),
        await stranger.get("/login", follow=False),  # the redirect to Discord
    ]
    for response in responses:
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (response.url, name)
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "frame-ancestors 'none'" in csp
        assert "http" not in csp  # nothing from another origin may load
    page = responses[2].text
    assert "<script" not in page and "style=" not in page and " on" + "click" not in page
    assert responses[0].headers["Cache-Control"] == "no-store"


async def test_error_pages_show_no_traceback(site: Site) -> None:
    response = await site.browser().get("/no-such-page")
    assert response.status == 404 and "Traceback" not in response.text and "Page not found" in response.text


EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


async def test_user_text_is_escaped_everywhere(site: Site) -> None:
    db, gid = site.backend.db, site.guild_id
    fields = admin.clean_fields("back", EVIL[:90], f"Body {EVIL}", f"Src {EVIL}", "a<b>, c", None)
    tip_id = await admin.add_tip(db, gid, site.club.alice.id, fields)
    site.backend.names[site.club.alice.id] = EVIL  # a Discord display name
    evil_channel = site.fake.add_channel(site.club.guild, "x<b>bold</b>")
    site.backend.guilds[gid] = guild_info(site.club)
    await site.backend.reminders().set_server(gid, site.club.alice.id, channel_id=evil_channel.id, time="7:00",
                                              timezone="UTC")  # fmt: skip
    boss: Browser = await site.browser().login(site.club.admin)
    pages = [
        await boss.get(f"/servers/{gid}/tips"),
        await boss.get(f"/servers/{gid}/tips?q=%3Cscript%3E"),
        await boss.get(f"/servers/{gid}/tips/{tip_id}/edit"),
        await boss.get(f"/servers/{gid}/log"),
        await boss.get(f"/servers/{gid}/reminders"),
        await boss.get(f"/servers/{gid}"),
    ]
    for page in pages:
        assert page.status == 200, page.url
        assert "<script>alert" not in page.text and "<img src=x" not in page.text and "<b>bold" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in pages[0].text
    assert "&lt;script&gt;" in pages[3].text and "#x&lt;b&gt;bold&lt;/b&gt;" in pages[4].text
