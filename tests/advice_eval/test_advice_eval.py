"""The advice quality targets on the project's own evaluation sets (figures: `python -m tests.advice_eval.report`)."""

from __future__ import annotations

from pathlib import Path

from tests.advice_eval.ranking import score_questions
from tests.advice_eval.sets import control_cases, false_positives, question_cases, red_flag_cases, score_red_flags

CATEGORIES = {
    "cardiac", "breathing", "neurological", "nerve", "collapse", "heat", "hyponatraemia", "rhabdo", "clot",
    "bone-stress", "tendon-ligament", "low-energy", "bleeding", "infection",
}  # fmt: skip


def test_sets_are_big_enough_and_cover_every_category() -> None:
    cases = red_flag_cases()
    assert len(cases) >= 150 and {c.category for c in cases} == CATEGORIES
    assert {c.severity for c in cases} == {"emergency", "doctor-today", "doctor-or-physio"}
    assert len(control_cases()) >= 100
    assert len(question_cases()) >= 100


def test_red_flag_recall_is_complete_and_never_under_urgent() -> None:
    score = score_red_flags()
    assert [c.text for c in score.misses] == []
    assert [c.text for c, _ in score.wrong_severity] == []


def test_look_alikes_rarely_raise_a_flag() -> None:
    assert len(false_positives()) <= 0.02 * len(control_cases()), false_positives()


async def test_first_tip_and_top_three_relevance(tmp_path: Path) -> None:
    score = await score_questions(tmp_path / "eval.db")
    assert score.first >= 0.90 * score.total, score.misses
    assert score.top3 >= 0.97 * score.total, score.misses
    assert score.bannered == []
