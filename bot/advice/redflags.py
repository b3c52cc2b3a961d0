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
   know", "avoid", "what should we do if someone…", "the difference between", …) anywhere before it in its
   clause, or a definition is asked for ("what's RED-S"). Signs that are negations themselves ("no feeling
   in my foot", "can't bear weight") start at the negation, so they count. A sign's ``unless`` context
   anywhere in the message drops it (faint *when I stand up*). A bystander's sign ("acting strange") counts
   only where the nearest person named before it is someone else (lexicon/people.py);
4. the safety net's signs (an acute symptom in a high-risk system) add "see a doctor today" in a body system
   the categories flagged nothing as urgent in; some categories are named from the message (bone stress by
   its site, a loss of vision in one eye is the eye's);
5. the escalators (lexicon/escalators.py): a treatment that isn't working makes the signs of its categories
   an emergency ("my reliever isn't touching it"), and the cause of a collapse or confusion adds its category
   (a knock: a head injury). The most urgent finding comes first, and among equals the most specific.

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
    CATEGORIES,
    CAUSES,
    FUZZY_WORDS,
    GOING_ON,
    GROUPS,
    JOKING,
    LONG_AGO,
    NET_SIGNS,
    NOT_TYPOS,
    NOT_WORKING,
    OTHERS,
    PASSED,
    REASSURED,
    RECENT_PAST,
    RESOLVED,
    RETRACTED,
    SELF,
    SHORTHAND,
    SIGNS,
    TREATMENTS,
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
_SENTENCE_KEPT = re.compile(f"({_SENTENCE.pattern})")  # the same split, keeping what ended each sentence
_CLAUSE_WORDS = frozenset("but although though however whereas except yet".split())
_NON_WORD = re.compile(r"[^a-z0-9. ]+|(?<!\d)\.|\.(?!\d)")
_SPACES = re.compile(r"\s+")
_NEGATORS = frozenset(
    "no not never without dont didnt doesnt isnt wasnt arent werent havent hasnt hadnt wont nor none neither "
    "zero".split()
)
_NOT_NEGATING_AFTER = frozenset("know sure idea clue think mind care better".split())  # "not sure if", "no idea why"
# "nothing like a pop", "nowhere near torn", "none of the swelling", "nothing underneath hurts", "thankfully not"
_NEGATING_PAIRS = frozenset(
    {("nothing", "like"), ("nowhere", "near"), ("nothing", "underneath"), ("nothing", "else"), ("nothing", "of")}
)
_NEGATION_RESET = frozenset("and with now then so because after since".split())
_NEGATION_REACH = 5  # words before a sign that a negation still covers ("no numbness or tingling")
# Talk about a sign rather than a sign: it covers the rest of its clause ("what are the signs of heatstroke so
# I can look out for clubmates").
_HYPOTHETICAL = re.compile(
    r"(?<![a-z])(?:(?:signs?|symptoms?|warning signs?) of|how (?:would|do|does|can|could|will|to|should) (?:\S+ ){0,2}"
    r"(?:know|tell|spot|recognise|recognize|avoid|prevent)|look(?:ing)? out for|watch(?:ing)? out for"
    r"|what (?:to|do you|should you|would you) do (?:if|when)|in case (?:of|someone|somebody)"
    r"|(?:risk|chance|danger)s? of|worried about getting|how to (?:avoid|prevent|spot|recognise|recognize|treat)"
    r"|avoid|avoiding|prevent|preventing|prevention of"
    r"|what (?:should|do|would|can|could|does|must|shall) (?:\S+ ){0,3}do (?:if|when|in case)"
    r"|(?:if|when|whenever|in case) (?:someones?|somebodys?|anyones?|anybodys?|a runners?|a persons?|people|a member"
    r"|a clubmate"
    r"|one of (?:us|our|the|my))|(?:difference|differences|diff) (?:\S+ ){0,2}between"
    r"|(?:first aid|cpr|defib\w*|resus\w*|life ?saving) (?:course|training|kit|class|session|refresher)"
    # what ifs and worries about the future: "if I ever get chest pain", "worried I'll have a heart attack"
    r"|if (?:i|you|we|he|she|they) (?:ever|were to|was to|should)|what if|suppose|supposing|hypothetically"
    r"|(?:worried|worry|worries|scared|afraid|frightened|terrified|nervous|anxious|paranoid|fear|fears) (?:\S+ ){0,3}"
    r"(?:ill|i will|i might|i could|i may|id|i would|hell|shell|he will|she will|he might|she might|theyll"
    r"|(?:of|about) (?:having|getting)|that i (?:will|might|could|may))"
    # comparing terms, asking when to call for help, or about "a runner who" in general
    r"|(?:different|differ|differs) (?:from|to|than)|versus|vs"
    r"|(?:when|should|do|would) (?:\S+ ){0,3}(?:call|ring|dial) (?:999|911|112|an ambulance|for help|for an ambulance)"
    r"|(?:for|to|with|if) (?:a|any|an) (?:runner|person|athlete|clubmate|member|someone) (?:who|that)"
    # a story seen or read: "watched a doco where someone collapsed at a marathon"
    r"|(?:watched|watching|watch|saw|seen|read|reading|heard|listening to|listened to) (?:\S+ ){0,2}(?:doco|docos"
    r"|documentary|video|film|movie|clip|article|news|story|stories|programme|program|show|meme|post|tiktok|youtube"
    r"|telly|tv|television|(?:the )?(?:marathon|race|match|game|olympics|euros|world cup) on (?:the )?(?:telly|tv)"
    r"|reel|podcast|thread|episode)|on (?:the )?(?:telly|tv|television)"
    # what a course or a talk covers, and what happens to anyone who has it
    r"|(?:they|we|it|course|training|session|class|workshop|talk) (?:\S+ ){0,1}(?:cover|covers|covered|covering|teach"
    r"|teaches|taught|go through|goes through|went through|explains?|explained)"
    r"|what (?:\S+ ){0,1}happens (?:when|if) (?:you|someone|somebody|a person|people|your)"
    r"|(?:read|reading|heard|hearing) about|(?:ask|asking|learn|learning) about|how realistic|asked (?:me |us )?what"
    r"|explain|(?:do|does|did) (?:people|runners|anyone|athletes)|is (?:that|it"
    r"|this) realistic|in (?:casualty|eastenders"
    r"|corrie"
    r"|coronation street|emmerdale|hollyoaks|holby|greys anatomy|a film|the film|a movie|the movie|the show|a show"
    r"|the series|the episode|a soap)|(?:the|a|that) (?:\S+ ){0,1}(?:footballer|player|elite|athlete|celebrity|actor"
    r"|presenter|pro|character) (?:who|that)|(?:says?|said|rule|advice|guidance) (?:\S+ ){0,2}(?:dont|do not|never"
    r"|not to) (?:\S+ ){0,1}run"
    # a story told about someone: "my grandad tells a story about a bloke who collapsed"
    r"|(?:tells?|told|telling) (?:\S+ ){0,2}(?:story|stories|tale|tales)|(?:story|stories|tale|tales) (?:about|of))"
    r"(?![a-z])"
)
# Asking what a condition is, or about it: the question right before the sign ("what's RED-S", "is hyponatraemia
# a real risk"), never "what is this pain in my chest" or "is my pee meant to be this dark".
_DEFINITION = re.compile(
    r"(?<![a-z])(?:whats|what (?:actually |exactly |even )?is|what (?:actually |exactly |even )?are|what does"
    r"|what do (?:you|they"
    r"|people|doctors) mean by|meaning of|define"
    r"|ever heard of|heard of)(?: an?| the)? $"
)
# ... or a few words before its name ("what's a femoral neck stress fracture"), never "what is this pain"
_DEFINITION_OF = re.compile(
    r"(?<![a-z])(?:whats|what is|what are|what does|meaning of|define|ever heard of|heard of)(?: an?"
    r"| the)?(?: \S+){1,2} $"
)
# A general question about a condition by its name ("is rhabdo a real risk", "how common are stress fractures"):
# not about a symptom ("is chest pain on hills normal? had it today" is a sign).
_ASKED_ABOUT = re.compile(
    r"^(?:is|are|could|can|does|do|how (?:common|likely|rare|dangerous|serious|bad) (?:is|are))(?: an?| the)? $"
)
# A condition named as a topic to learn about ("what should marshals know about heat stroke", "an article on DVT").
_TOPIC_OF = re.compile(
    r"(?<![a-z])(?:(?:know|learn|learning|teach|teaching|read|reading|article|course|leaflet|poster|briefing|thread"
    r"|post|reddit|podcast|video|episode|blog)"
    r" (?:\S+ ){0,2}?(?:about|on)|(?:know|knows|explain|wondering|wonder|tell (?:me|us)|curious|idea|sure|understand"
    r"|google\w*|looked up|look up) (?:\S+ ){0,1}what)(?: an?| the)? $"
)
_CONDITION_NAME = re.compile(
    r"(?:heat ?stroke|sun ?stroke|heat exhaustion|hyponatra?emi\w*|rhabdo\w*|anaphyla\w*|stress (?:fractures?"
    r"|reactions?)|red s|reds|compartment syndrome|hypotherm\w*|concussion|strokes?|heart attacks?|cardiac arrest|dvt"
    r"|blood clots?|cauda equina|asthma attacks?|amenorrh\w*|sepsis|meningitis|pre ?eclampsia|embolism|afib"
    r"|arrhythmias?|palpitations)(?![a-z])"
)
# A few words in double quotes, in a message that laughs, are a phrase held up, not said of anyone ("\"face
# drooping\" = me on the last km 😂"): they are left out before reading.
_QUOTED = re.compile('["\u201c\u201d\u201e]([^"\u201c\u201d\u201e]{1,60})["\u201c\u201d]')
_LAUGHING = re.compile("[\U0001f602\U0001f923\U0001f606\U0001f605\U0001f480\u2620]")  # 😂 🤣 😆 😅 💀 ☠
_GAP = r"(?:\S+ ){0,3}?"
_ANY_WORD = r"(?:\S+ )"
_NOT_A_NEGATION = r"(?:(?!(?:no|not|never|without|nothing|none|nowhere|zero) )\S+ )"
_KNOWN = FUZZY_WORDS | NOT_TYPOS
_FUZZY_CHOICES = sorted(FUZZY_WORDS)


@dataclass(frozen=True, slots=True)
class Finding:
    category: str
    severity: Severity
    label: str


def _who(category: str, severity: Severity) -> str:
    known = CATEGORIES.get(category)
    if severity == Severity.EMERGENCY:
        return known.now if known and known.now else EMERGENCY_ADVICE
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
    unless: re.Pattern[str] | None  # without the laugh: a laugh only counts in the clause of the sign
    laughs_off: bool = False  # JOKING is among its ``unless``: a laugh in the same clause drops a match


def _expand(pattern: str) -> str:
    expanded = pattern.replace("… ", _GAP)
    for _ in range(3):  # groups may name groups
        expanded = re.sub(r"\{([A-Z_]+)\}", lambda m: GROUPS[m.group(1)], expanded)
    # a word skipped between a sign's parts is never a negation: "heart rate steady, no flutters" is no palpitation
    expanded = expanded.replace(_ANY_WORD, _NOT_A_NEGATION)
    return rf"(?:{expanded})(?![a-z0-9])"


def _compile(pattern: str) -> re.Pattern[str]:
    # MULTILINE: "^" also starts each sentence of the message's lines (see _found)
    return re.compile(rf"(?<![a-z0-9]){_expand(pattern)}", re.MULTILINE)


def _compiled(signs: tuple[Sign, ...]) -> tuple[_CompiledSign, ...]:
    out = []
    for s in signs:
        unless = [u for u in s.unless if u != JOKING]
        out.append(
            _CompiledSign(
                s,
                tuple(_compile(p) for p in s.patterns),
                _compile("|".join(f"(?:{u})" for u in unless)) if unless else None,
                len(unless) < len(s.unless),
            )
        )
    return tuple(out)


_JOKE = _compile(JOKING)
_SIGNS = _compiled(SIGNS)
_NET = _compiled(NET_SIGNS)
# Any first pattern of any sign: a message it finds nothing in has no sign (a sign needs all its patterns to
# match, and negation only drops matches; the escalators only act on signs found), so most questions are
# answered by one scan. A sign's first pattern is best its rarest ("both legs weak" before "back"). A treatment
# that names its category by itself (a reliever) is an emergency without any sign, so it is scanned for too.
_ANY_SIGN = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(
        [_expand(s.patterns[0]) for s in (*SIGNS, *NET_SIGNS)] + [_expand(t.pattern) for t in TREATMENTS if t.implies]
    )
    + ")",
    re.MULTILINE,
)
_RESOLVED = {
    placeholder: (
        tuple((tier, name, _compile(pattern)) for tier, options in enumerate(tiers) for name, pattern in options),
        default,
    )
    for placeholder, (tiers, default) in RESOLVED.items()
}
_NOT_WORKING = _compile(NOT_WORKING)
_TREATMENTS = tuple((t, _compile(t.pattern), _compile(t.context) if t.context else None) for t in TREATMENTS)
_CAUSES = tuple((c, _compile(c.pattern)) for c in CAUSES)
_REASSURED = _compile(f"{REASSURED}|{PASSED}")
_RETRACTED = _compile(RETRACTED)
_MAYBE_AFTER = re.compile(r"(?: \S+){0,3} (?:maybe|perhaps|possibly|probably)(?![a-z])")
_JUST = re.compile(r"(?<![a-z])(?:just|only)(?: a| an| the| my| some)? $")
# a question about what to do next ("keep drinking water to rehydrate?", "should I stretch it out?") is the writer's
# plan, not what explains the sign
_PLAN = re.compile(
    r"(?:keep|should i|shall i|do i|can i|could i|ok to|okay to|is it ok(?:ay)? to|fine to|safe to|wait|just|try|sit"
    r"|put|get|take|give|let|leave|drive|lie|walk|too much|too many|from|because of|due to|is it the|could it be"
    r"|was it|must be"
    r"|maybe|i(?:ll| will) just)(?![a-z])"
)
_TAG_QUESTION = (" right", " yeah", " innit", " eh", " surely", " no")
# The writer's own guess at a harmless cause ("probably just the cold air?", "cramp maybe", "sugar crash?") explains
# nothing for a sign that needs a doctor today or sooner: denial is how such signs are written (NHS "Heart attack").
_GUESS = re.compile(
    r"(?<![a-z])(?:probably|prob|probs|maybe|surely|perhaps|might be|could be|must be|hopefully"
    r"|is it|is this|or is it|or just|or|assumed|assuming|thought it was"
    r"|(?:insists?|swears|reckons|says|said|thinks|blames?|blaming|puts it down to|put it down to)"
    r"(?: (?:its|it is|it was|that|thats|it on))?)(?: just| only| the| a| an| my"
    r"| some| from| that)* $"
)
_CHECKED = _compile(REASSURED)
_RECENT_PAST = _compile(RECENT_PAST)
_GOING_ON = _compile(GOING_ON)
_LONG_AGO = _compile(LONG_AGO)
# Categories that say what happened rather than what it is: among findings as urgent, the specific come first.
_GENERIC = frozenset({"consciousness", "nerve", "bleeding", "acute-injury", "infection"})


# "'s" after a noun ("chest's tight", "puffer's done nothing", "the baby's moving less", "mate's lips") is dropped,
# so the noun reads as itself; after these words it stays part of the word ("she's" -> "shes", "what's" -> "whats").
_APOSTROPHE_S = re.compile("([a-z]+)['\u2019\u2018\u02bc\u2032`\u00b4]s(?![a-z])")
_KEEP_S = frozenset(
    "he she it that what there who let here where how when why one everyone someone somebody nobody everything "
    "something nothing".split()
)


def normalise(text: str) -> str:
    """Lower case, "'s" dropped after a noun ("chest's" -> "chest"), other apostrophes dropped ("can't" -> "cant"),
    "&" and "+" -> "and", texting shorthand spelled out ("w/o" -> "without", "thru" -> "through", "R arm" -> "right
    arm"), an ellipsis read as a pause rather than the end of a sentence, one space between words."""
    folded = _LAUGHING.sub(" lol ", unicodedata.normalize("NFKC", text).casefold())
    folded = _APOSTROPHE_S.sub(lambda m: m.group(0) if m.group(1) in _KEEP_S else m.group(1), folded)
    folded = _SHORT_SYMBOLS.sub(lambda m: _SYMBOLS[m.group(0).replace(" ", "")], _APOSTROPHES.sub("", folded))
    folded = _MINUS.sub(" minus ", folded).replace("°", " degrees ").replace("-", " ").replace("/", " ")
    folded = _SIDE.sub(lambda m: " right " if m.group(1) == "r" else " left ", folded)
    folded = _SHORTHAND_WORDS.sub(lambda m: SHORTHAND[m.group(0)], folded)
    return _SPACES.sub(" ", folded).strip()


_SYMBOLS = {
    "w/o": " without ",
    "w/": " with ",
    "&": " and ",
    "+": " and ",
    "@": " at ",
    "...": " ",
    "..": " ",
    "…": " ",
}
_MINUS = re.compile(r"(?<![\w.])-(?=\d)")  # "-3 out" is three below zero, not a range
_SHORT_SYMBOLS = re.compile(r"(?<![a-z0-9])w/o(?![a-z0-9])|(?<![a-z0-9])w/|&|\+|@|\.{2,3}|…")
# "R arm", "L leg": a side written as a letter
_SIDE = re.compile(
    r"(?<![a-z0-9])([rl]) (?=(?:arm|leg|hand|foot|side|eye|knee|calf|shin|ankle|hip|wrist|shoulder|face)s?(?![a-z]))"
)
_SHORTHAND_WORDS = re.compile(
    r"(?<![a-z0-9'])(?:" + "|".join(sorted(SHORTHAND, key=len, reverse=True)) + r")(?![a-z0-9'])"
)


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
    long_ago: bool = False  # about years ago: history, a sign of at most "see a doctor or physio before running"
    asked: bool = False  # ends with "?"


def _sentences(text: str) -> list[_Sentence]:
    out = []
    pieces = _SENTENCE_KEPT.split(normalise(text))
    for part, end in zip(pieces[::2], [*pieces[1::2], ""], strict=True):
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
            joined = " ".join(words)
            out.append(_Sentence(joined, tuple(breaks), bool(_LONG_AGO.search(joined)), "?" in end))
    return out


def clauses(text: str) -> list[str]:
    """The message cut into clauses of normalised, spelling-corrected words (negation stays inside one)."""
    out = []
    for sentence in _sentences(text):
        ends = [*sentence.breaks[1:], len(sentence.text) + 1]
        out += [sentence.text[a:b].strip() for a, b in zip(sentence.breaks, ends, strict=True)]
    return [c for c in out if c]


def _clause_start(sentence: _Sentence, position: int) -> int:
    """Where the clause holding ``position`` starts (negation and talk reach no further back)."""
    return max(b for b in sentence.breaks if b <= position)


def _negated(sentence: _Sentence, start: int) -> bool:
    clause_start = _clause_start(sentence, start)
    prefix = sentence.text[clause_start:start]
    if _HYPOTHETICAL.search(prefix) or _DEFINITION.search(prefix):
        return True
    if (
        _ASKED_ABOUT.search(prefix) or _TOPIC_OF.search(prefix) or _DEFINITION_OF.search(prefix)
    ) and _CONDITION_NAME.match(sentence.text, start):
        return True
    before = prefix.split()[-_NEGATION_REACH:]
    # "nothing tender", "nothing's sore to touch", "nothing is sore"; not "nothing helps the pain"
    if before and (
        before[-1] in ("nothing", "nothings")
        or (len(before) > 1 and before[-2] == "nothing" and before[-1] in ("is", "was", "feels", "felt", "seems"))
    ):
        return True
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in _NEGATION_RESET:
            return False
        following = before[i + 1] if i + 1 < len(before) else ""
        if (word, following) in _NEGATING_PAIRS:
            return True
        if word in _NEGATORS:
            return following not in _NOT_NEGATING_AFTER
    return False


def affirmed(text: str | None, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of ``pattern`` (written for normalised text) in ``text`` as the triage reads it, that no
    negation in their clause covers, in reading order: in "no knee pain, but my shin hurts" a pattern for
    body parts affirms the shin only."""
    if not text or not text.strip():
        return []
    return [m for s in _sentences(text) for m in pattern.finditer(s.text) if not _negated(s, m.start())]


def _someone_else(sentences: list[_Sentence], n: int, start: int) -> bool:
    """Whether the nearest person named before ``start`` of sentence ``n`` (or in the sentences before) is someone
    other than the writer: "runner next to me stumbling" is about the runner, "I was stumbling" about me."""
    for i in range(n, -1, -1):
        before = sentences[i].text[:start] if i == n else sentences[i].text
        for word in reversed(before.split()):
            if word in SELF:
                return False
            if word in OTHERS:
                return True
    return False


def _laughing(sentence: _Sentence, start: int) -> bool:
    """Whether the clause around ``start`` laughs ("dizzy with excitement lol"): a laugh elsewhere in the message
    ("… 3 weeks now. prob just unfit lol") does not make the sign a joke."""
    return bool(_JOKE.search(_clause(sentence, start)))


def _clause(sentence: _Sentence, start: int) -> str:
    clause_start = _clause_start(sentence, start)
    clause_end = min((b for b in sentence.breaks if b > start), default=len(sentence.text))
    return sentence.text[clause_start:clause_end]


def _now(sentence: _Sentence, start: int) -> bool:
    """Whether the clause of ``start`` says, before it, that it is happening now, in a sentence about years ago ("the
    GP told me last year it was nothing, but now my heart is racing"; not "had a heart attack years ago and now runs
    ultras")."""
    clause_start = _clause_start(sentence, start)
    return bool(_GOING_ON.search(sentence.text[clause_start:start]))


def _guessed(sentence: _Sentence, match: re.Match[str]) -> bool:
    """Whether a cause is the writer's guess: "probably just cramp", "cramp maybe", or asked on its own ("cramp?",
    "sugar crash?"; a longer question may well be the answer)."""
    clause_start = _clause_start(sentence, match.start())
    return (
        (sentence.asked and sentence.text.count(" ") < 3)
        or bool(_GUESS.search(sentence.text[clause_start : match.start()]))
        or bool(_MAYBE_AFTER.match(sentence.text, match.end()))
        or (sentence.asked and bool(_JUST.search(sentence.text[clause_start : match.start()])))
        or (sentence.asked and sentence.text.endswith(_TAG_QUESTION))
        or (sentence.asked and bool(_PLAN.match(sentence.text)))
    )


def _matches(
    pattern: re.Pattern[str],
    sentences: list[_Sentence],
    observed: bool = False,
    history: bool = True,
    laughs_off: bool = False,
    stated: bool = False,
) -> bool:
    """Whether the pattern matches outside negation (about someone else if ``observed``; in a sentence about
    years ago only if ``history``; not in a laughing clause if ``laughs_off``; not as the writer's guess if
    ``stated``)."""
    return any(
        not _negated(s, m.start())
        and (not observed or _someone_else(sentences, n, m.start()))
        and not (laughs_off and _laughing(s, m.start()))
        and (history or not s.long_ago or _now(s, m.start()))
        and not (stated and _guessed(s, m))
        for n, s in enumerate(sentences)
        for m in pattern.finditer(s.text)
    )


def _resolve(category: str, sentences: list[_Sentence]) -> str:
    """A category named from the message (RESOLVED): the first option it names (tier by tier), else the default."""
    if category not in _RESOLVED:
        return category
    options, default = _RESOLVED[category]
    found = [
        (tier, n, m.start(), name)
        for tier, name, pattern in options
        for n, s in enumerate(sentences)
        if (m := pattern.search(s.text))
    ]
    return min(found)[3] if found else default


def _found(signs: tuple[_CompiledSign, ...], parts: list[_Sentence], whole: str, lines: str) -> dict[str, Finding]:
    """The signs found; ``whole`` is the message's sentences joined by " . " (what ``unless`` reads), ``lines``
    by newlines (a pattern matches in it iff it matches in a sentence: a quick rejection)."""
    found: dict[str, Finding] = {}
    for compiled in signs:
        sign = compiled.sign
        if sign.label in found and found[sign.label].category == sign.category:
            continue
        # every pattern must match somewhere: one scan of the whole message rejects most signs at once
        if not all(p.search(lines) for p in compiled.patterns):
            continue
        # a context that makes it something else, unless it is denied ("not drunk")
        urgent = sign.severity >= Severity.DOCTOR_TODAY
        if (
            compiled.unless is not None
            and compiled.unless.search(whole)
            and _matches(compiled.unless, parts, stated=urgent)
        ):
            continue
        history = sign.severity == Severity.DOCTOR_OR_PHYSIO
        if all(_matches(p, parts, sign.observed, history, compiled.laughs_off) for p in compiled.patterns):
            found.setdefault(sign.label, Finding(_resolve(sign.category, parts), sign.severity, sign.label))
    return found


def _escalated(found: dict[str, Finding], parts: list[_Sentence], whole: str) -> list[Finding]:
    """Emergencies from a treatment that isn't working (in one sentence: the treatment and that it isn't working),
    for the categories it treats that were found, or for the one it implies."""
    out = []
    categories = {f.category for f in found.values()}
    for treatment, pattern, context in _TREATMENTS:
        targets = [c for c in treatment.escalates if c in categories]
        if treatment.implies and treatment.implies not in targets and (context is None or _matches(context, parts)):
            targets.append(treatment.implies)
        if targets and any(_matches(pattern, [s]) and _matches(_NOT_WORKING, [s]) for s in parts):
            out += [Finding(c, Severity.EMERGENCY, treatment.label) for c in targets]
    return out


def _caused(found: dict[str, Finding], parts: list[_Sentence]) -> list[Finding]:
    """The cause of a collapse or confusion, at the severity of what it explains (a knock: a head injury)."""
    out = []
    for cause, pattern in _CAUSES:
        explained = [f.severity for f in found.values() if f.category in cause.of]
        if explained and _matches(pattern, parts):
            out.append(Finding(cause.category, max(explained), cause.label))
    return out


@lru_cache(maxsize=4096)
def triage(text: str | None) -> Triage:
    """The warning signs in ``text``, most urgent first (among equals the most specific, then lexicon order), one
    per label and category. Remembered per text (a Triage is immutable): members ask the same questions again."""
    if not text or not text.strip():
        return Triage()
    if _QUOTED.search(text) and _JOKE.search(normalise(text)):
        text = _QUOTED.sub(" ", text)
    parts = _sentences(text)
    whole = " . ".join(s.text for s in parts)
    lines = "\n".join(s.text for s in parts)
    if not _ANY_SIGN.search(lines):
        return Triage()
    found = _found(_SIGNS, parts, whole, lines)
    # The net adds "see a doctor today" in a body system the categories flagged nothing as urgent in.
    covered = {CATEGORIES[f.category].system for f in found.values() if f.severity >= Severity.DOCTOR_TODAY}
    for label, finding in _found(_NET, parts, whole, lines).items():
        if CATEGORIES[finding.category].system not in covered:
            found.setdefault(label, finding)
    findings = [*_escalated(found, parts, whole), *_caused(found, parts), *found.values()]
    kept: dict[tuple[str, str], Finding] = {}
    for f in findings:  # one per label and category, the most urgent
        key = (f.label, f.category)
        if key not in kept or f.severity > kept[key].severity:
            kept[key] = f
    if _RETRACTED.search(whole):
        return Triage()  # taken back: "jk", "oh wait, that was the fireworks"
    if _CHECKED.search(whole) and _RECENT_PAST.search(whole) and not _GOING_ON.search(whole):
        return Triage()  # an episode that is over and has been checked ("collapsed last week, tests were fine")
    if _REASSURED.search(whole):  # a professional has looked, or it was over at once: only emergencies are said
        kept = {key: f for key, f in kept.items() if f.severity == Severity.EMERGENCY}
    return Triage(tuple(sorted(kept.values(), key=lambda f: (-f.severity, f.category in _GENERIC))))


def find_red_flags(text: str | None) -> list[str]:
    """Labels of the signs recognised in ``text``, most urgent first."""
    return list(triage(text).labels)


def is_red_flag(text: str | None) -> bool:
    return bool(triage(text))
