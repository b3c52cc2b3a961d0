"""Unit and property tests for the pure reminder schedule maths."""

from __future__ import annotations

import functools
import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.reminders.schedule import ALL_DAYS, WEEKDAYS, WEEKENDS, catch_up, day_allowed, localize, next_fire
from bot.reminders.schedule_input import (
    ScheduleError,
    format_days,
    parse_days,
    parse_time_of_day,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
NUUK = ZoneInfo("America/Nuuk")
MON, TUE, WED, THU, FRI, SAT, SUN = (1 << i for i in range(7))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def wall(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None, fold=0)


# --------------------------------------------------------------------------- time parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:30", time(7, 30)),
        ("7:30", time(7, 30)),
        ("7:30pm", time(19, 30)),
        ("7:30 PM", time(19, 30)),
        ("7:30 p.m.", time(19, 30)),
        ("7pm", time(19, 0)),
        ("7 am", time(7, 0)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("12:15am", time(0, 15)),
        ("19:05", time(19, 5)),
        ("7.30", time(7, 30)),
        ("7h30", time(7, 30)),
        ("0730", time(7, 30)),
        ("19", time(19, 0)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("noon", time(12, 0)),
        (" Midnight ", time(0, 0)),
    ],
)
def test_parse_time_of_day_good(text: str, expected: time) -> None:
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "25:00",
        "24:00",
        "7:60",
        "1:5",
        "13pm",
        "0am",
        "7m",
        "abc",
        "07:30:00",
        "7:30xm",
        "-1:00",
        "٧:٣٠",
    ],
)
def test_parse_time_of_day_bad(text: str) -> None:
    with pytest.raises(ScheduleError) as info:
        parse_time_of_day(text)
    assert info.value.field == "time"
    assert "`07:30`" in info.value.message


def test_time_error_message_is_friendly() -> None:
    with pytest.raises(ScheduleError) as info:
        parse_time_of_day("25:00")
    assert str(info.value) == "Couldn't read the time `25:00`. Try `07:30` or `7:30pm`."


def test_error_echo_is_sanitised() -> None:
    with pytest.raises(ScheduleError) as info:
        parse_time_of_day("`oops`\n" + "x" * 200)
    message = info.value.message
    assert "\n" not in message
    assert message.count("`") == 6  # only our own code spans
    assert len(message) < 120


# --------------------------------------------------------------------------- days


@pytest.mark.parametrize(
    ("text", "mask"),
    [
        (None, ALL_DAYS),
        ("", ALL_DAYS),
        ("daily", ALL_DAYS),
        ("Every day", ALL_DAYS),
        ("weekdays", WEEKDAYS),
        ("weekends", WEEKENDS),
        ("mon,wed,fri", MON | WED | FRI),
        ("Mon Wed Fri", MON | WED | FRI),
        ("Mon, Wed, Fri", MON | WED | FRI),
        ("monday,tuesday", MON | TUE),
        ("Mondays and Thursdays", MON | THU),
        ("mon-fri", WEEKDAYS),
        ("Mon - Fri", WEEKDAYS),
        ("mon to wed", MON | TUE | WED),
        ("fri-mon", FRI | SAT | SUN | MON),
        ("sun", SUN),
        ("tues thurs", TUE | THU),
        ("weekends, wed", WEEKENDS | WED),
    ],
)
def test_parse_days_good(text: str | None, mask: int) -> None:
    assert parse_days(text) == mask


@pytest.mark.parametrize("text", ["xyz", "mon-", "mon-fri-sun", "weekdays-sun", "and", "funday", "8"])
def test_parse_days_bad(text: str) -> None:
    with pytest.raises(ScheduleError) as info:
        parse_days(text)
    assert info.value.field == "days"
    assert "`mon,wed,fri`" in info.value.message


@pytest.mark.parametrize(
    ("mask", "text"),
    [
        (ALL_DAYS, "daily"),
        (WEEKDAYS, "weekdays"),
        (WEEKENDS, "weekends"),
        (MON | WED | FRI, "Mon, Wed, Fri"),
        (SUN, "Sun"),
        (MON | SUN, "Mon, Sun"),
    ],
)
def test_format_days(mask: int, text: str) -> None:
    assert format_days(mask) == text


@pytest.mark.parametrize("mask", [0, 128, -1])
def test_format_days_rejects_bad_masks(mask: int) -> None:
    with pytest.raises(ValueError, match="days_mask must be in"):
        format_days(mask)


