"""The mechanisms of the triage beyond single signs: who a sign is about, treatments that aren't working, causes,
categories named from the message, talk about a condition, history and reassurance; and the topic a question
asks about. Tuning examples (the evaluation sets in tests/advice_eval/ are kept apart)."""

import pytest

from bot.advice.intent import asked_topic, asks_who_to_see, without_sources
from bot.advice.lexicon import Severity
from bot.advice.redflags import triage
from bot.advice.senses import one_sense
from bot.advice.thesaurus import expansions

E, T, P = Severity.EMERGENCY, Severity.DOCTOR_TODAY, Severity.DOCTOR_OR_PHYSIO


def found(text: str) -> set[tuple[str, Severity]]:
    return {(f.category, f.severity) for f in triage(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        "my clubmate is acting really strange at the finish",
        "runner beside me at the aid station stumbling and mumbling",
        "she keeps asking us what day it is after the half",
        "the guy who finished behind me is barely responding",
        "my husband is drowsy and nodding off in the medical tent after the marathon",
    ],
)
def test_what_a_bystander_sees_in_someone_else_is_an_emergency(text: str) -> None:
    assert ("consciousness", E) in found(text), triage(text)


@pytest.mark.parametrize(
    "text",
    [
        "i was acting strange all week before the race, nerves i think",
        "my husband always nods off on the sofa after his long run",
        "she was so drowsy on the 5am club run",
        "i dont know what happened, my legs just died at mile 20",
    ],
)
def test_the_same_words_about_the_writer_or_an_ordinary_sleepiness_are_not(text: str) -> None:
    assert not triage(text), triage(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("asthma flared on the hill and my reliever isnt touching it", "breathing"),
        ("type 1, went low and its still dropping even after jelly babies", "hypoglycaemia"),
        ("had her in the shade with ice for half an hour and shes still dizzy and sick", "heat"),
        ("shin is tight, swollen and agony, rested 2 hours and its no better, toes numb", "compartment"),
    ],
)
def test_a_treatment_that_isnt_working_is_an_emergency(text: str, category: str) -> None:
    assert (category, E) in found(text), triage(text)


@pytest.mark.parametrize(
    "text",
    [
        "used my inhaler before the run like always and still got a pb",
        "had a gel at 10k and still hit the wall at 30k",
        "rested for a week and my hamstring still feels a bit tight",
        "painkillers arent helping my doms after the half",
    ],
)
def test_a_treatment_named_without_a_sign_it_treats_is_nothing(text: str) -> None:
    assert not triage(text), triage(text)


def test_the_cause_of_a_collapse_or_confusion_names_its_category_first() -> None:
    knock = triage("my mate ran into a lamppost on the night run, hes drowsy and keeps nodding off on the bench")
    assert knock.findings[0].category == "head-injury" and knock.severity == E
    low = triage("diabetic runner at the finish wont swallow anything and is barely responding")
    assert low.findings[0].category == "hypoglycaemia" and low.severity == E


def test_a_loss_of_vision_in_one_eye_is_the_eyes_and_in_both_a_stroke() -> None:
    assert ("eyes", E) in found("vision in my right eye suddenly went dark mid run and hasnt come back")
    assert "stroke" not in triage("vision in my right eye suddenly went dark mid run").categories
    assert ("stroke", E) in found("half of my vision suddenly went black in both eyes")


def test_the_most_specific_of_equal_findings_comes_first() -> None:
    result = triage("took a kick to the shin, its swollen and the pain is off the charts, toes numb")
    assert result.findings[0].category == "compartment"
    assert "nerve" in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "what should the club do if someone collapses at a race",
        "whats RED-S? heard a coach mention it",
        "whats the difference between shin splints and a stress fracture",
        "is rhabdo a real risk from spin classes",
        "how common are stress fractures in marathon runners",
        "how do marshals spot heatstroke in runners",
    ],
)
def test_talk_about_a_condition_is_not_a_sign(text: str) -> None:
    assert not triage(text), triage(text)


def test_a_question_about_a_symptom_is_still_a_sign() -> None:
    assert ("cardiac", E) in found("is chest pain on hills normal, had it today")
    assert ("rhabdomyolysis", T) in found("is my pee meant to be this dark")


def test_history_is_at_most_a_check_before_running() -> None:
    assert found("i fainted during a race 2 years ago, should i get checked") == {("cardiac", P)}
    assert not triage("my mum fainted once at a wedding years ago, does that matter for my running")


def test_reassurance_by_a_professional_leaves_only_emergencies() -> None:
    assert not triage("my doctor said my palpitations were harmless ectopic beats, ok to run?")
    assert ("cardiac", E) in found("doctor said i was fine last month but now crushing chest pain on the hill")


