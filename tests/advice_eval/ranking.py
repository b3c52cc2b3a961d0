"""Score the /advice ranking on the ordinary questions against a fresh database with the built-in library."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.advice.builtins import sync_library
from bot.advice.search import advise
from bot.db.connection import SqliteDatabase
from tests.advice_eval.sets import QuestionCase, question_cases

GUILD = 1


@dataclass
class RankingScore:
    total: int = 0
    first: int = 0
    top3: int = 0
    per_topic: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[tuple[QuestionCase, list[str]]] = field(default_factory=list)
    bannered: list[str] = field(default_factory=list)


async def score_questions(path: Path) -> RankingScore:
    db = await SqliteDatabase.open(path)
    try:
        await db.migrate()
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
    finally:
        await db.close()
