"""The advice quality targets on every evaluation set present (figures: `python -m tests.advice_eval.report`):
every red flag routed first, every emergency led by urgent help, at most one look-alike over-triggered,
relevant answers and the first tip right ≥ 90%."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.advice.lexicon import CATEGORIES
from tests.advice_eval.ranking import fresh_database
from tests.advice_eval.scoring import score_set
from tests.advice_eval.sets import load_set, set_directories

SETS = set_directories()
# The clinical list every set is written against (the team set also uses the extra categories).
CLINICAL = {
    "cardiac", "breathing", "anaphylaxis", "head-injury", "stroke", "consciousness", "heat", "hypothermia",
    "hyponatraemia", "hypoglycaemia", "rhabdomyolysis", "dvt-pe", "cauda-equina", "bone-stress-shin",
    "bone-stress-foot", "bone-stress-hip", "bone-stress-pelvis", "compartment", "tendon-rupture", "knee",
    "pregnancy", "red-s", "eyes", "kidney",
}  # fmt: skip


def test_the_sets_are_there_and_name_known_categories() -> None:
    names = [d.name for d in SETS]
    assert names[0] == "team" and "blind_dev" in names, names
    assert set(CATEGORIES) >= CLINICAL
    team = load_set(SETS[0])
    assert len(team.red_flags) >= 150 and len(team.controls) >= 100 and len(team.questions) >= 100
    for directory in SETS:
        assert {c.category for c in load_set(directory).red_flags} <= set(CATEGORIES), directory


# Sets added short of the targets: held to what they score today (red flags routed first, emergencies led,
# look-alikes over-triggered at most, first tips right) so they can only get better, until they reach the targets.
FLOORS = {
    "blind_round4": (206, 100, 2, 119),
    "blind_round6": (140, 76, 4, 79),
    "blind_round8": (209, 114, 0, 118),
    "blind_round11": (207, 112, 0, 118),
}


@pytest.mark.parametrize("directory", SETS, ids=[d.name for d in SETS])
async def test_targets(directory: Path, tmp_path: Path) -> None:
    async with fresh_database(tmp_path / "eval.db") as db:
        score = await score_set(db, load_set(directory))
    if directory.name in FLOORS:
        routed, led, over, first = FLOORS[directory.name]
        assert len(score.routed) >= routed, score.not_routed
        assert len(score.led) >= led, score.not_led
        assert len(score.over_triggered) <= over, score.over_triggered
        assert len(score.first) >= first, score.missed
        return
    assert score.not_routed == [], score.not_routed
    assert score.not_led == [], score.not_led
    assert len(score.over_triggered) <= 1, score.over_triggered
    assert score.relevance.share >= 0.90, score.missed
    assert score.first_tip.share >= 0.90, score.missed
