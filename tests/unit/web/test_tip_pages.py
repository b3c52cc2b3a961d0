"""The tips pages do what /tips does, through the same service: the same limits and errors (beside the field,
input kept, nothing written), changes /advice sees at once, audited as made on the web; the list filters,
searches and pages; import is all or nothing with line-precise errors; export is the /tips export file."""

from __future__ import annotations

import json
import re

import aiohttp

from bot.advice.services import admin, catalog
from bot.advice.services.search import advise
from bot.db import audit
from tests.unit.web.harness import Browser, Site


def tips_url(site: Site, rest: str = "") -> str:
    return f"/servers/{site.guild_id}/tips{rest}"


async def own_tips(site: Site) -> list:
    page = await catalog.admin_page(site.backend.db, site.guild_id, show="all", topic=None, query=None, page=1,
                                    per_page=100)  # fmt: skip
    return [row.tip for row in page.tips if not row.tip.builtin]


async def boss(site: Site) -> Browser:
    return await site.browser().login(site.club.admin)


async def test_adding_a_tip_is_found_by_advice_and_audited_as_web(site: Site) -> None:
    browser = await boss(site)
    fields = {"topic": "Back", "title": "Glute bridges for long runs", "body": "Two sets of 15 glute bridges.",
              "source": "Club physio", "tags": "spasm, lower back", "kind": "core"}  # fmt: skip
    page = await browser.form(tips_url(site, "/new"), fields)
    assert page.status == 200 and page.url.endswith(tips_url(site))
    [tip] = await own_tips(site)
    assert (tip.topic, tip.title, tip.kind, tip.tags) == ("back", fields["title"], "core", ("spasm", "lower back"))
    assert f"Added tip #{tip.id}" in page.text and "Glute bridges for long runs" in page.text
    answer = await advise(site.backend.db, site.guild_id, None, "glute bridges")
    assert answer.tips[0].id == tip.id
    [entry] = await audit.latest(site.backend.db, site.guild_id)
    assert (entry.action, entry.via, entry.user_id) == ("add", "web", site.club.admin.id)


async def test_bad_input_gets_every_error_beside_its_field_with_the_input_kept(site: Site) -> None:
    browser = await boss(site)
    fields = {"topic": "Back Pain!", "title": "T" * 101, "body": "", "source": "S" * 301, "tags": "", "kind": "yoga"}
    page = await browser.form(tips_url(site, "/new"), fields)
    assert page.status == 200
    for name, words in [("topic", "short word"), ("title", "1–100"), ("body", "1–1500"), ("source", "300"),
                        ("kind", "general, stretch, core")]:  # fmt: skip
        error = re.search(rf'<p class="field-error" id="{name}-error">([^<]*)', page.text)
        assert error and words in error.group(1), name
    assert 'value="Back Pain!"' in page.text and "T" * 101 in page.text and "S" * 301 in page.text
    assert await own_tips(site) == [] and await audit.latest(site.backend.db, site.guild_id) == []


async def test_the_tip_limit_is_the_same(site: Site, monkeypatch) -> None:
    monkeypatch.setattr(admin, "SERVER_TIPS_MAX", 1)
    browser = await boss(site)
    one = {"topic": "core", "title": "Planks", "body": "Hold 30 s.", "source": "", "tags": "", "kind": "general"}
    await browser.form(tips_url(site, "/new"), one)
    page = await browser.form(tips_url(site, "/new"), {**one, "title": "Side planks"})
    assert page.status == 200 and "the limit" in page.text and len(await own_tips(site)) == 1


async def test_editing_changes_the_tip_and_audits_only_what_changed(site: Site) -> None:
    db, gid, user = site.backend.db, site.guild_id, site.club.admin.id
    tip_id = await admin.add_tip(db, gid, user, admin.clean_fields("back", "Old title", "Old body", None, None, None))
    browser = await boss(site)
    form = await browser.get(tips_url(site, f"/{tip_id}/edit"))
    assert 'value="Old title"' in form.text and "Old body</textarea>" in form.text
    fields = {"topic": "back", "title": "New title", "body": "Old body", "source": "", "tags": "", "kind": "general"}
    page = await browser.form(tips_url(site, f"/{tip_id}/edit"), fields)
    assert page.status == 200 and f"Saved tip #{tip_id}" in page.text
    [tip] = await own_tips(site)
    assert tip.title == "New title"
    entry = (await audit.latest(db, gid))[0]
    assert (entry.action, entry.via, entry.detail) == ("edit", "web", {"title": "New title"})
    bad = await browser.form(tips_url(site, f"/{tip_id}/edit"), {**fields, "body": " "})
    assert bad.status == 200 and "New title" in bad.text and (await own_tips(site))[0].body == "Old body"


async def test_remove_restore_hide_unhide(site: Site) -> None:
    db, gid = site.backend.db, site.guild_id
    tip_id = await admin.add_tip(db, gid, 1, admin.clean_fields("back", "Mine", "x", None, None, None))
    builtin = next(t for t in (await catalog.page(db, gid, "back", 1, 50)).tips if t.builtin)
    browser = await boss(site)
    back = tips_url(site, "?topic=back")
    for action, tip in [("remove", tip_id), ("restore", tip_id), ("hide", builtin.id)]:
        token = (await browser.get(back)).csrf
        page = await browser.post(tips_url(site, f"/{tip}/{action}"), {"csrf_token": token, "back": back})
        assert page.status == 200 and page.url.endswith(back), (action, page.url)
    assert builtin.id not in [t.id for t in (await catalog.page(db, gid, "back", 1, 50)).tips]  # /advice's list
    hidden = await browser.get(tips_url(site, "?show=hidden"))
    assert f"#{builtin.id}" in hidden.text and "Show again" in hidden.text
    again = await browser.post(tips_url(site, f"/{builtin.id}/hide"), {"csrf_token": hidden.csrf})
    assert "already hidden" in again.text  # the service's refusal, shown as a notice
    actions = [(e.action, e.via) for e in await audit.latest(db, gid)]
    assert actions == [("hide", "web"), ("restore", "web"), ("remove", "web"), ("add", "discord")]
    outside = await browser.post(
        tips_url(site, f"/{tip_id}/remove"), {"csrf_token": hidden.csrf, "back": "https://evil.example"}
    )
    assert outside.url.endswith(tips_url(site))  # back only to the list


