import contextlib
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import UserError
from bot.running.parsing import (
    InputError,
    check_effort,
    check_pace,
    check_text,
    parse_distance,
    parse_duration,
    parse_run_date,
)
from bot.running.units import format_duration

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("10k", 10000),
        ("10 km", 10000),
        ("10K", 10000),
        ("5k", 5000),
        ("6.2mi", 6.2 * 1609.344),
        ("5000m", 5000),
        ("half", 21097.5),
        ("Half Marathon", 21097.5),
        ("marathon", 42195),
        ("13.1 mi", 13.1 * 1609.344),
        ("1 mile", 1609.344),
        ("mile", 1609.344),
        ("3 miles", 3 * 1609.344),
        ("800 m", 800),
        ("10,5 km", 10500),
        ("  12 kilometres ", 12000),
        ("10", 10000),
        ("0.1", 100),
        ("500km", 500000),
    ],
)
def test_parse_distance(text, metres):
    assert parse_distance(text) == pytest.approx(metres)


def test_bare_number_uses_member_units():
    assert parse_distance("3", "mi") == pytest.approx(3 * 1609.344)


@pytest.mark.parametrize("text", ["ten", "", "   ", "10 furlongs", "-5k", "5k5", "1e3m", "k"])
def test_parse_distance_unreadable(text):
    with pytest.raises(InputError) as caught:
        parse_distance(text)
    assert caught.value.field == "distance"
    assert "distance" in caught.value.message and "`10k`" in caught.value.message


def test_unreadable_message_quotes_input():
    with pytest.raises(InputError) as caught:
        parse_distance("ten")
    assert caught.value.message == "Couldn't read the distance `ten`. Try `10k`, `6.2mi` or `half`."
    assert isinstance(caught.value, UserError)


@pytest.mark.parametrize("text", ["99m", "0.09k", "500.1km", "800", "0"])
def test_parse_distance_out_of_range(text):
    with pytest.raises(InputError, match=r"0\.1 to 500 km"):
        parse_distance(text)


def test_bare_number_too_far_hints_metres():
    with pytest.raises(InputError, match="`800m`"):
        parse_distance("800")


def test_parse_distance_custom_bounds():
    assert parse_distance("800km", min_m=50_000, max_m=5_000_000, field="retire_at") == 800_000
    with pytest.raises(InputError, match="50 to 5000 km") as caught:
        parse_distance("10km", min_m=50_000, max_m=5_000_000, field="retire_at")
    assert caught.value.field == "retire_at"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("52:30", 3150),
        ("1:45:30", 6330),
        ("3:05:00", 11100),
        ("45m", 2700),
        ("45 min", 2700),
        ("1h05m", 3900),
        ("1h05", 3900),
        ("1h 5m 30s", 3930),
        ("95 min", 5700),
        ("95:00", 5700),
        ("2h", 7200),
        ("1.5h", 5400),
        ("90s", 90),
        ("45m30", 2730),
        ("45", 2700),
        ("2 hours 3 minutes", 7380),
        ("52:30.6", 3151),
        ("99:59:59", 359999),
    ],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "52:60", "1:60:00", "5m 1h", "1h 2h", "1 2", "52:3", "h", "-5m"])
def test_parse_duration_unreadable(text):
    with pytest.raises(InputError) as caught:
        parse_duration(text)
    assert caught.value.field == "time"
    assert "`52:30`" in caught.value.message


@pytest.mark.parametrize("text", ["0:00", "0s", "0.4s"])
def test_parse_duration_zero(text):
    with pytest.raises(InputError, match="more than zero"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["100h", "100:00:00", "6000 min", "9" * 400 + "h"])
def test_parse_duration_too_long(text):
    with pytest.raises(InputError, match="100 hours"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, TODAY),
        ("", TODAY),
        ("today", TODAY),
        ("Yesterday", TODAY - timedelta(days=1)),
        ("wed", TODAY),  # today included
        ("tue", date(2026, 11, 24)),
        ("thu", date(2026, 11, 19)),
        ("sat", date(2026, 11, 21)),
        ("Saturday", date(2026, 11, 21)),
        ("sun", date(2026, 11, 22)),
        ("2026-11-21", date(2026, 11, 21)),
        ("1970-01-01", date(1970, 1, 1)),
    ],
)
def test_parse_run_date(text, expected):
    assert parse_run_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2026-11-26", "2027-01-01"])
def test_future_date_refused(text):
    with pytest.raises(InputError, match="future") as caught:
        parse_run_date(text, TODAY)
    assert caught.value.field == "date"


@pytest.mark.parametrize("text", ["1969-12-31", "0001-01-01"])
def test_date_before_1970_refused(text):
    with pytest.raises(InputError, match="1970-01-01"):
        parse_run_date(text, TODAY)