@given(st.integers(min_value=1, max_value=ALL_DAYS))
def test_format_then_parse_days_round_trips(mask: int) -> None:
    assert parse_days(format_days(mask)) == mask


# --------------------------------------------------------------------------- localize


def test_berlin_spring_gap_fires_at_end_of_gap() -> None:
    assert localize(date(2026, 3, 29), time(2, 30), BERLIN) == utc(2026, 3, 29, 1, 0)
    assert localize(date(2026, 3, 29), time(2, 0), BERLIN) == utc(2026, 3, 29, 1, 0)
    assert localize(date(2026, 3, 29), time(1, 59), BERLIN) == utc(2026, 3, 29, 0, 59)
    assert localize(date(2026, 3, 29), time(3, 0), BERLIN) == utc(2026, 3, 29, 1, 0)


def test_berlin_autumn_fold_fires_once_at_first_occurrence() -> None:
    assert localize(date(2026, 10, 25), time(2, 30), BERLIN) == utc(2026, 10, 25, 0, 30)
    fires = [utc(2026, 10, 24, 12)]
    for _ in range(3):
        fires.append(next_fire(fires[-1], time(2, 30), ALL_DAYS, BERLIN))
    assert fires[1:] == [utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30), utc(2026, 10, 27, 1, 30)]


def test_new_york_transitions() -> None:
    assert localize(date(2026, 3, 8), time(2, 30), NEW_YORK) == utc(2026, 3, 8, 7, 0)  # 03:00 EDT
    assert localize(date(2026, 3, 8), time(3, 30), NEW_YORK) == utc(2026, 3, 8, 7, 30)
    assert localize(date(2026, 11, 1), time(1, 30), NEW_YORK) == utc(2026, 11, 1, 5, 30)  # EDT, first
    after = localize(date(2026, 11, 1), time(1, 30), NEW_YORK)
    assert next_fire(after, time(1, 30), ALL_DAYS, NEW_YORK) == utc(2026, 11, 2, 6, 30)


def test_lord_howe_half_hour_dst() -> None:
    # Gap 02:00-02:30 on the first Sunday of October; fall back 02:00 -> 01:30 on the first Sunday of April.
    assert localize(date(2026, 10, 4), time(2, 15), LORD_HOWE) == utc(2026, 10, 3, 15, 30)
    assert localize(date(2026, 10, 4), time(2, 30), LORD_HOWE) == utc(2026, 10, 3, 15, 30)
    assert localize(date(2026, 10, 4), time(1, 59), LORD_HOWE) == utc(2026, 10, 3, 15, 29)
    assert localize(date(2026, 4, 5), time(1, 45), LORD_HOWE) == utc(2026, 4, 4, 14, 45)  # +11, first
    first = localize(date(2026, 4, 5), time(1, 45), LORD_HOWE)
    assert next_fire(first, time(1, 45), ALL_DAYS, LORD_HOWE) == utc(2026, 4, 5, 15, 15)  # next day, +10:30


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Kolkata", utc(2026, 6, 1, 2, 0)),
        ("Asia/Kathmandu", utc(2026, 6, 1, 1, 45)),
        ("UTC", utc(2026, 6, 1, 7, 30)),
        ("Pacific/Chatham", utc(2026, 5, 31, 18, 45)),
    ],
)
def test_odd_offset_zones(zone: str, expected: datetime) -> None:
    tz = ZoneInfo(zone)
    assert localize(date(2026, 6, 1), time(7, 30), tz) == expected
    assert next_fire(expected - timedelta(seconds=1), time(7, 30), ALL_DAYS, tz) == expected
    assert next_fire(expected, time(7, 30), ALL_DAYS, tz) == expected + timedelta(days=1)


def test_gap_across_midnight_keeps_intended_weekday() -> None:
    # Nuuk springs forward Sat 23:00 -> Sun 00:00. A Saturday-only 23:15 reminder fires at Sun 00:00
    # local, and a Sunday-only one must not fire then.
    saturday = next_fire(utc(2026, 3, 27, 12), time(23, 15), SAT, NUUK)
    assert saturday == utc(2026, 3, 29, 1, 0)
    # One tzinfo on both sides: the wall clocks are compared.
    assert saturday.astimezone(NUUK) == datetime(2026, 3, 29, 0, 0, tzinfo=NUUK)
    sunday = next_fire(utc(2026, 3, 27, 12), time(23, 15), SUN, NUUK)
    assert sunday.astimezone(NUUK) == datetime(2026, 3, 29, 23, 15, tzinfo=NUUK)