async def test_the_list_filters_searches_and_pages(site: Site) -> None:
    db, gid = site.backend.db, site.guild_id
    for i in range(30):
        await admin.add_tip(db, gid, 1, admin.clean_fields("pacing", f"Pace tip {i:02}", f"body {i}", None, None, None))
    dead_bugs = admin.clean_fields("core", "Dead bugs", "Slow and jazzy.", None, "deadbugz", None)
    await admin.add_tip(db, gid, 1, dead_bugs)
    browser = await boss(site)
    own = await browser.get(tips_url(site, "?show=own&topic=pacing"))
    assert "30 tips · page 1 of 2" in own.text and "Pace tip 29" in own.text and "Dead bugs" not in own.text
    older = await browser.get(tips_url(site, "?show=own&topic=pacing&page=2"))
    assert "Pace tip 00" in older.text and "Pace tip 29" not in older.text
    found = await browser.get(tips_url(site, "?q=DeadBugZ"))
    assert "1 tip" in found.text and "Dead bugs" in found.text
    percent = await browser.get(tips_url(site, "?q=%25zz"))
    assert "No tip matches" in percent.text  # LIKE's wildcards are searched for as text
    builtins = await browser.get(tips_url(site, "?show=builtin&topic=back"))
    assert "built-in" in builtins.text and "Hide here" in builtins.text


def import_form(token: str, content: bytes) -> aiohttp.FormData:
    form = aiohttp.FormData()
    form.add_field("csrf_token", token)
    form.add_field("file", content, filename="tips.json", content_type="application/json")
    return form


async def test_import_is_all_or_nothing_with_line_precise_errors(site: Site) -> None:
    browser = await boss(site)
    bad = json.dumps({"tips": [
        {"topic": "back", "title": "Fine", "body": "ok"},
        {"topic": "back", "title": "", "body": "no title"},
        {"topic": "back", "title": "Fine", "body": "again"},
    ]}, indent=2).encode()  # fmt: skip
    token = (await browser.get(tips_url(site))).csrf
    page = await browser.post(tips_url(site, "/import"), import_form(token, bad))
    assert page.status == 200 and "Nothing was imported" in page.text
    assert "entry 2 (line 8): The title must be 1–100 characters" in page.text
    assert "entry 3 (line 13): duplicate of entry 1" in page.text
    assert await own_tips(site) == [] and await audit.latest(site.backend.db, site.guild_id) == []
    broken = await browser.post(tips_url(site, "/import"), import_form(token, b'{"tips": [\n  {"topic": }]}'))
    assert broken.status == 200 and "line 2, column 13" in broken.text
    good = json.dumps([{"topic": "back", "title": "Fine", "body": "ok"}, {"topic": "core", "title": "2", "body": "b"}])
    done = await browser.post(tips_url(site, "/import"), import_form(token, good.encode()))
    assert done.status == 200 and "Imported: 2 added, 0 updated, 0 skipped" in done.text
    assert sorted(t.title for t in await own_tips(site)) == ["2", "Fine"]
    [entry] = await audit.latest(site.backend.db, site.guild_id)
    assert (entry.action, entry.via) == ("import", "web")


async def test_export_is_the_tips_export_file(site: Site) -> None:
    db, gid = site.backend.db, site.guild_id
    await admin.add_tip(db, gid, 1, admin.clean_fields("back", "Mine", "x", None, None, None))
    browser = await boss(site)
    response = await browser.get(tips_url(site, "/export"))
    assert response.headers["Content-Disposition"] == 'attachment; filename="stride-tips.json"'
    document = json.loads(response.text)
    assert document["format"] == "stride-tips" and [t["title"] for t in document["tips"]] == ["Mine"]
    everything = json.loads((await browser.get(tips_url(site, "/export?builtin=1"))).text)
    assert len(everything["tips"]) > 60


async def test_a_builtin_tip_cannot_be_edited_nor_another_servers_tip_seen(site: Site) -> None:
    db, gid = site.backend.db, site.guild_id
    builtin = (await catalog.page(db, gid, None, 1, 1)).tips[0]
    elsewhere = await admin.add_tip(db, site.club.other_guild.id, 1, admin.clean_fields("back", "Theirs", "x", None,
                                                                                         None, None))  # fmt: skip
    browser = await boss(site)
    page = await browser.get(tips_url(site, f"/{builtin.id}/edit"))
    assert page.url.endswith(tips_url(site)) and "built in and can&#39;t be edited" in page.text
    assert (await browser.get(tips_url(site, f"/{elsewhere}/edit"))).status == 404
    fields = {"topic": "back", "title": "Mine now", "body": "x", "source": "", "tags": "", "kind": "general"}
    refused = await browser.form(tips_url(site, f"/{elsewhere}/edit"), fields, page=tips_url(site))
    assert refused.status == 200 and "not found" in refused.text
    theirs = await catalog.tip(db, site.club.other_guild.id, elsewhere)
    assert theirs is not None and theirs.title == "Theirs"
