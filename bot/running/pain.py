"""Reading a run's pain note: whether it reports pain at all, and where.

Members write the pain field as they would tell a friend, including that nothing hurt ("no pain today",
"pain free!", "knee fine, no issues"). The note is read clause by clause with the advice triage's own
reading of negation (`bot.advice.redflags.affirmed`), so the log and /advice agree on what was said:
a mention a negation covers does not count, "no knee pain, but my shin hurts" is about the shin.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.advice.redflags import affirmed, clauses

# area, advice topic, how members write it (over the triage's normalised text: no apostrophes, "-" as space)
_AREAS: list[tuple[str, str, str]] = [
    ("back", "back", r"lower back|upper back|back|backache|lumbar|spine|sciatica"),
    ("knee", "knee", r"runner'?s knee|knees?|kneecaps?|patella\w*"),
    ("shin", "shin", r"shin splints?|shins?|tibia\w*"),
    ("foot", "foot", r"foot|feet|plantar\w*|heels?|arch(?:es)?|toes?|metatarsal\w*|soles?"),
    ("hip", "injury", r"hip flexors?|hips?|groin"),
    ("calf", "injury", r"calf|calves|calfs"),
    ("hamstring", "injury", r"hamstrings?|hammys?|hammies"),
    ("achilles", "injury", r"achill?es?"),
    ("ankle", "injury", r"ankles?"),
    ("it band", "injury", r"it ?band|itbs?|iliotibial"),
    ("quad", "injury", r"quads?|quadriceps?"),
    ("glute", "injury", r"glutes?|gluteal|gluteus|buttocks?|butt|bum|piriformis"),
    ("neck/shoulder", "injury", r"necks?|shoulders?|traps?"),
]
_AREA_BY_GROUP = {f"area{n}": area for n, (area, _, _) in enumerate(_AREAS)}
_AREA_RE = re.compile(r"\b(?:" + "|".join(f"(?P<area{n}>{words})" for n, (_, _, words) in enumerate(_AREAS)) + r")\b")
_AREA_TOPICS = {area: topic for area, topic, _ in _AREAS}
AREA_NAMES = {"it band": "IT band", "neck/shoulder": "neck or shoulder"}

# Words that report something hurting; a negation before them ("no pain", "not sore") takes them back.
_HURTING = re.compile(
    r"\b(?:pain\w*|hurt\w*|aches?|ached|aching|achy|sore\w*|tender\w*|twinges?|niggles?|niggly|tight\w*|stiff\w*"
    r"|cramp\w*|spasms?|strain\w*|pulled|swollen|swelling|throb\w*|injur\w*|blisters?|numb\w*|tingl\w*)\b"
)
# A clause saying that nothing hurt, without a negation word in front: "pain free", "painless", "all good".
_ALL_CLEAR = re.compile(
    r"\b(?:pain|hurt|ache|injury|niggle|problem|issue)s? ?free\b|\bpainless\b|\bfree of (?:pain|injury)\b"
    r"|\bnothing (?:\S+ )?(?:hurt\w*|sore|ached|aches|aching)\b|\bzero pain\b|\bno (?:issues|problems|complaints)\b"
    r"|^(?:none|nope|nil|nothing|na|n a|no|0)$|^(?:\S+ ){0,2}(?:fine|ok|okay|good|great|all good)$"
)


@lru_cache(maxsize=4096)  # members repeat their notes ("sore knee"): each nearby pain is read per run logged
def _reading(text: str) -> tuple[bool, str | None]:
    """(reports pain, the body area it first says hurts). A clause either says something hurts, says
    nothing did ("no pain today", "pain free"), or neither ("felt off"): the note reports pain when one
    says it hurts, or when none says anything either way but the member wrote something."""
    hurts = cleared = neutral = False
    area = None
    for clause in clauses(text):
        if _ALL_CLEAR.search(clause):
            cleared = True
            continue
        areas = affirmed(clause, _AREA_RE)
        if areas and area is None:
            area = _AREA_BY_GROUP[areas[0].lastgroup or ""]
        if areas or affirmed(clause, _HURTING):
            hurts = True
        elif _HURTING.search(clause) or _AREA_RE.search(clause):
            cleared = True  # mentioned only to say it did not hurt
        else:
            neutral = True
    return hurts or (neutral and not cleared), area


def has_pain(text: str | None) -> bool:
    """Whether the note reports pain: anything the member wrote, unless every part of it says nothing hurt."""
    return bool(text and text.strip()) and _reading(text or "")[0]


def pain_area(text: str | None) -> str | None:
    """The body area the note first says hurts ('lower back spasms' -> 'back'), or None."""
    if not text or not text.strip():
        return None
    reports, area = _reading(text)
    return area if reports else None


def pain_topic(area: str | None) -> str:
    return _AREA_TOPICS.get(area or "", "injury")
