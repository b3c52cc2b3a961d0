"""Spot symptoms in free text that should be looked at by a professional.

This is a deliberately simple phrase matcher, not a triage tool: it never
diagnoses, it only decides whether to add :data:`PROFESSIONAL_LINE` to a reply.
It leans towards flagging (a needless "get it checked" costs little), but a few
common running idioms are excluded on purpose:

* "bloody" as an intensifier ("a bloody hard run") does not match: only the
  word "blood" does, and not in "blood blister", "blood sugar", "blood
  pressure", "blood test" or after "gave/donated".
* bleeding nipples or blisters (chafing) are not flagged as bleeding.
* "hay fever", "cabin fever", "race fever" and "fever pitch" are not fevers.
* "can't stand hills" is not "can't stand up"; "collapsed on the sofa" is not
  matched at all ("collapse" is too common an idiom to be useful).
* "confused about my plan" is not confusion; "felt confused" is.
* "broke my PB" is not a fracture; "a popping knee" is not "heard a pop".

Negations are not parsed in general ("no numbness" still matches): the cost
of a stray warning is lower than that of missing a real one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PROFESSIONAL_LINE = (
    "⚠️ Some of what you describe can be a sign of something that needs a proper check. "
    "Please see a doctor or physiotherapist before you run again."
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'"})
_SPACE_RE = re.compile(r"\s+")

# "can't", "cant", "cannot", "can not", "couldn't", "unable to", ... plus an optional softener.
_NEG = (
    r"\b(?:can'?t|cannot|can\s+not|couldn'?t|could\s+not|unable\s+to|not\s+able\s+to)"
    r"\s+(?:even\s+|really\s+|properly\s+)?"
)


def _lookbehinds(*phrases: str) -> str:
    """Fixed-width negative lookbehinds, one per phrase (Python needs fixed widths)."""
    return "".join(f"(?<!{re.escape(p)})" for p in phrases)


@dataclass(frozen=True, slots=True)
class _Rule:
    label: str
    pattern: re.Pattern[str]


def _rule(label: str, *alternatives: str) -> _Rule:
    return _Rule(label, re.compile("|".join(f"(?:{a})" for a in alternatives)))


_RULES: tuple[_Rule, ...] = (
    _rule(
        "saddle numbness",
        r"\bsaddle\s+(?:area\s+|region\s+)?(?:numbness|numb|anaesthesia|anesthesia)\b",
        r"\bnumb(?:ness)?\s+(?:in|around|between)\s+(?:my\s+|the\s+)?"
        r"(?:groin|crotch|genitals|privates|bum|buttocks|bottom|inner\s+thighs|saddle\s+area)\b",
    ),
    _rule("numbness", r"\bnumb(?:ness|ed)?\b"),
    _rule("tingling", r"\btingl(?:e|es|ed|ing|y)\b"),
    _rule("pins and needles", r"\bpins\s*(?:and|&|n'?)\s*needles\b"),
    _rule(
        "chest pain",
        r"\bchest\s+(?:pains?|tightness|tight|pressure|hurts?|hurting|aches?|aching|discomfort)\b",
        r"\b(?:pains?|tightness|pressure|ache)\s+(?:in|across)\s+(?:my\s+|the\s+)?chest\b",
        r"\btight(?:ness)?\s+(?:in\s+)?(?:my\s+|the\s+)?chest\b",
    ),
    _rule(
        "fainting",
        r"\bfaint(?:ed|ing|s)\b",
        r"\b(?:felt|feel|feeling|feels|went|go|going|nearly|almost)\s+faint\b",
        r"\bpass(?:ed|ing|es)?\s+out\b",
        r"\bblack(?:ed|ing|s)?\s+out\b",
    ),
    _rule("dizzy spells", r"\bdizz(?:y|iness)\b", r"\blight[-\s]?headed(?:ness)?\b"),
    _rule(
        "can't bear weight",
        _NEG + r"(?:put\s+(?:any\s+)?weight\s+(?:on|through)|bear\s+(?:any\s+)?weight|weight[-\s]?bear)",
        r"\bnon[-\s]?weight[-\s]?bearing\b",
    ),
    _rule("can't walk", _NEG + r"(?:walk|stand\s+(?:up|on))\b"),
    _rule(
        "severe swelling",
        r"\b(?:severe(?:ly)?|massive(?:ly)?|huge|big|lots\s+of|a\s+lot\s+of|significant(?:ly)?|very|"
        r"really|badly|extremely|super|so)\s+(?:swelling|swollen)\b",
        r"\bswell(?:ed|ing)\s+up\b",
        _lookbehinds("not ", "isn't ", "wasn't ", "no longer ", "never ") + r"\bswollen\b",
    ),
    _rule(
        "blood in urine",
        r"\bblood\s+in\s+(?:my\s+|the\s+)?(?:urine|pee|wee|stools?|poo|poop)\b",
        r"\b(?:peeing|pissing|weeing|passing|pooing)\s+blood\b",
        r"\b(?:bloody|red|pink|cola[-\s]coloured|cola[-\s]colored)\s+(?:urine|pee|wee)\b",
    ),
    _rule(
        "blood",
        _lookbehinds("gave ", "give ", "giving ", "donated ", "donating ", "donate ")
        + r"\bblood\b(?!\s+(?:blisters?|sugars?|pressure|tests?|type|orange|donations?|donors?|"
        r"glucose|work|lactate|levels?|moon)\b)",
    ),
    _rule(
        "bleeding",
        _lookbehinds(
            "nipple ",
            "nipples ",
            "nipple is ",
            "nipples are ",
            "nipple was ",
            "nipples were ",
            "nipples started ",
            "nipple started ",
            "blister ",
            "blister is ",
            "blister was ",
        )
        + r"\b(?:bleed(?:s|ing)?|bled)\b(?!\s+(?:nipples?|blisters?)\b)",
    ),
    _rule(
        "shortness of breath",
        r"\bshort(?:ness)?\s+of\s+breath\b",
        _NEG + r"(?:breathe|get\s+(?:my\s+)?breath)\b",
        r"\bstruggl(?:e|es|ed|ing)\s+to\s+breathe\b",
        r"\bbreathless(?:ness)?\s+(?:at\s+rest|when\s+resting|lying\s+down)\b",
    ),
    _rule(
        "palpitations",
        r"\bpalpitations?\b",
        r"\bheart\s+(?:was\s+|is\s+|kept\s+|keeps\s+)?(?:fluttering|flutters|skipping|skipped|skips)\b",
        r"\b(?:skipped|skipping|missed|missing)\s+(?:a\s+)?(?:heart\s*)?beats?\b",
    ),
    _rule(
        "irregular heartbeat",
        r"\birregular\s+(?:heart\s*beat|heart\s*rate|pulse|heart\s+rhythm|rhythm)s?\b",
        r"\barrhythmias?\b",
        r"\batrial\s+fibrillation\b",
    ),
    _rule(
        "loss of bladder or bowel control",
        r"\b(?:loss\s+of|lost|losing|lose|no)\s+(?:bladder|bowel)\s+"
        r"(?:(?:or|and|&)\s+(?:bladder|bowel)\s+)?control\b",
        _NEG + r"(?:control|hold)\s+(?:my\s+)?(?:bladder|bowels?|pee|wee|urine)\b",
        _NEG + r"(?:pee|wee|urinate|pass\s+urine)\b",
        r"\bincontinen(?:ce|t)\b",
        r"\bdifficulty\s+(?:peeing|weeing|urinating|passing\s+urine)\b",
    ),
    _rule(
        "fever",
        _lookbehinds("hay ", "cabin ", "race ", "marathon ", "running ", "spring ", "gold ")
        + r"\bfever(?:ish|s)?\b(?!\s+(?:pitch|dream)s?\b)",
        r"\bhigh\s+temperature\b",
    ),
    _rule(
        "night pain",
        r"\bnight\s+pain\b",
        r"\b(?:pain|pains|ache|aches|aching|hurts?|hurting|throbb(?:ing|ed|s))\b(?:\s+[\w']+){0,4}?\s+"
        r"(?:at\s+night|in\s+the\s+night|during\s+the\s+night|wakes?\s+me|woke\s+me|waking\s+me|"
        r"keeps?\s+me\s+(?:up|awake)|kept\s+me\s+(?:up|awake))\b",
        r"\b(?:woken|woke|wakes?|waking)\s+(?:me\s+)?(?:up\s+)?(?:by|with|from|because\s+of)\s+"
        r"(?:the\s+|my\s+)?(?:pain|ache|throbbing)\b",
    ),
    _rule(
        "sharp pain that worsens",
        r"\b(?:sharp|stabbing|shooting)(?:\s+[\w']+){0,2}?\s+pains?\b[^.!?\n]{0,60}?"
        r"\b(?:worse|worsen(?:s|ed|ing)?|increas(?:es|ed|ing)|intensif(?:y|ies|ied|ying))\b",
    ),
    _rule(
        "worsening pain",
        r"\bworsen(?:ing|s)\s+(?:[\w']+\s+){0,2}?pain\b",
        r"\bpain\b[^.!?\n]{0,40}?\b(?:getting|gets|got|gotten|keeps\s+getting|growing|grows)\s+"
        r"(?:worse|more\s+painful)\b",
        r"\bpain\b[^.!?\n]{0,40}?\bworsen(?:s|ed|ing)\b",
        r"\b(?:hurts?|hurting|aches?|aching)\b[^.!?\n]{0,30}?\b(?:getting|gets|got)\s+worse\b",
    ),
    _rule(
        "heard a pop",
        r"\b(?:heard|felt|hear|feel)\s+(?:a\s+|an\s+audible\s+|something\s+|this\s+)?(?:pop|snap)\b",
        r"\bsomething\s+(?:popped|snapped|went\s+pop)\b",
        r"\bwent\s+pop\b",
    ),
    _rule(
        "stress fracture",
        r"\bstress\s+(?:fractures?|reactions?)\b",
        r"\bbone\s+stress\b",
        r"\bfractur(?:e|ed|es)\b",
        r"\bbroken\s+(?:bone|toe|foot|ankle|leg|wrist|arm|rib|hip|metatarsal)s?\b",
    ),
    _rule(
        "bone pain",
        r"\bbone\s+(?:pain|ache|aches|aching|hurts?|is\s+sore|tenderness)\b",
        r"\bpain\s+(?:on|in)\s+(?:the\s+|my\s+)?bone\b",
        r"\b(?:pinpoint|point|spot)\s+tender(?:ness)?\b",
        r"\btender\s+(?:spot\s+)?on\s+(?:the\s+|my\s+)?(?:bone|shin\s*bone)\b",
    ),
    _rule(
        "confusion",
        r"\b(?:felt|feel|feeling|feels|became|become|got|get|getting|seemed|seems|seeming|was|were|"
        r"went|looked|looks|looking)\s+(?:[\w']+\s+)?confused\b"
        r"(?!\s+(?:about|by|as\s+to|why|what|which|how|whether|over|with|on|if|regarding)\b)",
        r"\bconfusion\b(?!\s+(?:about|over|with|on|regarding|as\s+to)\b)",
        r"\bdisorient(?:ed|ated|ation)\b",
        r"\bslurr(?:ed|ing)\s+(?:speech|words)\b",
    ),
)

# A specific match makes the general one redundant.
_SUPERSEDES: dict[str, tuple[str, ...]] = {
    "blood in urine": ("blood",),
    "sharp pain that worsens": ("worsening pain",),
}

RED_FLAG_LABELS: tuple[str, ...] = tuple(rule.label for rule in _RULES)


def normalise(text: str) -> str:
    """Fold case, unify apostrophes and collapse whitespace so the patterns stay simple."""
    folded = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    return _SPACE_RE.sub(" ", folded).strip()


def find_red_flags(text: str) -> list[str]:
    """Labels of the red-flag symptoms mentioned in ``text``, in order of first mention."""
    norm = normalise(text)
    if not norm:
        return []
    hits: list[tuple[int, str]] = []
    for rule in _RULES:
        match = rule.pattern.search(norm)
        if match:
            hits.append((match.start(), rule.label))
    labels = [label for _, label in sorted(hits)]
    dropped = {general for label in labels for general in _SUPERSEDES.get(label, ())}
    return [label for label in labels if label not in dropped]


def is_red_flag(text: str) -> bool:
    return bool(find_red_flags(text))