def test_laughing_or_the_effort_explains_a_soft_sign() -> None:
    assert not triage("bit breathless walking up the stairs after leg day haha")
    assert not triage("is it normal to feel a bit dizzy after stopping a sprint")
    assert ("breathing", T) in found("I get breathless just walking up the stairs since the race")


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("how long should i warm up before a tempo run on a freezing morning", "stretching"),
        # a warm-up before a race is part of the race morning; the weather is a setting, asked only alone
        ("how long should i warm up before a race on a freezing morning", "race-day"),
        ("first 10k sunday, what should i do on the morning?", "race-day"),
        ("rainy arvo, what can i do indoors instead of a run?", "cross-training"),
        ("had my bub in may, when can i start running again?", "pregnancy"),
        ("how much should i cut my mileage in the taper", "taper"),
        ("keep running out of energy on long runs", "nutrition"),
        ("what should my arms be doing when i run", "form"),
        ("coming back after 6 months off, how far should i run?", "load"),
        ("is it bad to run three days in a row", "rest"),
        ("how many weeks out should i stop my long runs", "taper"),
        ("got sunburnt on my long run", "skin"),
        ("gasping for air on every run, why", "breathing"),
        ("how far should i run per week for a 10k", "load"),
        ("how do i build up to a 15 mile run", "long-run"),
        ("strength routine with no gym", "core"),
        ("marathon tomorrow!! any last minute advice", "race-day"),
        ("always tired and legs heavy lately, am i overtraining?", "load"),
        ("is it bad to run late at night before bed", "sleep"),
        ("how do i run more efficiently", "form"),
        ("is it ok to add a fifth run to my week", "load"),
        ("is hiking good training for a trail race", "cross-training"),
        ("legs feel like jelly after long runs", "recovery"),
        ("running when it's 35 degrees, how do i cope", "weather"),
        ("do i need an mri for my knee", "professional"),
        ("bunion hurts when i run", "foot"),
        ("first time running 10 miles this weekend", "long-run"),
        ("how do i stop walking in my runs", "pacing"),
        ("how long after a 10k should i rest", "recovery"),
        ("running in the dark tips", "weather"),
        ("is dark pee after a run bad", None),
        ("first marathon nerves help", "race-day"),
        ("on night shifts all week, still ok to run?", "sleep"),
        ("where is the bag drop at a big city marathon", "race-day"),
        ("big toe pain after running", "foot"),
        ("tight calf that won't go away", "injury"),
        ("breastfeeding and running, anything to know", "pregnancy"),
        ("how do i stop blowing up halfway through a 10k", "pacing"),
        ("do i need salt tablets in summer", "hydration"),
        ("my hammies are so tight", "stretching"),
        ("twisted my knee stepping off a kerb", "injury"),
        ("where should i stand at the start of a big race", "race-day"),
        ("how quickly can a beginner go from 5k to 10k", "load"),
        ("how do i fit in more miles without getting hurt", "load"),
        ("is it bad if my knees cave in when i run", "form"),
        ("is climbing stairs good training for hilly races", "cross-training"),
        ("is a sports massage worth it or should i go to a physio", "professional"),
        ("my glute has been sore for weeks, should i rest", "injury"),
        ("my physio says my glutes are weak", "core"),
        ("pregnant and always tired, am i overdoing it?", "pregnancy"),
        ("is running 7 days a week bad", "rest"),
        ("can i do weights on the same day as a run", "cross-training"),
        ("sharp twinge in my back when i run uphill", "back"),
        ("when should i see someone about a running injury", "professional"),
        ("how much water should i drink on a 10 mile run in summer", "hydration"),
        ("what sessions knock a couple of mins off a 10k pb", "speed"),
        ("best things to do after a marathon to bounce back", "recovery"),
        ("how do i stop going off too quickly in a 10k", "pacing"),
        ("jumped from 20 to 40 km a week, is that too much", "load"),
        ("keep hitting the wall at 30k, what should i change", "nutrition"),
        ("twisted my ankle in a pothole, when can i run again", "injury"),
        ("sore back after the hilly half, what helps", "back"),
        ("my arms swing across my chest, is that bad", "form"),
        ("should i get a running coach for my first marathon", "professional"),
        ("safe to run when there's lightning about", "weather"),
        ("tell me a joke", None),
    ],
)
def test_the_topic_a_question_asks_about_is_its_first_cue(question: str, topic: str | None) -> None:
    assert asked_topic(one_sense(question)) == topic


def test_a_professional_named_as_the_source_is_not_who_is_asked_for() -> None:
    assert "physio" not in without_sources("my physio says my glutes are weak, what exercises?")
    assert "physio" in without_sources("should i see a physio about my glutes?")


def test_asking_who_to_see_without_naming_a_profession() -> None:
    assert asks_who_to_see("when should i see someone about a running injury?")
    assert asks_who_to_see("should i get it checked?")
    assert not asks_who_to_see("i see someone running past every morning")


def test_the_hills_are_searched_in_other_words_only_when_nothing_else_is_asked() -> None:
    assert "climb" in expansions("how do i run hills better")
    assert "climb" not in expansions("tight lower back on hills", settings=False)


