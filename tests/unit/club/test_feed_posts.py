"""The feed's posts, queued in the transaction of the run they show: only for members in the feed, never more
than five a member a day even when runs are logged at once, gone with the run when its transaction fails,
and rendered fresh when sent; on the engine the suite runs on."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.club import posts
from bot.club.services import digest as club_digest
from bot.club.services import feed
from bot.db.members import get_profile
from bot.db.store import Store
from bot.importing import read_upload
from bot.reminders.messages import Outgoing
from bot.reminders.outbox import Post
from bot.running.services import imports, runs
from bot.running.services.profile import forget_data, set_profile
from bot.running.services.runs import RunForm
from tests.unit.importing.samples import strava_archive

GUILD, ADMIN, ANA, BEN = 1, 10, 42, 43
FEED_CHANNEL = 777
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


async def count(db: Store, sql: str, params: tuple[object, ...] = ()) -> int:
    row = await db.fetchone(sql, params)
    assert row is not None
    return int(row[0])


async def queued(db: Store, user: int) -> list[dict[str, Any]]:
    rows = await db.fetchall(
        "SELECT payload FROM scheduled_posts WHERE kind = ? AND guild_id = ? ORDER BY id", (posts.FEED, GUILD)
    )
    return [p for p in (json.loads(row[0]) for row in rows) if p["user_id"] == user]


async def with_feed(db: Store, *members: int) -> None:
    await club_digest.set_feed(db, GUILD, ADMIN, FEED_CHANNEL)
    for member in members:
        await set_profile(db, GUILD, member, NOW, feed=True)


async def render(db: Store, payload: dict[str, Any]) -> list[Outgoing]:
    post = Post(1, GUILD, posts.FEED, f"{payload['run_id']}:", NOW, payload)
    return (await posts.FeedRun().render(db, post)).messages


async def test_a_members_run_is_queued_with_it_and_shows_no_health_notes(db: Store) -> None:
    await with_feed(db, ANA)
    assert (await get_profile(db, GUILD, ANA)).feed and not (await get_profile(db, GUILD, BEN)).feed
    logged = await runs.log_run(db, GUILD, ANA, RunForm("12k", "60:00", run_type="long", pain="knee", notes="x"), NOW)
    await runs.log_run(db, GUILD, BEN, RunForm("5k", "25:00"), NOW)  # not in the feed: nothing queued
    [payload] = await queued(db, ANA)
    assert payload == {"user_id": ANA, "run_id": logged.run.id, "distance_m": 12000.0, "duration_s": 3600,
                       "run_type": "long", "title": None, "runs": 1}  # fmt: skip
    assert await queued(db, BEN) == []
    [message] = await render(db, payload)
    text = f"{message.title} {message.body}"
    assert "12.00 km" in text and "knee" not in text and message.channel_id == FEED_CHANNEL
    assert [b.label for b in message.buttons] == ["👏 Kudos"]


async def test_nothing_is_sent_once_the_feed_is_off_the_member_left_it_or_forgot_everything(db: Store) -> None:
    await with_feed(db, ANA, BEN)
    for member in (ANA, BEN):
        await runs.log_run(db, GUILD, member, RunForm("5k", "25:00"), NOW)
    [ana], [ben] = await queued(db, ANA), await queued(db, BEN)
    await set_profile(db, GUILD, ANA, NOW, feed=False)
    assert await render(db, ana) == [] and len(await render(db, ben)) == 1
    await forget_data(db, GUILD, BEN)
    assert await render(db, ben) == []
    await set_profile(db, GUILD, ANA, NOW, feed=True)
    await club_digest.set_feed(db, GUILD, ADMIN, None)
    assert await render(db, ana) == []


async def test_the_post_and_the_run_commit_together(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    await with_feed(db, ANA)

    async def broken(*args: object, **kwargs: object) -> bool:
        raise RuntimeError("the outbox is unwell")

    monkeypatch.setattr(feed, "queue_post", broken)
    with pytest.raises(RuntimeError):
        await runs.log_run(db, GUILD, ANA, RunForm("5k", "25:00"), NOW)
    assert await count(db, "SELECT count(*) FROM runs") == 0
    assert await count(db, "SELECT count(*) FROM feed_posts") == 0
    assert await count(db, "SELECT count(*) FROM member_totals") == 0


async def test_runs_logged_at_once_never_make_a_sixth_post_in_a_day(db: Store) -> None:
    await with_feed(db, ANA)
    for _ in range(3):
        await runs.log_run(db, GUILD, ANA, RunForm("3k", "15:00"), NOW)
    await asyncio.gather(*(runs.log_run(db, GUILD, ANA, RunForm("3k", "15:00"), NOW) for _ in range(5)))
    assert await count(db, "SELECT count(*) FROM runs WHERE user_id = ?", (ANA,)) == 8
    assert await count(db, "SELECT count(*) FROM feed_posts WHERE user_id = ?", (ANA,)) == 5
    assert len(await queued(db, ANA)) == 5
    tomorrow = datetime(2026, 12, 8, 12, tzinfo=UTC)
    await runs.log_run(db, GUILD, ANA, RunForm("3k", "15:00"), tomorrow)  # a new day (hers: UTC)
    assert len(await queued(db, ANA)) == 6


async def test_an_archive_import_queues_one_summary(db: Store) -> None:
    await with_feed(db, ANA)
    plan = await imports.plan_import(db, GUILD, ANA, "export.zip", read_upload("export.zip", strava_archive()))
    result = await imports.commit_import(db, GUILD, ANA, plan, NOW)
    assert result.imported == 2
    [payload] = await queued(db, ANA)
    assert result.first_run is not None and payload["run_id"] == result.first_run.id and payload["runs"] == 2
    assert await count(db, "SELECT count(*) FROM feed_posts") == 1
