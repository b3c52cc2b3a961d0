"""The time and date forms runners write: `52.30`, `h:mm` for long races, `Nov 22`, `last friday`…"""

import contextlib
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.running.dates import parse_upcoming_date
from bot.running.parsing import InputError, ParsedTime, fit_time_to_distance, parse_run_date, parse_time, typed_units
from bot.running.units import HALF_MARATHON_M, MARATHON_M, TEN_K_M

TODAY = date(2026, 11, 25)  # a Wednesday
FAST = settings(max_examples=300, deadline=None)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("52.30", 3150), ("52.00", 3120), ("52.59", 3179), ("1.45", 105), ("0.45", 45), ("52,30 min", None)],
)
def test_dotted_minutes_and_seconds(text, seconds):
    if seconds is None:
        with pytest.raises(InputError):
            parse_time(text)
    else:
        assert parse_time(text).seconds == seconds


@pytest.mark.parametrize("text", ["52.5", "52.75", "52.305", "52.60", "52.99"])
def test_dotted_time_that_is_not_minutes_and_seconds_is_asked_about(text):
    with pytest.raises(InputError) as caught:
        parse_time(text)
    assert caught.value.field == "time"
    assert "minutes and seconds" in caught.value.message and "`52:30`" in caught.value.message


def test_decimal_minutes_with_a_unit_stay_decimal():
    assert parse_time("52.5 min").seconds == 3150
    assert parse_time("1.5h").seconds == 5400


@pytest.mark.parametrize(
    ("distance", "text", "seconds", "note"),
    [
        (HALF_MARATHON_M, "1:45", 6300, "read `1:45` as 1 h 45 min"),
        (MARATHON_M, "3:59", 14340, "read `3:59` as 3 h 59 min"),
        (MARATHON_M, "4.05", 14700, "read `4.05` as 4 h 05 min"),
        (TEN_K_M, "52:30", 3150, None),
        (TEN_K_M, "52.30", 3150, None),
        (5000, "25:00", 1500, None),
    ],
)
def test_hours_minutes_taken_when_only_they_make_a_pace(distance, text, seconds, note):
    fitted = fit_time_to_distance(parse_time(text), distance)
    assert (fitted.seconds, fitted.note) == (seconds, note)


@pytest.mark.parametrize(
    ("distance", "text", "shown"), [(TEN_K_M, "1m", "0:06 /km"), (MARATHON_M, "45:00", "1:04 /km")]
)
def test_neither_reading_plausible_shows_the_computed_pace(distance, text, shown):
    with pytest.raises(InputError) as caught:
        fit_time_to_distance(parse_time(text), distance)
    assert f"pace of {shown}" in caught.value.message


def test_pace_error_is_in_the_members_units():
    with pytest.raises(InputError, match="/mi"):
        fit_time_to_distance(parse_time("1m"), TEN_K_M, "mi")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov 22", date(2026, 11, 22)),
        ("22 Nov", date(2026, 11, 22)),
        ("november 22nd", date(2026, 11, 22)),
        ("22 November 2025", date(2025, 11, 22)),
        ("Nov 22, 2025", date(2025, 11, 22)),
        ("11/25", date(2026, 11, 25)),  # 25 can't be a month
        ("25/11", date(2026, 11, 25)),
        ("25.11.2025", date(2025, 11, 25)),
        ("5/5", date(2026, 5, 5)),
        ("3/12", date(2026, 3, 12)),  # 3 December is still to come: only March 12 has passed
        ("2026/11/22", date(2026, 11, 22)),
        ("2 days ago", date(2026, 11, 23)),
        ("1 day ago", date(2026, 11, 24)),
        ("a week ago", date(2026, 11, 18)),
        ("last friday", date(2026, 11, 20)),
        ("last wed", date(2026, 11, 18)),  # today is a Wednesday: last one is a week back
        ("Last  Friday", date(2026, 11, 20)),
        ("this monday", date(2026, 11, 23)),
    ],
)
def test_date_forms(text, expected):
    assert parse_run_date(text, TODAY) == expected


def test_yearless_date_in_january_means_last_december():
    assert parse_run_date("Dec 30", date(2027, 1, 5)) == date(2026, 12, 30)


