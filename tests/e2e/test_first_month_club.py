"""What a new club hit in its first month, part two: reminders that follow a zone change, channels Stride
cannot post in, time zone input, /help, wording, and admin edges — as the members and admins saw them."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from standin import FakeDiscord
from standin.client import Reply
from standin.state import SEND_MESSAGES, Member
from tests.e2e.helpers import newcomer, query
from tests.unit.importing.samples import strava_archive

pytestmark = pytest.mark.asyncio(loop_scope="module")


@dataclass(frozen=True)
class ClosedDms:
    member: Member
    reminder_id: int
    due: datetime


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def closed_dms(fake: FakeDiscord, club, bot_process) -> ClosedDms:
    """A member whose DMs are closed, with a reminder due in the next minute (set early: its wait overlaps
    the zone test's)."""
    member = fake.add_member(club.guild, "closeddms", dms_open=False)
    due = next_minute()
    reply = await fake.slash(member, "remind set", kind="core", time=f"{due:%H:%M}", timezone="UTC")
    [reminder_id] = [
        row[0] for row in query(bot_process.database, "SELECT id FROM reminders WHERE user_id = ?", (member.id,))
    ]
    assert "Reminder set" in reply.content
    return ClosedDms(member, reminder_id, due)


def next_minute(margin_s: float = 10) -> datetime:
    now = datetime.now(UTC)
    minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return minute + timedelta(minutes=1) if (minute - now).total_seconds() < margin_s else minute


# --- reminders follow the profile's zone --------------------------------------------------------


async def test_a_reminder_set_without_a_zone_follows_the_profiles_new_zone(fake, club, bot, closed_dms) -> None:
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


# --- a channel Stride cannot post in ----------------------------------------------------------


async def test_the_club_ping_is_refused_in_a_channel_stride_cannot_post_in(fake, club, bot) -> None:
    closed = fake.add_channel(club.guild, "announcements")
    await fake.dispatch("CHANNEL_CREATE", closed.payload())
    await fake.deny(closed, fake.bot, SEND_MESSAGES)
    reply = await fake.slash(
        club.admin, "server reminders set", options={"channel": closed}, time="18:00", timezone="Europe/Berlin"
    )
    assert reply.ephemeral and "Club ping set" not in reply.content
    assert f"Stride can't post in <#{closed.id}> (it lacks: send messages" in reply.content
    assert "`channel:`" in reply.content
    assert query(bot.database, "SELECT count(*) FROM server_reminders") == [(0,)]
    ok = await fake.slash(
        club.admin, "server reminders set", options={"channel": club.runs}, time="18:00", timezone="Europe/Berlin"
    )
    assert "Club ping set" in ok.content
    assert query(bot.database, "SELECT channel_id FROM server_reminders") == [(club.runs.id,)]
    await fake.slash(club.admin, "server reminders off")


# --- time zone input --------------------------------------------------------------------------


async def test_est_in_the_zone_list_means_eastern_time(fake, club, bot) -> None:
    choices = await fake.autocomplete(club.alice, "profile set", "timezone", "EST")
    assert [c["value"] for c in choices] == ["America/New_York", "America/Toronto"]


async def test_an_offset_in_the_zone_list_offers_the_places_on_it_today(fake, club, bot) -> None:
    choices = await fake.autocomplete(club.alice, "profile set", "timezone", "UTC+9")
    assert choices[0] == {"name": "Asia/Tokyo (UTC+9 now)", "value": "Asia/Tokyo"}
    member = newcomer(fake, club, "zone")
    refused = await fake.slash(member, "profile set", timezone="UTC+9")
    assert refused.ephemeral and "fixed offset" in refused.content and "Did you mean `Asia/Tokyo`" in refused.content


@pytest.mark.parametrize("typed", ["GMT", "utc"])
async def test_gmt_and_utc_are_one_clock_accepted_alike(fake, club, bot, typed) -> None:
    member = newcomer(fake, club, "zone")
    reply = await fake.slash(member, "profile set", timezone=typed)
    assert reply.ephemeral and reply.content.startswith("Saved.")
    assert f"`{typed}` → UTC, which has no summer time" in reply.content and "`Europe/London`" in reply.content
    assert query(bot.database, "SELECT timezone FROM members WHERE user_id = ?", (member.id,)) == [("UTC",)]


async def test_a_refused_reminder_dm_is_told_at_the_next_command(fake, club, bot, closed_dms) -> None:
    member = closed_dms.member
    await fake.wait_until(
        lambda: member.id in fake.refused_dms or None,
        timeout=(closed_dms.due - datetime.now(UTC)).total_seconds() + 15,
        what="the refused DM",
    )
    stats = await fake.slash(member, "run stats")
    notice = await fake.wait_until(
        lambda: next((m for m in fake.followups(stats) if "did not reach you" in m.content), None), what="the notice"
    )
    assert notice.ephemeral and f"core-work reminder #{closed_dms.reminder_id}" in notice.content
    assert "your DMs from this server look closed" in notice.content and "`where: channel`" in notice.content
    assert "after 2 more refusals in a row it pauses" in notice.content
    again = await fake.slash(member, "run stats")
    await asyncio.sleep(0.5)
    assert not [m for m in fake.followups(again) if "did not reach you" in m.content]  # told once
    listing = (await fake.slash(member, "remind list")).embed_text()
    assert "⚠️ the last one could not be delivered" in listing and "the last 1 " not in listing


# --- wording ----------------------------------------------------------------------------------


async def test_the_operator_log_counts_servers_in_words_that_agree(fake, club, bot) -> None:
    found = await fake.wait_until(
        lambda: re.search(r"logged in as .* in (\d+) (servers?),", bot.log()), what="the logged-in line"
    )
    assert found is not None and (found[2] == "server") == (found[1] == "1"), found


# --- /help ------------------------------------------------------------------------------------

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
MANAGER_ONLY = ("tips ", "server ", "challenge create", "challenge end", "challenge delete")


def synced_commands(fake: FakeDiscord, club) -> dict[str, list[dict]]:
    """Every command path the bot synced, with the options a member types."""
    found: dict[str, list[dict]] = {}

    def walk(item: dict, prefix: str) -> None:
        path = f"{prefix}{item['name']}"
        options = item.get("options") or []
        subs = [o for o in options if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
        if subs:
            for sub in subs:
                walk(sub, f"{path} ")
        else:
            found[path] = options

    for command in fake.commands(club.guild):
        if command.get("type", 1) == 1:
            walk(command, "")
    return found


async def test_help_lists_every_command_with_its_options(fake, club, bot) -> None:
    commands = synced_commands(fake, club)
    assert {"run import", "remind remove", "remind resume", "remind skip", "server show"} <= set(commands)
    member_text = (await fake.slash(club.alice, "help")).embed_text()
    manager_text = (await fake.slash(club.admin, "help")).embed_text()
    assert "📎 More" not in manager_text  # every command has its line
    for path, options in commands.items():
        if path == "help":
            continue
        required = [o["name"] for o in options if o.get("required")]
        optional = [o["name"] for o in options if not o.get("required")]
        shown = " ".join([f"/{path}", *required, *([f"[{' '.join(optional)}]"] if optional else [])])
        assert f"`{shown}` — " in manager_text, shown
        if path.startswith(MANAGER_ONLY):
            assert f"`/{path}" not in member_text, path
        else:
            assert f"`{shown}` — " in member_text, shown
    assert "`/advice [topic question public]`" in member_text  # option names, not "/advice topic question"


# --- admin edges ------------------------------------------------------------------------------


def server_tip_count(bot, club) -> int:
    return query(bot.database, "SELECT count(*) FROM tips WHERE guild_id = ?", (club.guild.id,))[0][0]


async def test_a_tips_import_entry_with_a_built_in_id_says_built_ins_are_hidden_not_imported(fake, club, bot) -> None:
    builtin = await fake.slash(club.alice, "advice", question="gels during a marathon")
    builtin_id = int(builtin.embeds[0]["author"]["name"].split(" · ")[0][1:])
    before = server_tip_count(bot, club)
    tips = {"tips": [{"id": builtin_id, "topic": "nutrition", "title": "Gels our way", "body": "Every 30 min."}]}
    reply = await fake.slash(club.admin, "tips import", file=fake.attachment("tips.json", json.dumps(tips).encode()))
    assert "Imported: 0 added, 0 updated, 1 skipped." in reply.content
    assert f"#{builtin_id} is a built-in tip, which an import does not change: skipped" in reply.content
    assert f"`/tips hide id: {builtin_id}`" in reply.content
    assert server_tip_count(bot, club) == before


async def test_tips_list_pages_with_prev_and_next(fake, club, bot) -> None:
    first = await fake.slash(club.admin, "tips list")
    assert first.ephemeral and first.button_labels() == ["Prev", "Next"]
    footer = first.embeds[0]["footer"]["text"]
    assert footer.startswith("Page 1/") and footer != "Page 1/1"
    second = await fake.click(club.admin, first, "Next")
    assert second.embeds[0]["footer"]["text"].startswith("Page 2/")
    assert second.embed_text() != first.embed_text()
    back = await fake.click(club.admin, second, "Prev")
    assert back.embeds[0]["footer"]["text"].startswith("Page 1/")


async def test_a_shoes_life_is_said_back_in_the_units_it_was_typed_in(fake, club, bot) -> None:
    member = newcomer(fake, club, "shoes")
    added = await fake.slash(member, "shoes add", name="Clifton", retire_at="500mi")
    assert "retiring at 500.00 mi (804.67 km)" in added.content
    await fake.slash(member, "shoes retire", name="Clifton")
    refused = await fake.slash(member, "run log", distance="5k", time="25:00", shoe="Clifton")
    assert refused.ephemeral and "Your shoe `Clifton` is retired, so it takes no new runs" in refused.content
    assert query(bot.database, "SELECT count(*) FROM runs WHERE user_id = ?", (member.id,)) == [(0,)]


async def test_the_goal_date_takes_the_run_date_forms(fake, club, bot) -> None:
    member = newcomer(fake, club, "goal")
    race_day = datetime.now(UTC).date() + timedelta(days=120)
    while race_day.day <= 12:  # a day that can't be a month: `d/m` reads one way only
        race_day += timedelta(days=1)
    reply = await fake.slash(
        member, "profile set", goal_race="Spring half", goal_date=f"{race_day.day}/{race_day.month}"
    )
    assert reply.content.startswith("Saved.")
    assert query(bot.database, "SELECT goal_date FROM members WHERE user_id = ?", (member.id,)) == [
        (race_day.isoformat(),)
    ]


async def test_an_archive_import_that_adds_nothing_does_not_say_it_is_included(fake, club, bot) -> None:
    member = newcomer(fake, club, "archive")

    async def preview() -> Reply:
        reply = await fake.slash(member, "run import", file=fake.attachment("export.zip", strava_archive()))

        def ready() -> Reply | None:
            current = fake.message(reply.id)
            return current if current.embeds else None

        return await fake.wait_until(ready, timeout=30, what="the import preview")

    first, second = await preview(), await preview()  # the same export twice, before either is imported
    done = await fake.click(member, first, "Import")
    assert "include them now" in done.embed_text()
    again = await fake.click(member, second, "Import")
    assert "Imported:** 0 runs" in again.embed_text() and "Skipped as duplicates:** 2" in again.embed_text()
    assert "include them now" not in again.embed_text()
    assert "Nothing new went into your log" in again.embed_text()
