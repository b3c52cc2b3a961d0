"""Red-flag triage, the concepts added after the third blind set: each a rule about a sign however it is written,
with the near misses it must leave alone (tuning examples; the evaluation sets are kept apart)."""

import pytest

from bot.advice.intent import asked_topic
from bot.advice.lexicon import Severity
from bot.advice.redflags import normalise, triage
from bot.advice.senses import one_sense

E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO


def found(text: str) -> set[tuple[str, Severity]]:
    return {(f.category, f.severity) for f in triage(text).findings}


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        # only someone who examined it reassures: a relative's or the runner's own "it's normal" is not
        ("periods gone for 5 months, my mum reckons its normal for runners", "red-s", P),
        ("heart skips beats sitting on the sofa, my mates say its nothing", "cardiac", T),
        # heartburn does not explain a tight, heavy or spreading chest
        ("chest feels like a vice, probably indigestion from the gel", "cardiac", E),
        ("tight band round his chest going up into his jaw, he says its just heartburn", "cardiac", E),
        ("ache between my shoulder blades and I feel sick and clammy on the hill", "cardiac", E),
        # a rate over 210 that starts and stops at once
        ("hr went to 235 out of nowhere on an easy run then clicked back to 140", "cardiac", T),
        # asthma: a tight chest with asthma named, a reliever needed many times a day
        ("asthma playing up, chest has been tight all week", "breathing", T),
        ("using my inhaler 5 times a day at the moment", "breathing", T),
        ("her lips have gone a bit bluey and she's struggling", "breathing", E),
        # pain on breathing in with sudden breathlessness; a long drive is travel
        ("suddenly couldnt get my breath, stabbing pain whenever I breathe in", "dvt-pe", E),
        ("drove 11 hours to the race and now one calf is swollen and hot", "dvt-pe", T),
        # altered consciousness in other words; a possessive names the person
        ("my wife's talking utter nonsense after the race", "consciousness", E),
        ("friend can barely keep her eyes open at the finish and keeps mumbling", "consciousness", E),
        # a broken helmet took a blow to the head
        ("smashed my helmet coming off the bike, now throwing up", "head-injury", E),
        ("came off my bike, helmet cracked, bit of a headache today", "head-injury", T),
        # slurred speech said as a simile, a face written as droopy or saggy
        ("dad's talking like he's drunk and his face looks saggy on one side", "stroke", E),
        # type 1 written as one word
        ("type1 and properly confused on my run, jelly babies not helping", "hypoglycaemia", E),
        # kidney infection, a wound that needs closing, a spreading infection
        ("back pain on one side with a fever and it burns when I pee", "kidney", T),
        ("deep gash on my knee, edges wont close", "bleeding", T),
        ("red line creeping up my leg from the blister on my heel", "infection", T),
        # bleeding with cramps in pregnancy; "I'm 30 weeks"
        ("I'm 32 weeks and bleeding with cramps after a walk jog", "pregnancy", E),
        # bone stress in a story: the hop test, the bone itself named
        ("did the hop test and it was a big nope, sharp pain on my shin bone", "bone-stress-shin", P),
        # batch 2 of the team's own phrasings
        ("chest feels squashed, like someone's standing on it", "cardiac", E),
        ("type 1, second hypo on a run in 3 days", "hypoglycaemia", T),
        ("my sugars keep crashing on long runs, type 1", "hypoglycaemia", T),
        ("calves go tight and burning at the same point every run, goes when I stop", "compartment", P),
        ("34 weeks and the baby's kicking less since yesterday", "pregnancy", T),
        ("ultra runner, lost weight without trying and keep getting ill", "red-s", P),
        # batch 3
        ("chest hurts on every hill, feels like heartburn but only when I run", "cardiac", E),
        ("lips tingling after a protein bar and now it's hard to breathe", "anaphylaxis", E),
        ("banged my head on the car door at the race, now seeing double", "head-injury", E),
        ("fell asleep after the race and now she can't be woken", "consciousness", E),
        # batch 4: a laugh or a guess elsewhere in the message does not make a sign a joke
        ("out of breath walking to the shops for weeks, never used to be. prob just unfit haha", "breathing", T),
        ("heart skipping beats all evening since my run, probably coffee lol", "cardiac", T),
        ("red, painful eye since the race and light hurts it, I wear contacts. any goggles recs lol", "eyes", T),
        ("period's gone awol since I upped my miles", "red-s", P),
        ("feel like I'm going to pass out on my runs lately", "cardiac", T),
        # batch 5
        ("fell on my hand and my wrist is sitting at a funny angle", "acute-injury", T),
        ("finger's bent sideways after the fall", "acute-injury", T),
        ("groin pain so bad I had to limp home, hip flexor strain maybe?", "bone-stress-hip", T),
        ("kicked in the shin, leg rock hard, pain way more than it should be, toes numb", "compartment", E),
        ("had a cup at pretty much every station, now confused and vomiting", "hyponatraemia", E),
        ("get light-headed every time I finish my reps, happened 4 times now", "cardiac", T),
        # batch 6: "'s" after a noun, a tongue too big, barely able to talk
        ("inhaler's done nothing and I can barely talk", "breathing", E),
        ("helmet's cracked after I came off, now I've been sick", "head-injury", E),
        ("tongue feels too big and my cheeks are swelling after a nut bar", "anaphylaxis", E),
        # batch 7
        ("grit flicked in my eye on the trail, still sore and blurry", "eyes", T),
        ("barely peed since the 100k and what came out was brown, legs swollen", "rhabdomyolysis", E),
        ("got a fever and chills since the race", "infection", T),
        # batch 9: short words misspelt are in the patterns
        ("chst tight and heavy since the run", "cardiac", E),
        ("banged my hed and been sick", "head-injury", E),
        # batch 14
        ("feels like a car is parked on my chest", "cardiac", E),
        ("he can't say more than a couple of words, breathing so fast", "breathing", E),
        ("calf got kicked, now it's shiny and tense, pain unbearable, toes numb", "compartment", E),
    ],
)
def test_concepts_are_recognised(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), triage(text)


