from __future__ import annotations

from tests.unit.web.harness import Site


async def test_an_admin_logs_in_and_sees_the_pages(site: Site) -> None:
    admin = await site.browser().login(site.club.admin)
    home = await admin.get("/")
    assert home.status == 200 and "Club" in home.text, home.text
    for path in ("", "/tips", "/tips/new", "/reminders", "/log"):
        page = await admin.get(f"/servers/{site.guild_id}{path}")
        assert page.status == 200, (path, page.text[:3000])