def test_localize_returns_utc() -> None:
    result = localize(date(2026, 7, 1), time(7, 30), BERLIN)
    assert result.tzinfo is UTC
    assert result == utc(2026, 7, 1, 5, 30)


# --------------------------------------------------------------------------- next_fire


def test_weekdays_skip_weekend() -> None:
    friday_after = datetime(2026, 6, 5, 8, 0, tzinfo=BERLIN)  # Friday, after 07:30
    fire = next_fire(friday_after, time(7, 30), WEEKDAYS, BERLIN)
    assert fire.astimezone(BERLIN) == datetime(2026, 6, 8, 7, 30, tzinfo=BERLIN)  # Monday
    weekend = next_fire(friday_after, time(7, 30), WEEKENDS, BERLIN)
    assert weekend.astimezone(BERLIN) == datetime(2026, 6, 6, 7, 30, tzinfo=BERLIN)  # Saturday


def test_next_fire_is_strictly_after() -> None:
    slot = localize(date(2026, 6, 1), time(7, 30), BERLIN)
    assert next_fire(slot - timedelta(microseconds=1), time(7, 30), ALL_DAYS, BERLIN) == slot
    assert next_fire(slot, time(7, 30), ALL_DAYS, BERLIN) == slot + timedelta(days=1)


def test_next_fire_accepts_any_aware_after() -> None:
    after = datetime(2026, 6, 1, 9, 0, tzinfo=NEW_YORK)
    assert next_fire(after, time(7, 30), ALL_DAYS, BERLIN) == next_fire(
        after.astimezone(UTC), time(7, 30), ALL_DAYS, BERLIN
    )


def test_next_fire_rejects_naive_and_bad_input() -> None:
    with pytest.raises(ValueError, match="must be a timezone-aware datetime"):
        next_fire(datetime(2026, 6, 1), time(7, 30), ALL_DAYS, BERLIN)  # noqa: DTZ001  # the naive input refused
    with pytest.raises(ValueError, match="days_mask must be in"):
        next_fire(utc(2026, 6, 1), time(7, 30), 0, BERLIN)
    with pytest.raises(ValueError, match="at must be a naive wall-clock time"):
        next_fire(utc(2026, 6, 1), time(7, 30, tzinfo=UTC), ALL_DAYS, BERLIN)


# --------------------------------------------------------------------------- catch_up

AT = time(7, 30)


def test_catch_up_on_time_and_slightly_late_sends_once() -> None:
    slot = localize(date(2026, 6, 1), AT, BERLIN)
    for late in (timedelta(0), timedelta(minutes=10), timedelta(minutes=59, seconds=59)):
        send, following = catch_up(slot, slot + late, AT, ALL_DAYS, BERLIN)
        assert send is True
        assert following == slot + timedelta(days=1)
        # The stored time moved on: polling again at the same moment does nothing.
        assert catch_up(following, slot + late, AT, ALL_DAYS, BERLIN) == (False, following)


def test_catch_up_two_hours_late_skips_to_next() -> None:
    slot = localize(date(2026, 6, 1), AT, BERLIN)
    send, following = catch_up(slot, slot + timedelta(hours=2), AT, ALL_DAYS, BERLIN)
    assert send is False
    assert following == slot + timedelta(days=1)
    exactly = catch_up(slot, slot + timedelta(hours=1), AT, ALL_DAYS, BERLIN)
    assert exactly == (False, slot + timedelta(days=1))


def test_catch_up_not_due_keeps_stored_time() -> None:
    slot = localize(date(2026, 6, 1), AT, BERLIN)
    assert catch_up(slot, slot - timedelta(minutes=1), AT, ALL_DAYS, BERLIN) == (False, slot)


def test_catch_up_long_outage_no_burst() -> None:
    slot = localize(date(2026, 6, 1), AT, BERLIN)
    now = slot + timedelta(days=5, hours=3)
    send, following = catch_up(slot, now, AT, ALL_DAYS, BERLIN)
    assert send is False
    assert following == slot + timedelta(days=6)


def test_catch_up_long_outage_ending_just_after_a_slot_sends_that_slot_once() -> None:
    slot = localize(date(2026, 6, 1), AT, BERLIN)
    now = slot + timedelta(days=3, minutes=10)  # 10 minutes after the 4 June slot
    send, following = catch_up(slot, now, AT, ALL_DAYS, BERLIN)
    assert send is True
    assert following == slot + timedelta(days=4)
    assert catch_up(following, now, AT, ALL_DAYS, BERLIN) == (False, following)


