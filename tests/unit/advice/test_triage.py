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
        ("a sudden severe headache while running", "stroke", E),
        ("got a sudden, really bad headache halfway through my run", "stroke", E),
        ("drank at every water stop and now I keep throwing up", "hyponatraemia", E),
        ("pain in my shin that wakes me at night", "bone-stress-shin", P),
        ("drank a ton of water at the marathon, now throwing up and can't think straight", "hyponatraemia", E),
        ("speech went funny after the race", "stroke", E),
        ("ankle is the size of a melon after I rolled it", "acute-injury", P),
        ("had trouble breathing after the race", "breathing", T),
        ("headache came on suddenly out of nowhere on the run", "stroke", E),
        ("I felt confused after the race and drank loads", "consciousness", E),
        ("he seemed disorientated at the finish", "consciousness", E),
        ("her speech was slurred at the end", "stroke", E),
        ("numbness in my left foot after the run", "nerve", P),
        ("my toes went NUMB at mile 10", "nerve", P),
        ("toes were tingly", "nerve", P),
        ("Pins & needles in both hands", "nerve", P),
        ("no feeling in my foot", "nerve", P),
        ("I can't feel my big toe", "nerve", P),
        ("numbness in my groin and back pain", "cauda-equina", E),
        ("lost bowel control", "cauda-equina", E),
        ("I passed out after crossing the line", "consciousness", E),
        ("nearly blacked out", "consciousness", E),
        ("felt dizzy and sick", "cardiac", T),
        ("really hot race, started stumbling and couldn't think straight, then collapsed", "heat", E),
        ("heatstroke at the 10k", "heat", E),
        ("drank a lot of water during the marathon and then vomiting and confusion", "hyponatraemia", E),
        ("had loads of water on the run and my head is pounding and I'm being sick", "hyponatraemia", E),
        ("after my long race my pee was dark like cola", "rhabdomyolysis", T),
        ("wee came out brown after the ultra", "rhabdomyolysis", T),
        ("tea coloured urine the day after", "rhabdomyolysis", T),
        ("calf hot and swollen after a long flight", "dvt-pe", T),
        ("DVT worry after the drive home from the race", "dvt-pe", T),
        ("pinpoint tenderness on the shin", "bone-stress-shin", P),
        ("pain at night in my shin", "bone-stress-shin", P),
        ("the ache wakes me up", "bone-stress", P),
        ("sharp pain in my heel that gets worse every run", "bone-stress-foot", P),
        ("doc thinks it could be a stress fracture", "bone-stress", P),
        ("heard a pop in my calf", "tendon-rupture", P),
        ("something snapped behind my ankle", "tendon-rupture", T),
        ("I can't put weight on it", "acute-injury", P),
        ("couldn't even walk home", "acute-injury", P),
        ("knee gives way on stairs now", "knee", P),
        ("ankle swelled up like a balloon", "acute-injury", P),
        ("haven't had my period since March", "red-s", P),
        # written from the clinical descriptions and the kinds of misses members reported
        ("my heart goes racing and irregular during intervals and I feel faint", "cardiac", E),
        ("heart fluttering like mad on the track reps, settled after", "cardiac", T),
        ("my uncle died suddenly at 30, they think an inherited heart thing", "cardiac", P),
        ("fell and knocked my head, now I can't remember the fall and feel sick", "head-injury", E),
        ("bumped my head on a branch yesterday, today headache and foggy", "head-injury", T),
        ("got stung and now my throat is tight and my face is swelling", "anaphylaxis", E),
        ("ate a cereal bar and my lips are swelling up", "anaphylaxis", E),
        ("my inhaler isn't helping and I'm still wheezing", "breathing", E),
        ("can only say a few words at a time between breaths", "breathing", E),
        ("breathless and my lips look blue", "breathing", E),
        ("deep groin ache that now makes walking hurt", "bone-stress-hip", P),
        ("pain in my pubic bone when I stand on one leg", "bone-stress-pelvis", P),
        ("top of my foot hurts to press and it's worse every run", "bone-stress-foot", P),
        ("sharp pain in my shin, hurts to walk", "bone-stress-shin", P),
        ("bleeding in pregnancy after a jog", "pregnancy", T),
        ("3 weeks postpartum, heavy bleeding soaking a pad", "pregnancy", E),
        ("type 1 diabetic, went low on my run and still low after glucose tabs", "hypoglycaemia", E),
        ("mate stopped shivering after the winter swim run and is confused", "hypothermia", E),
        ("every run at 2 miles my calves go rock hard and burning, fine once I stop", "compartment", P),
        ("knee locked and won't straighten", "knee", T),
        ("flashes and a shadow in the corner of my eye", "eyes", E),
        ("blood in my pee and pain in my side", "kidney", T),
        ("my words came out slurred and my arm went weak", "stroke", E),
        ("drank loads of water and now my fingers are swollen and I'm confused", "hyponatraemia", E),
        ("blood in my urine after the marathon", "kidney", T),
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
        "feeling faint when I stand up after runs",
        "dizzy with excitement lol",
        "got a bit dizzy standing up too quickly after stretching",
        "heart skipped a beat when I saw my finish time",
        "chest strap says 200 bpm but I feel fine",
        "what are the signs of a stress fracture?",
        "how do I avoid hypothermia on winter fell runs",
        "chest sore from push ups yesterday",
        "black toenail after the downhill race",
        "is it ok to run every day",
        "pregnant and want to keep running",
        "how do I get faster at 5k",
        "breathe running uphill",
        "sore shins after runs on concrete",
        "",
        "   ",
    ],
)
def test_look_alikes_and_negations_are_not_flagged(text: str) -> None:
    assert not triage(text), triage(text)
    assert find_red_flags(text) == []


def test_negation_is_per_clause() -> None:
    assert triage("no chest pain, but I fainted").categories == ("consciousness",)
    assert triage("not dizzy and my chest hurts").categories == ("cardiac",)
    assert "nerve" in triage("not sure why but there's no feeling in my foot").categories
    assert "consciousness" in triage("I don't know why I passed out").categories


def test_banner_follows_the_highest_severity_and_names_what_was_recognised() -> None:
    banner = triage("chest pain and dizziness on the hill").banner()
    assert banner is not None and banner.startswith("🚨 Chest pain and dizziness: stop and get urgent medical help")
    today = triage("my pee is dark brown after the ultra").banner()
    assert today == "⚠️ Dark urine: please see a doctor today, and don't run until you have."
    physio = triage("heard a pop in my calf").banner()
    assert physio == "⚠️ A pop or snap: please see a doctor (urgent care or A&E) today, and don't run until you have."
    shin = triage("sharp pain in my shin, hurts to walk").banner()
    assert shin == "⚠️ Pain when walking: please see a sports doctor or physiotherapist before you run again."
    pregnant = triage("32 weeks pregnant and some bleeding after my jog").banner()
    assert pregnant is not None and "midwife" in pregnant
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


@pytest.mark.parametrize(
    "text",
    [
        "numb bum after the bike session",
        "my chest is sore from coughing with a cold",
        "hot flushes at night, menopause",
        "lost my breath laughing at the finish",
        "my pregnant wife wants to start running",
        "watch said 220 bpm but I felt fine",
    ],
)
def test_more_look_alikes_raise_nothing(text: str) -> None:
    assert not triage(text), triage(text)
