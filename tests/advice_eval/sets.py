"""Load the evaluation sets and score the red-flag triage against them (no database needed)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.advice.redflags import triage

HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class RedFlagCase:
    category: str
    severity: str
    text: str


@dataclass(frozen=True, slots=True)
class QuestionCase:
    topics: frozenset[str]
    text: str


def _lines(name: str) -> list[str]:
    return [line for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]


def red_flag_cases() -> list[RedFlagCase]:
    return [RedFlagCase(*line.split("\t")) for line in _lines("redflags.tsv")]


def control_cases() -> list[str]:
    return _lines("controls.txt")


def question_cases() -> list[QuestionCase]:
    cases = []
    for line in _lines("questions.tsv"):
        topics, text = line.split("\t")
        cases.append(QuestionCase(frozenset(topics.split("|")), text))
    return cases


SEVERITY_NAMES = {"emergency": 3, "doctor-today": 2, "doctor-or-physio": 1}


@dataclass
class RedFlagScore:
    found: Counter  # by (category, severity)
    total: Counter
    misses: list[RedFlagCase]
    wrong_severity: list[tuple[RedFlagCase, int | None]]


def score_red_flags() -> RedFlagScore:
    """A case is recalled when its category is recognised. The banner's severity must be at least the
    case's: an emergency must never be worded as "see a physio"."""
    score = RedFlagScore(Counter(), Counter(), [], [])
    for case in red_flag_cases():
        result = triage(case.text)
        key = (case.category, case.severity)
        score.total[key] += 1
        if case.category in result.categories:
            score.found[key] += 1
        else:
            score.misses.append(case)
        if (result.severity or 0) < SEVERITY_NAMES[case.severity]:
            score.wrong_severity.append((case, result.severity))
    return score


def false_positives() -> list[tuple[str, tuple[str, ...]]]:
    return [(text, result.labels) for text in control_cases() if (result := triage(text))]
