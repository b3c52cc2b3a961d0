"""Score the /advice ranking on the ordinary questions against a fresh database with the built-in library:
SQLite, or PostgreSQL when the suite runs with STRIDE_TEST_ENGINE=postgres."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bot.advice.builtins import sync_library
from bot.advice.search import advise
from bot.db.factory import open_postgres, open_sqlite
from bot.db.store import Store
from tests.advice_eval.sets import QuestionCase, question_cases
from tests.postgres import drop_database, new_database, on_postgres

GUILD = 1


@dataclass
class RankingScore:
    total: int = 0
    first: int = 0
    top3: int = 0
    per_topic: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[tuple[QuestionCase, list[str]]] = field(default_factory=list)
    bannered: list[str] = field(default_factory=list)


@asynccontextmanager
async def fresh_database(path: Path) -> AsyncIterator[Store]:
    """A migrated database on the engine the suite runs on (a SQLite file at `path`, or a new PostgreSQL one)."""
    if on_postgres():
        url, name = await new_database()
        db = await open_postgres(url, size=2)
    else:
        db, name = await open_sqlite(path), None
    try:
        await db.migrate()
        yield db
    finally:
        await db.close()
        if name is not None:
            await drop_database(name)


async def score_questions(path: Path) -> RankingScore:
    async with fresh_database(path) as db:
        await sync_library(db)
        score = RankingScore()
        for case in question_cases():
            answer = await advise(db, GUILD, None, case.text)
            got = [tip.topic for tip in answer.tips]
            key = sorted(case.topics)[0]
            score.total += 1
            score.per_topic[key][1] += 1
            if got and got[0] in case.topics:
                score.first += 1
                score.per_topic[key][0] += 1
            else:
                score.misses.append((case, got))
            if case.topics & set(got):
                score.top3 += 1
            if answer.triage:
                score.bannered.append(case.text)
        return score
