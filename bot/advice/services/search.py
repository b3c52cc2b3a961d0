"""/advice: triage the question, then rank this server's tips and the built-ins for it.

Order of an answer:
- an emergency: only tips about that situation (tagged ``redflag-<category>``), or none;
- another red flag: the tips about what was recognised first, then the best matches;
- otherwise: the best matches, self-care before "see a professional" unless the member asks who to see.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.advice.intent import SETTING, asked_topic, asks_who_to_see, without_sources
from bot.advice.lexicon import Severity
from bot.advice.models import Tip, TopPick
from bot.advice.redflags import Triage, triage
from bot.advice.senses import one_sense
from bot.advice.thesaurus import expansions
from bot.db import tips as tips_db
from bot.db.store import Store
from bot.errors import UserError

QUESTION_MAX = 300
TOP_N = 3
CANDIDATES = 20
MAX_EXPANSIONS = 6  # thesaurus phrases per question: each one costs a pass over its matches
PER_TOPIC = 2
# A server with more tips than this of its own searches with its rarer words only, so that bm25 scores at most
# about MATCH_BUDGET tips: its cost grows with the tips matched times the words asked.
BIG_SERVER, MATCH_BUDGET = 600, 600
# Votes nudge the ranking by at most ±20%, so a popular tip never buries a relevant one.
VOTE_WEIGHT, VOTE_SCALE = 0.2, 5.0
REFERRAL_TOPIC = "professional"
# Topics written for one group of runners: their tips answer a question only when it is about that group (a
# pregnant runner's "slower, go by feel" is not the answer to how much slower a long run should be).
FOR_A_GROUP = frozenset({"pregnancy"})
REDFLAG_TAG = "redflag-"

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
STOPWORDS = frozenset(
    "a about after am an and any are at be been before but by can could do does doing during for from "
    "get got had has have how i i'm if in into is it its just me mile miles my of on or our should so "
    "some than that the their then there these this to too very was we were what when where which while "
    "who why will with would you your km k best good better way ways tip tips help need want know "
    "advice anything something really fix now ok okay actually decent worth lol tbh does im ive dont "
    "thing things "
    # the frame of a question rather than its subject ("what should I be aiming for", "is it easy enough")
    "aim aiming enough every always currently lately recently usually safely properly gives stuff bit "
    "anyone people far even though although".split()
)
# A question with one of these asks who to see, so referral tips are not held back.
ASKS_FOR_PROFESSIONAL = frozenset(
    "physio physios physiotherapist doctor doctors gp podiatrist professional specialist osteopath "
    "chiropractor referral coach coaches coaching mri scan xray".split()
)


@dataclass(slots=True)
class Answer:
    tips: list[Tip] = field(default_factory=list)
    triage: Triage = field(default_factory=Triage)
    suggestions: list[str] = field(default_factory=list)  # topics to try when nothing matched

    @property
    def red_flags(self) -> list[str]:
        return list(self.triage.labels)

    @property
    def banner(self) -> str | None:
        return self.triage.banner()


def query_words(text: str) -> list[str]:
    words = [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]  # not "3 to 5 runs"
    return list(dict.fromkeys(words))[:24]


def _quoted(term: str) -> str:
    return '"' + " ".join(_WORD.findall(term.lower())) + '"'


def match_query(words: list[str] | str, operator: str = "OR") -> str | None:
    """An FTS5 query joining the words (or phrases), each quoted so no word is read as syntax."""
    if isinstance(words, str):
        words = query_words(words)
    terms = [_quoted(w) for w in words if _WORD.search(w)]
    return f" {operator} ".join(terms) or None


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


def is_referral(tip: Tip) -> bool:
    """A "see a professional" tip rather than something to do yourself."""
    return tip.topic == REFERRAL_TOPIC or _has_redflag_tag(tip.tags)


@lru_cache(maxsize=4096)
def _has_redflag_tag(tags: tuple[str, ...]) -> bool:
    return any(tag.startswith(REDFLAG_TAG) for tag in tags)


def self_care_first(ranked: list[Tip]) -> list[Tip]:
    own: list[Tip] = []
    referrals: list[Tip] = []
    for tip in ranked:
        (referrals if is_referral(tip) else own).append(tip)
    return own + referrals


async def nearest_topics(db: Store, guild_id: int, text: str, limit: int = 4) -> list[str]:
    known = [t for t, _ in await tips_db.topics(db, guild_id)]
    words = _WORD.findall(text.lower())
    scored = {
        topic: max((difflib.SequenceMatcher(None, w, topic).ratio() for w in words), default=0.0) for topic in known
    }
    ranked = sorted(known, key=lambda t: -scored[t])
    return ranked[:limit]


def top_pick(topic: str | None, show: int, self_care_first: bool, exclude: int | None = None) -> TopPick:
    """pick_top(self_care_first(…)) over vote_factor, as the database applies it (bot/db/tips.py search_top)."""
    return TopPick(
        candidates=CANDIDATES,
        show=show,
        per_topic=0 if topic else PER_TOPIC,
        self_care_first=self_care_first,
        vote_weight=VOTE_WEIGHT,
        vote_scale=VOTE_SCALE,
        referral_topic=REFERRAL_TOPIC,
        redflag_tag=REDFLAG_TAG,
        exclude=exclude,
    )


async def _query(db: Store, guild_id: int, words: list[str], extra: tuple[str, ...]) -> str:
    """The full-text query over the words and their thesaurus phrases, in the built-ins and the server's own tips.
    bm25 sums over the query's phrases, so the member's own words are listed twice: they weigh double
    against the thesaurus phrases ("worn out" shoes should not lead with fatigue tips)."""
    phrases = [_quoted(w) for w in words]
    extras = [p for p in dict.fromkeys(_quoted(e) for e in extra) if p not in phrases][:MAX_EXPANSIONS]
    own = await db.tips.server_tip_count(guild_id)
    if own > BIG_SERVER:
        phrases, extras = await _within_budget(db, guild_id, own, phrases, extras)
    # Doubling only weighs the member's words against thesaurus phrases: without any, each phrase once ranks the
    # same (every score halves) and FTS5 counts each phrase's documents once instead of twice.
    return " OR ".join(phrases + phrases + extras if extras else phrases)


async def _search(db: Store, guild_id: int, words: list[str], extra: tuple[str, ...], topic: str | None) -> list[Tip]:
    """The best CANDIDATES matches with their text, re-ranked by votes (the reference ranking that search_top
    applies in the database; kept for comparisons and the bench)."""
    ranked = await db.tips.search(guild_id, await _query(db, guild_id, words, extra), topic, CANDIDATES)
    ranked.sort(key=lambda item: item[1] * vote_factor(item[2]))  # bm25 is negative: lower is better
    return [tip for tip, _, _ in ranked]


# Answers as read are kept in the store (`Store.advice_answers`) with the server's change stamp at that read
# (bot/db/tips.py change_stamp): asked again while the stamp is unchanged, an answer is one small read instead
# of a search, in any process.
_ANSWERS_KEPT = 4096


async def _shown(
    db: Store,
    guild_id: int,
    topic: str | None,
    words: list[str],
    extra: tuple[str, ...],
    self_care: bool,
    about: list[Tip],
    asked: str | None = None,
) -> list[Tip]:
    """The matches shown, ranked and picked in the database, which reads the text of those tips only. The topic the
    question asks about (``asked``) is boosted like a picked topic, without showing only that topic. The tips of a
    topic written for one group (FOR_A_GROUP) are left out unless that topic is the one asked about: the database
    picks as many more as may be left out."""
    boosted = topic or asked
    show = TOP_N - len(about)
    groups = FOR_A_GROUP - {boosted}
    pick = top_pick(topic, show + (PER_TOPIC if groups else 0), self_care, about[0].id if about else None)
    key = (guild_id, boosted, tuple(words), extra, pick)
    known = db.advice_answers
    remembered = known.get(key)
    if remembered is not None and remembered[0] == await tips_db.change_stamp(db, guild_id):
        return list(remembered[1])
    found, stamp = await db.tips.search_top(guild_id, await _query(db, guild_id, words, extra), boosted, pick)
    shown = [tip for tip in found if tip.topic not in groups][:show]
    if stamp is not None:
        if len(known) >= _ANSWERS_KEPT:
            known.clear()
        known[key] = (stamp, tuple(shown))
    return shown


async def _within_budget(
    db: Store, guild_id: int, total: int, phrases: list[str], extras: list[str]
) -> tuple[list[str], list[str]]:
    """The rarest phrases whose matches add up to about MATCH_BUDGET tips (always at least one). Phrases
    in more than half of the server's tips say little about a tip (bm25 gives them ~0) and go first."""
    counts = await db.tips.server_frequencies(guild_id, phrases + extras)
    kept: set[str] = set()
    spent = 0
    for phrase in sorted(counts, key=counts.__getitem__):
        n = counts[phrase]
        if kept and (spent + n > MATCH_BUDGET or n * 2 > total):
            break
        kept.add(phrase)
        spent += n
    return [p for p in phrases if p in kept], [p for p in extras if p in kept]