@pytest.mark.parametrize("text", ["Dec 1", "12/12", "0 days ago"])
def test_yearless_dates_ahead_are_refused_or_today(text):
    if text == "0 days ago":
        assert parse_run_date(text, TODAY) == TODAY
        return
    with pytest.raises(InputError, match="future"):
        parse_run_date(text, TODAY)


def test_ambiguous_numeric_date_asks_with_both_readings():
    with pytest.raises(InputError) as caught:
        parse_run_date("3/4", TODAY)
    message = caught.value.message
    assert "4 March 2026" in message and "3 April 2026" in message
    assert "`2026-03-04`" in message and "`2026-04-03`" in message


@pytest.mark.parametrize("text", ["next friday", "tomorrow", "coming sat"])
def test_future_forms_are_refused_with_a_reason(text):
    with pytest.raises(InputError) as caught:
        parse_run_date(text, TODAY)
    assert caught.value.field == "date"
    assert "in the future" in caught.value.message and "last friday" in caught.value.message


@pytest.mark.parametrize("text", ["30000 days ago", "3000 weeks ago"])
def test_relative_dates_before_1970_are_refused(text):
    with pytest.raises(InputError, match="1970"):
        parse_run_date(text, TODAY)


@pytest.mark.parametrize("text", ["Foo 22", "Nov 31", "13/13", "last month", "next", "2 fortnights ago"])
def test_unreadable_forms(text):
    with pytest.raises(InputError, match="Couldn't read the date"):
        parse_run_date(text, TODAY)


# --- properties -------------------------------------------------------------------------------

date_texts = st.one_of(
    st.text(),
    st.text(alphabet="0123456789/.- ", max_size=12),
    st.builds(
        lambda a, b, c: f"{a} {b} {c}".strip(),
        st.sampled_from(["", "last", "next", "this", "2", "a", "22", "nov", "sat"]),
        st.sampled_from(["", "nov", "friday", "days", "weeks", "22", "2026", "31"]),
        st.sampled_from(["", "ago", "2026", "1969", "22"]),
    ),
)
any_today = st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31))


@FAST
@given(date_texts, any_today)
def test_new_date_forms_never_crash_and_never_land_in_the_future(text, today):
    try:
        day = parse_run_date(text, today)
    except InputError as error:  # either outcome is allowed: pytest.raises would demand the error
        assert error.field == "date" and error.message  # noqa: PT017
    else:
        assert date(1970, 1, 1) <= day <= today


@FAST
@given(date_texts)
def test_new_date_forms_at_the_ends_of_the_calendar(text):
    for today in (date.min, date.max):
        with contextlib.suppress(InputError):
            parse_run_date(text, today)


@given(st.dates(min_value=date(1970, 1, 1), max_value=TODAY))
def test_month_name_with_year_reads_back(day):
    assert parse_run_date(f"{day:%b} {day.day} {day.year}", TODAY) == day
    assert parse_run_date(f"{day.day} {day:%B} {day.year}", TODAY) == day
    assert parse_run_date(f"{day.year}/{day.month}/{day.day}", TODAY) == day


@given(st.integers(min_value=0, max_value=20000))
def test_days_ago_counts_back(days):
    assert parse_run_date(f"{days} days ago", TODAY) == TODAY - timedelta(days=days)


@given(st.dates(min_value=TODAY - timedelta(days=150), max_value=TODAY))
def test_numeric_date_is_the_past_reading_or_asks(day):
    try:
        read = parse_run_date(f"{day.month}/{day.day}", TODAY)
    except InputError as error:  # either outcome is allowed: pytest.raises would demand the error
        assert "could be" in error.message  # noqa: PT017
    else:
        assert read <= TODAY and {read.month, read.day} == {day.month, day.day}


time_texts = st.one_of(st.text(), st.text(alphabet="0123456789.,:hms '", max_size=10))


