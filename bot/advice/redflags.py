"""Triage of free text for warning signs: which categories, how urgent, and the words to say so.

It never diagnoses and never says that something is fine: it only recognises signs from
:mod:`bot.advice.lexicon` and picks the banner for the most urgent one, naming who to see. Per message:

1. normalise (case, apostrophes, punctuation) and fix misspellings of lexicon words (edit distance 1 on
   words of five letters or more, never turning a common word such as "never" into "fever");
2. split into sentences, and those into clauses at commas and "but"/"although": signs are read across
   a comma ("a sudden, bad headache") but a negation covers its own clause only ("no chest pain, but
   dizzy" keeps the dizziness);
3. match every sign's patterns; a match is dropped when a negation ("no", "not", "never", "without",
   "didn't", …) stands shortly before it in its clause, or talk about a sign ("signs of", "how would you
   know", "avoid", …) anywhere before it in its clause. Signs that are negations themselves ("no feeling in
   my foot", "can't bear weight") start at the negation, so they count. A sign's ``unless`` context
   anywhere in the message drops it (faint *when I stand up*);
4. the safety net's signs (an acute symptom in a high-risk system) add "see a doctor today" where the
   categories found nothing as urgent in that system; bone stress is named by the site the message names.

All patterns are compiled once at import; :func:`triage` costs tens of microseconds per message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.advice.lexicon import (
    BONE_STRESS_SITES,
    CATEGORIES,
    FUZZY_WORDS,
    GROUPS,
    NET_SIGNS,
    NOT_TYPOS,
    SIGNS,
    Severity,
    Sign,
)

__all__ = [
    "Finding",
    "Severity",
    "Triage",
    "affirmed",
    "clauses",
    "find_red_flags",
    "is_red_flag",
    "normalise",
    "triage",
]

EMERGENCY_ADVICE = "stop and get urgent medical help now (call your local emergency number, e.g. 999, 112 or 911)"
ICON = {Severity.EMERGENCY: "🚨", Severity.DOCTOR_TODAY: "⚠️", Severity.DOCTOR_OR_PHYSIO: "⚠️"}

_APOSTROPHES = re.compile("['\u2019\u2018\u02bc\u2032`\u00b4]")
_SENTENCE = re.compile(r"(?:[!?;:()\[\]\n]|(?<!\d)\.|\.(?!\d))+")  # not inside "2.9"
_CLAUSE_WORDS = frozenset("but although though however whereas except yet".split())
_NON_WORD = re.compile(r"[^a-z0-9. ]+|(?<!\d)\.|\.(?!\d)")
_SPACES = re.compile(r"\s+")
_NEGATORS = frozenset(
    "no not never without dont didnt doesnt isnt wasnt arent werent havent hasnt hadnt wont nor none neither "
    "zero".split()
)
_NOT_NEGATING_AFTER = frozenset("know sure idea clue think mind care better".split())  # "not sure if", "no idea why"
_NEGATION_RESET = frozenset("and with now then so because after since".split())
_NEGATION_REACH = 4  # words before a sign that a negation still covers ("no numbness or tingling")
# Talk about a sign rather than a sign: it covers the rest of its clause ("what are the signs of heatstroke so
# I can look out for clubmates").
_HYPOTHETICAL = re.compile(
    r"(?<![a-z])(?:(?:signs?|symptoms?|warning signs?) of|how (?:would|do|can|could|will|to) (?:you |i |we |one"
    r" |someone )?(?:know|tell|spot|recognise|recognize|avoid|prevent)|look(?:ing)? out for|watch(?:ing)? out for"
    r"|what (?:to|do you|should you|would you) do (?:if|when)|in case (?:of|someone|somebody)"
    r"|(?:risk|chance|danger)s? of|worried about getting|how to (?:avoid|prevent|spot|recognise|recognize|treat)"
    r"|avoid|avoiding|prevent|preventing|prevention of)(?![a-z])"
)
_GAP = r"(?:\S+ ){0,3}?"
_KNOWN = FUZZY_WORDS | NOT_TYPOS
_FUZZY_CHOICES = sorted(FUZZY_WORDS)
BONE_STRESS = "bone-stress"


@dataclass(frozen=True, slots=True)
class Finding:
    category: str
    severity: Severity
    label: str


def _who(category: str, severity: Severity) -> str:
    known = CATEGORIES.get(category)
    if severity == Severity.EMERGENCY:
        return EMERGENCY_ADVICE
    if severity == Severity.DOCTOR_TODAY:
        return f"please see {known.today if known else 'a doctor'} today, and don't run until you have"
    who = known.before_running if known else "a doctor or physiotherapist"
    return f"please see {who} before you run again"


@dataclass(frozen=True, slots=True)
class Triage:
    findings: tuple[Finding, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.findings)

    @property
    def severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.category for f in self.findings))

    @property
    def urgent(self) -> tuple[Finding, ...]:
        """The findings of the highest severity: the ones the banner names."""
        return tuple(f for f in self.findings if f.severity == self.severity)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.label for f in self.findings))

    def banner(self) -> str | None:
        """One line naming what was recognised and who to see, e.g.
        "🚨 Chest pain and dizziness: stop and get urgent medical help now (…)."""
        severity = self.severity
        if severity is None:
            return None
        named = list(dict.fromkeys(f.label for f in self.urgent))
        named += [label for label in self.labels if label not in named]
        shown = named[:3]
        what = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
        return f"{ICON[severity]} {what[0].upper()}{what[1:]}: {_who(self.urgent[0].category, severity)}."


