"""/advice: rank the server's tips for a question, with red flags first and a way forward when empty."""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field

from bot.advice.redflags import find_red_flags
from bot.db import tips as tips_db
from bot.db.connection import Database
from bot.db.tips import Tip
from bot.errors import UserError

QUESTION_MAX = 300
TOP_N = 3
CANDIDATES = 50
PER_TOPIC = 2
# Votes nudge the ranking by at most ±20%, so a popular tip never buries a relevant one.
VOTE_WEIGHT, VOTE_SCALE = 0.2, 5.0

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
STOPWORDS = frozenset(
    "a about after am an and any are at be been before but by can could do does doing during for from "
    "get got had has have how i i'm if in into is it its just me mile miles my of on or our should so "
    "some than that the their then there these this to too very was we were what when where which while "
    "who why will with would you your km k".split()
)


@dataclass(slots=True)
class Answer:
    tips: list[Tip] = field(default_factory=list)
    red_flags: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)  # topics to try when nothing matched


def match_query(text: str) -> str | None:
    """An FTS5 query OR-ing the meaningful words, each quoted so no word is read as syntax."""
    words = [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    unique = list(dict.fromkeys(words))[:24]
    return " OR ".join(f'"{w}"' for w in unique) or None


def pick_top(ranked: list[Tip], topic: str | None, n: int = TOP_N) -> list[Tip]:
    """The best n, at most PER_TOPIC from one topic unless the member asked for a topic,
    so a question gets the club's spread of advice (e.g. back + stretching), not three near-twins."""
    if topic:
        return ranked[:n]
    chosen: list[Tip] = []
    per_topic: dict[str, int] = {}
    for tip in ranked:
        if per_topic.get(tip.topic, 0) < PER_TOPIC:
            chosen.append(tip)
            per_topic[tip.topic] = per_topic.get(tip.topic, 0) + 1
        if len(chosen) == n:
            return chosen
    leftovers = [tip for tip in ranked if tip not in chosen]
    return chosen + leftovers[: n - len(chosen)]


def vote_factor(votes: int) -> float:
    return 1.0 + VOTE_WEIGHT * math.tanh(votes / VOTE_SCALE)


async def nearest_topics(db: Database, guild_id: int, text: str, limit: int = 4) -> list[str]:
    known = [t for t, _ in await tips_db.topics(db, guild_id)]
    words = _WORD.findall(text.lower())
    scored = {
        topic: max((difflib.SequenceMatcher(None, w, topic).ratio() for w in words), default=0.0) for topic in known
    }
    ranked = sorted(known, key=lambda t: -scored[t])
    return ranked[:limit]


async def advise(db: Database, guild_id: int, topic: str | None, question: str | None) -> Answer:
    topic = topic.strip().lower() if topic and topic.strip() else None
    question = question.strip() if question else ""
    if len(question) > QUESTION_MAX:
        raise UserError(
            f"The question is {len(question)} characters; keep it under {QUESTION_MAX}, "
            "e.g. `back spasms at mile 17 of my long run`.",
            "question",
        )
    answer = Answer(red_flags=find_red_flags(question))
    match = match_query(question) if question else None
    if match:
        ranked = await tips_db.search(db, guild_id, match, topic, CANDIDATES)
        ranked.sort(key=lambda item: item[1] * vote_factor(item[2]))  # bm25 is negative: lower is better
        answer.tips = pick_top([tip for tip, _, _ in ranked], topic)
    elif topic:
        answer.tips = await tips_db.by_topic(db, guild_id, topic, TOP_N)
    if not answer.tips:
        answer.suggestions = await nearest_topics(db, guild_id, f"{topic or ''} {question}")
    return answer
