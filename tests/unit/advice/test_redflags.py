import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.advice.redflags import (
    PROFESSIONAL_LINE,
    RED_FLAG_LABELS,
    find_red_flags,
    is_red_flag,
    normalise,
)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Numbness in my left foot after the run", "numbness"),
        ("my toes went NUMB at mile 10", "numbness"),
        ("there's tingling down the back of my leg", "tingling"),
        ("toes were tingly", "tingling"),
        ("pins and needles in my foot", "pins and needles"),
        ("Pins & needles in both hands", "pins and needles"),
        ("sudden chest pain on the hill", "chest pain"),
        ("chest tightness at the end", "chest pain"),
        ("a tight chest on intervals", "chest pain"),
        ("pain in my chest at 5k", "chest pain"),
        ("I fainted after the finish", "fainting"),
        ("fainting at the water station", "fainting"),
        ("felt faint at mile 20", "fainting"),
        ("I passed out after crossing the line", "fainting"),
        ("nearly blacked out", "fainting"),
        ("I keep getting dizzy spells", "dizzy spells"),
        ("felt dizzy and sick", "dizzy spells"),
        ("I can't bear weight on my ankle", "can't bear weight"),
        ("I can’t put weight on it", "can't bear weight"),
        ("cannot bear weight since Sunday", "can't bear weight"),
        ("unable to bear weight on the left foot", "can't bear weight"),
        ("cant put any weight on my foot", "can't bear weight"),
        ("now I can't walk", "can't walk"),
        ("couldn't even walk home", "can't walk"),
        ("severe swelling around the ankle", "severe swelling"),
        ("my knee is badly swollen", "severe swelling"),
        ("ankle swelled up like a balloon", "severe swelling"),
        ("calf is swollen and hot", "severe swelling"),
        ("there was blood in my urine after the marathon", "blood in urine"),
        ("peeing blood after the ultra", "blood in urine"),
        ("I coughed up blood", "blood"),
        ("the cut is bleeding a lot", "bleeding"),
        ("shortness of breath on easy runs", "shortness of breath"),
        ("I felt short of breath lying down", "shortness of breath"),
        ("I couldn't breathe at the top of the hill", "shortness of breath"),
        ("palpitations during intervals", "palpitations"),
        ("my heart keeps skipping beats", "palpitations"),
        ("irregular heartbeat on my watch and I felt it", "irregular heartbeat"),
        ("irregular heart rate after the race", "irregular heartbeat"),
        ("loss of bladder control with the back pain", "loss of bladder or bowel control"),
        ("lost bowel control", "loss of bladder or bowel control"),
        ("I can't control my bladder since the fall", "loss of bladder or bowel control"),
        ("some incontinence since the back went", "loss of bladder or bowel control"),
        ("numbness in my groin and back pain", "saddle numbness"),
        ("saddle numbness", "saddle numbness"),
        ("back pain with a fever", "fever"),
        ("feeling feverish and my hip hurts", "fever"),
        ("pain at night in my shin", "night pain"),
        ("the ache wakes me up", "night pain"),
        ("night pain in the hip", "night pain"),
        ("my knee hurts at night", "night pain"),
        ("woken up by the pain", "night pain"),
        ("sharp pain in my heel that gets worse every run", "sharp pain that worsens"),
        ("stabbing pain in the knee, worsening each km", "sharp pain that worsens"),
        ("the pain is getting worse every day", "worsening pain"),
        ("worsening pain in my foot", "worsening pain"),
        ("heard a pop in my calf", "heard a pop"),
        ("felt a snap behind my ankle", "heard a pop"),
        ("something popped in my knee", "heard a pop"),
        ("doc thinks it could be a stress fracture", "stress fracture"),
        ("I had a stress reaction last year", "stress fracture"),
        ("broken toe", "stress fracture"),
        ("bone pain in my shin", "bone pain"),
        ("pinpoint tenderness on the shin", "bone pain"),
        ("pain on the bone of my foot", "bone pain"),
        ("I felt confused after the race and drank loads", "confusion"),
        ("some confusion and a headache after the marathon", "confusion"),
        ("he seemed disorientated at the finish", "confusion"),
    ],
)
def test_red_flag_phrases_match(text: str, label: str) -> None:
    flags = find_red_flags(text)
    assert label in flags, flags
    assert is_red_flag(text)


@pytest.mark.parametrize(
    "text",
    [
        "my back felt tight at mile 17",
        "back spasms at mile 17",
        "easy run, felt great",
        "legs heavy",
        "legs heavy today, tempo felt hard",
        "bloody hard run in the wind",
        "a bloody brilliant parkrun",
        "small blood blister on my toe",
        "my blood sugar was fine, had a gel",
        "gave blood yesterday so took it easy",
        "blood test came back normal",
        "bleeding nipples again, need plasters",
        "nipples were bleeding by mile 20",
        "hay fever is awful on the canal path",
        "marathon fever has hit the club",
        "I can't stand hills",
        "collapsed on the sofa after the long run",
        "a bit confused about my training plan",
        "I was confused by the course markings",
        "broke my PB by a minute",
        "popped a gel at 45 minutes",
        "popped out for a quick 5k",
        "the ankle is not swollen anymore",
        "stretched my calves and hamstrings",
        "sore quads after the hills",
        "hit the wall at 30k",
        "woke me up early so I ran before work",
        "faint drizzle, lovely run",
        "my heart rate was high in the heat",
        "felt sharp today, good session",
        "tempo run at threshold",
        "",
        "   ",
    ],
)
def test_benign_sentences_do_not_match(text: str) -> None:
    assert find_red_flags(text) == []
    assert not is_red_flag(text)


def test_multiple_flags_in_order_without_duplicates() -> None:
    flags = find_red_flags("Back pain with numbness and tingling, and numbness again. Also a fever.")
    assert flags == ["numbness", "tingling", "fever"]


def test_specific_label_supersedes_general() -> None:
    assert find_red_flags("blood in my pee") == ["blood in urine"]
    assert find_red_flags("sharp pain getting worse") == ["sharp pain that worsens"]


def test_normalise() -> None:
    assert normalise("  Can\u2019t\n\tWALK  ") == "can't walk"


def test_professional_line() -> None:
    assert "doctor or physiotherapist" in PROFESSIONAL_LINE
    assert PROFESSIONAL_LINE.startswith("⚠️")


@settings(max_examples=300)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    flags = find_red_flags(text)
    assert isinstance(flags, list)
    assert set(flags) <= set(RED_FLAG_LABELS)
    assert len(flags) == len(set(flags))
    assert is_red_flag(text) == bool(flags)


@given(st.lists(st.sampled_from(["pain", "sharp", "night", "at", "blood", "numb", "can't", " ", "."])))
def test_never_raises_on_keyword_soup(words: list[str]) -> None:
    text = " ".join(words)
    assert isinstance(find_red_flags(text), list)
