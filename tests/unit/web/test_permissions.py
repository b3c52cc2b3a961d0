"""Who may do what: owners, Manage Server and Administrator, where Stride is; checked again on every request
of a server's pages and actions against Discord's data at most 60 s old (a demoted admin is out within the
window, on the POST routes as much as on the pages); nothing written on a refusal."""

from __future__ import annotations

import re

import pytest

from bot.advice.services import catalog
from bot.db import audit
from bot.web.app import build_app
from bot.web.context import server_route
from standin.state import ADMINISTRATOR
from tests.unit.web.harness import Browser, Site

TIP = {"topic": "back", "title": "Hinge at the hips", "body": "Keep a flat back.", "source": "", "tags": "", "kind": ""}


def server_routes(site: Site) -> list[tuple[str, str]]:
    """(method, path) of every route under /servers/{guild_id}, with ids filled in."""
    app = build_app(site.settings, site.backend, object())  # type: ignore[arg-type]  # only the router is read
    found = []
    for route in app.router.routes():
        path = route.resource.canonical if route.resource else ""
        if path.startswith("/servers/"):
            path = path.replace("{guild_id}", str(site.guild_id)).replace("{action}", "remove")
            path = re.sub(r"\{\w+\}", "1", path)  # tip and challenge ids
            found.append((route.method, path))
            assert getattr(route.handler, "server_route", False), f"{route.method} {path} is not guarded"
    return found


async def writes(site: Site) -> int:
    """Everything a refused request could have written: audit entries are made with every change."""
    return len(await audit.latest(site.backend.db, site.guild_id, 1000))


async def test_every_server_route_is_guarded(site: Site) -> None:
    routes = server_routes(site)
    assert {m for m, _ in routes} == {"GET", "POST"} and len(routes) >= 15
    assert server_route  # the guard is the only way in: see the assertion in server_routes


async def refused_everywhere(site: Site, browser: Browser) -> None:
    token = (await browser.get("/")).csrf
    before = await writes(site)
    for method, path in server_routes(site):
        if method == "GET":
            response = await browser.get(path)
        else:
            response = await browser.post(path, {**TIP, "csrf_token": token, "channel": "1", "time": "07:00"})
        assert response.status == 403, (method, path, response.status)
    assert await writes(site) == before
    assert not [t for t in await admin_tips(site)]


async def admin_tips(site: Site) -> list:
    page = await catalog.admin_page(site.backend.db, site.guild_id, show="own", topic=None, query=None, page=1,
                                    per_page=50)  # fmt: skip
    return page.tips


async def test_a_member_sees_no_server_and_is_refused_on_every_route(site: Site) -> None:
    alice = await site.browser().login(site.club.alice)
    home = await alice.get("/")
    assert home.status == 200 and "No server to manage" in home.text and "/servers/" not in home.text
    await refused_everywhere(site, alice)


async def test_an_admin_of_another_server_is_refused_here(site: Site) -> None:
    stranger = await site.browser().login(site.club.stranger)
    await refused_everywhere(site, stranger)


@pytest.mark.parametrize("how", ["owner", "administrator", "manage server"])
async def test_owner_administrator_and_manage_server_may_manage(site: Site, how: str) -> None:
    guild = site.club.guild
    if how == "owner":
        member = guild.members[guild.owner_id]
    elif how == "administrator":
        role = site.fake.add_role(guild, "Captains", ADMINISTRATOR)
        member = site.fake.add_member(guild, "captain", roles=(role,))
    else:
        member = site.club.admin
    browser = await site.browser().login(member)
    assert f'href="/servers/{site.guild_id}"' in (await browser.get("/")).text
    assert (await browser.get(f"/servers/{site.guild_id}/tips")).status == 200


async def test_a_server_without_stride_is_neither_listed_nor_open(site: Site) -> None:
    other = site.club.other_guild  # "stranger"'s server: Stride is not there (the backend does not know it)
    owner = other.members[other.owner_id]
    browser = await site.browser().login(owner)
    assert f"/servers/{other.id}" not in (await browser.get("/")).text
    assert (await browser.get(f"/servers/{other.id}")).status == 403


async def test_a_demoted_admin_is_out_within_the_minute_on_pages_and_actions(site: Site) -> None:
    boss = await site.browser().login(site.club.admin)
    tips_page = f"/servers/{site.guild_id}/tips"
    token = (await boss.get(tips_page)).csrf
    site.club.admin.roles.remove(site.club.guild.role("Admin"))  # demoted in Discord
    site.clock.advance(30)
    assert (await boss.get(tips_page)).status == 200  # Discord's word from 30 s ago still stands
    site.clock.advance(30)
    assert (await boss.get(tips_page)).status == 403
    before = await writes(site)
    refused = await boss.post(f"{tips_page}/new", {**TIP, "csrf_token": token})
    assert refused.status == 403 and await writes(site) == before and not await admin_tips(site)
    assert f"/servers/{site.guild_id}" not in (await boss.get("/")).text


async def test_the_api_routes_recheck_too_not_only_the_pages(site: Site) -> None:
    """Demoted after the page was loaded: the form's POST (an 'API' route) is refused by itself."""
    boss = await site.browser().login(site.club.admin)
    token = (await boss.get(f"/servers/{site.guild_id}/reminders")).csrf
    site.club.admin.roles.remove(site.club.guild.role("Admin"))
    site.clock.advance(61)
    ping = {"channel": str(site.club.general.id), "time": "07:00", "timezone": "UTC", "role": "", "kind": "stretch"}
    response = await boss.post(f"/servers/{site.guild_id}/reminders", {**ping, "csrf_token": token})
    assert response.status == 403
    assert await site.backend.reminders().server(site.guild_id) is None and await writes(site) == 0


async def test_discord_is_asked_at_most_once_a_minute(site: Site) -> None:
    boss = await site.browser().login(site.club.admin)

    def calls() -> int:
        return sum(1 for r in site.fake.requests if r.path.startswith("/users/@me/guilds"))

    for _ in range(5):
        await boss.get(f"/servers/{site.guild_id}")
    assert calls() == 1
    site.clock.advance(60)
    await boss.get(f"/servers/{site.guild_id}/tips")
    await boss.get(f"/servers/{site.guild_id}/log")
    assert calls() == 2


async def test_a_revoked_token_sends_the_user_to_log_in_again(site: Site) -> None:
    boss = await site.browser().login(site.club.admin)
    site.fake.oauth.revoke(site.club.admin.user)
    site.clock.advance(61)
    response = await boss.get(f"/servers/{site.guild_id}", follow=False)
    assert response.status == 302 and re.match(r"/login\?next=/servers/\d+$", response.headers["Location"])
    assert "Log out" not in (await boss.get("/")).text


async def test_when_discord_rate_limits_the_check_the_page_says_when_to_try_again(site: Site) -> None:
    boss = await site.browser().login(site.club.admin)
    site.clock.advance(61)
    site.fake.fail_next("GET", r"^/users/@me/guilds", 429, {"message": "You are being rate limited.",
                                                           "retry_after": 2.5, "global": False})  # fmt: skip
    response = await boss.get(f"/servers/{site.guild_id}")
    assert response.status == 503 and "Try again in 3 s" in response.text and response.headers["Retry-After"] == "3"
    assert (await boss.get(f"/servers/{site.guild_id}")).status == 200  # and then it works
