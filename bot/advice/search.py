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
BROAD_MATCH = 1000  # estimated hits above which a search first narrows to tips with two of the words
# Votes nudge the ranking by at most ±20%, so a popular tip never buries a relevant one.
VOTE_WEIGHT, VOTE_SCALE = 0.2, 5.0

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
STOPWORDS = frozenset(
    "a about after am an and any are at be been before but by can could do does doing during for from "
    "get got had has have how i i'm if in into is it its just me mile miles my of on or our should so "
    "some than that the their then there these this to too very was we were what when where which while "
    "who why will with would you your km k best good better way ways tip tips help need want know "
    "advice anything something really".split()
)


@dataclass(slots=True)
class Answer:
    tips: list[Tip] = field(default_factory=list)
    red_flags: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)  # topics to try when nothing matched


def query_words(text: str) -> list[str]:
    words = [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return list(dict.fromkeys(words))[:24]


def match_query(words: list[str] | str, operator: str = "OR") -> str | None:
    """An FTS5 query joining the words, each quoted so no word is read as syntax."""
    if isinstance(words, str):
        words = query_words(words)
    return f" {operator} ".join(f'"{w}"' for w in words) or None


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


def pairs_query(words: list[str]) -> str:
    """Tips with at least two of the words: (a AND b) OR (a AND c) OR ..."""
    pairs = [f'("{a}" AND "{b}")' for i, a in enumerate(words) for b in words[i + 1 :]]
    return " OR ".join(pairs)


async def _search(db: Database, guild_id: int, words: list[str], topic: str | None) -> list[Tip]:
    """Rank by bm25 over the words. Words in more than half of all tips are left out: bm25 gives them an
    IDF of ~0, so they only cost time. When the rest would still match very many tips, tips with at least
    two of the words are ranked first, and all of them only when that finds too few."""
    total, frequency = await tips_db.term_frequencies(db, words)
    useful = [w for w in words if frequency.get(w, 0) * 2 <= total] or words
    ranked: list[tuple[Tip, float, int]] = []
    if len(useful) > 1 and sum(frequency.get(w, 0) for w in useful) > BROAD_MATCH:
        ranked = await tips_db.search(db, guild_id, pairs_query(useful), topic, CANDIDATES)
    if len(ranked) < TOP_N:
        ranked = await tips_db.search(db, guild_id, match_query(useful) or "", topic, CANDIDATES)
    ranked.sort(key=lambda item: item[1] * vote_factor(item[2]))  # bm25 is negative: lower is better
    return pick_top([tip for tip, _, _ in ranked], topic)


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
    words = query_words(question)
    if words:
        answer.tips = await _search(db, guild_id, words, topic)
    elif topic:
        answer.tips = await tips_db.by_topic(db, guild_id, topic, TOP_N)
    if not answer.tips:
        answer.suggestions = await nearest_topics(db, guild_id, f"{topic or ''} {question}")
    return answer
