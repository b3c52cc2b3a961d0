"""A runners' thesaurus: words members use for the same thing, so a question finds tips written in
other words ("stitch" finds "side ache", "freezing" finds "cold weather"). Each group is one idea;
any phrase of a group in the question adds the others to the full-text query."""

from __future__ import annotations

import re
from functools import lru_cache

GROUPS: tuple[tuple[str, ...], ...] = (
    ("stitch", "side stitch", "side ache", "side cramp", "side pain", "pain under my ribs", "etap"),
    ("chafing", "chafe", "chaffing", "rubbing", "rubbed raw", "raw skin", "chub rub", "thigh rub", "friction burn"),
    ("nipples", "nipple", "bleeding nipples", "nipple chafing", "jogger's nipple"),
    (
        "tired all the time",
        "sluggish",
        "stale",
        "rubbish sessions",
        "bad sessions",
        "off form",
        "bad patch",
        "exhausted",
        "exhaustion",
        "fatigue",
        "fatigued",
        "knackered",
        "no energy",
        "worn out",
        "burnt out",
        "burned out",
        "burnout",
        "overtraining",
        "overtrained",
        "drained",
        "shattered",
    ),
    (
        "freezing",
        "cold",
        "winter",
        "icy",
        "frost",
        "frosty",
        "below zero",
        "sub zero",
        "snow",
        "wind chill",
        "cold weather",
    ),
    ("hot", "heat", "heatwave", "humid", "humidity", "summer", "hot weather", "sweltering", "warm weather"),
    ("blister", "blisters", "hot spot", "hot spots", "hotspot", "hotspots"),
    ("sore legs", "doms", "muscle soreness", "stiff legs", "achy legs"),
    (
        "heavy legs",
        "dead legs",
        "tired legs",
        "leg fatigue",
        "legs feel dead",
        "legs feel heavy",
        "legs feel wrecked",
        "legs are wrecked",
        "legs feel trashed",
        "legs feel battered",
        "legs feel like lead",
        "legs like lead",
    ),
    ("shin splints", "shin pain", "sore shins", "mtss"),
    (
        "runner's knee",
        "knee pain",
        "kneecap pain",
        "patellofemoral",
    ),
    ("hip flexor", "hip flexors", "front of my hip", "front of the hip", "psoas", "iliopsoas"),
    ("it band", "itb", "iliotibial", "outside of my knee", "outer knee"),
    ("plantar fasciitis", "heel pain", "plantar"),
    ("achilles", "achilles tendon", "heel cord"),
    ("trainers", "shoes", "running shoes", "sneakers", "kicks"),
    ("gel", "gels", "fuel", "fuelling", "fueling", "energy chews", "chews", "carbs"),
    (
        "hit the wall",
        "the wall",
        "bonk",
        "bonking",
        "bonked",
        "out of energy",
        "running out of energy",
        "ran out of energy",
        "no energy left",
    ),
    ("race morning", "morning of the race", "on the morning", "race day", "on the day", "morning of"),
    ("taper", "tapering", "race week", "last long run", "week before"),
    (
        "faster",
        "quicker",
        "speed",
        "speedwork",
        "speed work",
        "pb",
        "pbs",
        "personal best",
        "finishing kick",
        "sprint finish",
        "outsprinted",
        "outkicked",
        "top speed",
    ),
    # loud, slapping feet are a landing (form) question, not a foot problem
    ("feet slapping", "slapping", "heavy footed", "noisy feet", "loud footsteps", "foot strike", "landing", "cadence"),
    ("cadence", "step rate", "steps per minute", "stride rate", "spm", "turnover", "overstriding", "overstride"),
    ("warm up", "warm-up", "warming up", "warmup", "dynamic warm-up", "leg swings"),
    ("keep my fitness", "keep fit", "maintain fitness", "stay fit", "losing fitness", "lose fitness", "cross-training"),
    ("iron", "low iron", "iron deficiency", "anaemia", "anemia", "ferritin"),
    ("breakfast", "brekkie", "brekky", "pre-run meal"),
    ("vegetarian", "veggie", "vegan", "plant based", "plant-based", "meat free", "no meat"),
    ("flat feet", "flat foot", "fallen arches", "low arches", "flat footed", "overpronation", "pronation"),
    ("trail shoes", "trail running shoes", "road shoes", "grip", "lugs", "muddy", "mud"),
    ("bounce back", "recover", "recovery", "recovering", "get over"),
    ("rest day", "rest days", "day off", "days off"),
    (
        "run every day",
        "running every day",
        "run streak",
        "running streak",
        "every day",
        "days in a row",
        "two days in a row",
        "back to back days",
        "consecutive days",
        "7 days a week",
        "seven days a week",
    ),
    ("hip strength", "strengthen my hips", "strong hips", "weak hips", "glute strength", "glutes", "glute"),
    ("pregnant", "pregnancy", "expecting", "trimester", "bump"),
    (
        "postnatal",
        "postpartum",
        "after birth",
        "after having a baby",
        "baby",
        "bub",
        "had my baby",
        "gave birth",
        "newborn",
        "weeks old",
        "months old",
        "c section",
        "c-section",
        "caesarean",
        "cesarean",
    ),
    ("camber", "cambered", "slope", "side of the road", "sloping road"),
    ("black toenail", "black toenails", "toenail", "toenails", "runner's toe", "bruised nail"),
    ("uphill", "uphills", "hills", "hill", "climb", "climbs", "climbing"),
    ("headwind", "headwinds", "wind", "windy", "gusts", "gusty"),
    ("suncream", "sun cream", "sunscreen", "sunburn", "sunburnt", "sunburned", "spf", "sun block"),
    ("pacer", "pacers", "pace group", "pace bus"),
    ("carry water", "handheld", "hydration vest", "water bottle", "hydration pack", "drink on the run", "drinking"),
    ("too fast", "too quickly", "too quick", "go off too fast", "start too fast", "blow up", "blew up", "blowing up"),
    # fading at the end of a race is a pacing question before it is a fitness one
    (
        "out of steam",
        "running out of steam",
        "ran out of steam",
        "pacing",
        "start slower",
        "fading",
        "faded",
        "last lap",
        "first lap",
        "go out too fast",
        "goes out too fast",
        "went out too fast",
    ),
    ("cycling", "bike", "biking", "spin", "turbo"),
    ("illness", "ill", "unwell", "poorly", "bug", "virus", "flu", "sniffles"),
    (
        "runs a week",
        "runs per week",
        "days a week",
        "more runs",
        "extra run",
        "run more often",
        "frequency",
        "add a run",
        "another run",
        "fourth run",
        "fifth run",
    ),
    (
        "breathe",
        "breathing",
        "breath",
        "breathing rhythm",
        "breathing pattern",
        "gasping",
        "gasping for air",
        "out of breath",
        "puffed",
        "puffed out",
        "catch my breath",
    ),
    ("stretch", "stretches", "stretching", "mobility", "flexibility"),
    ("abs", "core", "trunk", "six pack"),
    ("arms", "arm swing", "elbows", "shoulders", "hands", "chicken wing", "chicken wings"),
    (
        "mileage",
        "weekly distance",
        "volume",
        "miles per week",
        "km per week",
        "miles a week",
        "km a week",
        "kms a week",
        "k a week",
        "weekly miles",
        "weekly kms",
    ),
    ("physio", "physiotherapist", "physical therapist", "pt"),
    ("doctor", "gp", "sports doctor", "medic"),
    ("runner's trots", "toilet", "loo", "stomach cramps", "gut", "stomach", "gi"),
    ("backache", "back ache", "back pain", "sore back", "aching back"),
    ("stairs", "downstairs", "down stairs", "upstairs", "steps"),
    ("pulled", "pulled muscle", "tweaked", "strained", "strain", "tweak"),
    ("sleep", "insomnia", "can't sleep", "cant sleep", "nap", "naps", "napping", "power nap"),
    ("dress", "wear", "clothing", "layers", "kit", "what to wear"),
    ("gloves", "cold hands", "mittens", "frozen fingers"),
)