def test_catch_up_respects_mask_after_outage() -> None:
    friday = localize(date(2026, 6, 5), AT, BERLIN)
    now = friday + timedelta(hours=2)
    assert catch_up(friday, now, AT, WEEKDAYS, BERLIN) == (False, localize(date(2026, 6, 8), AT, BERLIN))


@pytest.mark.parametrize("late", [timedelta(0), timedelta(minutes=10), timedelta(hours=2), timedelta(days=9)])
def test_catch_up_never_returns_next_fire_at_or_before_now(late: timedelta) -> None:
    slot = localize(date(2026, 3, 29), time(2, 30), BERLIN)
    now = slot + late
    _, following = catch_up(slot, now, time(2, 30), ALL_DAYS, BERLIN)
    assert following > now
    assert following.tzinfo is UTC


# --------------------------------------------------------------------------- properties

ZONES = [
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Dublin",
    "America/New_York",
    "America/St_Johns",
    "America/Santiago",
    "America/Havana",
    "America/Nuuk",
    "America/Sao_Paulo",
    "Australia/Lord_Howe",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tehran",
    "Asia/Beirut",
    "Africa/Casablanca",
    "Antarctica/Troll",
    "Pacific/Chatham",
    "Pacific/Apia",
    "Pacific/Auckland",
    "Pacific/Kiritimati",
]

zones = st.sampled_from(ZONES).map(ZoneInfo)
# Hypothesis takes naive bounds; `timezones` makes the values it draws aware.
instants = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC))  # noqa: DTZ001
# Bias towards DST-prone small hours so gaps and folds are actually exercised.
hours = st.one_of(st.integers(0, 3), st.integers(22, 23), st.integers(0, 23))
wall_times = st.builds(time, hours, st.sampled_from([0, 15, 30, 45, 59]) | st.integers(0, 59))
masks = st.integers(min_value=1, max_value=ALL_DAYS)


@functools.cache
def transitions(zone: str) -> tuple[datetime, ...]:
    """UTC instants (to the minute) where the zone's offset changes, 2020-2035."""
    tz = ZoneInfo(zone)

    def offset(instant: datetime) -> timedelta | None:
        return instant.astimezone(tz).utcoffset()

    found = []
    step = timedelta(hours=12)
    current, end = utc(2020, 1, 1), utc(2036, 1, 1)
    before = offset(current)
    while current < end:
        following = current + step
        if offset(following) != before:
            low, high = 0, 12 * 60  # minutes: offset(low) == before, offset(high) != before
            while high - low > 1:
                mid = (low + high) // 2
                if offset(current + timedelta(minutes=mid)) == before:
                    low = mid
                else:
                    high = mid
            found.append(current + timedelta(minutes=high))
        before = offset(following)
        current = following
    return tuple(found)


@st.composite
def near_transition(draw: st.DrawFn) -> tuple[ZoneInfo, datetime, time]:
    """A zone, an `after` shortly before a DST transition and a wall time in/around its gap or fold."""
    zone = draw(st.sampled_from([z for z in ZONES if transitions(z)]))
    tz = ZoneInfo(zone)
    moment = draw(st.sampled_from(transitions(zone)))
    old_wall = wall(moment - timedelta(minutes=1), tz) + timedelta(minutes=1)  # wall clock at the change
    at = (old_wall + timedelta(minutes=draw(st.integers(-90, 150)))).time()
    after = moment - timedelta(minutes=draw(st.integers(0, 4 * 24 * 60)))
    return tz, after, at


cases = st.one_of(st.tuples(zones, instants, wall_times), near_transition())


def intended_day(fire: datetime, at: time, tz: ZoneInfo) -> date:
    """Recover the intended local date of a fire instant, independently of the implementation."""
    local = wall(fire, tz)
    if local.time() == at:
        return local.date()
    # Gap-shifted: the instant is after the intended wall time, possibly past midnight.
    return local.date() if local.time() > at else local.date() - timedelta(days=1)


def check_fire(fire: datetime, at: time, mask: int, tz: ZoneInfo) -> date:
    assert fire.tzinfo is UTC
    day = intended_day(fire, at, tz)
    assert day_allowed(day, mask)
    target = datetime.combine(day, at)
    local = fire.astimezone(tz)
    if local.replace(tzinfo=None) == target:
        assert local.fold == 0, "ambiguous time must resolve to the first occurrence"
    else:
        # Only allowed if the intended wall time does not exist (gap)...
        naive = target.replace(tzinfo=tz)
        assert wall(naive.astimezone(UTC), tz) != target
        # ...and then it's the first whole minute whose local wall time is past the gap.
        assert local.second == 0 and local.microsecond == 0
        assert local.replace(tzinfo=None) > target
        assert wall(fire - timedelta(minutes=1), tz) < target
    return day


