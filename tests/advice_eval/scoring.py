"""Score one evaluation set through /advice's own use case, on a fresh database with the built-in library.

Per set: red flags routed first (a banner at least as urgent as the case and its category recognised),
emergencies led by urgent help (the emergency banner and a tip about the emergency first), look-alikes
over-triggered (any banner), relevant answers (a top-3 tip on one of the case's topics) and the first tip
right. SQLite, or PostgreSQL when the suite runs with STRIDE_TEST_ENGINE=postgres.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.advice.lexicon import Severity
from bot.advice.services.search import REDFLAG_TAG, Answer, advise
from bot.db.engine import Database
from tests.advice_eval.sets import EvalSet, QuestionCase, RedFlagCase

GUILD = 1


@dataclass(frozen=True, slots=True)
class Ratio:
    hits: int
    total: int

    def __str__(self) -> str:
        if not self.total:
            return "–"
        return f"{self.hits}/{self.total} = {100 * self.hits / self.total:.0f}%"

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass
class SetScore:
    name: str
    routed: list[RedFlagCase] = field(default_factory=list)
    not_routed: list[tuple[RedFlagCase, str]] = field(default_factory=list)  # (case, what it got)
    led: list[RedFlagCase] = field(default_factory=list)
    not_led: list[tuple[RedFlagCase, str]] = field(default_factory=list)
    over_triggered: list[tuple[str, str]] = field(default_factory=list)  # (text, banner)
    controls: int = 0
    relevant: list[QuestionCase] = field(default_factory=list)
    first: list[QuestionCase] = field(default_factory=list)
    missed: list[tuple[QuestionCase, list[str]]] = field(default_factory=list)  # first tip off topic
    questions: int = 0
    bannered_questions: list[tuple[str, str]] = field(default_factory=list)

    @property
    def red_flags(self) -> Ratio:
        return Ratio(len(self.routed), len(self.routed) + len(self.not_routed))

    @property
    def emergencies(self) -> Ratio:
        return Ratio(len(self.led), len(self.led) + len(self.not_led))

    @property
    def look_alikes(self) -> Ratio:
        return Ratio(len(self.over_triggered), self.controls)

    @property
    def relevance(self) -> Ratio:
        return Ratio(len(self.relevant), self.questions)

    @property
    def first_tip(self) -> Ratio:
        return Ratio(len(self.first), self.questions)


def _got(answer: Answer) -> str:
    t = answer.triage
    severity = t.severity.name.lower().replace("_", "-") if t.severity else "no banner"
    tips = ", ".join(
        tip.topic + "".join(f"[{g}]" for g in tip.tags if g.startswith(REDFLAG_TAG)) for tip in answer.tips
    )
    return f"{severity} {list(t.categories)} tips: {tips}"


def _led_by_urgent_help(answer: Answer) -> bool:
    emergencies = {REDFLAG_TAG + f.category for f in answer.triage.findings if f.severity == Severity.EMERGENCY}
    return bool(answer.tips) and bool(emergencies & set(answer.tips[0].tags))


async def score_set(db: Database, evaluated: EvalSet) -> SetScore:
    score = SetScore(evaluated.name, controls=len(evaluated.controls), questions=len(evaluated.questions))
    for case in evaluated.red_flags:
        answer = await advise(db, GUILD, None, case.text)
        severity = answer.triage.severity or 0
        if severity >= case.level and case.category in answer.triage.categories:
            score.routed.append(case)
        else:
            score.not_routed.append((case, _got(answer)))
        if case.severity == "emergency":
            if severity == Severity.EMERGENCY and _led_by_urgent_help(answer):
                score.led.append(case)
            else:
                score.not_led.append((case, _got(answer)))
    for text in evaluated.controls:
        answer = await advise(db, GUILD, None, text)
        if answer.triage:
            score.over_triggered.append((text, answer.banner or ""))
    for question in evaluated.questions:
        answer = await advise(db, GUILD, None, question.text)
        topics = [tip.topic for tip in answer.tips]
        if question.topics & set(topics):
            score.relevant.append(question)
        if topics and topics[0] in question.topics:
            score.first.append(question)
        else:
            score.missed.append((question, topics))
        if answer.triage:
            score.bannered_questions.append((question.text, answer.banner or ""))
    return score
