from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.advice.models import Tip, TipFields
from bot.advice.services import admin
from bot.advice.services.search import advise, match_query, pick_top, vote_factor
from bot.db import tips as tips_db
from bot.db.engine import Dialect
from bot.db.store import Store
from bot.errors import UserError

GUILD, ADMIN = 10, 1


def test_match_query_quotes_every_word() -> None:
    assert match_query('back "spasms" OR NEAR(x) at mile 17*') == '"back" OR "spasms" OR "near" OR "17"'
    assert match_query("the and of") is None


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
async def test_any_question_is_answered_without_crashing(db: Store, question: str) -> None:
    answer = await advise(db, GUILD, None, question)
    assert answer.tips or answer.suggestions


def test_votes_move_the_ranking_by_at_most_twenty_percent() -> None:
    assert vote_factor(0) == 1.0
    assert 1.19 < vote_factor(10_000) <= 1.2 and 0.8 <= vote_factor(-10_000) < 0.81


def test_pick_top_spreads_topics_unless_a_topic_was_asked() -> None:
    def tip(i: int, topic: str) -> Tip:
        return Tip(i, topic, "general", f"t{i}", "b", "s", (), True)

    ranked = [tip(1, "back"), tip(2, "back"), tip(3, "back"), tip(4, "core")]
    assert [t.id for t in pick_top(ranked, None)] == [1, 2, 4]
    assert [t.id for t in pick_top(ranked, "back")] == [1, 2, 3]
    assert [t.id for t in pick_top(ranked[:3], None)] == [1, 2, 3]


async def test_seed_question(db: Store) -> None:
    answer = await advise(db, GUILD, None, "back spasms at mile 17 of my long run")
    assert answer.tips[0].topic == "back" and not answer.red_flags
    assert all(t.source for t in answer.tips)


async def test_votes_cannot_bury_a_relevant_tip(db: Store) -> None:
    best = (await advise(db, GUILD, None, "back spasms long run")).tips[0]
    loved = (await advise(db, GUILD, None, "gels carbohydrate")).tips[0]
    for user in range(500):
        await tips_db.vote(db, GUILD, user, best.id, -1)
        await tips_db.vote(db, GUILD, user, loved.id, 1)
    again = await advise(db, GUILD, None, "back spasms long run")
    assert best.id in [t.id for t in again.tips]
    assert loved.id not in [t.id for t in again.tips]


async def test_topic_boost_and_red_flags(db: Store) -> None:
    answer = await advise(db, GUILD, "stretching", "tight back")
    assert answer.tips[0].topic == "stretching"
    flagged = await advise(db, GUILD, None, "numbness in my foot")
    assert flagged.red_flags


async def test_question_too_long(db: Store) -> None:
    with pytest.raises(UserError, match="under 300"):
        await advise(db, GUILD, None, "x" * 301)


async def test_library_update_keeps_server_edits(db: Store) -> None:
    tip = (await tips_db.by_topic(db, GUILD, "back", 1))[0]
    await admin.set_hidden(db, GUILD, ADMIN, tip.id, True)
    own = await admin.add_tip(db, GUILD, ADMIN, TipFields("back", "general", "Ours", "Our body", None, ()))
    changed = await tips_db.sync_builtins(
        db, 999, [(tip.builtin_key, TipFields("back", "general", "New title", "New body", "src", ()))]
    )
    assert changed >= 1
    updated = await tips_db.get_tip(db, GUILD, tip.id)
    assert updated is not None and updated.title == "New title"
    assert await tips_db.is_hidden(db, GUILD, tip.id)
    assert (await tips_db.get_tip(db, GUILD, own)).title == "Ours"
    # Built-ins dropped from the library disappear; the same version again is a no-op.
    assert await tips_db.count_visible(db, 99, None) == 1
    assert await tips_db.sync_builtins(db, 999, []) == 0


async def test_the_database_picks_what_the_python_ranking_would(db: Store) -> None:
    """search_top picks in SQL, reading three texts; the reference reads twenty and picks in Python. They agree on
    the evaluation questions, with votes on some tips and a topic asked or not."""
    from bot.advice.senses import one_sense
    from bot.advice.services.search import (
        ASKS_FOR_PROFESSIONAL,
        TOP_N,
        _query,
        _search,
        expansions,
        query_words,
        self_care_first,
        top_pick,
    )
    from tests.advice_eval.sets import load_set, set_directories

    questions = [q.text for d in set_directories() for q in load_set(d).questions]
    voted = await tips_db.by_topic(db, GUILD, None, 40)
    for n, tip in enumerate(voted[::3]):
        for voter in range(n % 4 + 1):
            await tips_db.vote(db, GUILD, 100 + voter, tip.id, 1 if n % 2 else -1)
    compared = 0
    for question in questions:
        meant = one_sense(question)
        words = query_words(meant)
        if not words:
            continue
        for topic in (None, "recovery"):
            self_care = topic != "professional" and not (ASKS_FOR_PROFESSIONAL & set(words))
            ranked = await _search(db, GUILD, words, expansions(meant), topic)
            expected = pick_top(self_care_first(ranked) if self_care else ranked, topic)
            query = await _query(db, GUILD, words, expansions(meant))
            got, _ = await db.tips.search_top(GUILD, query, topic, top_pick(topic, TOP_N, self_care))
            assert [t.id for t in got] == [t.id for t in expected], question
            compared += 1
    assert compared >= 300


async def test_a_remembered_answer_follows_every_change_to_the_servers_tips(db: Store) -> None:
    """Answers are remembered with the server's change stamp, which triggers bump on every write (from any
    process): adding, editing, removing and hiding tips, votes, and library updates all show at once."""
    question = "back spasms on my long run"

    async def shown() -> list[int]:
        return [t.id for t in (await advise(db, GUILD, None, question)).tips]

    first = await shown()
    assert await shown() == first  # remembered
    stamp = await tips_db.change_stamp(db, GUILD)
    async with db.transaction() as tx:
        await tips_db.set_hidden(tx, GUILD, first[0], True)
    assert await tips_db.change_stamp(db, GUILD) > stamp
    assert first[0] not in await shown()
    async with db.transaction() as tx:
        await tips_db.set_hidden(tx, GUILD, first[0], False)
    assert await shown() == first
    ours_id = await admin.add_tip(
        db,
        GUILD,
        ADMIN,
        TipFields(
            "back",
            "general",
            "Back spasms on long runs",
            "Back spasms long run: walk.",
            None,
            ("back spasms", "long run"),
        ),
    )
    assert ours_id in await shown()
    for user in range(60):
        await tips_db.vote(db, GUILD, user, ours_id, -1)
    assert ours_id not in (await shown())[:1]
    other_server = await tips_db.change_stamp(db, GUILD + 1)
    await tips_db.vote(db, GUILD + 1, 1, first[1], 1)
    assert await tips_db.change_stamp(db, GUILD + 1) > other_server


async def test_another_connection_s_change_is_seen(db: Store, tmp_path) -> None:
    if db.dialect != Dialect.SQLITE:
        pytest.skip("the SQLite file's second connection stands for another bot process")
    from bot.db.sqlite.database import SqliteDatabase

    question = "back spasms on my long run"
    first = [t.id for t in (await advise(db, GUILD, None, question)).tips]
    other = await SqliteDatabase.open(tmp_path / "stride.db")
    try:
        async with other.transaction() as tx:
            await tips_db.set_hidden(tx, GUILD, first[0], True)
    finally:
        await other.close()
    assert first[0] not in [t.id for t in (await advise(db, GUILD, None, question)).tips]
