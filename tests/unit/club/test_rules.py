"""The pure club rules: goals per metric, club dates and times, the digest's schedule, race grouping, a
weekly event across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.club.days import parse_day, parse_when
from bot.club.digest import last_week, next_instant, parse_clock, parse_day_name
from bot.club.events import Event
from bot.club.goals import format_value, parse_goal
from bot.club.races import Race, club_lines
from bot.errors import UserError

TODAY = date(2026, 12, 7)  # a Monday


@pytest.mark.parametrize(
    ("metric", "text", "units", "value"),
    [
        ("distance", "100k", "km", 100_000),
        ("distance", "62mi", "km", 62 * 1609.344),
        ("distance", "100 km", "km", 100_000),
        ("distance", "50", "mi", 50 * 1609.344),
        ("time", "20h", "km", 72_000),
        ("time", "30h30m", "km", 109_800),
        ("time", "1200 min", "km", 72_000),
        ("time", "20:30", "km", 73_800),
        ("runs", "20", "km", 20),
        ("runs", "20 runs", "km", 20),
        ("elevation", "2000m", "km", 2000),
        ("elevation", "6500ft", "km", 6500 * 0.3048),
        ("elevation", "1000", "mi", 304.8),
    ],
)
def test_goals_as_runners_write_them(metric: str, text: str, units: str, value: float) -> None:
    assert parse_goal(metric, text, units) == pytest.approx(value)


@pytest.mark.parametrize(
    ("metric", "text"),
    [("distance", "lots"), ("distance", "0k"), ("time", "ages"), ("time", "20x"), ("runs", "2.5"),
     ("runs", "0"), ("elevation", "high"), ("distance", ""), ("time", "99999h")],
)  # fmt: skip
def test_goals_that_do_not_parse_name_the_goal(metric: str, text: str) -> None:
    with pytest.raises(UserError) as error:
        parse_goal(metric, text)
    assert error.value.field == "goal" and "Try" in error.value.message


def test_values_read_as_members_write_them() -> None:
    assert format_value("distance", 123_400, "km") == "123.4 km"
    assert format_value("time", 73_800) == "20h 30m"
    assert format_value("runs", 1) == "1 run"
    assert format_value("elevation", 2000, "mi") == "6,562 ft"


@pytest.mark.parametrize(
    ("text", "upcoming", "day"),
    [
        ("today", False, TODAY), ("tomorrow", False, date(2026, 12, 8)), ("sat", False, date(2026, 12, 12)),
        ("mon", False, TODAY), ("next monday", False, date(2026, 12, 14)), ("Dec 31", False, date(2026, 12, 31)),
        ("Jan 5", False, date(2027, 1, 5)), ("Nov 30", False, date(2026, 11, 30)), ("Nov 30", True, date(2027, 11, 30)),
        ("2027-04-25", False, date(2027, 4, 25)), ("2 days ago", False, date(2026, 12, 5)),
        ("in 3 days", False, date(2026, 12, 10)), ("6 Dec", True, date(2027, 12, 6)),
    ],
)  # fmt: skip
def test_club_days(text: str, upcoming: bool, day: date) -> None:
    assert parse_day(text, TODAY, "start", upcoming=upcoming) == day


def test_group_run_times_in_the_organisers_zone() -> None:
    now = datetime(2026, 12, 7, 12, tzinfo=UTC)
    assert parse_when("sat 08:00", now, "Europe/Berlin").start == datetime(2026, 12, 12, 7, tzinfo=UTC)
    assert parse_when("tomorrow 7pm", now, "UTC").start == datetime(2026, 12, 8, 19, tzinfo=UTC)
    assert parse_when("Dec 12 18:30", now, "UTC").start == datetime(2026, 12, 12, 18, 30, tzinfo=UTC)
    gap = parse_when("2027-03-28 02:30", now, "Europe/Berlin").start  # clocks jump 02:00 -> 03:00
    assert gap.astimezone(UTC) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    for bad in ("someday", "sat", "25:00", "sat 8"):
        with pytest.raises(UserError):
            parse_when(bad, now, "UTC")


def test_a_weekly_event_keeps_its_wall_clock_across_dst() -> None:
    first = Event(1, 1, 1, 1, "Tempo", datetime(2027, 3, 25, 17, 0, tzinfo=UTC), "Europe/Berlin", None, None,
                  None, None, "weekly", 5, None, None)  # fmt: skip
    assert first.next_start().astimezone(UTC) == datetime(2027, 4, 1, 16, 0, tzinfo=UTC)  # 18:00 both weeks


def test_the_digest_schedule() -> None:
    assert parse_day_name(None) == 0 and parse_day_name("Sun") == 6 and parse_clock("6pm") == time(18, 0)
    with pytest.raises(UserError):
        parse_clock("25:99")
    after = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # Monday 09:00 exactly: the next is a week on
    assert next_instant(0, time(9), "UTC", after) == datetime(2026, 12, 14, 9, tzinfo=UTC)
    assert next_instant(0, time(9), "Europe/Berlin", after) == datetime(2026, 12, 14, 8, tzinfo=UTC)
    assert last_week(datetime(2026, 12, 14, 8, tzinfo=UTC), "Europe/Berlin") == date(2026, 12, 7)


def test_the_club_race_list_groups_a_day_and_a_race() -> None:
    day = date(2026, 12, 6)
    races = [
        Race(1, 1, 11, "Valencia Marathon", day, 42195.0, 11700, True, None, None),
        Race(2, 1, 12, "valencia marathon", day, 42195.0, None, True, None, None),
        Race(3, 1, 13, "Parkrun", day, 5000.0, None, True, 1390, 99),
    ]
    assert club_lines(races, "km") == [
        "**Sun 6 Dec** — Parkrun, 5K: <@13> (23:10 ✅)",
        "**Sun 6 Dec** — Valencia Marathon, marathon: <@11> (goal 3:15:00), <@12>",
    ]