@pytest.mark.parametrize("text", ["2026-02-30", "21/13/2026", "someday", "2026-13-01", "0000-01-01"])
def test_unreadable_date(text):
    with pytest.raises(InputError, match="Couldn't read the date"):
        parse_run_date(text, TODAY)


def test_yesterday_at_the_epoch_is_refused():
    with pytest.raises(InputError):
        parse_run_date("yesterday", date(1970, 1, 1))


def test_check_pace_shows_computed_pace():
    with pytest.raises(InputError) as caught:
        check_pace(10000, 450)
    assert caught.value.field == "pace"
    assert caught.value.message.startswith("That's a pace of 0:45 /km — faster than 2:00 /km")
    with pytest.raises(InputError, match="66:40 /km — slower than 60:00 /km"):
        check_pace(1000, 4000)
    with pytest.raises(InputError, match="/mi"):
        check_pace(10000, 450, "mi")


@pytest.mark.parametrize(("metres", "seconds"), [(1000, 120), (1000, 3600), (10000, 3150)])
def test_check_pace_accepts_limits(metres, seconds):
    check_pace(metres, seconds)


def test_check_pace_rejects_just_outside():
    for metres, seconds in [(1000, 119), (1000, 3601)]:
        with pytest.raises(InputError):
            check_pace(metres, seconds)


def test_check_text():
    assert check_text("notes", "  hi  ", 500) == "hi"
    assert check_text("notes", "   ", 500) is None
    assert check_text("notes", None, 500) is None
    assert check_text("pain", "x" * 200, 200) == "x" * 200
    with pytest.raises(InputError, match="201 characters; the limit is 200") as caught:
        check_text("pain", "x" * 201, 200)
    assert caught.value.field == "pain"
    with pytest.raises(InputError, match="The goal race is"):
        check_text("goal_race", "x" * 101, 100)


def test_check_effort():
    assert check_effort(None) is None
    assert check_effort(1) == 1
    assert check_effort(10) == 10
    for bad in (0, 11, -3):
        with pytest.raises(InputError, match="1 \\(very easy\\) to 10") as caught:
            check_effort(bad)
        assert caught.value.field == "effort"


# --- properties -------------------------------------------------------------------------------

FAST = settings(max_examples=300, deadline=None)
texts = st.one_of(st.text(), st.text(alphabet="0123456789.,:hmskiltes '\"-"))


@FAST
@given(texts, st.sampled_from(["km", "mi"]))
def test_parse_distance_only_raises_input_error(text, units):
    try:
        assert parse_distance(text, units) > 0
    except InputError as error:  # either outcome is allowed: pytest.raises would demand the error
        assert error.field == "distance" and error.message  # noqa: PT017


@FAST
@given(texts)
def test_parse_duration_only_raises_input_error(text):
    try:
        assert 0 < parse_duration(text) < 360000
    except InputError as error:  # either outcome is allowed: pytest.raises would demand the error
        assert error.field == "time" and error.message  # noqa: PT017


@FAST
@given(st.one_of(st.none(), texts), st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31)))
def test_parse_run_date_only_raises_input_error(text, today):
    try:
        assert date(1970, 1, 1) <= parse_run_date(text, today) <= today
    except InputError as error:  # either outcome is allowed: pytest.raises would demand the error
        assert error.field == "date" and error.message  # noqa: PT017


@FAST
@given(texts)
def test_parse_run_date_extreme_today(text):
    for today in (date.min, date.max):
        with contextlib.suppress(InputError):
            parse_run_date(text, today)


@given(st.integers(min_value=1, max_value=359999))
def test_duration_round_trip(seconds):
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.one_of(st.text(alphabet="0123456789hms: ", min_size=1, max_size=12)))
def test_parsed_duration_reformats_to_itself(text):
    try:
        seconds = parse_duration(text)
    except InputError:
        return
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.decimals(min_value="0.1", max_value="500", places=3))
def test_parse_distance_km(x):
    assert parse_distance(f"{x}km") == pytest.approx(float(x) * 1000)
    assert parse_distance(f"{x}".replace(".", ",") + " km") == pytest.approx(float(x) * 1000)


@given(st.floats(min_value=0.1, max_value=500, allow_nan=False))
def test_parse_distance_km_floats(x):
    text = f"{x:.6f}"
    assert parse_distance(f"{text}km") == pytest.approx(float(text) * 1000)


@given(st.dates(min_value=date(1970, 1, 1), max_value=TODAY))
def test_iso_dates_parse_to_themselves(day):
    assert parse_run_date(day.isoformat(), TODAY) == day


@given(st.dates(min_value=date(1970, 1, 8), max_value=date(2200, 1, 1)), st.integers(0, 6))
def test_weekday_is_most_recent_including_today(today, weekday):
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    day = parse_run_date(names[weekday], today)
    assert day.weekday() == weekday and 0 <= (today - day).days <= 6
