"""A damaged database: recognised from the error it raises, and told to the operator once per process.

A damaged page fails every command that reads it; a traceback (or even a line) per command would bury the
one thing the operator must do, so the log says it once and the members get the usual apology.
"""

from __future__ import annotations

import logging
import sqlite3

log = logging.getLogger("bot.database")

# SQLite's primary result codes for a damaged file; PostgreSQL's SQLSTATEs data_corrupted, index_corrupted.
_SQLITE_DAMAGE = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_POSTGRES_DAMAGE = {"XX001", "XX002"}

ADVICE = "Run `stride check` to see what is damaged, then restore the latest backup (`stride backup` makes them)."


def is_damage(exc: BaseException) -> bool:
    """Whether `exc` says the database file itself is damaged (not locked, full or misused)."""
    if isinstance(exc, sqlite3.DatabaseError):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in _SQLITE_DAMAGE
        text = str(exc).lower()
        return "malformed" in text or "not a database" in text
    return getattr(exc, "sqlstate", None) in _POSTGRES_DAMAGE


class _Reporter:
    def __init__(self) -> None:
        self.told = False

    def report(self, exc: BaseException) -> None:
        if self.told:
            log.debug("the database is damaged (%s), as said above", exc)
            return
        self.told = True
        log.error(
            "The database is damaged (%s): commands that read the damaged part fail. Stop Stride, then %s",
            exc,
            ADVICE[0].lower() + ADVICE[1:],
        )


_reporter = _Reporter()


def report_damage(exc: BaseException) -> None:
    """Log that the database is damaged, with what to do: the first time only."""
    _reporter.report(exc)
