"""What members hit in their first week (issue 11): time and date forms, /pace, public pain privacy,
the export CSV, records at 13.1 mi, time zone suggestions, edits that change nothing, paging."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from bot.running.export import IMPORTED_COLUMNS
from bot.running.pace import riegel
from bot.running.units import HALF_MARATHON_M, METRES_PER_MILE, format_duration
from standin.state import Member
from tests.e2e.helpers import newcomer, query, today

pytestmark = pytest.mark.asyncio(loop_scope="module")


def stored(bot, member: Member) -> list[tuple]:
    return query(
        bot.database,
        "SELECT run_date, distance_m, duration_s FROM runs WHERE user_id = ? ORDER BY id",
        (member.id,),
    )


# --- time forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("distance", "time", "seconds", "note"),
    [
        ("10k", "52.30", 3150, None),
        ("half", "1:45", 6300, "read `1:45` as 1 h 45 min"),
        ("marathon", "3:59", 14340, "read `3:59` as 3 h 59 min"),
        ("10k", "52:30", 3150, None),
    ],
)
async def test_times_are_read_as_runners_write_them(fake, club, bot, distance, time, seconds, note) -> None:
    member = newcomer(fake, club, "firstweek")
    reply = await fake.slash(member, "run log", distance=distance, time=time)
    assert reply.ephemeral and "Run logged" in reply.embed_text()
    assert format_duration(seconds) in reply.embed_text()
    if note:
        assert note in reply.embed_text()
    else:
        assert "I read" not in reply.embed_text()
    assert [row[2] for row in stored(bot, member)] == [seconds]


@pytest.mark.parametrize(
    ("time", "expected"),
    [("52.75", "minutes and seconds or 52.75 minutes"), ("45:00", "pace of 1:04 /km")],
)
async def test_unclear_times_are_asked_about_and_nothing_is_stored(fake, club, bot, time, expected) -> None:
    member = newcomer(fake, club, "firstweek")
    reply = await fake.slash(member, "run log", distance="marathon" if ":" in time else "10k", time=time)
    assert reply.ephemeral and expected in reply.content
    assert stored(bot, member) == []


# --- date forms ---------------------------------------------------------------------------------


def _last(weekday: int) -> date:
    back = (today().weekday() - weekday) % 7
    return today() - timedelta(days=back or 7)


def _unambiguous_numeric() -> tuple[str, date]:
    day = next(today() - timedelta(days=k) for k in range(40) if (today() - timedelta(days=k)).day > 12)
    return f"{day.month}/{day.day}", day


DATE_FORMS = [
    ("2 days ago", lambda: today() - timedelta(days=2)),
    ("last friday", lambda: _last(4)),
    ("month name", lambda: today() - timedelta(days=3)),
    ("day month", lambda: today() - timedelta(days=4)),
    ("numeric", lambda: _unambiguous_numeric()[1]),
    ("slashed iso", lambda: today() - timedelta(days=5)),
]


@pytest.mark.parametrize(("form", "expected"), DATE_FORMS)
async def test_date_forms_are_accepted(fake, club, bot, form, expected) -> None:
    day = expected()
    text = {
        "month name": f"{day:%b} {day.day}",
        "day month": f"{day.day} {day:%B}",
        "numeric": _unambiguous_numeric()[0],
        "slashed iso": f"{day.year}/{day.month}/{day.day}",
    }.get(form, form)
    member = newcomer(fake, club, "firstweek")
    reply = await fake.slash(member, "run log", distance="5k", time="25:00", date=text)
    assert day.isoformat() in reply.embed_text(), text
    assert stored(bot, member) == [(day.isoformat(), 5000.0, 1500)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next friday", "in the future"),
        ("tomorrow", "in the future"),
        ("3/4/2025", "could be 4 March 2025 or 3 April 2025"),
        ("1969-12-31", "1970"),
    ],
)
async def test_dates_that_cannot_be_logged_say_why(fake, club, bot, text, expected) -> None:
    member = newcomer(fake, club, "firstweek")
    reply = await fake.slash(member, "run log", distance="5k", time="25:00", date=text)
    assert reply.ephemeral and expected in reply.content
    assert stored(bot, member) == []


# --- /pace --------------------------------------------------------------------------------------


async def test_pace_from_distance_and_time_in_km_and_mi(fake, club, bot) -> None:
    reply = await fake.slash(newcomer(fake, club, "firstweek"), "pace", distance="marathon", time="4:00")
    text = reply.embed_text()
    assert reply.ephemeral
    assert "9:09 /mi" in text and "5:41 /km" in text and "42.20 km" in text and "26.22 mi" in text
    assert "read `4:00` as 4 h 00 min" in text
    assert "Race-time estimates" not in text  # no runs yet


async def test_pace_gives_the_time_from_distance_and_pace(fake, club, bot) -> None:
    reply = await fake.slash(newcomer(fake, club, "firstweek"), "pace", distance="10k", pace="5:00")
    text = reply.embed_text()
    assert "**50:00**" in text and "8:03 /mi" in text


async def test_pace_predicts_race_times_from_recent_runs(fake, club, bot) -> None:
    member = newcomer(fake, club, "firstweek")
    await fake.slash(member, "run log", distance="10k", time="50:00", date="2 days ago")
    await fake.slash(member, "run log", distance="5k", time="30:00", date="yesterday")  # a slower effort
    reply = await fake.slash(member, "pace")
    text = reply.embed_text()
    assert "Race-time estimates" in text and "estimate" in text.lower() and "Riegel" in text
    assert "10.00 km in 50:00" in text
    half = format_duration(riegel(3000, 10_000, HALF_MARATHON_M))
    assert f"**Half marathon** — {half}" in text
    assert f"**5K** — {format_duration(riegel(3000, 10_000, 5000))}" in text


async def test_pace_needs_two_values_or_runs_to_estimate_from(fake, club, bot) -> None:
    reply = await fake.slash(club.alice, "pace", distance="10k")
    assert reply.ephemeral and "Give two of distance, time and pace" in reply.content
    nothing = await fake.slash(newcomer(fake, club, "firstweek"), "pace")
    assert nothing.ephemeral and "log one with `/run log`" in nothing.content
    bad = await fake.slash(newcomer(fake, club, "firstweek"), "pace", distance="10k", pace="fast")
    assert "Couldn't read the pace `fast`" in bad.content


async def test_help_lists_pace(fake, club, bot) -> None:
    reply = await fake.slash(club.alice, "help")
    assert "/pace" in reply.embed_text()


# --- privacy ------------------------------------------------------------------------------------


async def test_public_log_keeps_pain_to_the_member(fake, club, bot) -> None:
    member = newcomer(fake, club, "firstweek")
    reply = await fake.slash(
        member, "run log", distance="10k", time="55:00", pain="lower back spasms at 8k", public=True
    )
    assert not reply.ephemeral
    public_text = reply.embed_text()
    assert "10.00 km" in public_text and "55:00" in public_text
    assert "spasms" not in public_text and "Pain" not in public_text
    private = await fake.wait_until(
        lambda: next((m for m in fake.followups(reply) if m.ephemeral), None), what="the private follow-up"
    )
    assert "lower back spasms at 8k" in private.embed_text() and "Pain noted" in private.embed_text()
    assert private.allowed_mentions == {"parse": []}
    assert not any("spasms" in m.embed_text() + m.content for m in fake.messages_in(club.general))
    assert query(bot.database, "SELECT pain FROM runs WHERE user_id = ?", (member.id,)) == [
        ("lower back spasms at 8k",)
    ]


# --- export -------------------------------------------------------------------------------------


async def test_export_csv_has_a_header_and_the_members_units(fake, club, bot) -> None:
    member = newcomer(fake, club, "firstweek")
    await fake.slash(member, "profile set", units="mi")
    await fake.slash(member, "shoes add", name="Pegasus 40")
    await fake.slash(member, "run log", distance="4", time="38:00", shoe="Pegasus 40", notes="loop")
    exported = await fake.slash(member, "me export")
    rows = list(csv.DictReader(io.StringIO(exported.files["stride-runs.csv"].decode())))
    assert list(rows[0]) == [
        "id", "date", "distance_mi", "distance_km", "time", "pace_per_mi", "type", "effort", "pain", "shoe", "notes",
        *IMPORTED_COLUMNS,
    ]  # fmt: skip
    assert (rows[0]["distance_mi"], rows[0]["distance_km"], rows[0]["time"]) == ("4.000", "6.437", "0:38:00")
    assert (rows[0]["pace_per_mi"], rows[0]["shoe"], rows[0]["notes"]) == ("9:30", "Pegasus 40", "loop")
    assert b'"distance_m": 6437.376' in exported.files["stride-data.json"]


# --- records ------------------------------------------------------------------------------------


async def test_a_miles_runners_half_counts_as_a_record(fake, club, bot) -> None:
    member = newcomer(fake, club, "firstweek")
    await fake.slash(member, "profile set", units="mi")
    logged = await fake.slash(member, "run log", distance="13.1", time="1:45:00")
    assert "New record" in logged.embed_text() and "Half marathon" in logged.embed_text()
    records = await fake.slash(member, "run records")
    scaled = format_duration(6300 * HALF_MARATHON_M / (13.1 * METRES_PER_MILE))
    text = records.embed_text()
    assert f"**Half marathon** — {scaled}" in text and "of 13.10 mi" in text
    assert "Records come from runs of that distance" in text


# --- time zones ---------------------------------------------------------------------------------


def _zone(bot, member: Member) -> list[tuple]:
    return query(bot.database, "SELECT timezone FROM members WHERE user_id = ?", (member.id,))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("EST", "Did you mean `America/New_York`"),
        ("UTC-3", "`Etc/GMT+3`"),
        ("PST", "Did you mean `America/Los_Angeles`"),
    ],
)
async def test_fixed_offsets_and_abbreviations_are_refused_with_a_suggestion(fake, club, bot, typed, expected) -> None:
    member = newcomer(fake, club, "firstweek")
    reply = await fake.slash(member, "profile set", timezone=typed)
    assert reply.ephemeral and expected in reply.content
    assert _zone(bot, member) in ([], [("UTC",)])


@pytest.mark.parametrize(
    ("typed", "saved", "said"),
    [("Berlin", "Europe/Berlin", "`Berlin` → Europe/Berlin"), ("Etc/GMT+5", "Etc/GMT+5", None)],
)
async def test_cities_and_insisted_offsets_are_saved(fake, club, bot, typed, saved, said) -> None:
    member = newcomer(fake, club, "firstweek")
    reply = await fake.slash(member, "profile set", timezone=typed)
    assert _zone(bot, member) == [(saved,)]
    assert saved in reply.embed_text()
    if said:
        assert said in reply.content


async def test_timezone_autocomplete_suggests_the_zone_an_abbreviation_means(fake, club, bot) -> None:
    choices = await fake.autocomplete(club.alice, "profile set", "timezone", "EST")
    assert choices[0] == {"name": "America/New_York (EST)", "value": "America/New_York"}
    offsets = await fake.autocomplete(club.alice, "profile set", "timezone", "GMT")
    assert all(not c["value"].startswith(("Etc/", "GMT")) for c in offsets)


# --- replies ------------------------------------------------------------------------------------


async def test_edit_without_a_change_says_nothing_changed(fake, club, bot) -> None:
    member = newcomer(fake, club, "firstweek")
    logged = await fake.slash(member, "run log", distance="10k", time="50:00", date="yesterday")
    run_id = int(logged.embeds[0]["footer"]["text"].split("#")[1])
    same = await fake.slash(member, "run edit", id=run_id, time="50:00")
    assert same.ephemeral and "Nothing changed" in same.content and "Run updated" not in same.embed_text()
    empty = await fake.slash(member, "run edit", id=run_id)
    assert "Nothing changed" in empty.content
    changed = await fake.slash(member, "run edit", id=run_id, time="49:00")
    assert "Run updated" in changed.embed_text()
    assert stored(bot, member) == [((today() - timedelta(days=1)).isoformat(), 10000.0, 2940)]


async def test_history_page_past_the_end_says_how_many_pages(fake, club, bot) -> None:
    member = newcomer(fake, club, "firstweek")
    for day in range(11):
        await fake.slash(member, "run log", distance="5k", time="25:00", date=f"{day + 1} days ago")
    reply = await fake.slash(member, "run history", page=3)
    assert "There are only 2 pages; here is page 2." in reply.content
    assert "Page 2/2 · 11 runs" in reply.embed_text()
    first = await fake.click(member, reply, "Prev")
    assert "Page 1/2" in first.embed_text() and "only 2 pages" not in first.content
    single = newcomer(fake, club, "firstweek")
    await fake.slash(single, "run log", distance="5k", time="25:00")
    one = await fake.slash(single, "run history", page=2)
    assert "There is only 1 page" in one.content and "1 run ·" in one.embed_text()


async def test_no_voice_warning_at_start(fake, club, bot) -> None:
    log = bot.log()
    assert "logged in as" in log or "synced" in log  # the log is there
    assert "PyNaCl" not in log
