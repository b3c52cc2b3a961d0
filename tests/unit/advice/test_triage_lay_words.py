"""Concepts whose parts a member may say in any lay words, order or person: each part is a word group, so new
combinations work. Tuning examples (the evaluation sets in tests/advice_eval/ are kept apart)."""

import pytest

from bot.advice.lexicon import Severity
from bot.advice.redflags import triage

E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO


def lead(text: str) -> tuple[str, Severity] | None:
    findings = triage(text).findings
    return (findings[0].category, findings[0].severity) if findings else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a knock, being knocked out and vomiting, in lay words
        ("bonked my head on a beam, zoned out a sec, chundered after", ("head-injury", E)),
        ("clobbered my forehead on a signpost and have been retching since", ("head-injury", E)),
        ("she took a hockey ball to the head and is now being sick", ("head-injury", E)),
        # one side of vision gone with unsteadiness
        ("he said he couldnt see on his right and was wobbling all over", ("stroke", E)),
        ("my vision on the left went blurry and grey and I was staggering", ("stroke", E)),
        ("I suddenly couldn't see properly out of one eye and my leg went weak", ("stroke", E)),
        ("upper back pain and sweating and breathless, 61", ("cardiac", E)),
        ("having to sleep on 4 pillows and getting breathless doing nothing", ("breathing", T)),
        # the heart's pain where it spreads, with the body's alarm
        ("my neck and both arms feel heavy and I've come over clammy", ("cardiac", E)),
        ("grandad sat on the bench clutching his chest, looking pale", ("cardiac", E)),
        # the reliever named as a pump beside the breath; breathless lying flat
        ("chest tight and whistling, used my pump 3 times and it's not helping", ("breathing", E)),
        ("can't lie flat without gasping for breath this week", ("breathing", T)),
    ],
)
def test_a_concept_in_new_words(text: str, expected: tuple[str, Severity]) -> None:
    assert lead(text) == expected, triage(text)


@pytest.mark.parametrize(
    "text",
    [
        "insulin pump not working properly, new site tomorrow",  # a pump that isn't a reliever
        "had to climb a flight of stairs after the race, legs dead",  # a flight of stairs is no journey
        "saw a clip online of a runner collapsing, is that common?",  # a collapse watched
        "dizzy at the end because I'd skipped lunch, right as rain after a sandwich",  # not eaten, then fine
        "calves ache, nothing's tender to touch",  # nothing's
        "toes numb from the cold on the start line",
        "my jaw and arm ache from sleeping awkwardly",
        "wheezy in the cold morning air, fine once warm",
        "my arms feel heavy and I feel sick after the hill session, normal after a hard effort?",
        "woke up gasping for water after the night before",
        "calves tight but nothing is sore when I press on them",
        "cant see out of my left eye with sweat in it and stumbling on the roots",
    ],
)
def test_a_look_alike_in_new_words(text: str) -> None:
    assert not triage(text), triage(text)
