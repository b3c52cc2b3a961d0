from __future__ import annotations

import asyncio
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.advice.services import admin
from bot.db import audit
from bot.db import tips as tips_db
from bot.db.store import Store
from bot.errors import UserError

GUILD, ADMIN = 7, 3


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"topic": "Back Pain!"}, "topic"),
        ({"title": "x" * 101}, "title"),
        ({"body": ""}, "body"),
        ({"body": "x" * 1501}, "body"),
        ({"source": "s" * 301}, "source"),
        ({"tags": ",".join(f"t{i}" for i in range(13))}, "tags"),
        ({"kind": "yoga"}, "kind"),
    ],
)
def test_clean_fields_limits(kwargs: dict, field: str) -> None:
    base = {"topic": "back", "title": "T", "body": "B", "source": None, "tags": None, "kind": None}
    with pytest.raises(UserError) as err:
        admin.clean_fields(**{**base, **kwargs})
    assert err.value.field == field


def test_clean_fields_normalises() -> None:
    f = admin.clean_fields(" Back ", " Title ", " Body ", "  ", "Spasm, lower back,spasm", None)
    assert (f.topic, f.title, f.body, f.source, f.tags, f.kind) == ("back", "Title", "Body", None,
                                                                    ("spasm", "lower back"), "general")  # fmt: skip


@given(st.binary(max_size=2000))
def test_parse_import_never_crashes_on_arbitrary_bytes(raw: bytes) -> None:
    try:
        entries, lines = admin.parse_import(raw)
    except UserError:
        return
    assert isinstance(entries, list) and isinstance(lines, list)


async def test_import_plan_reports_every_bad_entry_with_its_line(db: Store) -> None:
    text = json.dumps(
        {"tips": [{"topic": "back", "title": "A", "body": "a"}, "nope", {"topic": "back", "title": "A", "body": "b"}]},
        indent=2,
    )
    entries, lines = admin.parse_import(text.encode())
    plan = await admin.plan_import(db, GUILD, entries, lines)
    assert plan.errors == [
        "entry 2 (line 8): expected an object with topic, title and body.",
        "entry 3 (line 9): duplicate of entry 1 (same topic and title).",
    ]


async def test_limit_of_tips_per_server(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(admin, "SERVER_TIPS_MAX", 2)
    for title in ("A", "B"):
        await admin.add_tip(db, GUILD, ADMIN, admin.clean_fields("back", title, "x", None, None, None))
    with pytest.raises(UserError, match="limit"):
        await admin.add_tip(db, GUILD, ADMIN, admin.clean_fields("back", "C", "x", None, None, None))
    entries, lines = admin.parse_import(json.dumps([{"topic": "core", "title": "D", "body": "d"}]).encode())
    plan = await admin.plan_import(db, GUILD, entries, lines)
    assert plan.errors and "limit" in plan.errors[-1]


async def test_concurrent_adds_never_pass_the_limit(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(admin, "SERVER_TIPS_MAX", 3)

    async def add(i: int) -> bool:
        try:
            await admin.add_tip(db, GUILD, ADMIN, admin.clean_fields("back", f"T{i}", "x", None, None, None))
        except UserError:
            return False
        return True

    assert sum(await asyncio.gather(*(add(i) for i in range(8)))) == 3
    assert len(await tips_db.server_tips(db, GUILD)) == 3


async def test_the_audit_says_where_a_change_was_made_and_which_fields_changed(db: Store) -> None:
    tip_id = await admin.add_tip(db, GUILD, ADMIN, admin.clean_fields("back", "T", "x", None, None, None), via="web")
    await admin.edit_tip(db, GUILD, ADMIN, tip_id, topic="back", title="T", body="new text", via="web")
    await admin.edit_tip(db, GUILD, ADMIN, tip_id, title="T")  # nothing changes: nothing audited
    await admin.set_removed(db, GUILD, ADMIN, tip_id, True)
    entries = await audit.latest(db, GUILD)
    assert [(e.action, e.via, e.subject_id) for e in entries] == [
        ("remove", "discord", tip_id),
        ("edit", "web", tip_id),
        ("add", "web", tip_id),
    ]
    assert entries[1].detail == {"body": "new text"}
    assert [e.action for e in await audit.latest(db, GUILD, limit=5, before_id=entries[1].id)] == ["add"]
    assert await audit.latest(db, GUILD + 1) == []


async def test_an_import_entry_with_a_built_in_tips_id_is_skipped_and_says_why(db: Store) -> None:
    builtin_id = min(await tips_db.builtin_ids(db, range(1, 1000)))  # the library is in every new database
    text = json.dumps({"tips": [{"id": builtin_id, "topic": "core", "title": "Plank, our way", "body": "Longer."}]})
    entries, lines = admin.parse_import(text.encode())
    plan = await admin.plan_import(db, GUILD, entries, lines)
    assert (plan.added, plan.updated, plan.skipped, plan.errors) == ([], [], 1, [])
    assert plan.notes == [
        f"entry 1 (line 1): #{builtin_id} is a built-in tip, which an import does not change: skipped. Hide it with "
        f"`/tips hide id: {builtin_id}` and import your version without its `id` to add it as this server's."
    ]
