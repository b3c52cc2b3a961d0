"""Time zones as members type them: IANA names, cities, abbreviations and refused fixed offsets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import UserError
from bot.running.timezones import is_fixed_offset, resolve_timezone, suggest_zones


@pytest.mark.parametrize(
    ("text", "zone", "note"),
    [
        ("Europe/Berlin", "Europe/Berlin", None),
        ("europe/berlin", "Europe/Berlin", None),
        ("UTC", "UTC", None),
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
        ("GMT", "Europe/London", "Etc/UTC"),
        ("GMT+5", None, "Etc/GMT-5"),
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


def test_suggestions_leave_out_fixed_offsets_unless_asked_for():
    assert not any(is_fixed_offset(zone) for _, zone in suggest_zones("gmt") if zone != "UTC")
    assert all(zone.startswith("Etc/") for _, zone in suggest_zones("etc/gmt+"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=30), st.text(alphabet="ABCDEGMSTUetc/+-:0123456789 _", max_size=12)))
def test_any_text_resolves_to_a_place_or_a_friendly_error(text):
    try:
        choice = resolve_timezone(text)
    except UserError as error:
        assert error.field == "timezone" and error.message
    else:
        assert choice.name == "UTC" or choice.name.startswith("Etc/") or not is_fixed_offset(choice.name)
    assert len(suggest_zones(text)) <= 25
