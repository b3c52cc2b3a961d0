"""A server may let every member use the manager commands (Server Settings > Integrations overrides their
default permissions): the bot itself refuses a member without Manage Server, with a friendly ephemeral
message, and stores nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from standin.options import CommandUsageError
from tests.e2e.helpers import query

pytestmark = pytest.mark.asyncio(loop_scope="module")

TODAY = datetime.now(UTC).date()
MANAGERS_ONLY = "server managers"


def stored(bot) -> dict[str, list[tuple]]:
    """Everything a manager command could have written."""
    return {
        "club_settings": query(bot.database, "SELECT * FROM club_settings"),
        "server_reminders": query(bot.database, "SELECT * FROM server_reminders"),
        "challenges": query(bot.database, "SELECT id FROM challenges"),
        "scheduled_posts": query(bot.database, "SELECT kind, post_key FROM scheduled_posts"),
        "tips": query(bot.database, "SELECT id FROM tips WHERE guild_id IS NOT NULL"),
        "audit": query(bot.database, "SELECT action FROM tip_audit"),
    }


async def test_members_reach_manager_commands_only_where_the_server_opens_them(fake, club, bot) -> None:
    with pytest.raises(CommandUsageError):  # Discord's default: hidden from members
        await fake.slash(club.alice, "server digest set", channel=club.runs)
    fake.open_command(club.guild, "server")
    fake.open_command(club.guild, "tips")
    reply = await fake.slash(club.alice, "server feed off")
    assert reply.ephemeral and MANAGERS_ONLY in reply.content


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("server digest set", {"channel": "runs", "day": "friday", "time": "18:00"}),
        ("server digest off", {}),
        ("server feed set", {"channel": "runs"}),
        ("server feed off", {}),
        ("server reminders set", {"channel": "runs", "time": "18:00", "timezone": "Europe/Berlin"}),
        ("tips add", {"topic": "back", "title": "Members' tip", "body": "Stretch."}),
        (
            "challenge create",
            {
                "name": "Sneaky 100k",
                "metric": "distance",
                "goal": "100k",
                "start": "today",
                "end": (TODAY + timedelta(days=20)).isoformat(),
                "channel": "runs",
            },
        ),
        ("challenge end", {"name": "Club 50k"}),
        ("challenge delete", {"name": "Club 50k"}),
    ],
)
async def test_a_member_who_reaches_a_manager_command_is_refused_in_code(fake, club, bot, command, options) -> None:
    fake.open_command(club.guild, "server")
    fake.open_command(club.guild, "tips")
    if not query(bot.database, "SELECT id FROM challenges WHERE name = 'Club 50k'"):
        made = await fake.slash(club.admin, "challenge create", name="Club 50k", metric="distance", goal="50k",
                                start="today", end=(TODAY + timedelta(days=10)).isoformat(),
                                in_channel=club.general)  # fmt: skip
        assert "is on" in made.content
    before = stored(bot)
    posts_before = len(fake.messages_in(club.runs)) + len(fake.messages_in(club.general))
    values = {name: club.guild.channel(value) if name == "channel" else value for name, value in options.items()}
    reply = await fake.slash(club.alice, command, options=values)
    assert reply.ephemeral and MANAGERS_ONLY in reply.content and "Manage Server" in reply.content
    assert stored(bot) == before
    assert len(fake.messages_in(club.runs)) + len(fake.messages_in(club.general)) == posts_before
