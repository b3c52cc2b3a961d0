"""The admins' list of tips (the web dashboard's): states, topics, text search, pages."""

from __future__ import annotations

from bot.advice.services import admin, catalog
from bot.db.engine import Database

GUILD, OTHER = 7, 8


async def listed(db: Database, **options: object) -> catalog.AdminPage:
    base: dict[str, object] = {"show": "all", "topic": None, "query": None, "page": 1, "per_page": 10}
    return await catalog.admin_page(db, GUILD, **{**base, **options})  # type: ignore[arg-type]


async def test_states_topics_search_and_pages(db: Database) -> None:
    ids = []
    for i in range(12):
        fields = admin.clean_fields("pacing" if i % 2 else "core", f"Tip {i}", f"Body {i} 50%_off", None, "x", None)
        ids.append(await admin.add_tip(db, GUILD, 1, fields))
    await admin.add_tip(db, OTHER, 1, admin.clean_fields("core", "Theirs", "Body 50%_off", None, None, None))
    await admin.set_removed(db, GUILD, 1, ids[0], True)
    builtin = (await listed(db, show="builtin", per_page=1)).tips[0].tip
    await admin.set_hidden(db, GUILD, 1, builtin.id, True)

    first = await listed(db)
    assert [row.tip.id for row in first.tips[:3]] == ids[::-1][:3]  # own tips first, newest first
    assert first.total == 12 + (await listed(db, show="builtin")).total + 0 and first.pages > 1
    assert [row.tip.id for row in (await listed(db, show="removed")).tips] == [ids[0]]
    hidden = (await listed(db, show="hidden")).tips
    assert [(row.tip.id, row.hidden) for row in hidden] == [(builtin.id, True)]
    assert (await listed(db, show="own", topic="pacing")).total == 6
    assert (await listed(db, show="own", query="50%_OFF")).total == 11  # wildcards searched as text, any case
    assert (await listed(db, show="own", query="50x_off")).total == 0
    assert (await listed(db, show="own", query="Tip 1 Body")).total == 0  # never across title and body
    assert [row.tip.id for row in (await listed(db, query=f"#{ids[3]}")).tips] == [ids[3]]
    past = await listed(db, show="own", page=99)
    assert past.page == past.pages == 2 and len(past.tips) == 1
    assert (await listed(db, show="own", query="nothing like this")).tips == []
