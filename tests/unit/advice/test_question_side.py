"""The question side of /advice (round 6): what a question asks about, words read in their one sense, and members'
words that read as the library's."""

from __future__ import annotations

import pytest

from bot.advice.intent import asked_topic
from bot.advice.senses import one_sense
from bot.advice.thesaurus import expansions


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # overtraining asks whether it is all too much: the load
        ("what does overtraining actually feel like", "load"),
        # how to warm up asks for the routine; timed to the start line it is still the race morning
        ("how do you warm up for a cross country race", "stretching"),
        ("how should i warm up before the start of a parkrun", "race-day"),
        # a race a few days away is the taper
        ("10k in four days, easy runs only now?", "taper"),
        # a sore named muscle, or going over on an ankle, is a niggle
        ("achy groin after hill reps, run tomorrow or not", "injury"),
        ("my quad is sore after five a side, ok to run", "injury"),
        ("went over on my ankle stepping off a kerb", "injury"),
        # carrying water, a stronger back, rubbing skin, clomping along
        ("waist pack or handheld for a hot trail 25k", "hydration"),
        ("how do i get a stronger lower back for marathon training", "core"),
        ("my arms rub on my top on long runs", "skin"),
        ("i clomp like a horse on the downhills", "form"),
        # asking whether to see (or pay) someone, or have a scan, frames the question, whatever it names first
        ("ankle niggle for a month, is it worth seeing a physio now", "professional"),
        ("sore shin, do i need an x-ray", "professional"),
        ("my physio says rest, should i rest the knee", "knee"),
        # keeping fit without running frames it too (the taper still frames its own worries)
        ("sore heel, how do i stay fit for now", "cross-training"),
        ("i feel like i'm losing fitness during my taper", "taper"),
    ],
)
def test_the_topic_asked(question: str, topic: str) -> None:
    assert asked_topic(one_sense(question)) == topic


def test_words_read_in_their_one_sense() -> None:
    assert "sunburnt" in one_sense("got burnt at the beach run today")
    assert "sunburnt" not in one_sense("feeling burnt out after the marathon block")
    assert "running shoes" in one_sense("new pair of runners for a marathon, any brand tips")
    assert "running shoes" not in one_sense("what core exercises help runners")
    assert "lingering niggle" in one_sense("an ache in my hip that won't go away")
    assert "had a fall" in one_sense("came off my bike on the commute")
    assert "bike" not in one_sense("came off my bike on the commute")
    assert "build up distance" in one_sense("how long to get from 10k to a half")
    assert "build up distance" not in one_sense("how do i go from a 28 minute 5k to 25")
    assert "xray" in one_sense("do i need an x-ray")


def test_members_words_read_as_the_librarys_first() -> None:
    assert expansions("bad knees on the stairs")[:1] == ("knee pain",)
    # the alias comes before the groups of the other words, so the few phrases searched include it
    assert expansions("glute has been sore for weeks")[:1] == ("niggle",)
    assert "cross-training" in expansions("is the rower any use")
    # a phrase of a group still brings the group, not the aliases pointing at it
    assert "dodgy knee" not in expansions("knee pain")
