"""Words with two senses in runners' questions: "cold" the illness or the weather, "hot"/"warm" a symptom or
the weather, "run" a nose or a run. The question's words and its thesaurus expansions read the question with
the wrong sense taken out, so "got a cold" does not bring winter kit and "a swollen warm calf" no heat tips.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ILLNESS_COLD = re.compile(
    r"\b(?:(?:a|my|this|head|chest|heavy|streaming|bad|stinking|nasty|horrible|lingering|summer) cold"
    r"(?! (?:snap|spell|front|weather|morning|mornings|day|days|night|nights|wind|rain|air|run|runs|start|water))"
    r"|cold (?:sore|symptoms?|virus|and flu|or flu))\b"
)
# "hot", "warm" about the body are symptoms: a warm calf, a hot swollen knee, skin hot to the touch
_BODY = frozenset(
    "calf calves leg legs knee knees ankle ankles foot feet toe toes shin shins skin joint thigh arm blister wound"
    " touch swollen swelling red".split()
)
_HEAT = frozenset("hot warm warmer hotter".split())
_WEATHER = frozenset("weather day days conditions summer sun race races run runs morning evening climate spell".split())
_TOKEN = re.compile(r"[a-z']+|[^a-z']+")
_REACH = 4


def _drop_symptom_heat(text: str) -> str:
    tokens = _TOKEN.findall(text)
    words = [i for i, t in enumerate(tokens) if t[0].isalpha() or t[0] == "'"]
    out = list(tokens)
    for n, i in enumerate(words):
        if tokens[i] not in _HEAT:
            continue
        after = tokens[words[n + 1]] if n + 1 < len(words) else ""
        near = {tokens[j] for j in words[max(0, n - _REACH) : n + _REACH + 1]}
        if after not in _WEATHER and near & _BODY:
            out[i] = " "
    return "".join(out)


# "a run of bad sessions" is a streak and "run down" tired: neither is a run
_NOT_RUNNING = re.compile(
    r"\brunny\b|\bnose runs?\b|\bruns? (?:into|in) (?:my|your|the) eyes\b|\brun down\b"
    r"|\brun of (?:\w+ ){0,2}(?:sessions|workouts|runs|races|results|weeks|luck|form|injuries|niggles)\b"
)
# other words with two senses: the one meant, written so the search reads it (tried only when the text has one of
# the strings that the pattern needs, when it names any)
_READ_AS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(r"\bhot ?spots?\b"), "hotspot blister", ()),  # friction, not the weather
    (re.compile(r"\b(?:finishing|final|last lap|sprint) kick\b|\bkick at the end\b"), "sprint finish", ()),  # not shoes
    (re.compile(r"\bbounce back\b"), "recover", ()),  # not the bounce of a shoe
    (re.compile(r"\bevery single\b"), "every", ()),  # "run every single day" is running every day
    (
        re.compile(r"\bx[ -]rays?\b"),
        "xray",
        ("ray",),
    ),  # one word, as a member asking for one is read (not "x" and "ray")
    # pain that "won't go away" is a lingering niggle (not the words "go" and "away", which every tip may use)
    (
        re.compile(
            r"\b(?:won'?t|doesn'?t|does not|will not|never) (?:go away|settle(?: down)?|shift|clear up|ease off)\b"
            r"|\b(?:not|isn'?t|hasn'?t|never) (?:going away|gone away|settling|settled|clearing up|easing off)\b"
        ),
        "lingering niggle",
        ("away", "settl", "shift", "clear", "eas"),
    ),
    # getting burnt on a run is the sun (burnt out is tiredness, burning shins a pain)
    (
        re.compile(
            r"\b(?:get|gets|getting|got|badly|so|really) burn(?:t|ed)\b(?! out)"
            r"|\bburn(?:t|ed) (?:shoulders|neck|face|nose|arms|skin|scalp)\b"
        ),
        "sunburnt",
        ("burn",),
    ),
    # coming off a bike is a fall, not cycling
    (
        re.compile(
            r"\b(?:came|come|comes|coming|fell|fallen|falling|got knocked|knocked) off (?:my |the |his |her |a )?"
            r"(?:bike|bicycle|scooter|e-?scooter|horse|skateboard)\b"
            r"|\b(?:bike|cycling|scooter) (?:crash|accident|fall|spill)\b|\bcrashed (?:my |the |a )?(?:bike|scooter)\b"
        ),
        "had a fall",
        (" off ", "crash", "accident", "spill"),
    ),
    # going from one distance to a longer one is building up, whichever races it names ("5k to 10k")
    (
        re.compile(
            r"\bfrom (?:a |the |running (?:a )?)?(?:\d+ ?(?:k|km|miles?)|parkrun|half(?: marathon)?)"
            r" (?:up )?to (?:a |the |running (?:a )?)?(?:\d+ ?(?:k|km|miles?)|half(?: marathon)?|marathon|ultra)\b"
        ),
        "build up distance",
        ("from ",),
    ),
    # runners are shoes in Australia: a pair of them, the best ones for flat feet
    (
        re.compile(
            r"\b(?:pairs? of|best|buy|buying|bought|replace|replacing|cushioned|worn out|worn) runners\b"
            r"|\brunners (?:for (?:flat|wide|narrow|high)|with (?:a |more |less )?(?:drop|cushion\w*|support))"
        ),
        "running shoes",
        ("runners",),
    ),
    (re.compile(r"\bhamm(?:y|ies)\b"), "hamstrings", ()),  # slang, not ham
    # a temperature is the weather: hot from about 25 °C (77 °F), cold at zero or below
    (
        re.compile(r"\b(?:2[5-9]|[34]\d) ?(?:degrees|deg|°c?|c)\b|\b(?:7[7-9]|[89]\d|1[01]\d) ?(?:°f|f)\b"),
        "hot weather",
        (),
    ),
    (re.compile(r"(?:\bminus ?|-)\d+ ?(?:degrees|deg|°c?|c)\b|\bzero degrees\b"), "cold weather", ()),
    # a shoe's foam gone flat or dead is a worn shoe, not the runner's tiredness (before "feels flat" below)
    (
        re.compile(
            r"\b(?:foam|midsoles?|cushion\w*|soles?|bounce) (?:\S+ ){0,2}?"
            r"(?:feels?|feeling|felt|gone|going|is|are|has gone)"
            r" (?:\S+ ){0,1}?(?:flat|dead|squashed|compressed)\b"
        ),
        "worn shoes",
        ("flat", "dead", "squash", "compress"),
    ),
    # a workout or the legs feeling flat is tiredness; shoes that feel flat are worn
    (re.compile(r"\b(?<!shoes )(?<!trainers )(?<!they )(?:feels?|feeling|felt) flat\b"), "feel sluggish", ()),
    # off like a rocket (a bullet, a hare, a greyhound) is going off too fast
    (
        re.compile(
            r"\b(?:go|goes|going|went|gone|set|sets|setting|shoot|shoots|shooting|shot|fly|flies|flying|flew|tear|tears"
            r"|tearing|tore|bolt|bolts|bolting|bolted) off like an? \w+(?: out of (?:a|the) \w+)?"
        ),
        "go off too fast",
        (" off like",),
    ),
    # "mara" is a marathon ("half mara")
    (re.compile(r"\bmara\b"), "marathon", ("mara",)),
)


@lru_cache(maxsize=2048)
def one_sense(question: str) -> str:
    """The question with the words of the wrong sense taken out: "got a cold" reads as "got a illness", "warm" in
    "a swollen warm calf" is dropped, "runny nose" reads as "nose", "hot spots" as blisters, a "finishing kick"
    as a sprint finish."""
    text = question.lower().replace("\u2019", "'")
    text = _ILLNESS_COLD.sub(lambda m: m.group(0).replace("cold", "illness"), text)
    text = _drop_symptom_heat(text)
    for pattern, meant, needs in _READ_AS:
        if not needs or any(n in text for n in needs):
            text = pattern.sub(meant, text)
    return _NOT_RUNNING.sub(lambda m: re.sub(r"\b(?:runny|runs|run)\b", " ", m.group(0)), text)