@FAST
@given(time_texts, st.floats(min_value=100, max_value=500_000), st.sampled_from(["km", "mi"]))
def test_time_fitting_never_crashes_and_keeps_pace_runnable(text, distance, units):
    try:
        fitted = fit_time_to_distance(parse_time(text), distance, units)
    except InputError as error:  # either outcome is allowed: pytest.raises would demand the error
        assert error.field in ("time", "pace") and error.message  # noqa: PT017
    else:
        assert isinstance(fitted, ParsedTime)
        assert 120 <= round(fitted.seconds / (distance / 1000)) <= 3600


@given(st.integers(0, 99), st.integers(0, 59))
def test_dotted_two_digit_seconds_read_as_mm_ss(minutes, seconds):
    if minutes == seconds == 0:
        return
    assert parse_time(f"{minutes}.{seconds:02d}").seconds == minutes * 60 + seconds


# --- which reading of `a:bb` is taken ------------------------------------------------------------


def _pace(distance: float, seconds: int) -> int:
    return round(seconds / (distance / 1000))


@pytest.mark.parametrize(
    ("distance", "text", "mm_ss", "h_mm"),
    [
        (5000, "5:00", "1:00 /km", "60:00 /km"),
        (TEN_K_M, "10:00", "1:00 /km", "60:00 /km"),
        (5000, "2:00", "0:24 /km", "24:00 /km"),
    ],
)
def test_neither_reading_a_running_pace_asks_with_both_paces(distance, text, mm_ss, h_mm):
    with pytest.raises(InputError) as caught:
        fit_time_to_distance(parse_time(text), distance)
    message = caught.value.message
    assert caught.value.field == "time" and "Which did you mean" in message
    assert f"a pace of {mm_ss}" in message and f"a pace of {h_mm}" in message and "nothing was logged" in message


@FAST
@given(
    st.integers(0, 99), st.integers(0, 59), st.floats(min_value=100, max_value=500_000), st.sampled_from(["km", "mi"])
)
def test_a_two_part_clock_is_read_as_mm_ss_then_as_a_running_h_mm_else_asked(first, second, distance, units):
    text = f"{first}:{second:02d}"
    mm_ss, h_mm = first * 60 + second, first * 3600 + second * 60
    try:
        fitted = fit_time_to_distance(parse_time(text), distance, units)
    except InputError as error:  # either outcome is allowed: pytest.raises would demand the error
        assert not 120 <= _pace(distance, mm_ss) <= 3600  # a workable mm:ss is never refused
        if mm_ss > 0:
            assert not 150 <= _pace(distance, h_mm) <= 900
            assert "Which did you mean" in error.message and error.message.count("a pace of") == 2  # noqa: PT017
        return
    if fitted.note is None:  # mm:ss, whenever it gives a pace of 2:00-60:00 per km
        assert fitted.seconds == mm_ss and 120 <= _pace(distance, mm_ss) <= 3600
    else:  # h:mm only when mm:ss can't be, and only at a running pace of 2:30-15:00 per km
        assert fitted.seconds == h_mm and not 120 <= _pace(distance, mm_ss) <= 3600
        assert 150 <= _pace(distance, h_mm) <= 900
        assert fitted.note == f"read `{text}` as {first} h {second:02d} min"


# --- days to come (the goal race) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-04-25", date(2027, 4, 25)),
        ("25/4", date(2027, 4, 25)),  # 25 can't be a month
        ("4/25", date(2027, 4, 25)),
        ("Apr 25", date(2027, 4, 25)),
        ("30 Nov", date(2026, 11, 30)),
        ("next sunday", date(2026, 11, 29)),
        ("1/1/2027", date(2027, 1, 1)),
    ],
)
def test_a_day_to_come_in_the_run_date_forms(text, expected):
    assert parse_upcoming_date(text, TODAY, "goal_date") == expected


def test_a_numeric_day_to_come_that_reads_two_ways_is_asked_about():
    with pytest.raises(InputError) as caught:
        parse_upcoming_date("5/3", TODAY, "goal_date")
    assert caught.value.field == "goal_date" and "could be 5 March 2027 or 3 May 2027" in caught.value.message


@pytest.mark.parametrize(("text", "units"), [("500mi", "mi"), ("500 miles", "mi"), ("800km", "km"), ("800", "km")])
def test_the_units_a_distance_was_typed_in(text, units):
    assert typed_units(text, "km") == units
