"""Red-flag triage: the tuning examples (the evaluation sets in tests/advice_eval/ are kept apart)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.advice.lexicon import SIGNS, Severity
from bot.advice.redflags import clauses, find_red_flags, is_red_flag, normalise, triage

E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        ("sudden chest pain on the hill", "cardiac", E),
        ("chest tightness at the end", "cardiac", E),
        ("a tight chest on intervals", "cardiac", E),
        ("pain in my chest at 5k", "cardiac", E),
        ("heaviness across the chest when I speed up", "cardiac", E),
        ("chets hurts on hills", "cardiac", E),
        ("my heart keeps skipping beats", "cardiac", T),
        ("irregular heart rate after the race and I felt it", "cardiac", T),
        ("heart pounding for ages after I stopped", "cardiac", T),
        ("I couldn't breathe at the top of the hill", "breathing", E),
        ("short of breath lying down after the run", "breathing", E),
        ("shortness of breath on easy runs", "breathing", T),
        ("a sudden severe headache while running", "neurological", E),
        ("got a sudden, really bad headache halfway through my run", "neurological", E),
        ("drank at every water stop and now I keep throwing up", "hyponatraemia", E),
        ("pain in my shin that wakes me at night", "bone-stress", P),
        ("drank a ton of water at the marathon, now throwing up and can't think straight", "hyponatraemia", E),
        ("speech went funny after the race", "neurological", E),
        ("ankle is the size of a melon after I rolled it", "tendon-ligament", P),
        ("had trouble breathing after the race", "breathing", T),
        ("headache came on suddenly out of nowhere on the run", "neurological", E),
        ("I felt confused after the race and drank loads", "neurological", E),
        ("he seemed disorientated at the finish", "neurological", E),
        ("her speech was slurred at the end", "neurological", E),
        ("numbness in my left foot after the run", "nerve", P),
        ("my toes went NUMB at mile 10", "nerve", P),
        ("toes were tingly", "nerve", P),
        ("Pins & needles in both hands", "nerve", P),
        ("no feeling in my foot", "nerve", P),
        ("I can't feel my big toe", "nerve", P),
        ("numbness in my groin and back pain", "nerve", E),
        ("lost bowel control", "nerve", E),
        ("I passed out after crossing the line", "collapse", E),
        ("nearly blacked out", "collapse", E),
        ("felt dizzy and sick", "collapse", T),
        ("really hot race, started stumbling and couldn't think straight, then collapsed", "heat", E),
        ("heatstroke at the 10k", "heat", E),
        ("drank a lot of water during the marathon and then vomiting and confusion", "hyponatraemia", E),
        ("had loads of water on the run and my head is pounding and I'm being sick", "hyponatraemia", E),
        ("after my long race my pee was dark like cola", "rhabdo", T),
        ("wee came out brown after the ultra", "rhabdo", T),
        ("tea coloured urine the day after", "rhabdo", T),
        ("calf hot and swollen after a long flight", "clot", T),
        ("DVT worry after the drive home from the race", "clot", T),
        ("pinpoint tenderness on the shin", "bone-stress", P),
        ("pain at night in my shin", "bone-stress", P),
        ("the ache wakes me up", "bone-stress", P),
        ("sharp pain in my heel that gets worse every run", "bone-stress", P),
        ("doc thinks it could be a stress fracture", "bone-stress", P),
        ("heard a pop in my calf", "tendon-ligament", P),
        ("something snapped behind my ankle", "tendon-ligament", P),
        ("I can't put weight on it", "tendon-ligament", P),
        ("couldn't even walk home", "tendon-ligament", P),
        ("knee gives way on stairs now", "tendon-ligament", P),
        ("ankle swelled up like a balloon", "tendon-ligament", P),
        ("haven't had my period since March", "low-energy", P),
        ("blood in my urine after the marathon", "bleeding", T),
        ("I coughed up blood", "bleeding", T),
        ("the cut is bleeding a lot", "bleeding", T),
        ("back pain with a fever", "infection", T),
        ("feeling feverish and my hip hurts", "infection", T),
    ],
)
def test_signs_are_recognised_with_their_severity(text: str, category: str, severity: Severity) -> None:
    result = triage(text)
    assert category in result.categories, result
    assert result.severity is not None and result.severity >= severity
    assert is_red_flag(text)


@pytest.mark.parametrize(
    "text",
    [
        "my back felt tight at mile 17",
        "back spasms at mile 17",
        "legs heavy today, tempo felt hard",
        "bloody hard run in the wind",
        "small blood blister on my toe",
        "my blood sugar was fine, had a gel",
        "gave blood yesterday so took it easy",
        "bleeding nipples again, need plasters",
        "hay fever is awful on the canal path",
        "I can't stand hills",
        "collapsed on the sofa after the long run",
        "a bit confused about my training plan",
        "I was confused by the course markings",
        "broke my PB by a minute",
        "popped a gel at 45 minutes",
        "the ankle is not swollen anymore",
        "hit the wall at 30k",
        "woke me up early so I ran before work",
        "faint drizzle, lovely run",
        "my heart rate was high in the heat",
        "heart pounding on the start line, so excited",
        "no chest pain or dizziness, just slow",
        "never dizzy, never out of breath, just bored",
        "I don't have any numbness",
        "how to avoid heat stroke at the summer 10k",
        "never had a fever, should I get a flu jab",
        "my pee is dark yellow after the long run, drink more?",
        "how many litres of water for a marathon",
        "headache after my long run",
        "out of breath on hill sprints",
        "I'd murder a curry after this",
        "the heat was brutal, I felt sick but finished",
        "drank lots of water, feel fine, how to fuel",
        "my pee is a bit darker in summer",
        "I bleed from a blister on my heel",
        "my heart was pounding on the last hill sprint",
        "toes go white in the cold",
        "",
        "   ",
    ],
)
def test_look_alikes_and_negations_are_not_flagged(text: str) -> None:
    assert not triage(text), triage(text)
    assert find_red_flags(text) == []


def test_negation_is_per_clause() -> None:
    assert triage("no chest pain, but I fainted").categories == ("collapse",)
    assert triage("not dizzy and my chest hurts").categories == ("cardiac",)
    assert "nerve" in triage("not sure why but there's no feeling in my foot").categories
    assert "collapse" in triage("I don't know why I passed out").categories


def test_banner_follows_the_highest_severity_and_names_what_was_recognised() -> None:
    banner = triage("chest pain and dizziness on the hill").banner()
    assert banner is not None and banner.startswith("🚨 Chest pain and dizziness: stop and get urgent medical help")
    today = triage("my pee is dark brown after the ultra").banner()
    assert today == "⚠️ Dark urine: please see a doctor today, and don't run until you have."
    physio = triage("heard a pop in my calf").banner()
    assert physio == "⚠️ A pop or snap: please see a doctor or physiotherapist before you run again."
    assert triage("easy run, felt great").banner() is None


def test_banner_never_says_it_is_fine_nor_names_a_diagnosis() -> None:
    for sign in SIGNS:
        result = triage("x")
        assert not result
        for word in ("fine", "nothing to worry", "you have"):
            assert word not in sign.label
    assert "you have" not in (triage("I think I have hyponatremia").banner() or "").lower().split(":")[0]


def test_fuzzy_fixes_one_edit_on_long_words_only() -> None:
    assert clauses("numbess and tinglin, fevre") == ["numbness and tingling", "fever"]
    assert clauses("never heard it") == ["never heard it"]  # real words stay as they are
    assert clauses("numbskull") == ["numbskull"]


def test_normalise() -> None:
    assert normalise("  Can\u2019t\n\tWALK  ") == "cant walk"
    assert normalise("Pins & needles") == "pins and needles"


@settings(max_examples=300)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    result = triage(text)
    assert is_red_flag(text) == bool(result)
    assert len(result.labels) == len(set(result.labels))
    assert (result.banner() is None) == (not result)


@given(st.lists(st.sampled_from(["pain", "chest", "no", "not", "dark", "pee", "water", "can't", " ", ".", ","])))
def test_never_raises_on_keyword_soup(words: list[str]) -> None:
    assert isinstance(find_red_flags(" ".join(words)), list)


def test_run_log_pain_insight_words_follow_the_triage() -> None:
    from datetime import date

    from bot.running.models import Run
    from tests.unit.running.history_insights import pain_insight

    def logged(pain: str) -> Run:
        return Run(id=1, run_date=date(2026, 11, 1), distance_m=5000, duration_s=1500, pain=pain)

    chest = logged("chest pain at the top of the hill")
    insight = pain_insight([chest], chest, triage(chest.pain))
    assert insight is not None and insight.kind == "pain-red-flag"
    assert insight.text.startswith("🚨 Chest pain: stop and get urgent medical help")
    numb = logged("numb toes")
    assert "doctor or physiotherapist" in pain_insight([numb], numb, triage(numb.pain)).text
    sore = logged("no numbness, just a sore knee")
    assert pain_insight([sore], sore, triage(sore.pain)).kind == "pain"