# Members' words for what the library says in its own: each phrase of the left reads as the phrases on the right
# would, and brings those (with their groups), not the other members' words, which no tip uses ("dodgy knee" reads
# as "knee pain", so it spends the expansions on the knee tips' words rather than on more ways to say it).
ALIASES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        (
            "sore knee",
            "sore knees",
            "knee hurts",
            "knees hurt",
            "knees ache",
            "achy knees",
            "bad knee",
            "bad knees",
            "dodgy knee",
            "dodgy knees",
        ),
        ("knee pain",),
    ),
    # a niggle told by how long it lasts
    (
        ("lingering", "nagging", "sore for weeks", "hurting for weeks", "aching for weeks"),
        ("niggle", "niggles"),
    ),
    (("rowing", "rower", "rowing machine", "erg"), ("cross-training",)),
    (
        ("climbing stairs", "stair climbing", "stair climber", "stairmaster", "step machine", "stepper"),
        ("cross-training",),
    ),
    (
        ("after a race", "after a 10k", "after a 5k", "after a half", "after my race", "after the race", "post race"),
        ("after race", "recovery"),
    ),
    (
        (
            "stronger back",
            "stronger lower back",
            "strengthen my lower back",
            "strong back",
            "strengthen my back",
            "stronger core",
            "strengthen my core",
            "stronger trunk",
        ),
        ("core", "trunk endurance"),
    ),
    (("slumping", "slump", "slouching", "slouch", "hunch", "hunched", "hunching", "hunch over"), ("posture",)),
)

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_INDEX: dict[str, tuple[str, ...]] = {phrase: group for group in GROUPS for phrase in group}
_MEANS: dict[str, tuple[str, ...]] = {
    phrase: tuple(dict.fromkeys(p for target in targets for p in (target, *_INDEX.get(target, ()))))
    for phrases, targets in ALIASES
    for phrase in phrases
}
_ALL = {**_INDEX, **_MEANS}
# Longest phrases first, so "side stitch" is one match rather than "stitch".
_PHRASES = re.compile(
    r"(?<![\w'])(?:" + "|".join(re.escape(p) for p in sorted(_ALL, key=len, reverse=True)) + r")(?![\w'])"
)


# The setting of a run, the hills: its other words are searched only when no other topic is asked, so "a twinge
# in my back running uphill" does not bring every tip about climbs above the back ones. (The weather's words stay:
# "windy forecast for race day, any tactics?" asks about the wind.)
SETTINGS = frozenset(group for group in GROUPS if "uphill" in group)


@lru_cache(maxsize=2048)
def expansions(question: str, settings: bool = True) -> tuple[str, ...]:
    """Phrases of the groups the question touches that are not in the question itself, in group order (the
    setting groups only with ``settings``)."""
    text = question.lower().replace("\u2019", "'")
    found = _PHRASES.findall(text)
    out: dict[str, None] = {}
    for phrase in found:  # what members' words read as first: the search takes only the first few phrases
        for other in _MEANS.get(phrase, ()):
            if other not in found:
                out[other] = None
    for phrase in found:
        if not settings and _INDEX.get(phrase) in SETTINGS:
            continue
        for other in _INDEX.get(phrase, ()):
            if other not in found:
                out[other] = None
    return tuple(out)
