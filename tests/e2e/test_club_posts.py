"""A challenge's congratulation and results go out exactly once through the outbox: after edits that drop
below the goal and back, after `/challenge end`, and after a restart between a run and its post."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e.helpers import query, write

pytestmark = pytest.mark.asyncio(loop_scope="module")

TODAY = datetime.now(UTC).date()
START, END = (TODAY - timedelta(days=5)).isoformat(), (TODAY + timedelta(days=10)).isoformat()


def posts_in(fake, club, text: str) -> list:
    return [m for m in fake.messages_in(club.general) if text in m.text()]


async def restart(fake, bot, club) -> None:
    await bot.stop()
    bot._identifies_before = fake.identify_count
    await bot.spawn()
    await bot.wait_ready(club.guild, timeout=20)


async def test_one_congratulation_even_when_an_edit_drops_below_and_back(fake, club, bot) -> None:
    await fake.slash(club.admin, "challenge create", name="Twenty", metric="distance", goal="20k", start=START,
                     end=END, in_channel=club.general)  # fmt: skip
    await fake.slash(club.alice, "challenge join", name="Twenty")
    await fake.slash(club.alice, "run log", distance="15k", time="75:00")
    assert posts_in(fake, club, "reached the goal") == []
    reply = await fake.slash(club.alice, "run log", distance="6k", time="30:00")
    run_id = int(reply.embed_text().rsplit("#", 1)[1])
    congrats = await fake.wait_for_message(lambda m: "reached the goal" in m.content, channel=club.general)
    assert f"<@{club.alice.id}>" in congrats.content and "**20.0 km**" in congrats.content
    assert congrats.allowed_mentions == {"parse": []}
    await fake.slash(club.alice, "run edit", id=run_id, distance="2k", time="10:00")
    await fake.slash(club.alice, "run edit", id=run_id, distance="8k", time="40:00")
    await fake.slash(club.admin, "challenge end", name="Twenty")
    results = await fake.wait_for_message(lambda m: "Results: Twenty" in m.text(), channel=club.general)
    assert "🥇" in results.text() and f"<@{club.alice.id}>" in results.text() and "1 of 1" in results.text()
    assert len(posts_in(fake, club, "reached the goal")) == 1  # queued before the results, so a copy would be here
    assert len(posts_in(fake, club, "Results: Twenty")) == 1
    again = await fake.slash(club.admin, "challenge end", name="Twenty")
    assert "has ended" in again.content


async def test_the_club_total_is_congratulated_once(fake, club, bot) -> None:
    await fake.slash(club.admin, "challenge create", name="Together", metric="runs", goal="3", mode="club",
                     start=START, end=END, in_channel=club.general)  # fmt: skip
    for member in (club.alice, club.bob):
        await fake.slash(member, "challenge join", name="Together")
    for member in (club.bob, club.bob, club.alice, club.bob):
        await fake.slash(member, "run log", distance="5k", time="25:00")
    await fake.wait_for_message(lambda m: "The club reached **3 runs**" in m.content, channel=club.general)
    await fake.slash(club.admin, "challenge end", name="Together")
    results = await fake.wait_for_message(lambda m: "Results: Together" in m.text(), channel=club.general)
    assert "Top contributors" in results.text() and "Goal reached" in results.text()
    assert len(posts_in(fake, club, "The club reached")) == 1


async def test_a_run_committed_just_before_a_crash_is_congratulated_after_the_restart(fake, club, bot) -> None:
    await fake.slash(club.admin, "challenge create", name="Crashy", metric="runs", goal="1", start=START, end=END,
                     in_channel=club.general)  # fmt: skip
    newcomer = fake.add_member(club.guild, "newcomer")
    await fake.slash(newcomer, "challenge join", name="Crashy")
    await bot.stop()
    # The run is in; the process died before it queued the congratulation (the runs trigger marked it owed).
    write(bot.database, [(
        "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (club.guild.id, newcomer.id, TODAY.isoformat(), 5000.0, 1500, datetime.now(UTC).isoformat()),
    )])  # fmt: skip
    owed = query(bot.database, "SELECT finished_on, congratulated FROM challenge_members WHERE user_id = ?"
                 " AND challenge_id = (SELECT id FROM challenges WHERE name = 'Crashy')", (newcomer.id,))  # fmt: skip
    assert owed == [(TODAY.isoformat(), 0)]
    await restart(fake, bot, club)
    await fake.wait_for_message(lambda m: "**Crashy**" in m.content and "reached" in m.content, channel=club.general)
    await restart(fake, bot, club)  # a second restart queues nothing more
    await fake.slash(club.admin, "challenge end", name="Crashy")
    await fake.wait_for_message(lambda m: "Results: Crashy" in m.text(), channel=club.general)
    assert len([m for m in fake.messages_in(club.general) if "**Crashy**" in m.content]) == 1


async def test_results_go_out_by_themselves_at_the_end_and_stay_fixed(fake, club, bot) -> None:
    await fake.slash(club.admin, "challenge create", name="Auto end", metric="runs", goal="50", start=START,
                     end=END, in_channel=club.general)  # fmt: skip
    await fake.slash(club.alice, "challenge join", name="Auto end")
    queued = query(bot.database, "SELECT post_key FROM scheduled_posts WHERE kind = 'challenge.results'"
                   " AND state = 'queued'")  # fmt: skip
    assert any(key.endswith(":auto") for (key,) in queued)
    # As if the end date had passed: counting stops at ends_at, and the results post is due.
    now = datetime.now(UTC)
    write(bot.database, [
        ("UPDATE challenges SET ends_at = ? WHERE name = 'Auto end'", (now.isoformat(timespec="seconds"),)),
        ("UPDATE scheduled_posts SET due_utc = ?, wake_utc = ? WHERE kind = 'challenge.results'"
         " AND post_key LIKE '%:auto' AND state = 'queued'", (int(now.timestamp()), int(now.timestamp()))),
    ])  # fmt: skip
    await restart(fake, bot, club)
    results = await fake.wait_for_message(lambda m: "Results: Auto end" in m.text(), channel=club.general)
    assert "0 of 1" in results.text()
    before = query(bot.database, "SELECT value FROM challenge_members m JOIN challenges c ON c.id = m.challenge_id"
                   " WHERE c.name = 'Auto end'")  # fmt: skip
    await fake.slash(club.alice, "run log", distance="5k", time="25:00")
    after = query(bot.database, "SELECT value FROM challenge_members m JOIN challenges c ON c.id = m.challenge_id"
                  " WHERE c.name = 'Auto end'")  # fmt: skip
    assert after == before  # results stay fixed
    late = await fake.slash(club.bob, "challenge join", name="Auto end")
    assert "has ended" in late.content
    assert len([m for m in fake.messages_in(club.general) if "Results: Auto end" in m.text()]) == 1
