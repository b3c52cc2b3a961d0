"""The weekly digest on a seeded club week, the feed (privacy, the daily limit, kudos), and /me export and
/me forget over everything club life stores, through the real bot and the fake Discord."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from standin.options import CommandUsageError
from standin.state import SEND_MESSAGES
from tests.e2e.helpers import query, write

pytestmark = pytest.mark.asyncio(loop_scope="module")

TODAY = datetime.now(UTC).date()
MONDAY = TODAY - timedelta(days=TODAY.weekday())
LAST_MONDAY = MONDAY - timedelta(days=7)


async def restart(fake, bot, club) -> None:
    await bot.stop()
    bot._identifies_before = fake.identify_count
    await bot.spawn()
    await bot.wait_ready(club.guild, timeout=20)


async def test_the_digest_tells_last_weeks_story(fake, club, bot) -> None:
    shy = fake.add_member(club.guild, "shy")
    await fake.slash(shy, "profile set", leaderboard="off")
    for member, km, day in ((club.alice, 10, LAST_MONDAY), (club.alice, 21.1, LAST_MONDAY + timedelta(days=2)),
                            (club.bob, 5, LAST_MONDAY + timedelta(days=6)), (shy, 5, LAST_MONDAY + timedelta(days=1)),
                            (club.bob, 8, LAST_MONDAY - timedelta(days=3))):  # fmt: skip
        await fake.slash(member, "run log", distance=f"{km}k", time=f"{round(km * 5)}:00", date=day.isoformat())
    await fake.slash(club.admin, "challenge create", name="Digest 100k", metric="distance", goal="100k",
                     start=LAST_MONDAY.isoformat(), end=(TODAY + timedelta(days=20)).isoformat(),
                     in_channel=club.general)  # fmt: skip
    for member in (club.alice, club.bob):
        await fake.slash(member, "challenge join", name="Digest 100k")
    await fake.slash(club.bob, "event create", title="Digest group run", when="tomorrow 07:00", in_channel=club.general)
    await fake.slash(club.alice, "race add", name="Digest 10k", date=(TODAY + timedelta(days=3)).isoformat(),
                     distance="10k", goal="45:00")  # fmt: skip

    reply = await fake.slash(club.admin, "server digest set", channel=club.runs)
    assert reply.ephemeral and "every Monday at 09:00 (UTC)" in reply.content
    queued = query(bot.database, "SELECT count(*) FROM scheduled_posts WHERE kind = 'digest' AND state = 'queued'")
    assert queued == [(1,)]
    # Make it due now (as if queued a week ago) and let a restarted bot find it.
    now = int(datetime.now(UTC).timestamp())
    write(bot.database, [("UPDATE scheduled_posts SET due_utc = ?, wake_utc = ?, post_key = ? WHERE kind = 'digest'",
                          (now, now, f"w{now}"))])  # fmt: skip
    await restart(fake, bot, club)
    digest = await fake.wait_for_message(lambda m: "The club's week" in m.text(), channel=club.runs, timeout=15)
    text = digest.text()
    assert f"{LAST_MONDAY:%-d %b}" in text
    assert "**4** runs" in text and "41.10 km" in text and "**3** members ran" in text
    assert "(+300% vs the week before)" in text  # one run the week before
    assert f"<@{club.alice.id}> — Half marathon" in text and f"<@{shy.id}>" not in text  # shy keeps off boards
    assert "Digest 100k" in text and "🥇" in text
    assert "Digest group run" in text and "Digest 10k" in text
    assert digest.allowed_mentions == {"parse": []}

    def queued_digests() -> list[tuple]:
        return query(bot.database, "SELECT due_utc FROM scheduled_posts WHERE kind = 'digest' AND state = 'queued'")

    await fake.wait_until(lambda: all(due > now for (due,) in queued_digests()), what="the digest settled")
    following = queued_digests()
    assert len(following) == 1 and following[0][0] > now + 86400  # next week's is queued once
    off = await fake.slash(club.admin, "server digest off")
    assert "is off" in off.content
    assert query(bot.database, "SELECT count(*) FROM scheduled_posts WHERE kind = 'digest' AND state = 'queued'") == [
        (0,)
    ]


async def test_digest_and_feed_settings_refuse_bad_input(fake, club, bot) -> None:
    closed = fake.add_channel(club.guild, "closed-digest")
    await fake.dispatch("CHANNEL_CREATE", closed.payload())
    await fake.deny(closed, fake.bot, SEND_MESSAGES)
    bad_time = await fake.slash(club.admin, "server digest set", channel=club.runs, time="25:99")
    assert bad_time.ephemeral and "Couldn't read the time `25:99`" in bad_time.content
    for command in ("server digest set", "server feed set"):
        reply = await fake.slash(club.admin, command, channel=closed)
        assert "can't post in" in reply.content
    with pytest.raises(CommandUsageError):  # hidden from members; refused in code if a server shows it
        await fake.slash(club.alice, "server feed set", channel=club.runs)
    assert query(bot.database, "SELECT count(*) FROM club_settings WHERE feed_channel_id IS NOT NULL") == [(0,)]


async def test_the_feed_shows_runs_without_health_notes_and_takes_kudos(fake, club, bot) -> None:
    await fake.slash(club.admin, "server feed set", channel=club.runs)
    runner = fake.add_member(club.guild, "feeder")
    await fake.slash(runner, "run log", distance="5k", time="25:00")  # not opted in yet: not in the feed
    await fake.slash(runner, "profile set", feed="on")
    await fake.slash(runner, "run log", distance="12k", time="60:00", type="long", pain="left knee ache",
                     notes="secret notes")  # fmt: skip
    post = await fake.wait_for_message(lambda m: f"<@{runner.id}>" in m.text(), channel=club.runs)
    assert "12.00 km" in post.text() and "5:00 /km" in post.text() and "long" in post.text()
    assert "knee" not in post.text() and "secret" not in post.text()
    assert post.button_labels() == ["👏 Kudos"] and post.allowed_mentions == {"parse": []}
    own = await fake.click(runner, post, "👏 Kudos")
    assert own.ephemeral and "your own run" in own.content
    given = await fake.click(club.bob, post, "👏 Kudos")
    assert given.button_labels() == ["👏 Kudos (1)"]
    again = await fake.click(club.bob, given, "👏 Kudos (1)")
    assert again.ephemeral and "already" in again.content
    shown = await fake.slash(runner, "profile show")
    assert "👏 1" in shown.embed_text() and "Feed\non" in shown.embed_text()
    for _ in range(6):
        await fake.slash(runner, "run log", distance="3k", time="15:00")
    await fake.wait_until(lambda: len([m for m in fake.messages_in(club.runs) if f"<@{runner.id}>" in m.text()]) >= 5)
    await fake.slash(runner, "run log", distance="3k", time="15:00")
    posts = [m for m in fake.messages_in(club.runs) if f"<@{runner.id}>" in m.text()]
    assert len(posts) == 5  # at most 5 a member a day


async def test_export_and_forget_cover_club_life(fake, club, bot) -> None:
    member = fake.add_member(club.guild, "clubber")
    await fake.slash(member, "profile set", feed="on")
    await fake.slash(member, "challenge join", name="Digest 100k")
    await fake.slash(member, "run log", distance="7k", time="35:00")
    event_id = query(bot.database, "SELECT id FROM events WHERE title = 'Digest group run'")[0][0]
    card = [m for m in fake.messages_in(club.general) if "Digest group run" in m.embed_text()][-1]
    await fake.click(member, card, "Going")
    await fake.slash(member, "race add", name="Clubber 5k", date="tomorrow", distance="5k")
    feed_post = await fake.wait_for_message(lambda m: f"<@{member.id}>" in m.text(), channel=club.runs)
    await fake.click(club.alice, feed_post, "👏 Kudos")
    exported = await fake.slash(member, "me export")
    data = json.loads(exported.files["stride-data.json"])
    assert data["challenge_members"][0]["value"] == 7000
    assert [r["answer"] for r in data["event_rsvps"]] == ["going"]
    assert data["races"][0]["name"] == "Clubber 5k" and len(data["kudos_received"]) == 1
    count_before = query(bot.database, "SELECT participants FROM challenges WHERE name = 'Digest 100k'")[0][0]
    prompt = await fake.slash(member, "me forget")
    await fake.click(member, prompt, "Erase everything")
    for table in ("challenge_members", "event_rsvps", "races", "feed_members", "feed_posts"):
        assert query(bot.database, f"SELECT count(*) FROM {table} WHERE user_id = ?", (member.id,)) == [(0,)], table
    assert query(bot.database, "SELECT count(*) FROM kudos WHERE owner_id = ?", (member.id,)) == [(0,)]
    after = query(bot.database, "SELECT participants FROM challenges WHERE name = 'Digest 100k'")[0][0]
    assert after == count_before - 1
    assert query(bot.database, "SELECT going FROM events WHERE id = ?", (event_id,)) == [(0,)]
