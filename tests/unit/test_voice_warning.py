"""Stride has no voice: discord.py's PyNaCl warning is dropped, every other warning still shows."""

import logging

import pytest

import bot.client  # noqa: F401  (installs the filter)


def test_only_the_voice_warning_is_silenced(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("discord.client")
    with caplog.at_level(logging.WARNING, logger="discord.client"):
        logger.warning("PyNaCl is not installed, voice will NOT be supported")
        logger.warning("davey is not installed, voice will NOT be supported")
        logger.warning("Shard ID %s heartbeat blocked for more than %s seconds.", None, 10)
        logger.error("PyNaCl is not installed (an error someone else logs)")
    assert [r.getMessage() for r in caplog.records] == [
        "Shard ID None heartbeat blocked for more than 10 seconds.",
        "PyNaCl is not installed (an error someone else logs)",
    ]
