"""Advice search touches only this server's tips and the built-ins, and each server's index stays in step."""

from __future__ import annotations

import sqlite3

import pytest

from bot.advice.models import TipFields
from bot.advice.services import admin
from bot.advice.services.search import BIG_SERVER, advise
from bot.db import tips as tips_db
from bot.db.store import Store
from tests.postgres import on_postgres

A, B, ADMIN = 10, 20, 1


def fields(title: str, body: str, tags: tuple[str, ...] = ()) -> TipFields:
    return TipFields("injury", "general", title, body, "coach", tags)


async def test_a_server_never_sees_another_servers_tips(db: Store) -> None:
    await admin.add_tip(db, A, ADMIN, fields("Zebra crossing drills", "Zebra strides across the zebra crossing."))
    assert (await advise(db, A, None, "zebra drills")).tips[0].title == "Zebra crossing drills"
    other = await advise(db, B, None, "zebra")
    assert other.tips == [] and other.suggestions


async def test_edits_reach_the_index(db: Store) -> None:
    tip_id = await admin.add_tip(db, A, ADMIN, fields("Quokka hill loop", "Run the quokka loop easy."))
    await admin.edit_tip(db, A, ADMIN, tip_id, title="Wombat hill loop", body="Run the wombat loop easy.")
    assert (await advise(db, A, None, "quokka")).tips == []
    assert (await advise(db, A, None, "wombat loop")).tips[0].id == tip_id
    await admin.set_removed(db, A, ADMIN, tip_id, True)
    assert (await advise(db, A, None, "wombat")).tips == []


async def test_library_updates_reindex_the_builtins_in_every_index(db: Store) -> None:
    await admin.add_tip(db, A, ADMIN, fields("Our own", "Our own body."))
    assert (await advise(db, A, None, "spasm")).tips and (await advise(db, B, None, "spasm")).tips
    tip = (await tips_db.by_topic(db, A, "back", 1))[0]
    okapi = TipFields("back", "general", "Okapi", "Okapi body", "s", ())
    await tips_db.sync_builtins(db, 999, [(tip.builtin_key, okapi)])
    for guild in (A, B):  # A's own index and the built-ins' index (B has no tips of its own)
        assert [t.id for t in (await advise(db, guild, None, "okapi")).tips] == [tip.id]
        assert (await advise(db, guild, None, "spasm")).tips == []


@pytest.mark.skipif(on_postgres(), reason="SQLite's FTS5 scoped indexes; PostgreSQL keeps tips.search itself")
async def test_tips_stored_before_the_scoped_index_are_indexed_on_first_search(db: Store) -> None:
    conn = sqlite3.connect(db.db.path)
    with conn:  # as migration 0006 leaves a server that had tips: a scope row not yet indexed
        conn.execute(
            "INSERT INTO tips (guild_id, topic, title, body, created_at, updated_at)"
            " VALUES (?, 'injury', 'Axolotl recovery', 'Axolotl body', 'x', 'x')",
            (B,),
        )
        conn.execute("INSERT INTO tip_scopes (guild_id) VALUES (?)", (B,))
    conn.close()
    assert [t.title for t in (await advise(db, B, None, "axolotl")).tips] == ["Axolotl recovery"]


async def test_big_server_searches_with_its_rarer_words(db: Store) -> None:
    async with db.transaction() as tx:
        for i in range(BIG_SERVER + 5):
            await tips_db.insert_tip(tx, A, ADMIN, fields(f"Run easy {i}", "Run easy and run often, run slowly."))
        await tips_db.insert_tip(tx, A, ADMIN, fields("Narwhal tempo", "A narwhal tempo run, easy to start."))
    answer = await advise(db, A, None, "narwhal tempo run easy")
    assert answer.tips[0].title == "Narwhal tempo"


async def test_a_servers_first_tip_is_found_at_once_after_searches_of_the_built_ins(db: Store) -> None:
    assert (await advise(db, B, None, "pangolin")).tips == []  # remembered: B reads the built-ins' index
    await admin.add_tip(db, B, ADMIN, fields("Pangolin intervals", "Curl up, then sprint: pangolin intervals."))
    assert [t.title for t in (await advise(db, B, None, "pangolin")).tips] == ["Pangolin intervals"]


@pytest.mark.skipif(on_postgres(), reason="SQLite's query plan")
async def test_the_search_checks_visibility_in_the_small_index_not_in_each_tips_row(db: Store) -> None:
    from bot.db.sqlite.tips_search import search_sql

    await admin.add_tip(db, A, ADMIN, fields("Our own", "Our own body."))
    await advise(db, A, None, "own")  # builds the server's index
    scope = (await db.fetchone("SELECT scope FROM tip_scopes WHERE guild_id = ?", (A,)))["scope"]
    plan = await db.fetchall(
        f"EXPLAIN QUERY PLAN {search_sql(f'tips_fts_s{scope}')}",
        {"guild": A, "match": '"own"', "topic": None, "limit": 20},
    )
    details = [row["detail"] for row in plan]
    assert any("COVERING INDEX tips_visibility" in d for d in details), details