def test_bleeding_with_cramps_after_birth_is_not_the_emergency_of_pregnancy() -> None:
    assert triage("6 weeks after giving birth, light bleeding and cramps after a walk").severity != E


@pytest.mark.parametrize(
    "text",
    [
        "that climb was heart attack pace lol",
        "you nearly gave me a heart attack sneaking up on me",
        "my grandad had a heart attack at 80, anything I should know?",
        "chest strap said 220 but it had slipped, felt fine",
        "watch said my heart was irregular, pretty sure the strap was loose",
        "saw a video of someone collapsing at a marathon, scary",
        "anyone know what rhabdo is?",
        "wondering what the difference is between a heart attack and cardiac arrest",
        "mate talking rubbish about his marathon time again",
        "wee was dark this morning but cleared after a pint of water",
        "shins ache a little at the start, nothing tender on the bone",
        "I'm 10 weeks out from my marathon, what long runs should I do?",
        "can barely walk down stairs after leg day",
        "asthmatic, chest a bit tight for the first few minutes in the cold and then fine",
        "fingers go numb in the cold on winter runs, fine once I'm inside",
        "booked a CPR course for the club committee",
        "felt like I was going to pass out on the last rep lol",
        "my lungs were collapsing up that climb 😂",
        "is a stress reaction different from a stress fracture?",
        "when do you ring 999 for a runner who faints?",
        "passed out on the sofa for a nap after parkrun, slept 2 hours",
        "saw stars on that sprint finish haha",
        "a bit breathless chatting on my easy runs, too fast?",
        "heart going crazy at the start line lol",
        "dizzy for a moment after the 800s, fine once I walked about",
        "hands swelled a bit in the heat but went down when I got home",
        "my face looks so fat in the race photos",
        "can't see properly out of my goggles, they fog up",
        "got a lot out of it, great session",
        "bit feverish with a stinking cold, skip parkrun?",
        "a bit dizzy at the end of the sprint, gone straight away",
        "seeing double by the end of that 20 miler lol",
        "can't feel my legs after those hill reps haha",
        "we all collapsed laughing at the finish photos",
        "small headache after the race so drinking lots now to rehydrate",
        "cheeks go numb in the icy wind on winter runs",
        "what if I get chest pain halfway round a marathon?",
        "scared I'll have a stroke if I push too hard, is that a thing?",
        "on pins and needles about my race result",
        "hot hilly 10k this morning and it was sick",
        "drank loads on the hot run, headache went after a nap",
        "almost fainted with relief at the finish",
        "my husband collapsed at a race last month, he had tests at the hospital and they came back fine, can he race?",
    ],
)
def test_near_misses_raise_nothing(text: str) -> None:
    assert not triage(text), triage(text)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        # legs described as dead or heavy are tiredness, whatever session came before
        ("legs feel heavy and dead after the tempo, what helps", "recovery"),
        # indoors, the gym, swimming or cycling on the days between runs
        ("what should i do at the gym when i can't get out for a run", "cross-training"),
        ("is it ok to swim on my non run days", "cross-training"),
        # a warm-up on race day belongs to the race morning
        ("how long a warm up on race morning before a 10k", "race-day"),
        ("how should i warm up before the gun goes", "race-day"),
        # fading at the end is pacing
        ("always run out of steam in the last mile of a 10k", "pacing"),
        # building weekly distance is load
        ("how quickly can i build my weekly km", "load"),
        ("am i overdoing it with 6 runs a week", "load"),
        # loud or slapping feet are how you land
        ("my feet slap the road really loudly, how do i fix it", "form"),
        # going out too fast told as what happens; a professional as the source of the advice
        ("she always blasts the first mile and then fades, what can she do", "pacing"),
        ("my physio says my core is weak, which exercises", "core"),
    ],
)
def test_the_topic_asked_in_other_words(question: str, topic: str) -> None:
    assert asked_topic(one_sense(question)) == topic


