"""/run log, history, edit, delete through the real bot and the fake Discord."""

from __future__ import annotations

import pytest

from standin.options import CommandUsageError
from tests.e2e.helpers import count_runs, query

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_log_a_run_replies_with_pace_and_stores_it(fake, club, bot) -> None:
    reply = await fake.slash(club.alice, "run log", distance="10k", time="52:30", date="2026-11-01")
    assert reply.ephemeral
    text = reply.embed_text()
    assert "10.00 km" in text and "52:30" in text and "5:15 /km" in text
    rows = query(bot.database, "SELECT guild_id, distance_m, duration_s, run_date FROM runs WHERE user_id = ?",
                 (club.alice.id,))  # fmt: skip
    assert rows == [(club.guild.id, 10000.0, 3150, "2026-11-01")]


async def test_public_log_goes_to_the_channel_without_pings(fake, club, bot) -> None:
    reply = await fake.slash(
        club.bob, "run log", distance="5k", time="25:00", notes="great run with @everyone and <@1234>", public=True
    )
    assert not reply.ephemeral
    assert "@everyone" in reply.embed_text()
    assert reply.allowed_mentions is not None and reply.allowed_mentions.get("parse") == []


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"distance": "ten", "time": "50:00"}, "Couldn't read the distance `ten`"),
        ({"distance": "10k", "time": "soon"}, "time"),
        ({"distance": "10k", "time": "1m"}, "pace of 0:06 /km"),
        ({"distance": "10k", "time": "50:00", "date": "2999-01-01"}, "future"),
        ({"distance": "900k", "time": "90:00:00"}, "distance"),
        ({"distance": "10k", "time": "50:00", "notes": "\u200b\u200b"}, "The notes have no visible characters"),
        ({"distance": "10k", "time": "50:00", "pain": "\u200b"}, "The pain has no visible characters"),
        ({"distance": "10k", "time": "50:00", "shoe": "Ghost"}, "/shoes add"),
    ],
)
async def test_bad_input_gets_a_friendly_error_and_nothing_is_stored(fake, club, bot, options, expected) -> None:
    before = count_runs(bot.database, club.bob.id)
    reply = await fake.slash(club.bob, "run log", **options)
    assert reply.ephemeral
    assert expected in reply.content
    assert "Traceback" not in reply.content
    assert count_runs(bot.database, club.bob.id) == before


async def test_units_from_the_profile_apply_to_bare_numbers(fake, club, bot) -> None:
    member = fake.add_member(club.guild, "miler")
    await fake.slash(member, "profile set", units="mi")
    reply = await fake.slash(member, "run log", distance="3", time="27:00")
    assert "3.00 mi" in reply.embed_text() and "9:00 /mi" in reply.embed_text()
    assert query(bot.database, "SELECT round(distance_m) FROM runs WHERE user_id = ?", (member.id,)) == [(4828.0,)]


async def test_history_pages_with_buttons_only_the_owner_can_use(fake, club, bot) -> None:
    member = fake.add_member(club.guild, "pager")
    for day in range(1, 13):
        await fake.slash(member, "run log", distance=f"{day}k", time=f"{day * 6}:00", date=f"2026-10-{day:02d}")
    page1 = await fake.slash(member, "run history")
    assert page1.ephemeral
    assert "Page 1/2" in page1.embed_text() and "12.00 km" in page1.embed_text()
    assert "2026-10-02" not in page1.embed_text()  # the 11th and 12th oldest are on page 2
    page2 = await fake.click(member, page1, "Next")
    assert "Page 2/2" in page2.embed_text() and "2026-10-01" in page2.embed_text()
    back = await fake.click(member, page2, "Prev")
    assert "Page 1/2" in back.embed_text()


async def test_someone_else_cannot_press_my_buttons(fake, club, bot) -> None:
    owner, other = fake.add_member(club.guild, "owner"), fake.add_member(club.guild, "nosy")
    for day in range(1, 12):
        await fake.slash(owner, "run log", distance="8k", time="40:00", date=f"2026-09-{day:02d}")
    page = await fake.slash(owner, "run history")
    assert page.ephemeral and "Page 1/2" in page.embed_text()
    with pytest.raises(CommandUsageError):  # Discord shows nobody else an ephemeral reply...
        await fake.click(other, page, "Next")
    refused = await fake.click(other, page, "Next", forged=True)  # ...and the view checks who pressed anyway
    assert refused.ephemeral
    assert "belong to someone else" in refused.content
    assert "Page" not in refused.embed_text()  # no page of the owner's runs was shown to the other member
    mine = await fake.click(owner, page, "Next")  # the view still works for its owner
    assert "Page 2/2" in mine.embed_text()


async def test_edit_and_delete_only_own_runs(fake, club, bot) -> None:
    member = fake.add_member(club.guild, "editor")
    await fake.slash(member, "run log", distance="5k", time="30:00", date="2026-11-02")
    (run_id,) = query(bot.database, "SELECT id FROM runs WHERE user_id = ?", (member.id,))[0]

    edited = await fake.slash(member, "run edit", id=run_id, time="25:00", notes="faster than I thought")
    assert "25:00" in edited.embed_text() and "5:00 /km" in edited.embed_text()
    assert query(bot.database, "SELECT duration_s, notes FROM runs WHERE id = ?", (run_id,)) == [
        (1500, "faster than I thought")
    ]

    bad = await fake.slash(member, "run edit", id=run_id, distance="20k")
    assert "pace" in bad.content
    assert query(bot.database, "SELECT distance_m FROM runs WHERE id = ?", (run_id,)) == [(5000.0,)]

    # Someone else's run does not exist for bob.
    for command, extra in (("run edit", {"time": "20:00"}), ("run delete", {})):
        reply = await fake.slash(club.bob, command, id=run_id, **extra)
        assert reply.ephemeral and "not found" in reply.content
    assert query(bot.database, "SELECT duration_s FROM runs WHERE id = ?", (run_id,)) == [(1500,)]

    prompt = await fake.slash(member, "run delete", id=run_id)
    assert "Delete this run?" in prompt.content
    cancelled = await fake.click(member, prompt, "Cancel")
    assert "nothing was changed" in cancelled.content
    assert count_runs(bot.database, member.id) == 1

    prompt = await fake.slash(member, "run delete", id=run_id)
    done = await fake.click(member, prompt, "Delete")
    assert f"Run #{run_id} deleted" in done.content
    assert count_runs(bot.database, member.id) == 0
