"""SQLite files with one damaged page, made from a real Stride database of a few thousand runs.

`club_database()` logs the runs through the bot's own code (so every table, index and trigger has pages
of its own); `damage()` overwrites one page of a copy with garbage, as a failing disk or a bad copy would;
`leaf_pages()` finds a table's pages, to damage one a given command will read.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.advice.services.builtins import sync_library
from bot.db.factory import open_sqlite
from bot.running.services.runs import RunForm, log_run

NOW = datetime(2026, 11, 25, 18, 30, tzinfo=UTC)


async def club_database(path: Path, guild_id: int, members: list[int], runs: int = 3000) -> Path:
    """A Stride database at `path` with `runs` runs by `members` in turn (about 1 s per 1,000 runs), so
    every page of the runs table holds runs of every member."""
    db = await open_sqlite(path)
    try:
        await db.migrate()
        await sync_library(db)  # as the bot's first start left it
        rng = random.Random(7)
        first = date(2024, 1, 1)
        for i in range(runs):
            day = first + timedelta(days=i * 700 // runs)
            km = rng.uniform(3, 25)
            seconds = round(km * rng.uniform(270, 420))
            form = RunForm(
                f"{km:.2f}k",
                f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}",
                day.isoformat(),
                rng.choice(("easy", "long", "tempo", None)),
                rng.choice((None, 4, 7)),
                None,
                None,
                f"note {i} " + "x" * rng.randint(0, 120),
            )
            await log_run(db, guild_id, members[i % len(members)], form, NOW)
    finally:
        await db.close()
    return path


def page_count(path: Path) -> tuple[int, int]:
    """(page size, number of pages) of a closed database file."""
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA page_size").fetchone()[0], db.execute("PRAGMA page_count").fetchone()[0]
    finally:
        db.close()


def leaf_pages(path: Path, table: str) -> list[int]:
    """The numbers of `table`'s leaf pages (SQLite's dbstat table; empty when this SQLite lacks it)."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,))
        return [row[0] for row in rows]
    except sqlite3.OperationalError:
        return []
    finally:
        db.close()


def damage(source: Path, target: Path, fraction: float, seed: int = 0, page: int | None = None) -> int:
    """Copy `source` to `target` with one page filled with random bytes: `page`, or the one at `fraction` of
    the file (never page 1, the header). Returns the damaged page's number."""
    shutil.copy(source, target)
    size, pages = page_count(source)
    page = page or max(2, min(pages, 1 + round(fraction * (pages - 1))))
    garbage = random.Random(seed).randbytes(size)
    with target.open("r+b") as f:
        f.seek((page - 1) * size)
        f.write(garbage)
    return page