def test_words_with_two_senses() -> None:
    assert "hot" not in one_sense("hot spots on the ball of my foot").split()
    assert "kick" not in one_sense("how do i get a better finishing kick")
    assert "flat" not in one_sense("every workout feels flat") and "flat" in one_sense("my shoes feel flat")
    assert " run " not in one_sense("been on a run of rubbish sessions lately")
    assert "hot weather" in one_sense("running when it's 35 degrees") and "hot" not in one_sense("ran 35 km")
    assert "cold weather" in one_sense("is -5c too cold to run")
    assert "run" in one_sense("i did a run of 10k").split()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # one-sided weakness written after the limb, slurring that is "not drunk"
        ("halfway round my leg went heavy and useless on the left side", "stroke"),
        ("his right arm has gone weak, he keeps dropping his bottle", "stroke"),
        ("my dad is slurring his words at the finish, he isnt drunk", "stroke"),
        # the saddle area however it is written, both feet flopping with a bad back
        ("sore back for days and now my bottom and the inside of my legs are numb", "cauda-equina"),
        ("toilet paper feels weird when i wipe, back has been agony", "cauda-equina"),
        ("slipped disc flared and both feet are slapping down when i walk", "cauda-equina"),
        # coughing up blood with breathlessness, however many words between
        ("coughed up some dark red blood on the cool down and now i'm short of breath", "dvt-pe"),
        # a knock, then words that won't come or acting oddly
        ("banged my head on the door frame last night, today i keep losing my words", "head-injury"),
        ("she hit her head on the kerb and was out for about 20 secs", "head-injury"),
        # drinking a lot, in words the group did not have, then a bad headache or grogginess
        ("drank constantly through the marathon, now a splitting headache and I feel groggy", "hyponatraemia"),
        # a diabetic's reading still low after sugar
        ("type 1 here, had jelly babies 15 mins ago and still 3.1", "hypoglycaemia"),
    ],
)
def test_emergencies_written_in_other_words(text: str, category: str) -> None:
    assert (category, E) in found(text), triage(text)
    assert triage(text).findings[0].severity == E


def test_the_cause_comes_first_and_a_low_is_not_the_heart() -> None:
    lead = triage("drank loads of water at every station, now a sudden awful headache").findings[0]
    assert (lead.category, lead.severity) == ("hyponatraemia", E)
    assert triage("type 1, had 2 gels and still 2.9, feel woozy").findings[0].category == "hypoglycaemia"
    assert ("hypoglycaemia", E) not in found("type 1 and still 3 miles to go on the long run")


def test_palpitations_that_havent_settled_need_a_doctor_today() -> None:
    assert ("cardiac", T) in found("heart's been skipping since the parkrun and it hasn't calmed down")


@pytest.mark.parametrize(
    "text",
    [
        "heart did a little flutter on the hill, settled in a few seconds",
        "foot went tingly on the turbo trainer, back to normal within a few seconds",
        "is numbness in your toes after a marathon a thing? never had it myself",
        "what should volunteers know about hypothermia at a winter race",
        "my lips were blue from the blueberry ice lolly lol",
        "legs all tingly after running through nettles",
        "my brother was out cold on the train home, snoring away",
    ],
)
def test_over_at_once_a_topic_to_learn_or_a_plain_explanation_is_not_a_sign(text: str) -> None:
    assert not triage(text), triage(text)


def test_an_emergency_that_passed_is_still_said() -> None:
    assert triage("crushing chest pain on the hill, gone in a minute").severity == E
    assert triage("my dad was out cold on the path after he fell").severity == E


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [
        ("using my reliever every few hours since the weekend", "breathing", T),
        ("calf is tender and puffy since the flight, a bit warmer than the other", "dvt-pe", T),
        ("dull ache down my side and shaking chills since yesterday, pee smells off", "kidney", T),
        ("his knee went hot and red after the fall and now he has a fever", "knee", T),
        ("sleeping in my contacts, now one eye is red and sore and light kills it", "eyes", T),
        ("can't straighten her knee after the fall and there's a gap above the kneecap", "tendon-rupture", T),
        ("he limps after every session and there's a small lump on his shin that's tender", "bone-stress-shin", P),
        ("heel hurts when i squeeze it from both sides", "bone-stress-foot", P),
        ("hip ache is coming on earlier each run this block", "bone-stress-hip", P),
        ("ache in the groin right by the pubic bone, getting worse every run", "bone-stress-pelvis", P),
        ("outer edge of my foot is more and more sore, now walking hurts too", "bone-stress-foot", P),
        ("calves go tight and burning at the same point every run, fine after resting", "compartment", P),
    ],
)
def test_signs_written_in_other_words(text: str, category: str, severity: Severity) -> None:
    assert (category, severity) in found(text), triage(text)


def test_a_pain_easing_within_minutes_of_stopping_is_still_a_sign() -> None:
    assert ("compartment", P) in found("shins go rock hard every run at 3k, it eases within minutes of stopping")
