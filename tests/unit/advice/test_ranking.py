"""Ranking on the tuning questions (the evaluation questions in tests/advice_eval/ are kept apart)."""

from __future__ import annotations

from bot.advice.services.search import advise, is_referral
from bot.advice.thesaurus import expansions
from bot.db.store import Store

TUNING = [
    ("back", "backache after my long run"),
    ("back", "lower back seized up at 25k"),
    ("core", "which plank variations help runners"),
    ("stretching", "post run stretching routine"),
    ("shoes", "my running shoes feel flat and dead"),
    ("shoes", "how often do I need new trainers"),
    ("form", "overstriding, how do I fix it"),
    ("load", "am I increasing my weekly mileage too fast"),
    ("load", "back to running after a break of six weeks"),
    ("long-run", "longest run before my first marathon"),
    ("pacing", "I always go out too fast in races"),
    ("hydration", "electrolyte drinks or plain water"),
    ("nutrition", "how many gels in a half marathon"),
    ("recovery", "foam roller or massage gun"),
    ("recovery", "I'm shattered, three weeks into my plan, every run feels awful"),
    ("recovery", "knackered all the time since starting marathon training"),
    ("sleep", "does napping help recovery"),
    ("injury", "tweaked my hamstring, what now"),
    ("knee", "knee hurts going downstairs after runs"),
    ("shin", "shin splints again"),
    ("foot", "pain under my heel first thing in the morning"),
    ("skin", "thigh rub on hot days"),
    ("skin", "nipples raw after the half"),
    ("skin", "my bra band rubs my skin raw"),
    ("weather", "icy pavements this week, should I still run"),
    ("weather", "what gloves for freezing mornings"),
    ("weather", "layers for a frosty run"),
    ("breathing", "stitch in my side on every tempo"),
    ("breathing", "side ache after drinking before runs"),
    ("race-day", "what should I do the week before my race"),
    ("cross-training", "swimming instead of running while injured"),
]


async def test_tuning_questions_lead_with_the_right_topic(db: Store) -> None:
    misses = []
    for topic, question in TUNING:
        answer = await advise(db, 1, None, question)
        if not answer.tips or answer.tips[0].topic != topic:
            misses.append((question, [t.topic for t in answer.tips]))
    assert len(misses) <= len(TUNING) // 10, misses


async def test_self_care_before_referral_unless_a_red_flag(db: Store) -> None:
    blister = await advise(db, 1, None, "small blister on my heel")
    assert blister.tips and not is_referral(blister.tips[0]) and not blister.triage
    assert "see a doctor" not in blister.tips[0].body[:80].lower()
    asked = await advise(db, 1, None, "when should I see a physio")
    assert asked.tips[0].topic == "professional"


async def test_emergency_shows_only_tips_about_that_situation(db: Store) -> None:
    answer = await advise(db, 1, None, "chest pain and tight calves on my run")
    assert answer.banner is not None and answer.banner.startswith("🚨 Chest pain")
    assert answer.tips and all("redflag-cardiac" in t.tags for t in answer.tips)
    hypo = await advise(db, 1, None, "drank loads of water at the marathon, now vomiting and confused")
    assert {"redflag-hyponatraemia", "redflag-consciousness"} & {tag for t in hypo.tips for tag in t.tags}
    assert not any(t.topic == "stretching" for t in hypo.tips)


async def test_other_red_flags_lead_with_what_was_recognised(db: Store) -> None:
    answer = await advise(db, 1, None, "my pee is dark brown after the ultra")
    assert answer.banner == "⚠️ Dark urine: please see a doctor today, and don't run until you have."
    assert "redflag-rhabdomyolysis" in answer.tips[0].tags


def test_thesaurus_expands_lay_words() -> None:
    assert "side ache" in expansions("stitch on my runs")
    assert "raw skin" in expansions("chafing on long runs")
    assert "fatigue" in expansions("tired all the time")
    assert "cold" in expansions("freezing weather")
    assert expansions("tempo run") == ()


async def test_questions_the_library_used_to_lack_lead_with_their_topic(db: Store) -> None:
    for topic, question in [
        ("speed", "how do I get faster at 5k"),
        ("rest", "is it ok to run every day"),
        ("breathing", "breathe running uphill"),
        ("foot", "black toenail after a downhill race"),
        ("taper", "how long before a race do I stop long runs"),
        ("pregnancy", "pregnant and want to keep running"),
        ("form", "my hip niggles from running on cambered roads"),
        ("rest", "got a cold, can I still run"),
    ]:
        answer = await advise(db, 1, None, question)
        assert answer.tips and answer.tips[0].topic == topic, (question, [t.topic for t in answer.tips])
        assert not answer.triage, question


async def test_words_with_two_senses_do_not_pull_in_the_wrong_topic(db: Store) -> None:
    calf = await advise(db, 1, None, "my calf is swollen and warm")
    assert "redflag-dvt-pe" in calf.tips[0].tags
    assert not any(t.topic == "weather" or "heat" in t.tags for t in calf.tips)
    faster = await advise(db, 1, None, "how do I get faster at 5k")
    assert not any("cramp" in t.tags for t in faster.tips)
    cold = await advise(db, 1, None, "got a cold, can I still run")
    assert not any(t.topic == "weather" for t in cold.tips)
    weather = await advise(db, 1, None, "running in the cold tips")
    assert weather.tips[0].topic == "weather"