async def _about(db: Store, guild_id: int, found: Triage, severity: Severity | None = None) -> list[Tip]:
    """The tips tagged for the categories recognised (of one severity, if given), most urgent first."""
    categories = [f.category for f in found.findings if severity is None or f.severity == severity]
    categories = list(dict.fromkeys(categories))
    tagged = await db.tips.tagged(guild_id, [REDFLAG_TAG + c for c in categories], CANDIDATES)
    order = {c: i for i, c in enumerate(categories)}

    def rank(tip: Tip) -> int:
        return min((order[t[len(REDFLAG_TAG) :]] for t in tip.tags if t[len(REDFLAG_TAG) :] in order), default=99)

    return sorted(tagged, key=rank)


async def advise(db: Store, guild_id: int, topic: str | None, question: str | None) -> Answer:
    topic = topic.strip().lower() if topic and topic.strip() else None
    question = question.strip() if question else ""
    if len(question) > QUESTION_MAX:
        raise UserError(
            f"The question is {len(question)} characters; keep it under {QUESTION_MAX}, "
            "e.g. `back spasms at mile 17 of my long run`.",
            "question",
        )
    answer = Answer(triage=triage(question))
    if answer.triage.severity == Severity.EMERGENCY:
        # Nothing else may distract from getting help: only what to do in this situation.
        answer.tips = (await _about(db, guild_id, answer.triage, Severity.EMERGENCY))[:TOP_N]
        return answer
    meant = one_sense(question)  # "got a cold" is not the weather, "a warm calf" not the heat
    words = query_words(meant)
    about = (await _about(db, guild_id, answer.triage))[:1] if answer.triage else []
    # After a red flag the tip about it comes first and the matches in plain order; otherwise self-care first
    # unless the member asks who to see.
    asks_who = bool(ASKS_FOR_PROFESSIONAL & set(query_words(without_sources(meant)))) or asks_who_to_see(meant)
    self_care = not answer.triage and not (topic == REFERRAL_TOPIC or asks_who)
    if words:
        asked = asked_topic(meant)
        # the weather or the hills are searched in other words only when they are what is asked
        settings = topic is None and (asked is None or asked in SETTING)
        answer.tips = about + await _shown(
            db, guild_id, topic, words, expansions(meant, settings), self_care, about, asked
        )
    elif topic:
        ranked = [t for t in await tips_db.by_topic(db, guild_id, topic, TOP_N) if t not in about]
        answer.tips = about + (self_care_first(ranked) if self_care else ranked)[: TOP_N - len(about)]
    else:
        answer.tips = about
    if not answer.tips:
        answer.suggestions = await nearest_topics(db, guild_id, f"{topic or ''} {question}")
    return answer
