"""PostgreSQL shared by several processes: the bot keeps profiles and "who has a notice" in memory, and
still sees what another process wrote to a member's row (here the test plays that other process)."""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.helpers import query, write
from tests.postgres import on_postgres

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.skipif(not on_postgres(), reason="a shared database: PostgreSQL (SQLite has one process)"),
]


async def test_a_profile_changed_by_another_process_is_what_the_next_command_uses(fake, club, bot) -> None:
    member = fake.add_member(club.guild, "sharer")
    await fake.slash(member, "run log", distance="5k", time="25:00")
    shown = await fake.slash(member, "run history")
    assert "5.00 km" in shown.embed_text()  # the profile (km) is now held in memory
    key = (club.guild.id, member.id)
    write(bot.database, [("UPDATE members SET units = 'mi' WHERE guild_id = ? AND user_id = ?", key)])
    texts = []
    for _ in range(20):  # heard within milliseconds; a few tries leave room for a busy machine
        texts.append((await fake.slash(member, "run history")).embed_text())
        if "3.11 mi" in texts[-1]:
            break
    assert "3.11 mi" in texts[-1], texts


async def test_a_notice_left_by_another_process_is_shown_once(fake, club, bot) -> None:
    member = fake.add_member(club.guild, "away")
    await fake.slash(member, "run log", distance="5k", time="25:00")
    notice = "Your stretch reminder #9 is paused: Stride could not DM you. `/remind resume id: 9` restarts it."
    key = (club.guild.id, member.id)
    write(bot.database, [("UPDATE members SET notice = ? WHERE guild_id = ? AND user_id = ?", (notice, *key))])
    shown = []
    for _ in range(20):
        reply = await fake.slash(member, "help")
        await asyncio.sleep(0.1)  # the notice follows the reply
        shown += [f.content for f in fake.followups(reply) if "paused" in f.content]
        if shown:
            break
    assert shown == [notice]
    later = await fake.slash(member, "help")
    await asyncio.sleep(0.3)
    assert [f.content for f in fake.followups(later) if "paused" in f.content] == []
    assert query(bot.database, "SELECT notice FROM members WHERE user_id = ?", (member.id,)) == [(None,)]
