"""What members type and others see, and what Discord lets them type: masked links in notes, pain, shoe
names, reminder messages and a server's tips show as typed (never as a link to somewhere else); every
integer option is bounded, so an out-of-range number is refused while typing instead of an apology."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from standin import CommandUsageError, FakeDiscord
from standin.client import Reply
from tests.e2e.helpers import new_store, write
from tests.fakediscord.bots import start_bot
from tests.fakediscord.fixtures import Club

pytestmark = pytest.mark.asyncio(loop_scope="module")

LINK = "[click me](https://evil.example/x)"
SHOWN = r"\[click me\](https://evil.example/x)"  # Discord shows "[click me](https://evil.example/x)"
# A masked link Discord would render: an opening bracket not escaped by an odd run of backslashes.
MASKED = re.compile(r"(?<!\\)(?:\\\\)*\[[^\]]*\]\(")
INTEGER, NUMBER, SUB_COMMAND, GROUP = 4, 10, 1, 2


def options_of(schema: dict, path: str = "") -> list[tuple[str, dict]]:
    found = []
    for option in schema.get("options") or []:
        if option["type"] in (SUB_COMMAND, GROUP):
            found += options_of(option, f"{path} {option['name']}")
        else:
            found.append((f"{path} {option['name']}".strip(), option))
    return found


def everything(reply: Reply) -> str:
    return reply.content + "\n" + reply.embed_text()


async def test_every_integer_option_is_bounded(fake: FakeDiscord, club: Club, bot) -> None:
    numbers = [
        (f"/{command['name']} {path}", option)
        for command in fake.commands(club.guild)
        for path, option in options_of(command)
        if option["type"] in (INTEGER, NUMBER)
    ]
    assert len(numbers) >= 10, numbers
    for where, option in numbers:
        assert option.get("min_value") is not None and option.get("max_value") is not None, where
        assert -(2**53) < option["min_value"] <= option["max_value"] < 2**53, where


async def test_a_huge_page_is_refused_while_typing_and_the_largest_is_answered(
    fake: FakeDiscord, club: Club, bot
) -> None:
    with pytest.raises(CommandUsageError, match="outside"):
        await fake.slash(club.bob, "run history", page=9223372036854775808)
    for page in (10_000, 1):
        reply = await fake.slash(club.bob, "run history", page=page)
        assert reply.ephemeral and not reply.content.startswith("Sorry"), reply.content
        assert "Your runs" in reply.embed_text()
    admin_page = await fake.slash(club.admin, "tips list", page=10_000)
    assert not admin_page.content.startswith("Sorry"), admin_page.content


async def test_links_in_a_public_run_show_as_typed(fake: FakeDiscord, club: Club, bot) -> None:
    shoe = "[Pegasus](https://evil.example/shoe)"
    added = await fake.slash(club.alice, "shoes add", name=shoe)
    assert not MASKED.search(everything(added)), everything(added)
    public = await fake.slash(
        club.alice, "run log", distance="5k", time="25:00", notes=LINK, pain=LINK, shoe=shoe, public=True
    )
    assert not public.ephemeral
    text = everything(public)
    assert SHOWN in text and r"\[Pegasus\](https://evil.example/shoe)" in text, text
    assert not MASKED.search(text), text
    private = await fake.wait_until(
        lambda: [r for r in fake.followups(public) if r.ephemeral], what="the pain, to Alice alone"
    )
    assert SHOWN in everything(private[0]) and not MASKED.search(everything(private[0]))
    mine = await fake.slash(club.alice, "run log", distance="5k", time="26:00", notes=LINK, pain=LINK)
    assert SHOWN in mine.embed_text() and not MASKED.search(everything(mine))


async def test_links_in_a_servers_tip_show_as_typed(fake: FakeDiscord, club: Club, bot) -> None:
    added = await fake.slash(
        club.admin,
        "tips add",
        topic="hills",
        title="Hill sprints for power",
        body=f"Eight short sprints up a steep hill, walk down. {LINK}",
        source="[British Athletics](https://evil.example/src)",
        tags="hill, sprints",
    )
    assert not MASKED.search(everything(added)), everything(added)
    answer = await fake.slash(club.bob, "advice", topic="hills", public=True)
    text = everything(answer)
    assert "Hill sprints for power" in text and SHOWN in text, text
    assert r"\[British Athletics\](https://evil.example/src)" in text and not MASKED.search(text), text


async def test_a_reminder_message_in_a_channel_shows_links_as_typed(
    fake: FakeDiscord, club: Club, bot, tmp_path: Path
) -> None:
    await bot.stop()  # the last test: it needs a bot on a database seeded before it starts
    member = fake.add_member(club.guild, "linker")
    store = await new_store(tmp_path)
    due = int((datetime.now(UTC) + timedelta(seconds=3)).timestamp())
    at = datetime.fromtimestamp(due, UTC).strftime("%H:%M")
    write(
        store.locator,
        [
            (
                "INSERT INTO reminders (guild_id, user_id, kind, at_time, days_mask, timezone, target, channel_id,"
                " message, next_fire_utc, due_utc, created_at) VALUES (?, ?, 'custom', ?, 127, 'UTC', 'channel', ?,"
                " ?, ?, ?, 'seed')",
                (club.guild.id, member.id, at, club.general.id, f"stretch! {LINK}", due, due),
            )
        ],
    )
    seeded = await start_bot(fake, guild=club.guild, workdir=tmp_path, env=store.env)
    try:
        posted = await fake.wait_for_message(lambda r: "⏰ Reminder" in r.content, channel=club.general, timeout=20)
        assert "⏰ Reminder" in posted.content and SHOWN in posted.content, posted.content
        assert not MASKED.search(posted.content), posted.content
        listed = await fake.slash(member, "remind list", guild=club.guild)
        assert SHOWN in everything(listed) and not MASKED.search(everything(listed))
    finally:
        assert await seeded.stop(timeout=10) == 0
