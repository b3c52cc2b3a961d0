"""Time zones as members type them: IANA names, cities, abbreviations and refused fixed offsets."""

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import UserError
from bot.running.timezones import is_fixed_offset, resolve_timezone, suggest_zones, zones_at_offset


@pytest.mark.parametrize(
    ("text", "zone", "note"),
    [
        ("Europe/Berlin", "Europe/Berlin", None),
        ("europe/berlin", "Europe/Berlin", None),
        ("UTC", "UTC", "UTC, which has no summer time (if your clocks change, pick a city zone like `Europe/London`)"),
        (
            "utc",
            "UTC",
            "`utc` → UTC, which has no summer time (if your clocks change, pick a city zone like `Europe/London`)",
        ),
        (
            "GMT",
            "UTC",
            "`GMT` → UTC, which has no summer time (if your clocks change, pick a city zone like `Europe/London`)",
        ),
        ("Etc/GMT+5", "Etc/GMT+5", None),  # the member insists on a fixed offset
        ("Berlin", "Europe/Berlin", "`Berlin` → Europe/Berlin"),
        ("new york", "America/New_York", "`new york` → America/New_York"),
        ("Los Angeles", "America/Los_Angeles", "`Los Angeles` → America/Los_Angeles"),
    ],
)
def test_accepted_zones(text, zone, note):
    choice = resolve_timezone(text)
    assert (choice.name, choice.note) == (zone, note)


@pytest.mark.parametrize(
    ("text", "suggested", "insist"),
    [
        ("EST", "America/New_York", "Etc/GMT+5"),
        ("est", "America/New_York", "Etc/GMT+5"),
        ("MST", "America/Denver", "Etc/GMT+7"),
        ("GMT+5", None, "Etc/GMT-5"),
        ("UTC+9", "Asia/Tokyo", "Etc/GMT-9"),
        ("UTC-3", None, "Etc/GMT+3"),
        ("+02:00", None, "Etc/GMT-2"),
    ],
)
def test_fixed_offsets_are_refused_with_the_zone_meant(text, suggested, insist):
    with pytest.raises(UserError) as caught:
        resolve_timezone(text)
    message = caught.value.message
    assert caught.value.field == "timezone"
    assert "fixed offset" in message and f"`{insist}`" in message
    if suggested:
        assert f"Did you mean `{suggested}`" in message


@pytest.mark.parametrize(("text", "suggested"), [("PST", "America/Los_Angeles"), ("CET", "Europe/Berlin")])
def test_abbreviations_suggest_the_iana_zone(text, suggested):
    with pytest.raises(UserError, match=f"Did you mean `{suggested}`"):
        resolve_timezone(text)


def test_unknown_zone_says_how_to_write_one():
    with pytest.raises(UserError, match="Europe/Berlin"):
        resolve_timezone("Atlantis")


def test_suggestions_lead_with_the_meaning_of_an_abbreviation():
    assert suggest_zones("EST")[0] == ("America/New_York (EST)", "America/New_York")
    assert ("Europe/Berlin", "Europe/Berlin") in suggest_zones("berl")
    assert suggest_zones("")[0] == ("UTC", "UTC")


def test_an_abbreviation_suggests_its_zones_not_every_name_holding_its_letters():
    assert [zone for _, zone in suggest_zones("EST")] == ["America/New_York", "America/Toronto"]
    assert suggest_zones("gmt")[:3] == [
        ("Europe/London (GMT)", "Europe/London"),
        ("Europe/Dublin (GMT)", "Europe/Dublin"),
        ("UTC (no summer time)", "UTC"),
    ]


@pytest.mark.parametrize(
    ("sign", "hours", "minutes", "first"),
    [("+", 1, 0, "Europe/Berlin"), ("-", 5, 0, "America/New_York"), ("+", 5, 30, "Asia/Kolkata")],
)
def test_the_places_at_an_offset_lead_with_the_common_ones(sign, hours, minutes, first):
    assert zones_at_offset(sign, hours, minutes, datetime(2026, 1, 15, tzinfo=UTC))[0] == first


@pytest.mark.parametrize(("typed", "label"), [("UTC+9", "UTC+9"), ("utc+9", "UTC+9"), ("+09:00", "UTC+9")])
def test_an_offset_typed_in_the_zone_list_suggests_the_places_on_it_today(typed, label):
    suggestions = suggest_zones(typed)
    assert suggestions[0] == (f"Asia/Tokyo ({label} now)", "Asia/Tokyo")  # no summer time: true all year
    assert ("Etc/GMT-9 (fixed UTC+9, no summer time)", "Etc/GMT-9") in suggestions
    assert all(not is_fixed_offset(zone) or zone.startswith("Etc/") for _, zone in suggestions)


def test_suggestions_leave_out_fixed_offsets_unless_asked_for():
    assert not any(is_fixed_offset(zone) for _, zone in suggest_zones("gmt") if zone != "UTC")
    assert all(zone.startswith("Etc/") for _, zone in suggest_zones("etc/gmt+"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=30), st.text(alphabet="ABCDEGMSTUetc/+-:0123456789 _", max_size=12)))
def test_any_text_resolves_to_a_place_or_a_friendly_error(text):
    try:
        choice = resolve_timezone(text)
    except UserError as error:  # either outcome is allowed: pytest.raises would demand the error
        assert error.field == "timezone" and error.message  # noqa: PT017
    else:
        assert choice.name == "UTC" or choice.name.startswith("Etc/") or not is_fixed_offset(choice.name)
    assert len(suggest_zones(text)) <= 25
