"""/race through the real bot and the fake Discord: the club list grouped by day, a member's own list,
remove, the result logged as a race run, the goal race in /profile show, and every refusal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from standin import CommandUsageError
from tests.e2e.helpers import query

pytestmark = pytest.mark.asyncio(loop_scope="module")

TODAY = datetime.now(UTC).date()


def race_count(bot) -> int:
    return query(bot.database, "SELECT count(*) FROM races")[0][0]


async def test_the_club_list_groups_shared_races_by_day(fake, club, bot) -> None:
    day = TODAY + timedelta(days=20)
    first = await fake.slash(club.alice, "race add", name="Valencia Marathon", date=day.isoformat(),
                             distance="marathon", goal="3:15:00")  # fmt: skip
    assert first.ephemeral and "Added **Valencia Marathon**" in first.content and "goal 3:15:00" in first.content
    await fake.slash(club.bob, "race add", name="valencia marathon", date=day.isoformat(), distance="42.195k")
    await fake.slash(club.bob, "race add", name="Secret 10k", date=day.isoformat(), distance="10k", share=False)
    await fake.slash(club.bob, "race add", name="Far away", date=(TODAY + timedelta(days=70)).isoformat(),
                     distance="half")  # fmt: skip
    listed = await fake.slash(club.alice, "race list")
    text = listed.embed_text()
    line = f"**{day:%a %-d %b}** — Valencia Marathon, marathon: <@{club.alice.id}> (goal 3:15:00), <@{club.bob.id}>"
    assert line in text
    assert "Secret 10k" not in text and "Far away" not in text
    mine = await fake.slash(club.bob, "race list", scope="mine")
    assert "Secret 10k" in mine.embed_text() and "private" in mine.embed_text() and "Far away" in mine.embed_text()
    profile = await fake.slash(club.alice, "profile show")
    assert "Valencia Marathon" in profile.embed_text() and "in 20 days" in profile.embed_text()


async def test_remove_is_for_your_own_races(fake, club, bot) -> None:
    race_id = query(bot.database, "SELECT id FROM races WHERE name = 'Far away'")[0][0]
    other = await fake.slash(club.alice, "race remove", id=race_id)
    assert other.ephemeral and "not in your calendar" in other.content
    gone = await fake.slash(club.bob, "race remove", id=race_id)
    assert "removed" in gone.content
    assert query(bot.database, "SELECT count(*) FROM races WHERE id = ?", (race_id,)) == [(0,)]


async def test_a_result_is_logged_as_a_race_run(fake, club, bot) -> None:
    await fake.slash(club.bob, "race add", name="Parkrun", date="today", distance="5k", goal="24:00")
    await fake.slash(club.bob, "race add", name="Tomorrow 10k", date="tomorrow", distance="10k")
    early_id = query(bot.database, "SELECT id FROM races WHERE name = 'Tomorrow 10k'")[0][0]
    early = await fake.slash(club.bob, "race result", id=early_id, time="45:00")
    assert early.ephemeral and "on or after race day" in early.content
    race_id = query(bot.database, "SELECT id FROM races WHERE name = 'Parkrun'")[0][0]
    reply = await fake.slash(club.bob, "race result", id=race_id, time="23:10")
    assert "5.00 km" in reply.embed_text() and "23:10" in reply.embed_text() and "race" in reply.embed_text()
    run = query(bot.database, "SELECT run_type, run_date, duration_s FROM runs r JOIN races c ON c.result_run_id = r.id"
                " WHERE c.id = ?", (race_id,))  # fmt: skip
    assert run == [("race", TODAY.isoformat(), 1390)]
    listed = await fake.slash(club.alice, "race list")
    assert f"<@{club.bob.id}> (23:10 ✅)" in listed.embed_text()
    again = await fake.slash(club.bob, "race result", id=race_id, time="23:00")
    assert "already has its result" in again.content


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"date": "2020-05-01"}, "is in the past"),
        ({"date": "whenever"}, "Couldn't read the date `whenever`"),
        ({"date": f"{TODAY.year + 3}-01-01"}, "more than two years ahead"),
        ({"distance": "far"}, "Couldn't read the distance `far`"),
        ({"goal": "soon"}, "Couldn't read the time `soon`"),
        ({"distance": "5k", "goal": "5:00"}, "pace"),
    ],
)
async def test_bad_input_is_refused_naming_the_option(fake, club, bot, options, expected) -> None:
    before = race_count(bot)
    values = {"name": "Bad race", "date": (TODAY + timedelta(days=9)).isoformat(), "distance": "10k", **options}
    reply = await fake.slash(club.alice, "race add", **values)
    assert reply.ephemeral and expected in reply.content, reply.content
    assert race_count(bot) == before


async def test_discord_stops_a_101_character_name_while_typing(fake, club, bot) -> None:
    """The 100-character limit is declared on the option, so Discord refuses the 101st character."""
    before = race_count(bot)
    values = {"name": "n" * 101, "date": (TODAY + timedelta(days=9)).isoformat(), "distance": "10k"}
    with pytest.raises(CommandUsageError, match="length"):
        await fake.slash(club.alice, "race add", **values)
    assert race_count(bot) == before


async def test_a_bad_result_time_writes_nothing(fake, club, bot) -> None:
    await fake.slash(club.alice, "race add", name="Today 10k", date="today", distance="10k")
    race_id = query(bot.database, "SELECT id FROM races WHERE name = 'Today 10k'")[0][0]
    runs = query(bot.database, "SELECT count(*) FROM runs")[0][0]
    reply = await fake.slash(club.alice, "race result", id=race_id, time="later")
    assert reply.ephemeral and "Couldn't read the time `later`" in reply.content
    missing = await fake.slash(club.alice, "race result", id=999999, time="40:00")
    assert "not in your calendar" in missing.content
    assert query(bot.database, "SELECT count(*) FROM runs")[0][0] == runs
