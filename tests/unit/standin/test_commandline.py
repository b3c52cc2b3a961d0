"""The command line `stride try` reads: what a person types becomes a command path and option values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from standin.commandline import CommandLineError, command_paths, parse_command_line, split_words, typed_value
from standin.state import World

WHERE = {
    "type": 3,
    "name": "where",
    "choices": [{"name": "DM (default)", "value": "dm"}, {"name": "this channel", "value": "channel"}],
}
COMMANDS = [
    {
        "name": "run",
        "type": 1,
        "options": [
            {
                "type": 1,
                "name": "log",
                "options": [
                    {"type": 3, "name": "distance", "required": True},
                    {"type": 3, "name": "time", "required": True},
                    {"type": 3, "name": "notes"},
                    {"type": 5, "name": "public"},
                ],
            },
            {"type": 1, "name": "history", "options": [{"type": 4, "name": "page", "min_value": 1}]},
        ],
    },
    {"name": "help", "type": 1},
    {"name": "remind", "type": 1, "options": [{"type": 1, "name": "set", "options": [WHERE]}]},
]
PATHS = command_paths(COMMANDS)


def test_paths_are_every_runnable_command() -> None:
    assert sorted(PATHS) == ["help", "remind set", "run history", "run log"]


def test_a_command_with_quoted_values() -> None:
    line = parse_command_line('/run log distance:5k time:25:00 notes:"easy one, \\"cold\\""', PATHS)
    assert line.path == "run log"
    assert line.values == {"distance": "5k", "time": "25:00", "notes": 'easy one, "cold"'}


def test_a_value_can_hold_colons_and_be_empty() -> None:
    assert parse_command_line("/run log time:1:45:30 notes:", PATHS).values == {"time": "1:45:30", "notes": ""}


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("run log distance:5k", "start with `/`"),
        ("/walk", "No command `/walk`"),
        ("/run log 5k", "`5k` is not an option"),
        ("/run log pace:5:00", "has no option `pace`"),
        ('/run log notes:"open', "quote is not closed"),
    ],
)
def test_what_cannot_be_sent_says_how_to_fix_it(text: str, says: str) -> None:
    with pytest.raises(CommandLineError, match=says):
        parse_command_line(text, PATHS)


def test_completing_names_the_option_being_typed() -> None:
    line = parse_command_line("/run log distance:5", PATHS, completing=True)
    assert (line.path, line.focused, line.partial) == ("run log", "distance", "5")
    assert parse_command_line("/run lo", PATHS, completing=True).partial == "lo"
    assert parse_command_line("/run log distance:5 ti", PATHS, completing=True).partial == "ti"


def test_values_take_the_options_types() -> None:
    world = World()
    guild = world.add_guild("Club", channels=("general", "runs"), locale="en-US", shard=None)
    log_options = {o["name"]: o for o in PATHS["run log"]}
    assert typed_value(PATHS["run history"][0], "2", world, guild) == 2
    assert typed_value(log_options["public"], "True", world, guild) is True
    assert typed_value(PATHS["remind set"][0], "this channel", world, guild) == "channel"
    with pytest.raises(CommandLineError, match="whole number"):
        typed_value(PATHS["run history"][0], "two", world, guild)
    with pytest.raises(CommandLineError, match="one of: dm, channel"):
        typed_value(PATHS["remind set"][0], "email", world, guild)


values = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


@given(values)
def test_any_quoted_value_comes_back_as_typed(value: str) -> None:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    line = parse_command_line(f'/run log notes:"{escaped}"', PATHS)
    assert line.values["notes"] == value


@given(st.text(max_size=60))
def test_any_text_is_read_or_refused_clearly(text: str) -> None:
    for completing in (False, True):
        try:
            parse_command_line(text, PATHS, completing=completing)
        except CommandLineError as error:  # either outcome is allowed: pytest.raises would demand the error
            assert str(error)  # noqa: PT017
    try:
        split_words(text)
    except CommandLineError as error:  # either outcome is allowed: pytest.raises would demand the error
        assert "quote" in str(error)  # noqa: PT017
