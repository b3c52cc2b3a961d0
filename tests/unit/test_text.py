"""Member text: control and bidi characters go, invisible-only text is refused by the fields that use it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.advice.services.admin import clean_fields
from bot.errors import UserError
from bot.reminders.services.reminders import _check_message
from bot.running.parsing import InputError, check_text
from bot.text import clean, is_blank, no_links


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("sore \u202eknee", "sore knee"),
        ("a\x00b\x07c", "abc"),
        ("  line one\nline two\t ", "line one\nline two"),
        ("\u2066iso\u2069late", "isolate"),
        ("👨\u200d👩\u200d👧 family run", "👨\u200d👩\u200d👧 family run"),  # joiners inside emoji stay
        ("c1\x85\x9bcontrols", "c1controls"),
    ],
)
def test_clean(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


@pytest.mark.parametrize("raw", ["\u200b\u200b", "\ufeff \u2060", "\u200d", "\u3164", " \u00ad "])
def test_invisible_only_is_blank(raw: str) -> None:
    assert is_blank(clean(raw))


@given(st.text())
def test_clean_never_leaves_controls_or_overrides(raw: str) -> None:
    out = clean(raw)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in out)
    assert not any(0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in out)


@pytest.mark.parametrize("field", ["notes", "pain", "name"])
def test_fields_refuse_invisible_text(field: str) -> None:
    with pytest.raises(InputError, match="no visible characters"):
        check_text(field, "\u200b\x00\u202e", 100)
    assert check_text(field, "   ", 100) is None  # empty still means "not given"
    assert check_text(field, "left \u202ecalf", 100) == "left calf"


def test_tips_refuse_invisible_titles_and_bodies() -> None:
    with pytest.raises(UserError, match="title"):
        clean_fields("back", "\u200b\u200b", "a body", None, None, None)
    with pytest.raises(UserError, match="body"):
        clean_fields("back", "Title", "\x00\u2060", None, None, None)
    fields = clean_fields("back", "Ti\u202etle", "bo\x00dy", "so\u200eurce", None, None)
    assert (fields.title, fields.body, fields.source) == ("Title", "body", "source")


def test_custom_reminder_messages_refuse_invisible_text() -> None:
    with pytest.raises(UserError, match="no visible characters"):
        _check_message("custom", "\u200b\u200b\u200b")
    assert _check_message("custom", "Foam \u202eroll") == "Foam roll"


def _escaped(text: str, at: int) -> bool:
    """Whether the character at `at` is escaped: an odd number of backslashes right before it."""
    run = 0
    while at - run - 1 >= 0 and text[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("[click me](https://evil.example/x)", r"\[click me\](https://evil.example/x)"),
        (r"\[sneaky](https://evil.example)", r"\\\[sneaky\](https://evil.example)"),
        ("hill reps, no links", "hill reps, no links"),
        (r"¯\_(ツ)_/¯", r"¯\_(ツ)_/¯"),  # other backslashes are left as typed
    ],
)
def test_no_links_escapes_every_bracket(raw: str, shown: str) -> None:
    assert no_links(raw) == shown


@given(st.text(alphabet="[]()\\ax:/", max_size=40))
def test_no_bracket_is_left_unescaped(raw: str) -> None:
    shown = no_links(raw)
    assert all(_escaped(shown, i) for i, ch in enumerate(shown) if ch in "[]")
    assert shown.replace("\\", "") == raw.replace("\\", "")  # nothing but backslashes added
