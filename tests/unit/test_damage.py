"""A damaged database is recognised from its error, answered with the apology, and logged once."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from bot import damage
from bot.client import explain
from bot.wording import APOLOGY


def real_damage(tmp_path: Path) -> sqlite3.DatabaseError:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"not a database at all" * 300)
    try:
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError as exc:
        return exc
    raise AssertionError("SQLite read garbage")


def test_damage_is_told_apart_from_other_database_errors(tmp_path: Path) -> None:
    assert damage.is_damage(real_damage(tmp_path))  # SQLITE_NOTADB, from its result code
    assert damage.is_damage(sqlite3.DatabaseError("database disk image is malformed"))
    assert not damage.is_damage(sqlite3.OperationalError("database is locked"))
    assert not damage.is_damage(sqlite3.IntegrityError("UNIQUE constraint failed: runs.id"))
    assert not damage.is_damage(RuntimeError("malformed"))


def test_explain_gives_the_apology_and_logs_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(damage, "_reporter", damage._Reporter())
    with caplog.at_level(logging.DEBUG, logger="bot.database"):
        for _ in range(3):
            assert explain(real_damage(tmp_path)) == ("damaged", APOLOGY)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "The database is damaged" in errors[0] and "`stride check`" in errors[0]