@settings(max_examples=300, deadline=None)
@given(case=cases, mask=masks)
def test_next_fire_properties(case: tuple[ZoneInfo, datetime, time], mask: int) -> None:
    tz, after, at = case
    fire = next_fire(after, at, mask, tz)
    assert fire > after
    day = check_fire(fire, at, mask, tz)
    # Nothing allowed was skipped between `after` and `fire`.
    previous = day - timedelta(days=1)
    while not day_allowed(previous, mask):
        previous -= timedelta(days=1)
    assert localize(previous, at, tz) <= after


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases, mask=masks)
def test_iterating_next_fire_hits_each_allowed_day_exactly_once(
    case: tuple[ZoneInfo, datetime, time], mask: int
) -> None:
    tz, after, at = case
    fires = []
    current = after
    for _ in range(400):
        current = next_fire(current, at, mask, tz)
        fires.append(current)
    assert all(a < b for a, b in itertools.pairwise(fires))  # strictly increasing: no dupes
    days = [check_fire(fire, at, mask, tz) for fire in fires]
    for earlier, later in itertools.pairwise(days):
        expected = earlier + timedelta(days=1)
        while not day_allowed(expected, mask):
            expected += timedelta(days=1)
        assert later == expected, "an allowed day was skipped or repeated"


@settings(max_examples=200, deadline=None)
@given(case=cases, shift=st.integers(-1, 1))
def test_localize_wall_time_or_end_of_gap(case: tuple[ZoneInfo, datetime, time], shift: int) -> None:
    tz, after, at = case
    day = wall(after, tz).date() + timedelta(days=shift)
    fire = localize(day, at, tz)
    assert intended_day(fire, at, tz) == day
    check_fire(fire, at, ALL_DAYS, tz)


@settings(max_examples=60, deadline=None)
@given(
    case=cases,
    mask=masks,
    steps=st.lists(
        st.one_of(
            st.integers(1, 30).map(lambda m: timedelta(minutes=m)),
            st.integers(1, 180).map(lambda m: timedelta(minutes=m)),
            st.integers(1, 240).map(lambda h: timedelta(hours=h)),  # outages
        ),
        min_size=1,
        max_size=40,
    ),
)
def test_catch_up_simulation_never_duplicates_or_bursts(
    case: tuple[ZoneInfo, datetime, time], mask: int, steps: list[timedelta]
) -> None:
    """A scheduler polling at irregular times (with outages) sends each slot at most once."""
    tz, start, at = case
    grace = timedelta(hours=1)
    stored = next_fire(start, at, mask, tz)
    now = start
    sent: list[datetime] = []
    for step in steps:
        now += step
        if stored > now:
            assert catch_up(stored, now, at, mask, tz) == (False, stored)
            continue
        send, following = catch_up(stored, now, at, mask, tz, grace)
        assert following > now
        assert following == next_fire(now, at, mask, tz)
        # The slot this poll is about: the latest scheduled slot at or before now.
        latest = stored
        for _ in range(100):  # bounded: a next_fire regression must fail, not hang
            candidate = next_fire(latest, at, mask, tz)
            assert candidate > latest
            if candidate > now:
                break
            latest = candidate
        assert send == (now - latest < grace)
        if send:
            assert not sent or latest > sent[-1]
            sent.append(latest)
        stored = following
    assert len(sent) == len(set(sent))


@given(st.text(max_size=60))
def test_parsers_only_raise_schedule_error(text: str) -> None:
    for parse, field in ((parse_time_of_day, "time"), (parse_days, "days")):
        try:
            parse(text)
        except ScheduleError as error:  # either outcome is allowed: pytest.raises would demand the error
            assert error.field == field  # noqa: PT017
            assert error.message  # noqa: PT017
            assert "\n" not in error.message  # noqa: PT017


@given(st.text(alphabet="0123456789:.apmAPM hnoidlgt", max_size=10))
def test_parse_time_of_day_fuzz_near_miss(text: str) -> None:
    try:
        result = parse_time_of_day(text)
    except ScheduleError:
        return
    assert result.second == 0 and result.microsecond == 0 and result.tzinfo is None


@given(st.text(alphabet="montuewdhfrisaykle-, ", max_size=25))
def test_parse_days_fuzz_near_miss(text: str) -> None:
    try:
        mask = parse_days(text)
    except ScheduleError:
        return
    assert 1 <= mask <= ALL_DAYS
