"""Red-flag triage read from a symptom's course (lexicon/signs_course.py) and the concepts of round 7: each case a
rule written in our own words, with the near misses it must leave alone (the evaluation sets are kept apart)."""

import pytest

from bot.advice.lexicon import Severity
from bot.advice.redflags import normalise, triage

E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO


def found(text: str) -> set[tuple[str, Severity]]:
    return {(f.category, f.severity) for f in triage(text).findings}


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # a symptom in a high-risk system and a course that says it is not passing, anywhere in the message
        ("wheezing like an old accordion. its been forty minutes since I stopped", "breathing", T),
        ("did a gentle jog and was panting like a dog, still puffing an hour later at my desk", "breathing", T),
        ("my heart is hammering away, sat down twenty minutes ago and it hasn't calmed down", "cardiac", T),
        ("pulse galloping since I finished, not slowing at all, and I feel woozy", "cardiac", E),
        ("chest feels like a fist is squeezing it. stopped running 15 mins ago, not easing", "cardiac", E),
        ("30 degrees at the 10k, mate has a thumping headache and is queasy, not improving in the shade", "heat", T),
        ("hot one today and I'm still wobbly and sick hours later", "heat", T),
        # a long journey, a cast, an operation or a birth make breathlessness or chest pain a clot's
        ("suddenly short of breath and it stabs when I breathe in, flew back from Sydney on Monday", "dvt-pe", E),
        ("since my knee op I get breathless walking to the car and my chest catches", "dvt-pe", T),
        # one calf swollen, warm and red anywhere in the message, even asked as "cramp?"
        ("Right calf. It's puffed up, warm to touch and a bit red. cramp??", "dvt-pe", T),
        # after a blow the leg need not be called tight: pain out of proportion with numbness or on moving the toes
        (
            "took a boot to the shin in the match, pain is way more than it should be and my foot is tingling",
            "compartment",
            E,
        ),
        ("calf got kicked, he screams when you move his toes", "compartment", E),
        # chronic: at the same point of each run, gone a while after stopping
        ("every run at 3k both calves go tight and burning, 15 mins later its gone", "compartment", P),
        # the hop test with a simile for the pain; the site named as the inside of the lower leg
        ("hopped on my right leg and it was like a knife going into the shin", "bone-stress-shin", P),
        ("tender bump on the bone on the inside of my lower leg, sore to poke", "bone-stress-shin", P),
        ("top of my left foot aches even walking to the shop now", "bone-stress-foot", P),
        # too breathless to speak, said of panting or a chest
        ("can't say more than two words at a time, panting hard", "breathing", E),
        # labour: waters and tightenings in pregnancy; a partner's weeks of pregnancy
        ("33 weeks and I think my waters are leaking, tightenings coming every few minutes", "pregnancy", E),
        ("my partner is 30 weeks, bad headache and seeing flashing lights since lunch", "pregnancy", E),
        # no urine for many hours after a hard session, with the muscles swollen
        ("not weed since the crossfit session yesterday and my thighs are swollen", "rhabdomyolysis", E),
    ],
)
def test_the_sign_is_found_at_its_severity(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), found(text)


@pytest.mark.parametrize(
    "text",
    [
        # the course without a high-risk symptom, or the symptom that passed
        "legs still sore two days later, classic DOMS",
        "kid came in puffing after the xc but was chatting away a couple of mins later",
        "a bit puffed still five minutes after the tempo, normal?",
        "heart pounding at the finish but it calmed down in a minute or two",
        "chest tight from the cold air, fine once I warmed up",
        "hot bath after the long run and still a bit sore this morning",
        # both calves, or a known knock, are not a clot's calf
        "both calves a bit swollen and warm after the marathon",
        # 31 minutes is no temperature
        "did the 10k in 31 and felt sick at the end, fine after a drink",
    ],
)
def test_what_passes_or_is_explained_raises_nothing(text: str) -> None:
    assert not triage(text), triage(text).findings


def test_degrees_are_read_as_heat() -> None:
    assert "degrees" in normalise("ran in 31°C today")
