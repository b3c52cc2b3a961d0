"""What a new club hit in its first month, part two: reminders that follow a zone change, channels Stride
cannot post in, time zone input, /help, wording, and admin edges — as the members and admins saw them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.helpers import newcomer, query

pytestmark = pytest.mark.asyncio(loop_scope="module")


def next_minute(margin_s: float = 10) -> datetime:
    now = datetime.now(UTC)
    minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return minute + timedelta(minutes=1) if (minute - now).total_seconds() < margin_s else minute


# --- reminders follow the profile's zone --------------------------------------------------------


async def test_a_reminder_set_without_a_zone_follows_the_profiles_new_zone(fake, club, bot) -> None:
    member = newcomer(fake, club, "zone")
    tokyo = ZoneInfo("Asia/Tokyo")
    fire = next_minute()  # the next minute in Tokyo, hours away as a UTC wall-clock time
    at = f"{fire.astimezone(tokyo):%H:%M}"
    utc_fire = fire.replace(hour=fire.astimezone(tokyo).hour)
    utc_fire += timedelta(days=1) if utc_fire <= datetime.now(UTC) else timedelta(0)
    set_reply = await fake.slash(member, "remind set", kind="stretch", time=at)
    assert "It uses your profile's time zone, UTC" in set_reply.content
    assert f"<t:{int(utc_fire.timestamp())}:F>" in set_reply.content
    own = await fake.slash(member, "remind set", kind="core", time="06:00", timezone="America/Chicago")
    assert "America/Chicago" in own.content

    changed = await fake.slash(member, "profile set", timezone="Asia/Tokyo")
    assert "1 reminder set without a time zone of its own follows it: same time of day in Asia/Tokyo" in (
        changed.content
    )
    listing = (await fake.slash(member, "remind list")).embed_text()
    assert f"**stretch** {at} daily · Asia/Tokyo (your profile's) · DM" in listing
    assert f"next <t:{int(fire.timestamp())}:F>" in listing
    assert "**core** 06:00 daily · America/Chicago · DM" in listing  # its own zone stays
    rows = query(bot.database, "SELECT kind, timezone FROM reminders WHERE user_id = ? ORDER BY id", (member.id,))
    assert rows == [("stretch", "Asia/Tokyo"), ("core", "America/Chicago")]

    timeout = (fire - datetime.now(UTC)).total_seconds() + 15
    dm = await fake.wait_for_message(lambda m: "stretch" in m.content, dm_to=member, timeout=timeout)
    assert abs((datetime.now(UTC) - fire).total_seconds()) < 15  # at 07:30 Tokyo time, not 07:30 UTC
    assert dm.button_labels() == ["Done", "Skip", "Snooze 1 h"]
    await asyncio.sleep(1)
    assert len([m for m in fake.dms_to(member) if "stretch" in m.content]) == 1


async def test_profile_set_with_nothing_to_change_says_so(fake, club, bot) -> None:
    member = newcomer(fake, club, "zone")
    reply = await fake.slash(member, "profile set")
    assert reply.ephemeral and "Nothing to change" in reply.content and "Saved" not in reply.content
    assert "`/profile set timezone: Europe/Berlin`" in reply.content
