"""Counts that agree with their nouns, and field names that are plural, in what members and operators read."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.client import StrideBot
from bot.config import Config
from bot.running.parsing import InputError, check_text
from bot.wording import plural


def test_counts_agree_with_their_nouns() -> None:
    assert [plural(n, "server") for n in (0, 1, 2)] == ["0 servers", "1 server", "2 servers"]
    assert plural(1, "activity", "activities") == "1 activity" and plural(3, "activity", "activities") == "3 activities"


def test_a_note_too_long_is_worded_as_a_plural() -> None:
    with pytest.raises(InputError, match=r"^The notes are 501 characters; the limit is 500\."):
        check_text("notes", "x" * 501, 500)
    with pytest.raises(InputError, match=r"^The pain is 201 characters"):
        check_text("pain", "x" * 201, 200)


def test_the_start_up_log_says_1_server(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    config = Config(token=None, database_path=Path("unused.db"), dev_guild_id=None, log_level="INFO", api_base=None)
    monkeypatch.setattr(StrideBot, "guilds", property(lambda self: [object()]))
    with caplog.at_level(logging.INFO, logger="bot.client"):
        asyncio.run(StrideBot(config).on_ready())
    assert "in 1 server," in caplog.text and "servers" not in caplog.text