@dataclass(frozen=True, slots=True)
class _CompiledSign:
    sign: Sign
    patterns: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None


def _expand(pattern: str) -> str:
    expanded = pattern.replace("… ", _GAP)
    for _ in range(3):  # groups may name groups
        expanded = re.sub(r"\{([A-Z_]+)\}", lambda m: GROUPS[m.group(1)], expanded)
    return rf"(?:{expanded})(?![a-z0-9])"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9]){_expand(pattern)}")


def _compiled(signs: tuple[Sign, ...]) -> tuple[_CompiledSign, ...]:
    return tuple(
        _CompiledSign(
            s,
            tuple(_compile(p) for p in s.patterns),
            _compile("|".join(f"(?:{u})" for u in s.unless)) if s.unless else None,
        )
        for s in signs
    )


_SIGNS = _compiled(SIGNS)
_NET = _compiled(NET_SIGNS)
# Any first pattern of any sign: a message it finds nothing in has no sign (a sign needs all its patterns to
# match, and negation only drops matches), so most questions are answered by one scan.
_ANY_SIGN = re.compile(r"(?<![a-z0-9])(?:" + "|".join(_expand(s.patterns[0]) for s in (*SIGNS, *NET_SIGNS)) + ")")
_SITES = tuple((category, _compile(pattern)) for category, pattern in BONE_STRESS_SITES)


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped ("can't" -> "cant"), "&" -> "and", one space between words."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _APOSTROPHES.sub("", folded).replace("&", " and ").replace("-", " ").replace("/", " ")
    return _SPACES.sub(" ", folded).strip()


@lru_cache(maxsize=4096)
def _correct(word: str) -> str:
    if len(word) < 5 or word in _KNOWN or not word.isalpha():
        return word
    matches = process.extract(word, _FUZZY_CHOICES, scorer=OSA.distance, score_cutoff=1, limit=2)
    if len(matches) == 1 or (matches and matches[0][1] < matches[1][1]):
        return matches[0][0]
    return word  # no lexicon word, or two equally near: leave it


@dataclass(frozen=True, slots=True)
class _Sentence:
    text: str  # normalised, spelling-corrected words; commas dropped so "a sudden, bad headache" still reads
    breaks: tuple[int, ...]  # where its clauses start (after a comma, at "but", ...): negation stops there


