"""The red-flag lexicon: how runners write warning signs, by category of the clinical list and by severity.

Each sign is one or more patterns over normalised text (lower case, apostrophes dropped, one space between
words, so "can't" is "cant"). ``{NAME}`` stands for a word group (words.py). A sign with several patterns
needs all of them somewhere in the message (e.g. drinking a lot of water *and* vomiting); an ``unless``
pattern anywhere drops it. Misspellings of words of five letters or more are fixed before matching
(spelling.py); shorter ones are listed in the patterns. The safety net (signs_net.py) comes last; the
escalators (escalators.py: a treatment that isn't working, the cause of an altered state) after it.
"""

from __future__ import annotations

from bot.advice.lexicon import (
    signs_body,
    signs_bones,
    signs_brain,
    signs_course,
    signs_heart_lungs,
    signs_net,
    signs_women,
)
from bot.advice.lexicon.base import (
    GOING_ON,
    JOKING,
    LONG_AGO,
    PASSED,
    POSTURAL,
    REASSURED,
    RECENT_PAST,
    RETRACTED,
    Category,
    Severity,
    Sign,
)
from bot.advice.lexicon.categories import CATEGORIES, RESOLVED
from bot.advice.lexicon.escalators import CAUSES, NOT_WORKING, TREATMENTS, Cause, Treatment
from bot.advice.lexicon.people import OTHERS, SELF
from bot.advice.lexicon.spelling import FUZZY_WORDS, NOT_TYPOS, SHORTHAND
from bot.advice.lexicon.words import GROUPS

SIGNS: tuple[Sign, ...] = (
    *signs_heart_lungs.SIGNS,
    *signs_brain.SIGNS,
    *signs_body.SIGNS,
    *signs_bones.SIGNS,
    *signs_women.SIGNS,
    *signs_course.SIGNS,
)
NET_SIGNS: tuple[Sign, ...] = signs_net.SIGNS

__all__ = [
    "CATEGORIES",
    "CAUSES",
    "FUZZY_WORDS",
    "GOING_ON",
    "GROUPS",
    "JOKING",
    "LONG_AGO",
    "NET_SIGNS",
    "NOT_TYPOS",
    "NOT_WORKING",
    "OTHERS",
    "PASSED",
    "POSTURAL",
    "REASSURED",
    "RECENT_PAST",
    "RESOLVED",
    "RETRACTED",
    "SELF",
    "SHORTHAND",
    "SIGNS",
    "TREATMENTS",
    "Category",
    "Cause",
    "Severity",
    "Sign",
    "Treatment",
]
