"""The club ping page (the reminder service's rules, the dispatcher woken, audited as web), the audit log page
(web changes marked, names, pages) and the overview."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.advice.services import admin
from bot.club.services import challenges
from bot.db import audit
from bot.running.models import Run
from tests.unit.web.harness import Browser, Site


def ping_url(site: Site, rest: str = "") -> str:
    return f"/servers/{site.guild_id}/reminders{rest}"


async def boss(site: Site) -> Browser:
    return await site.browser().login(site.club.admin)


def ping_form(site: Site, **changes: str) -> dict[str, str]:
    role = site.club.guild.role("Member")
    base = {"channel": str(site.club.runs.id), "time": "6:30pm", "timezone": "Europe/Berlin",
            "role": str(role.id), "kind": "core"}  # fmt: skip
    return {**base, **changes}


async def test_setting_the_club_ping_applies_at_once_and_is_audited(site: Site) -> None:
    browser = await boss(site)
    page = await browser.form(ping_url(site), ping_form(site))
    assert page.status == 200 and "Club ping saved" in page.text
    assert "a core tip daily at 18:30 (Europe/Berlin) in #runs, mentioning @Member" in page.text
    ping = await site.backend.reminders().server(site.guild_id)
    assert ping is not None and (ping.channel_id, ping.kind) == (site.club.runs.id, "core")
    assert ping.timezone == "Europe/Berlin"
    assert ping.role_id == site.club.guild.role("Member").id and site.backend.woken  # the dispatcher looks again
    [entry] = await audit.latest(site.backend.db, site.guild_id)
    assert (entry.action, entry.via, entry.user_id) == ("ping-set", "web", site.club.admin.id)


async def test_bad_values_are_shown_beside_their_field_and_nothing_changes(site: Site) -> None:
    browser = await boss(site)
    cases = [
        ({"time": "25:99"}, "time", "Couldn"),
        ({"timezone": "Mars/Olympus"}, "timezone", "zone"),
        ({"channel": "12345"}, "channel", "text channels"),
        ({"role": str(site.club.other_guild.role("Admin").id)}, "role", "roles"),
        ({"kind": "custom"}, "kind", "stretch"),
    ]
    for change, field, words in cases:
        page = await browser.form(ping_url(site), ping_form(site, **change))
        assert page.status == 200, change
        assert f'id="{field}-error">' in page.text and words in page.text.split(f'id="{field}-error">')[1][:200]
        kept = next(iter(change.values()))
        if field in ("time", "timezone"):
            assert f'value="{kept}"' in page.text
    assert await site.backend.reminders().server(site.guild_id) is None
    assert await audit.latest(site.backend.db, site.guild_id) == []


async def test_turning_the_ping_off(site: Site) -> None:
    browser = await boss(site)
    await browser.form(ping_url(site), ping_form(site))
    page = await browser.form(ping_url(site, "/off"), {}, page=ping_url(site))
    assert "The daily club ping is off" in page.text and "Now: off." in page.text
    assert await site.backend.reminders().server(site.guild_id) is None
    assert [e.action for e in await audit.latest(site.backend.db, site.guild_id)] == ["ping-off", "ping-set"]


async def test_the_log_marks_web_changes_and_names_who(site: Site) -> None:
    db, gid = site.backend.db, site.guild_id
    await admin.add_tip(db, gid, site.club.alice.id, admin.clean_fields("back", "From Discord", "x", None, None, None))
    browser = await boss(site)
    await browser.form(ping_url(site), ping_form(site))
    page = await browser.get(f"/servers/{gid}/log")
    items = page.text.split('<ol class="log">')[1].split("</ol>")[0].split("<li>")[1:]
    assert "Boss (you)" in items[0] and "set the daily club ping" in items[0] and 'class="badge web"' in items[0]
    assert "alice" in items[1] and "added tip #" in items[1] and "From Discord" in items[1]
    assert 'class="badge web"' not in items[1]


async def test_the_log_pages_back(site: Site) -> None:
    db, gid = site.backend.db, site.guild_id
    for i in range(30):
        await admin.add_tip(db, gid, site.club.alice.id, admin.clean_fields("back", f"Tip {i}", "x", None, None, None))
    browser = await boss(site)
    first = await browser.get(f"/servers/{gid}/log")
    assert "Tip 29" in first.text and "Tip 4”" not in first.text and "Older changes" in first.text
    older_link = first.text.split('<nav class="pages"><a href="')[1].split('"')[0].replace("&amp;", "&")
    older = await browser.get(older_link)
    assert "Tip 4”" in older.text and "Tip 0”" in older.text and "Tip 29" not in older.text
    assert "Older changes" not in older.text


async def test_the_overview(site: Site) -> None:
    db, gid = site.backend.db, site.guild_id
    storage = db.runs
    await storage.prepare()
    today = datetime.now(UTC).date()
    await storage.log_run(gid, site.club.alice.id, Run(0, today, 5000.0, 1500), None)
    await admin.add_tip(db, gid, 1, admin.clean_fields("back", "Mine", "x", None, None, None))
    browser = await boss(site)
    page = await browser.get(f"/servers/{gid}")
    stats = dict(
        (label, value.split("<")[0].strip())
        for label, value in (part.split("</dt><dd>") for part in page.text.split("<dt>")[1:])
    )
    assert stats["Members with runs"] == "1" and stats["Runs this week"] == "1" and stats["This server's own"] == "1"
    assert "Off." in page.text


SOON = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()


def challenge_form(site: Site, **changes: str) -> dict[str, str]:
    base = {"name": "December 100k", "metric": "distance", "goal": "100k", "start": "today", "end": "in 30 days",
            "mode": "club", "channel": str(site.club.runs.id)}  # fmt: skip
    return {**base, **changes}


async def test_starting_a_challenge_posts_its_card_and_is_audited(site: Site) -> None:
    browser = await boss(site)
    url = f"/servers/{site.guild_id}/challenges"
    end = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    page = await browser.form(url, challenge_form(site, end=end))
    assert page.status == 200 and "December 100k is on: its card is in #runs" in page.text
    listing = await challenges.listing(site.backend.db, site.guild_id, datetime.now(UTC))
    [made] = listing.active
    assert (made.name, made.mode, made.goal, made.channel_id) == ("December 100k", "club", 100_000, site.club.runs.id)
    assert site.backend.cards == [made.id] and f'id="challenge-{made.id}"' in page.text
    [entry] = await audit.latest(site.backend.db, site.guild_id)
    assert (entry.action, entry.via) == ("challenge:create", "web")
    log = await browser.get(f"/servers/{site.guild_id}/log")
    assert "started the challenge “December 100k” (goal 100.0 km, club)" in log.text


async def test_a_challenge_with_bad_values_is_not_created(site: Site) -> None:
    browser = await boss(site)
    url = f"/servers/{site.guild_id}/challenges"
    cases = [
        ({"goal": "lots"}, "goal"),
        ({"start": "2026-12-10", "end": "2026-12-01"}, "end"),
        ({"name": "x" * 61}, "name"),
        ({"channel": "42"}, "channel"),
    ]
    for change, field in cases:
        page = await browser.form(url, challenge_form(site, **{"end": SOON, **change}))
        assert f'id="{field}-error"' in page.text, change
    site.backend.refusing_channels.add(site.club.general.id)
    page = await browser.form(url, challenge_form(site, end=SOON, channel=str(site.club.general.id)))
    assert 'id="channel-error"' in page.text and "couldn" in page.text
    listing = await challenges.listing(site.backend.db, site.guild_id, datetime.now(UTC))
    assert listing.active == listing.upcoming == [] and site.backend.cards == []


async def test_ending_a_challenge_now(site: Site) -> None:
    browser = await boss(site)
    url = f"/servers/{site.guild_id}/challenges"
    await browser.form(url, challenge_form(site, end=SOON, mode="individual"))
    [made] = (await challenges.listing(site.backend.db, site.guild_id, datetime.now(UTC))).active
    page = await browser.form(f"{url}/{made.id}/end", {}, page=url)
    assert "December 100k has ended" in page.text and site.backend.refreshed == [made.id]
    listing = await challenges.listing(site.backend.db, site.guild_id, datetime.now(UTC))
    assert [c.id for c in listing.ended] == [made.id]
    again = await browser.form(f"{url}/{made.id}/end", {}, page=url)
    assert "has ended; its results are final" in again.text
    latest = (await audit.latest(site.backend.db, site.guild_id))[0]
    assert (latest.action, latest.via) == ("challenge:end", "web")