def _sentences(text: str) -> list[_Sentence]:
    out = []
    for part in _SENTENCE.split(normalise(text)):
        words: list[str] = []
        breaks = [0]
        length = 0
        for n, piece in enumerate(part.split(",")):
            if n and length not in breaks:
                breaks.append(length)
            for token in _NON_WORD.sub(" ", piece).split():
                if token in _CLAUSE_WORDS and length not in breaks:
                    breaks.append(length)
                word = _correct(token)
                words.append(word)
                length += len(word) + 1
        if words:
            out.append(_Sentence(" ".join(words), tuple(breaks)))
    return out


def clauses(text: str) -> list[str]:
    """The message cut into clauses of normalised, spelling-corrected words (negation stays inside one)."""
    out = []
    for sentence in _sentences(text):
        ends = [*sentence.breaks[1:], len(sentence.text) + 1]
        out += [sentence.text[a:b].strip() for a, b in zip(sentence.breaks, ends, strict=True)]
    return [c for c in out if c]


def _negated(sentence: _Sentence, start: int) -> bool:
    clause_start = max(b for b in sentence.breaks if b <= start)
    prefix = sentence.text[clause_start:start]
    if _HYPOTHETICAL.search(prefix):
        return True
    before = prefix.split()[-_NEGATION_REACH:]
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in _NEGATION_RESET:
            return False
        if word in _NEGATORS:
            following = before[i + 1] if i + 1 < len(before) else ""
            return following not in _NOT_NEGATING_AFTER
    return False


def affirmed(text: str | None, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of ``pattern`` (written for normalised text) in ``text`` as the triage reads it, that no
    negation in their clause covers, in reading order: in "no knee pain, but my shin hurts" a pattern for
    body parts affirms the shin only."""
    if not text or not text.strip():
        return []
    return [m for s in _sentences(text) for m in pattern.finditer(s.text) if not _negated(s, m.start())]


def _matches(pattern: re.Pattern[str], sentences: list[_Sentence]) -> bool:
    return any(not _negated(s, m.start()) for s in sentences for m in pattern.finditer(s.text))


def _site(sentences: list[_Sentence]) -> str:
    """The bone-stress category of the first site the message names (``bone-stress`` when none)."""
    found = [
        (n, m.start(), category)
        for category, pattern in _SITES
        for n, s in enumerate(sentences)
        if (m := pattern.search(s.text))
    ]
    return min(found)[2] if found else BONE_STRESS


def _found(signs: tuple[_CompiledSign, ...], parts: list[_Sentence], whole: str) -> dict[str, Finding]:
    found: dict[str, Finding] = {}
    for compiled in signs:
        sign = compiled.sign
        if sign.label in found and found[sign.label].category == sign.category:
            continue
        if compiled.unless is not None and compiled.unless.search(whole):
            continue
        if all(_matches(p, parts) for p in compiled.patterns):
            category = _site(parts) if sign.category == BONE_STRESS else sign.category
            found.setdefault(sign.label, Finding(category, sign.severity, sign.label))
    return found


@lru_cache(maxsize=4096)
def triage(text: str | None) -> Triage:
    """The warning signs in ``text``, most urgent first (ties in lexicon order), one per label.
    Remembered per text (a Triage is immutable): members ask the same questions again."""
    if not text or not text.strip():
        return Triage()
    parts = _sentences(text)
    whole = " . ".join(s.text for s in parts)
    if not _ANY_SIGN.search(whole):
        return Triage()
    found = _found(_SIGNS, parts, whole)
    # The net adds "see a doctor today" in a system the categories found nothing as urgent in.
    covered = {f.category for f in found.values() if f.severity >= Severity.DOCTOR_TODAY}
    for label, finding in _found(_NET, parts, whole).items():
        if finding.category not in covered:
            found.setdefault(label, finding)
    return Triage(tuple(sorted(found.values(), key=lambda f: -f.severity)))


def find_red_flags(text: str | None) -> list[str]:
    """Labels of the signs recognised in ``text``, most urgent first."""
    return list(triage(text).labels)


def is_red_flag(text: str | None) -> bool:
    return bool(triage(text))
