"""The dashboard end to end: the real bot process serving it, the fake Discord logging people in, and a real
headless Chromium (Debian's package, driven by Playwright) clicking through it. An admin logs in, adds and
edits a tip (then /advice finds it), changes the club ping (then /server show has it) and sees the audit log;
a member is refused; no page logs a console error."""

from __future__ import annotations

import re
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio
from cryptography.fernet import Fernet

from standin import FakeDiscord
from tests.e2e.browser import CHROMIUM
from tests.fakediscord.fixtures import Club

playwright_api = pytest.importorskip("playwright.async_api")

pytestmark = pytest.mark.asyncio(loop_scope="module")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard_url() -> str:
    return f"http://127.0.0.1:{_free_port()}"


@pytest.fixture(scope="module")
def bot_env(fake: FakeDiscord, dashboard_url: str) -> dict[str, str]:
    fake.oauth.redirect_uris.add(dashboard_url + "/callback")  # as registered in the Developer Portal
    return {
        "DASHBOARD_PORT": dashboard_url.rsplit(":", 1)[1],
        "DISCORD_CLIENT_SECRET": fake.oauth.client_secret,
        "DASHBOARD_SECRET": Fernet.generate_key().decode(),
    }


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def chromium() -> AsyncIterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium; .ci/run does it)")
    async with playwright_api.async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        await browser.close()


class Tab:
    """A browser tab that records every console error, page error and failed request."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url}"))


async def open_tab(chromium: object) -> Tab:
    context = await chromium.new_context(viewport={"width": 390, "height": 844})  # a phone's screen
    return Tab(await context.new_page())


async def log_in(tab: Tab, url: str, name: str) -> None:
    page = tab.page
    await page.goto(url + "/")
    await page.get_by_role("link", name="Log in with Discord").click()
    await page.get_by_role("button", name=f"Authorize as {name}").click()  # the fake Discord's consent page
    await page.wait_for_url(url + "/")


async def test_an_admin_manages_tips_and_the_club_ping_in_the_browser(
    bot, fake: FakeDiscord, club: Club, chromium, dashboard_url: str
) -> None:
    expect = playwright_api.expect
    tab = await open_tab(chromium)
    page = tab.page
    await log_in(tab, dashboard_url, "boss")
    await page.get_by_role("link", name="Club").click()
    await expect(page.get_by_role("heading", name="Overview")).to_be_visible()

    # Add a tip.
    await page.get_by_role("navigation", name="Server").get_by_role("link", name="Tips").click()
    await page.get_by_role("link", name="Add a tip").first.click()
    await page.get_by_label("Topic").fill("back")
    await page.get_by_label("Title").fill("Flamingo stands <for> hips")
    await page.get_by_label("Text").fill("Stand on one leg for 30 seconds while brushing your teeth, zorblax.")
    await page.get_by_label("Source").fill("Club physio")
    await page.get_by_role("button", name="Add the tip").click()
    flash = page.get_by_role("status")
    await expect(flash).to_contain_text("Added tip #")
    tip_id = re.search(r"#(\d+)", await flash.inner_text()).group(1)
    await expect(page.locator(f"#tip-{tip_id}")).to_contain_text("Flamingo stands <for> hips")

    answer = await fake.slash(club.alice, "advice", question="zorblax")
    assert "Flamingo stands <for> hips" in answer.embed_text()

    # Edit it: a bad title first (the error beside the field, the input kept), then a good one.
    await page.locator(f"#tip-{tip_id}").get_by_role("link", name="Edit").click()
    await page.get_by_label("Title").fill("x" * 101)
    await page.get_by_role("button", name="Save").click()
    await expect(page.locator("#title-error")).to_contain_text("1–100 characters")
    await expect(page.get_by_label("Text")).to_have_value(re.compile("zorblax"))
    await page.get_by_label("Title").fill("Single-leg balance for hips")
    await page.get_by_role("button", name="Save").click()
    await expect(page.get_by_role("status")).to_contain_text(f"Saved tip #{tip_id}")
    answer = await fake.slash(club.alice, "advice", question="zorblax")
    assert "Single-leg balance for hips" in answer.embed_text()

    # The club ping.
    await page.get_by_role("link", name="Club ping").click()
    await page.get_by_label("Channel").select_option(label="#runs")
    await page.get_by_label("Time", exact=False).first.fill("6:15pm")
    await page.get_by_label("Time zone").fill("Europe/Paris")
    await page.get_by_label("Role to mention").select_option(label="@Member")
    await page.get_by_role("button", name="Turn it on").click()
    await expect(page.get_by_role("status")).to_contain_text("Club ping saved")
    shown = await fake.slash(club.admin, "server show")
    assert "18:15" in shown.embed_text() and "Europe/Paris" in shown.embed_text()
    assert f"<#{club.runs.id}>" in shown.embed_text()

    # A challenge: its card goes to the channel, as with /challenge create; then it is ended.
    await page.get_by_role("link", name="Challenges").first.click()
    await page.locator("#name").fill("Winter 50k")
    await page.locator("#goal").fill("50k")
    await page.get_by_label("Last day").fill((datetime.now(UTC).date() + timedelta(days=20)).isoformat())
    await page.get_by_label("Channel for its card").select_option(label="#runs")
    await page.get_by_role("button", name="Start the challenge").click()
    await expect(page.get_by_role("status")).to_contain_text("Winter 50k is on")
    card = await fake.wait_for_message(channel=club.runs, predicate=lambda r: "Winter 50k" in r.embed_text())
    assert card.buttons()
    await page.get_by_role("button", name="End now and post the results").click()
    await expect(page.get_by_role("status")).to_contain_text("Winter 50k has ended")

    # The audit log, web changes marked.
    await page.get_by_role("link", name="Audit log").click()
    entries = page.locator("ol.log > li")
    await expect(entries.nth(0)).to_contain_text("ended the challenge “Winter 50k”")
    await expect(entries.nth(1)).to_contain_text("started the challenge “Winter 50k”")
    await expect(entries.nth(2)).to_contain_text("set the daily club ping")
    await expect(entries.nth(3)).to_contain_text(f"edited tip #{tip_id}")
    await expect(entries.nth(4)).to_contain_text(f"added tip #{tip_id}")
    for n in range(5):
        await expect(entries.nth(n).locator(".badge.web")).to_be_visible()

    await page.get_by_role("button", name="Log out").click()
    await expect(page.get_by_role("link", name="Log in with Discord")).to_be_visible()
    assert tab.problems == []


async def test_a_member_is_refused(bot, club: Club, chromium, dashboard_url: str) -> None:
    expect = playwright_api.expect
    tab = await open_tab(chromium)
    await log_in(tab, dashboard_url, "alice")
    await expect(tab.page.get_by_text("No server to manage here yet")).to_be_visible()
    response = await tab.page.goto(f"{dashboard_url}/servers/{club.guild.id}/tips")
    assert response is not None and response.status == 403
    await expect(tab.page.get_by_role("heading", name="Not allowed")).to_be_visible()
    # Chromium reports the 403 page as a failed resource load; nothing else may go wrong.
    assert [p for p in tab.problems if "403" not in p] == []
