"""Reminders end to end: the real bot process, the fake Discord, and its SQLite file.

The bot's database is seeded (before the bot starts) with reminders due a few seconds later, so
most tests need no waiting and the restart test is real. Only the last test waits for a reminder
set with `/remind set` for the next minute (it was set by the first test, so the wait overlaps).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from standin import CommandUsageError, FakeDiscord
from standin.botproc import BotProcess
from standin.client import Reply
from standin.state import Member, Role
from tests.e2e.helpers import new_store, press, query, write
from tests.fakediscord.bots import start_bot
from tests.fakediscord.fixtures import Club

pytestmark = pytest.mark.asyncio(loop_scope="module")

DUE_IN = 9.0  # seconds from seeding to the seeded reminders' due time


@dataclass
class Cast:
    carol: Member  # DMs closed, two refusals already
    dave: Member  # a reminder 30 minutes late when the bot starts: sent once
    erin: Member  # a reminder 2 hours late: skipped
    frank: Member  # a reminder in #general
    gina: Member  # commands only
    hana: Member  # the weekly summary, with last week's runs
    runners: Role
    due: datetime
    ids: dict[str, int]
    next_minute: datetime | None = None


def _at(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%H:%M")


def _seed(database: Path | str, club: Club, cast: Cast, now: datetime) -> None:
    due = int(cast.due.timestamp())
    half_hour_late, two_hours_late = int(now.timestamp()) - 1800, int(now.timestamp()) - 7200
    rows = {
        "alice": (club.alice, "stretch", "dm", None, None, due, 0),
        "bob": (club.bob, "core", "dm", None, None, due, 0),
        "carol": (cast.carol, "stretch", "dm", None, None, due, 2),
        "dave": (cast.dave, "custom", "dm", None, "Foam roll @everyone", half_hour_late, 0),
        "erin": (cast.erin, "core", "dm", None, None, two_hours_late, 0),
        "frank": (cast.frank, "stretch", "channel", club.general.id, None, due, 0),
        "hana": (cast.hana, "summary", "dm", None, None, due, 0),
    }
    names, statements = [], []
    for name, (member, kind, target, channel, message, fire, failures) in rows.items():
        at = datetime.fromtimestamp(fire, UTC).strftime("%H:%M")
        names.append(name)
        statements.append(
            (
                "INSERT INTO reminders (guild_id, user_id, kind, at_time, days_mask, timezone, target, channel_id,"
                " message, next_fire_utc, due_utc, failures, created_at) VALUES (?, ?, ?, ?, 127, 'UTC', ?, ?, ?, ?,"
                " ?, ?, 'seed') RETURNING id",
                (club.guild.id, member.id, kind, at, target, channel, message, fire, fire, failures),
            )
        )
    last_monday = cast.due.date() - timedelta(days=cast.due.weekday() + 7)
    statements.append(
        (
            "INSERT INTO members (guild_id, user_id, weekly_goal_m, weekly_summary, created_at)"
            " VALUES (?, ?, 50000, 1, 'seed')",
            (club.guild.id, cast.hana.id),
        )
    )
    for offset, metres, seconds in ((1, 10000, 3000), (3, 15000, 4800)):
        statements.append(
            (
                "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, created_at)"
                " VALUES (?, ?, ?, ?, ?, 'seed')",
                (club.guild.id, cast.hana.id, (last_monday + timedelta(days=offset)).isoformat(), metres, seconds),
            )
        )
    statements.append(
        (
            "INSERT INTO server_reminders (guild_id, channel_id, at_time, timezone, role_id, kind, next_fire_utc,"
            " set_by, updated_at) VALUES (?, ?, ?, 'UTC', ?, 'core', ?, ?, 'seed')",
            (club.guild.id, club.runs.id, _at(cast.due), cast.runners.id, due, club.admin.id),
        )
    )
    cast.ids.update(zip(names, write(database, statements), strict=False))


@pytest.fixture(scope="module")
def cast(fake: FakeDiscord, club: Club) -> Cast:
    return Cast(
        carol=fake.add_member(club.guild, "carol", dms_open=False),
        dave=fake.add_member(club.guild, "dave"),
        erin=fake.add_member(club.guild, "erin"),
        frank=fake.add_member(club.guild, "frank"),
        gina=fake.add_member(club.guild, "gina"),
        hana=fake.add_member(club.guild, "hana"),
        runners=fake.add_role(club.guild, "Runners", 0),
        due=datetime.now(UTC) + timedelta(seconds=DUE_IN),
        ids={},
    )


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bot_process(
    fake: FakeDiscord, club: Club, cast: Cast, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[BotProcess]:
    """The bot over a database seeded with due reminders (this overrides the harness fixture)."""
    workdir = tmp_path_factory.mktemp("reminders")
    store = await new_store(workdir)
    _seed(store.locator, club, cast, datetime.now(UTC))
    process = await start_bot(fake, module="bot", guild=club.guild, workdir=workdir, env=store.env)
    yield process
    await process.stop()


async def _restart(fake: FakeDiscord, bot: BotProcess, club: Club) -> None:
    await bot.stop()
    bot._identifies_before = fake.identify_count
    await bot.spawn()
    await bot.wait_ready(club.guild, timeout=20)


def _row(bot: BotProcess, reminder_id: int, columns: str) -> tuple:
    return query(bot.database, f"SELECT {columns} FROM reminders WHERE id = ?", (reminder_id,))[0]


def _stretch_dms(fake: FakeDiscord, member: Member) -> list[Reply]:
    """The seeded stretch reminders (Alice also gets the core one set for the next minute)."""
    return [m for m in fake.dms_to(member) if "stretch" in m.content]


async def _sleep_until(instant: datetime) -> None:
    await asyncio.sleep(max((instant - datetime.now(UTC)).total_seconds(), 0))


# ------------------------------------------------------------------------------------------- tests


async def test_set_a_reminder_for_the_next_minute(fake, club, cast, bot) -> None:
    now = datetime.now(UTC)
    minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    if (minute - now).total_seconds() < 4:  # too close to be sure the command lands first
        minute += timedelta(minutes=1)
    reply = await fake.slash(club.alice, "remind set", kind="core", time=_at(minute), timezone="UTC")
    assert reply.ephemeral and "Reminder set" in reply.content and "**core**" in reply.content
    assert f"<t:{int(minute.timestamp())}:F>" in reply.content
    cast.next_minute = minute


async def test_restart_before_due_delivers_exactly_once(fake, club, cast, bot) -> None:
    dave = await fake.wait_for_message(dm_to=cast.dave)  # 30 minutes late at start-up: sent once
    assert "Foam roll @everyone" in dave.content and dave.allowed_mentions == {"parse": []}
    assert datetime.now(UTC) < cast.due - timedelta(seconds=2), "the bot took too long to start"
    await _restart(fake, bot, club)
    assert _stretch_dms(fake, club.alice) == []  # not due yet
    await _sleep_until(cast.due)
    alice = await fake.wait_for_message(lambda m: "stretch" in m.content, dm_to=club.alice)
    await fake.wait_for_message(dm_to=club.bob)
    await fake.wait_for_message(channel=club.runs)
    await fake.wait_for_message(channel=club.general)
    await fake.wait_for_message(dm_to=cast.hana)
    await asyncio.sleep(1.5)  # anything sent twice would be here by now

    assert len(_stretch_dms(fake, club.alice)) == 1
    assert [len(fake.dms_to(m)) for m in (club.bob, cast.dave, cast.erin, cast.hana)] == [1, 1, 0, 1]
    assert "stretch" in alice.content and alice.embeds and alice.embeds[0]["title"]
    assert "not medical advice" in alice.embeds[0]["footer"]["text"]
    assert alice.button_labels() == ["Done", "Skip", "Snooze 1 h"]
    assert alice.allowed_mentions == {"parse": []}
    # Erin's was two hours late: skipped to tomorrow, never sent.
    assert _row(bot, cast.ids["erin"], "next_fire_utc")[0] > datetime.now(UTC).timestamp() + 20 * 3600


async def test_server_ping_mentions_only_its_role(fake, club, cast, bot) -> None:
    [ping] = fake.messages_in(club.runs)
    assert ping.content.startswith(f"<@&{cast.runners.id}>")
    assert ping.allowed_mentions == {"parse": [], "roles": [cast.runners.id]}
    assert ping.embeds and ping.button_labels() == ["Done"]
    [posted] = fake.messages_in(club.general)  # a member's channel reminder: pings its owner alone
    assert posted.content.startswith(f"<@{cast.frank.id}>")
    assert posted.allowed_mentions == {"parse": [], "users": [cast.frank.id]}
    first = await fake.click(club.bob, ping, "Done")
    assert first.ephemeral and "counted" in first.content and "1 day" in first.content
    again = await fake.click(club.bob, ping, "Done")
    assert "Already counted" in again.content


async def test_closed_dms_pause_after_three_refusals_and_tell_the_member(fake, club, cast, bot) -> None:
    assert cast.carol.id in fake.refused_dms and fake.dms_to(cast.carol) == []
    assert _row(bot, cast.ids["carol"], "paused, failures") == (1, 3)
    reply = await fake.slash(cast.carol, "remind list")
    assert "⏸️ paused" in reply.embed_text()
    notice = await fake.wait_until(
        lambda: next((f for f in fake.followups(reply) if "paused" in f.content), None), what="the notice"
    )
    assert notice.ephemeral and f"#{cast.ids['carol']}" in notice.content and "/remind resume" in notice.content


async def _ack(fake: FakeDiscord, custom_id: str) -> Reply:
    """The ephemeral follow-up of the latest click on `custom_id` (after the click edited the message)."""

    def find() -> Reply | None:
        [*_, record] = [r for r in fake.world.interactions.values() if r.name == custom_id]
        replies = [Reply.of(fake.world.messages[i]) for i in record.message_ids]
        return next((r for r in replies if r.ephemeral), None)

    return await fake.wait_until(find, what="the follow-up")


def _dones(bot: BotProcess, member: Member) -> int:
    return query(bot.database, "SELECT count(*) FROM reminder_dones WHERE user_id = ?", (member.id,))[0][0]


async def test_done_edits_the_message_and_counts_once(fake, club, cast, bot) -> None:
    [alice] = _stretch_dms(fake, club.alice)
    done_id = alice.button("Done")["custom_id"]
    edited = await fake.click(club.alice, alice, "Done")
    assert "✅ Done at <t:" in edited.content and edited.buttons() == []  # the message shows the outcome
    assert fake.message(alice.id).buttons() == []
    ack = await _ack(fake, done_id)
    assert "counted" in ack.content and "1 day in a row" in ack.content
    await press(fake, club.alice, alice, done_id)  # an old client still shows the button
    assert "Already counted" in (await _ack(fake, done_id)).content
    assert _dones(bot, club.alice) == 1
    profile = await fake.slash(club.alice, "profile show")
    assert "Reminder streak\n1 day in a row" in profile.embed_text()


async def test_forged_or_malformed_buttons_count_nothing(fake, club, cast, bot) -> None:
    [alice] = _stretch_dms(fake, club.alice)
    rid = cast.ids["alice"]
    [fire] = _row(bot, rid, "last_fire_utc")
    log_from = bot.log_size()
    for days in (1, 2, -1):  # slots that were never sent
        forged = await press(fake, club.alice, alice, f"stride:rem:done:{rid}:{int(fire) + days * 86400}")
        assert forged.ephemeral and "doesn't match a reminder Stride sent" in forged.content
    assert _dones(bot, club.alice) == 1
    for crafted in (
        f"stride:rem:done:{rid}:99999999999",
        "stride:rem:done:99999999999999999999:1",
        "stride:rem:zap:1:2",
    ):
        reply = await press(fake, club.alice, alice, crafted)
        assert reply.ephemeral and "isn't one Stride made" in reply.content
    assert "ERROR" not in bot.log(log_from)


async def test_skip_marks_its_own_occurrence_and_snooze_edits_too(fake, club, cast, bot) -> None:
    [bob] = fake.dms_to(club.bob)
    before = _row(bot, cast.ids["bob"], "next_fire_utc")[0]
    skipped = await fake.click(club.bob, bob, "Skip")
    assert "⏭️ Skipped at <t:" in skipped.content and skipped.buttons() == []
    assert "still on" in (await _ack(fake, bob.button("Skip")["custom_id"])).content
    assert _row(bot, cast.ids["bob"], "next_fire_utc")[0] == before  # tomorrow's is still sent
    fire = int(bob.button("Done")["custom_id"].rsplit(":", 1)[1])
    answer = query(
        bot.database, "SELECT answer FROM reminder_slots WHERE reminder_id = ? AND fire_utc = ?",
        (cast.ids["bob"], fire),
    )  # fmt: skip
    assert answer == [("skipped",)]
    await press(fake, club.bob, bob, bob.button("Done")["custom_id"])
    assert "already skipped" in (await _ack(fake, bob.button("Done")["custom_id"])).content
    dones = "SELECT count(*) FROM reminder_dones WHERE reminder_id = ?"
    assert query(bot.database, dones, (cast.ids["bob"],)) == [(0,)]  # Bob's one Done is the club ping's
    [dave] = fake.dms_to(cast.dave)
    snoozed = await fake.click(cast.dave, dave, "Snooze 1 h")
    assert "😴 Snoozed until <t:" in snoozed.content and snoozed.buttons() == []
    snooze_at = _row(bot, cast.ids["dave"], "snooze_utc")[0]
    assert abs(snooze_at - (datetime.now(UTC).timestamp() + 3600)) < 10


async def test_only_the_owner_answers_a_channel_reminder(fake, club, cast, bot) -> None:
    [posted] = fake.messages_in(club.general)
    other = await fake.click(club.alice, posted, "Done")
    assert other.ephemeral and other.content.startswith("This reminder isn't yours, so nothing happened.")
    assert str(cast.frank.id) not in other.content and "frank" not in other.content  # the owner is not named
    assert other.allowed_mentions == {"parse": []}
    assert fake.message(posted.id).button_labels() == ["Done", "Skip", "Snooze 1 h"]  # unchanged
    assert _dones(bot, club.alice) == 1 and _dones(bot, cast.frank) == 0
    mine = await fake.click(cast.frank, posted, "Done")
    assert "✅ Done at" in mine.content and _dones(bot, cast.frank) == 1


async def test_weekly_summary_dm(fake, club, cast, bot) -> None:
    [summary] = fake.dms_to(cast.hana)
    text = summary.text()
    assert "Last week's running" in text and "**25.00 km** in 2 runs" in text
    assert "Longest run: 15.00 km" in text and "Weekly goal: 50.00 km (50% reached)" in text
    assert summary.buttons() == [] and summary.allowed_mentions == {"parse": []}
    listed = await fake.slash(cast.hana, "remind list")
    assert "**summary**" in listed.embed_text()
    off = await fake.slash(cast.hana, "profile set", weekly_summary="off")
    assert "Weekly summary\noff" in off.embed_text()
    assert query(bot.database, "SELECT count(*) FROM reminders WHERE user_id = ?", (cast.hana.id,)) == [(0,)]
    on = await fake.slash(cast.hana, "profile set", weekly_summary="on")
    assert "Weekly summary\non" in on.embed_text()
    [(kind, days)] = query(bot.database, "SELECT kind, days_mask FROM reminders WHERE user_id = ?", (cast.hana.id,))
    assert (kind, days) == ("summary", 1)  # Mondays


async def test_first_reminder_says_which_zone(fake, club, cast, bot) -> None:
    newcomer = fake.add_member(club.guild, "newcomer")
    first = await fake.slash(newcomer, "remind set", kind="stretch", time="07:30")
    assert "profile's time zone, UTC" in first.content and "/profile set timezone" in first.content
    second = await fake.slash(newcomer, "remind set", kind="core", time="08:30")
    assert "profile's time zone" not in second.content


async def test_pause_resume_skip_remove_own_reminders_only(fake, club, cast, bot) -> None:
    gina = cast.gina
    created = await fake.slash(gina, "remind set", kind="stretch", time="6:45am", days="weekdays", timezone="UTC")
    [rid] = [r for (r,) in query(bot.database, "SELECT id FROM reminders WHERE user_id = ?", (gina.id,))]
    assert f"`#{rid}`" in created.content and "weekdays" in created.content
    listed = await fake.slash(gina, "remind list")
    assert f"`#{rid}`" in listed.embed_text() and "06:45" in listed.embed_text()
    assert "paused" in (await fake.slash(gina, "remind pause", id=rid)).content.lower()
    assert "⏸️ paused" in (await fake.slash(gina, "remind list")).embed_text()
    assert "Resumed" in (await fake.slash(gina, "remind resume", id=rid)).content
    before = _row(bot, rid, "next_fire_utc")[0]
    assert "Skipped" in (await fake.slash(gina, "remind skip", id=rid)).content
    assert _row(bot, rid, "next_fire_utc")[0] > before
    choices = await fake.autocomplete(gina, "remind remove", "id", "")
    assert [c["value"] for c in choices] == [rid]
    for action in ("remove", "pause", "skip"):  # someone else's reminder is "not found"
        refused = await fake.slash(club.bob, f"remind {action}", id=rid)
        assert refused.ephemeral and f"no reminder #{rid}" in refused.content
    assert "Removed" in (await fake.slash(gina, "remind remove", id=rid)).content
    assert "No reminders yet" in (await fake.slash(gina, "remind list")).embed_text()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"time": "25:00"}, "Couldn't read the time"),
        ({"time": "07:30", "timezone": "Mars/Olympus"}, "Couldn't find the time zone"),
        ({"time": "07:30", "timezone": "EST"}, "America/New_York"),
        ({"time": "07:30", "days": "someday"}, "Couldn't read the days"),
        ({"time": "07:30", "kind": "custom"}, "needs a `message`"),
    ],
)
async def test_bad_input_gets_a_friendly_error(fake, club, cast, bot, options, expected) -> None:
    reply = await fake.slash(cast.gina, "remind set", **{"kind": "stretch", **options})
    assert reply.ephemeral and expected in reply.content


async def test_at_most_ten_reminders(fake, club, bot) -> None:
    member = fake.add_member(club.guild, "keen")
    for hour in range(10):
        await fake.slash(member, "remind set", kind="core", time=f"{hour + 6}:00")
    refused = await fake.slash(member, "remind set", kind="core", time="20:00")
    assert refused.ephemeral and "already have 10 reminders" in refused.content
    assert query(bot.database, "SELECT count(*) FROM reminders WHERE user_id = ?", (member.id,)) == [(10,)]


async def test_server_reminders_for_managers(fake, club, cast, bot) -> None:
    with pytest.raises(CommandUsageError, match="cannot see /server"):
        await fake.slash(club.alice, "server show")
    reply = await fake.slash(
        club.admin, "server reminders set", options={"channel": club.runs}, time="6pm", timezone="europe/berlin",
        role=cast.runners, kind="stretch",
    )  # fmt: skip
    assert reply.ephemeral and "Club ping set" in reply.content and "Europe/Berlin" in reply.content
    shown = await fake.slash(club.admin, "server show")
    assert "18:00" in shown.embed_text() and f"<#{club.runs.id}>" in shown.embed_text()
    assert (await fake.slash(club.admin, "server reminders off")).content.startswith("🔕")
    assert "Off" in (await fake.slash(club.admin, "server show")).embed_text()
    assert query(bot.database, "SELECT count(*) FROM server_reminders") == [(0,)]


async def test_next_minute_reminder_arrives_exactly_once_with_a_tip(fake, club, cast, bot) -> None:
    assert cast.next_minute is not None

    def core_dm(reply: Reply) -> bool:
        return "core work" in reply.content

    timeout = (cast.next_minute - datetime.now(UTC)).total_seconds() + 10
    arrived = await fake.wait_for_message(core_dm, dm_to=club.alice, timeout=max(timeout, 1))
    assert arrived.embeds and arrived.embeds[0]["title"] and arrived.embeds[0]["description"]
    assert arrived.button_labels() == ["Done", "Skip", "Snooze 1 h"]
    await asyncio.sleep(1.5)
    assert len([m for m in fake.dms_to(club.alice) if core_dm(m)]) == 1
