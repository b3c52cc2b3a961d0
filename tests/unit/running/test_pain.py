"""Reading a pain note: clause-level negation as the advice triage reads it, the area it says hurts, and the
same red-flag triage as /advice."""

from datetime import date

import pytest

from bot.advice.redflags import triage
from bot.running.insights import LogContext, pain_insight_in
from bot.running.models import Run
from bot.running.pain import has_pain, pain_area

DAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    "text",
    [
        "no pain today",
        "pain free!",
        "Pain-free",
        "painless",
        "no pain, felt great",
        "nothing hurt",
        "not sore at all",
        "no pain in my knee today",
        "knee fine, no issues",
        "none",
        "-",
        "all good",
        "zero pain",
    ],
)
def test_notes_saying_nothing_hurt_are_no_pain(text):
    assert not has_pain(text) and pain_area(text) is None
    assert pain_insight_in(LogContext(), Run(1, DAY, 5000, 1500, pain=text), triage(text)) is None


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("no knee pain, but my shin hurts", "shin"),
        ("sharp pain in my shin, hurts to walk", "shin"),
        ("knee sore but fine", "knee"),
        ("not bad, calf tight though", "calf"),
        ("runner's knee again", "knee"),
        ("felt off", None),
        ("everything hurts", None),
    ],
)
def test_notes_that_say_something_hurts(text, area):
    assert has_pain(text) and pain_area(text) == area


def test_a_note_of_pain_when_walking_is_a_bone_stress_sign_as_in_advice():
    text = "sharp pain in my shin, hurts to walk"
    found = triage(text)
    assert "bone-stress-shin" in found.categories
    insight = pain_insight_in(LogContext(), Run(1, DAY, 5000, 1500, pain=text), found)
    assert insight is not None and insight.kind == "pain-red-flag" and insight.advice_topic == "shin"
    assert insight.text.startswith(found.banner() or "") and "doctor or physiotherapist" in insight.text
    assert "bone stress injury" in insight.text and "Ease off" not in insight.text


def test_a_negated_area_does_not_make_pain_recurring():
    context = LogContext(nearby_pains=(("no knee pain at all", 1),))
    insight = pain_insight_in(context, Run(1, DAY, 5000, 1500, pain="sore knee"))
    assert insight is not None and insight.kind == "pain"