def test_a_cold_snap_is_the_weather_and_a_bad_cold_an_illness() -> None:
    assert "illness" not in one_sense("a bad cold snap this week, gym or outside?")
    assert "illness" in one_sense("got a bad cold, should i run")


def test_a_checked_episode_that_is_over_is_history_only_while_nothing_goes_on_now() -> None:
    assert not triage("she fainted at parkrun last week, the doctor said it was fine")
    assert triage("she fainted at parkrun last week, the doctor said it was fine, but now she's dizzy again")
    assert triage("collapsed last week and still getting chest pain, doctor said fine").severity == E


def test_apostrophe_s_after_a_noun_is_dropped_and_kept_after_a_pronoun() -> None:
    assert normalise("chest's tight, she's fine, what's that") == "chest tight, shes fine, whats that"


def test_reassurance_that_is_denied_is_none_and_a_test_result_reassures() -> None:
    assert ("cardiac", T) in found("heart skipping beats on every run, doctor said it's not normal and wants an ECG")
    assert not triage("palpitations on runs last month, had an ECG and it was normal")


def test_a_sentence_about_last_year_is_history_until_it_says_now() -> None:
    assert triage("GP told me last year it was nothing but now my heart is racing and I feel faint").severity == E
    assert not triage("my old coach had a heart attack years ago and now runs ultras")


def test_a_worry_about_the_future_leaves_what_is_happening_now() -> None:
    assert triage("scared I'll pass out, my chest is crushing right now").severity == E


def test_never_had_it_myself_is_talk_and_never_had_this_before_is_new() -> None:
    assert not triage("is blood in urine a thing? never had it myself")
    assert ("cardiac", T) in found("never had this before, heart skipping beats for an hour after my run")


def test_a_reliever_that_isnt_working_is_an_emergency_with_no_other_sign() -> None:
    assert ("breathing", E) in found("asthma's kicked off in the intervals and my reliever isn't touching it")
