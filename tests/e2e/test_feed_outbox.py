"""The feed's posts go through the outbox, queued with the run itself: a bot killed (SIGKILL) after a run is in
but before its post went out sends that post once after the restart; an archive import posts one summary.
A bot of this module's own (a short claim lease, so PostgreSQL takes a dead process's claim over quickly)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from standin import BotProcess, FakeDiscord
from standin.client import Reply
from tests.e2e.helpers import newcomer, query
from tests.fakediscord.bots import start_bot
from tests.fakediscord.fixtures import Club
from tests.unit.importing.samples import strava_archive

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def feedbot(fake: FakeDiscord, club: Club, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[BotProcess]:
    bot = await start_bot(fake, guild=club.guild, workdir=tmp_path_factory.mktemp("feed"),
                          env={"REMINDER_LEASE_SECONDS": "6"})  # fmt: skip
    await fake.slash(club.admin, "server feed set", channel=club.runs)
    yield bot
    await bot.stop()


def feed_posts(fake: FakeDiscord, club: Club, member: Any) -> list[Reply]:
    return [m for m in fake.messages_in(club.runs) if f"<@{member.id}>" in m.text()]


def post_states(bot: BotProcess) -> list[tuple[str, ...]]:
    return query(bot.database, "SELECT state FROM scheduled_posts WHERE kind = 'feed.run' ORDER BY id")


async def restart(fake: FakeDiscord, bot: BotProcess, club: Club) -> None:
    bot._identifies_before = fake.identify_count
    await bot.spawn()
    await bot.wait_ready(club.guild, timeout=20)


async def test_a_run_logged_just_before_a_kill_is_posted_once_after_the_restart(fake, club, feedbot) -> None:
    runner = newcomer(fake, club, "killed")
    await fake.slash(runner, "profile set", feed="on")
    sending = fake.hold("POST", rf"/channels/{club.runs.id}/messages")
    try:
        reply = await fake.slash(runner, "run log", distance="10k", time="50:00", pain="sore calf", notes="secret")
        assert "10.00 km" in reply.embed_text()
        await fake.wait_until(lambda: sending.held >= 1, timeout=15, what="the feed post on its way to Discord")
        assert feedbot.proc is not None
        feedbot.proc.kill()  # SIGKILL: no clean stop, the post stays claimed
        await feedbot.proc.wait()
    finally:
        sending.release(fail=503)  # what was on its way never arrived
    assert feed_posts(fake, club, runner) == []
    assert post_states(feedbot) == [("queued",)]  # queued with the run, which is in
    assert query(feedbot.database, "SELECT count(*) FROM runs WHERE user_id = ?", (runner.id,)) == [(1,)]

    await restart(fake, feedbot, club)
    post = await fake.wait_for_message(lambda m: f"<@{runner.id}>" in m.text(), channel=club.runs, timeout=30)
    assert "10.00 km" in post.text() and "5:00 /km" in post.text()
    assert "calf" not in post.text() and "secret" not in post.text()
    assert post.button_labels() == ["👏 Kudos"] and post.allowed_mentions == {"parse": []}
    await fake.wait_until(lambda: post_states(feedbot) == [("sent",)], timeout=15, what="the post settled")
    stored = query(feedbot.database, "SELECT message_id FROM feed_posts WHERE user_id = ?", (runner.id,))
    assert stored == [(post.id,)]
    await feedbot.stop()
    await restart(fake, feedbot, club)  # a further restart sends nothing more
    given = await fake.click(club.bob, post, "👏 Kudos")
    assert given.button_labels() == ["👏 Kudos (1)"]
    assert len(feed_posts(fake, club, runner)) == 1 and fake.nonce_repeats == 0


async def test_an_archive_import_posts_one_summary(fake, club, feedbot) -> None:
    runner = newcomer(fake, club, "archivist")
    await fake.slash(runner, "profile set", feed="on")
    first = await fake.slash(runner, "run import", file=fake.attachment("export_1.zip", strava_archive()))
    preview = await fake.wait_until(lambda: (m := fake.message(first.id)).embeds and m, timeout=30, what="preview")
    done = await fake.click(runner, preview, "Import")
    assert "Imported:** 2 runs" in done.embed_text()
    post = await fake.wait_for_message(lambda m: f"<@{runner.id}>" in m.text(), channel=club.runs, timeout=15)
    assert "imported **2 runs**" in post.text() and "21.09 km" in post.text()
    await fake.wait_until(lambda: ("queued",) not in post_states(feedbot), timeout=15, what="every feed post settled")
    assert len(feed_posts(fake, club, runner)) == 1
    assert query(feedbot.database, "SELECT runs FROM feed_posts WHERE user_id = ?", (runner.id,)) == [(2,)]
