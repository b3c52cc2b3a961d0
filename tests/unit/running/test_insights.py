from datetime import date, timedelta

import pytest

from bot.running.insights import Insight, pain_area, pain_topic, shoe_wear
from bot.running.models import Run, Shoe
from tests.unit.running.history_insights import insights_for_log, mileage_jump, new_longest_run, pain_insight

TODAY = date(2026, 11, 25)  # Wednesday
MON = date(2026, 11, 23)


def run(run_id: int, day: date, km: float, pain: str | None = None) -> Run:
    return Run(id=run_id, run_date=day, distance_m=km * 1000, duration_s=round(km * 330), pain=pain)


def weeks_of(km_per_week: list[float]) -> list[Run]:
    """One run on the Tuesday of each of the weeks before MON, oldest first."""
    count = len(km_per_week)
    return [run(i + 1, MON - timedelta(weeks=count - i) + timedelta(days=1), km) for i, km in enumerate(km_per_week)]


# --- mileage jump -----------------------------------------------------------------------------


def test_exactly_1_3_is_not_a_jump():
    new = run(99, TODAY, 13)
    assert mileage_jump([*weeks_of([10, 10, 10, 10]), new], new, TODAY) is None


def test_just_above_1_3_is_a_jump():
    new = run(99, TODAY, 13.01)
    insight = mileage_jump([*weeks_of([10, 10, 10, 10]), new], new, TODAY)
    assert insight is not None
    assert (insight.kind, insight.advice_topic) == ("mileage-jump", "load")
    assert "10%" in insight.text and "This week you're at 13.01 km" in insight.text


def test_this_week_sums_every_run_in_the_week():
    history = [*weeks_of([10, 10, 10, 10]), run(50, MON, 8)]
    new = run(99, TODAY, 5.5)
    assert mileage_jump([*history, new], new, TODAY) is not None
    assert mileage_jump(history, new, TODAY) is not None  # new run added when missing


def test_two_weeks_of_history_is_not_enough():
    new = run(99, TODAY, 50)
    assert mileage_jump([*weeks_of([10, 10]), new], new, TODAY) is None


def test_three_weeks_of_history_is_enough():
    new = run(99, TODAY, 50)
    insight = mileage_jump([*weeks_of([10, 10, 10]), new], new, TODAY)
    assert insight is not None
    assert "10.00 km over the 3 weeks before" in insight.text  # weeks before the first one don't count


def test_a_steady_new_member_gets_no_jump():
    """10 km twice a week since a Monday: weeks before the first logged week are not quiet weeks."""
    start = MON - timedelta(weeks=3)
    history = [run(i, start + timedelta(weeks=i // 2, days=3 * (i % 2)), 10) for i in range(6)]
    first, second = run(98, MON, 10), run(99, MON + timedelta(days=2), 10)
    assert mileage_jump([*history, first], first, TODAY) is None
    assert mileage_jump([*history, first, second], second, TODAY) is None  # 20 km vs 20 km average


def test_a_back_filled_week_that_jumps_says_so_once():
    """Weeks of 15-23 mi, then runs back-dated into the week of 2 Nov take it to 52 mi."""
    mile = 1609.344
    weeks = [date(2026, 10, 5) + timedelta(weeks=i) for i in range(8)]
    miles = [15, 18, 20, 23, 0, 17, 16, 19]  # week 4 (2 Nov) is being filled in
    history = [
        Run(i + 1, monday + timedelta(days=1), m * mile, 3600)
        for i, (monday, m) in enumerate(zip(weeks, miles, strict=True))
        if m
    ]
    filled = [Run(50, weeks[4], 20 * mile, 7200)]
    assert mileage_jump([*history, filled[0]], filled[0], TODAY, "mi") is None  # 20 mi vs 19 mi average
    jumped = Run(52, weeks[4] + timedelta(days=4), 32 * mile, 3600)
    insight = mileage_jump([*history, *filled, jumped], jumped, TODAY, "mi")
    assert insight is not None
    assert insight.text.startswith("The week of 2 Nov is now 52.00 mi, 2.7× the 4 weeks before")
    again = Run(53, weeks[4] + timedelta(days=5), 1 * mile, 600)
    assert mileage_jump([*history, *filled, jumped, again], again, TODAY, "mi") is None  # already said


def test_week_boundary_sunday_belongs_to_previous_week():
    history = weeks_of([10, 10, 10, 10])
    sunday = run(98, MON - timedelta(days=1), 20)  # last week now 30 km; average 15 km
    new = run(99, MON, 19.5)  # exactly 1.3 * 15; had Sunday counted as this week it would be 39.5 km
    assert mileage_jump([*history, sunday, new], new, TODAY) is None
    new = run(99, MON, 19.6)
    assert mileage_jump([*history, sunday, new], new, TODAY) is not None


def test_mileage_in_miles_and_old_weeks_are_judged_too():
    new = run(99, TODAY, 20)
    insight = mileage_jump([*weeks_of([10, 10, 10, 10]), new], new, TODAY, units="mi")
    assert insight is not None and "12.43 mi" in insight.text
    old = run(99, MON - timedelta(weeks=2), 40)
    insight = mileage_jump([*weeks_of([10] * 8), old], old, TODAY)
    assert insight is not None and "The week of 9 Nov is now 50.00 km, 5.0× the 4 weeks before" in insight.text
    small = run(99, MON - timedelta(weeks=2), 3)
    assert mileage_jump([*weeks_of([10] * 8), small], small, TODAY) is None


def test_last_week_is_still_reported():
    new = run(99, MON - timedelta(days=1), 40)
    history = weeks_of([10, 10, 10, 10, 10])
    insight = mileage_jump([*history, new], new, TODAY)
    assert insight is not None and insight.text.startswith("Last week")


# --- longest run ------------------------------------------------------------------------------


def steady(km: float = 10, weeks: int = 3) -> list[Run]:
    """A run of `km` on the Tuesday of each of the `weeks` weeks before MON: enough history to compare."""
    return weeks_of([km] * weeks)


def test_new_longest_run_over_ten_percent():
    history = [run(1, TODAY - timedelta(days=56), 20), *steady()]
    new = run(99, TODAY, 22.1)
    insight = new_longest_run([*history, new], new)
    assert insight is not None
    assert (insight.kind, insight.advice_topic) == ("longest-run", "long-run")
    assert "slower" in insight.text and "form" in insight.text


def test_exactly_ten_percent_longer_is_not_reported():
    new = run(99, TODAY, 22)
    assert new_longest_run([run(1, TODAY - timedelta(days=10), 20), *steady(), new], new) is None


def test_longest_run_window_is_56_days():
    new = run(99, TODAY, 15)
    assert new_longest_run([run(1, TODAY - timedelta(days=57), 30), *steady(), new], new) is not None
    assert new_longest_run([run(1, TODAY - timedelta(days=56), 30), *steady(), new], new) is None


def test_longest_run_needs_history():
    new = run(99, TODAY, 15)
    assert new_longest_run([new], new) is None
    assert new_longest_run([run(1, TODAY - timedelta(days=60), 5), new], new) is None
    second = run(2, TODAY, 15)
    assert new_longest_run([run(1, TODAY - timedelta(days=1), 5), second], second) is None  # a second-ever run
    assert new_longest_run([*steady(weeks=2), new], new) is None  # 2 runs in the window are too few
    recent = [run(i, TODAY - timedelta(days=i), 5) for i in range(1, 5)]  # 4 runs, all in the last 13 days
    assert new_longest_run([*recent, new], new) is None
    assert new_longest_run([run(9, TODAY - timedelta(days=14), 5), *recent, new], new) is not None


def test_a_back_dated_run_is_compared_with_later_runs_in_the_window_too():
    half = run(50, TODAY - timedelta(days=2), 21.1)
    back_dated = run(99, TODAY - timedelta(days=10), 12)
    assert new_longest_run([*steady(weeks=4), half, back_dated], back_dated) is None
    assert new_longest_run([*steady(weeks=4), back_dated], back_dated) is not None


# --- shoes ------------------------------------------------------------------------------------


def shoe(total_km: float, life_km: float = 800) -> Shoe:
    return Shoe(id=1, name="Pegasus 40", retire_at_m=life_km * 1000, distance_m=total_km * 1000, retired=False)


def test_shoe_crossing_80_percent():
    insight = shoe_wear(shoe(645), 10_000)
    assert insight is not None
    assert (insight.kind, insight.advice_topic) == ("shoe-check", "shoes")
    assert "81%" in insight.text and "replace" in insight.text


def test_shoe_exactly_at_80_percent_counts_once():
    assert shoe_wear(shoe(640), 10_000) is not None
    assert shoe_wear(shoe(650), 10_000) is None  # was already at 80% before this run
    assert shoe_wear(shoe(630), 10_000) is None


def test_shoe_crossing_its_life():
    insight = shoe_wear(shoe(805), 10_000)
    assert insight is not None and insight.kind == "shoe-retire"
    assert "past" in insight.text
    assert shoe_wear(shoe(800), 10_000) is not None
    assert shoe_wear(shoe(815), 10_000) is None


def test_shoe_name_is_markdown_safe():
    worn = Shoe(id=1, name="*fast*_one", retire_at_m=800_000, distance_m=640_000, retired=False)
    insight = shoe_wear(worn, 1000)
    assert insight is not None and r"\*fast\*\_one" in insight.text


# --- pain -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("lower back spasms at mile 17", "back"),
        ("lumbar tightness", "back"),
        ("Left KNEE sore", "knee"),
        ("shin splints again", "shin"),
        ("sore shins", "shin"),
        ("plantar fasciitis", "foot"),
        ("heel hurts", "foot"),
        ("right foot", "foot"),
        ("tight hip flexor", "hip"),
        ("calf cramp", "calf"),
        ("pulled hamstring", "hamstring"),
        ("achilles heel", "achilles"),
        ("rolled my ankle", "ankle"),
        ("ITB outside of the knee", "it band"),
        ("IT band", "it band"),
        ("quads burning", "quad"),
        ("glute", "glute"),
        ("stiff neck", "neck/shoulder"),
        ("shoulder", "neck/shoulder"),
        ("felt tired", None),
        ("none", None),
        ("", None),
        (None, None),
        ("shining", None),
    ],
)
def test_pain_area(text, area):
    assert pain_area(text) == area


def test_pain_topics():
    assert [pain_topic(a) for a in ("back", "knee", "shin", "foot", "hip", "it band", None)] == [
        "back",
        "knee",
        "shin",
        "foot",
        "injury",
        "injury",
        "injury",
    ]


def test_single_pain_points_at_the_area():
    new = run(99, TODAY, 10, pain="sore knee")
    insight = pain_insight([new], new)
    assert insight == Insight("pain", insight.text, "knee")
    assert "knee pain" in insight.text


def test_unknown_area_pain():
    new = run(99, TODAY, 10, pain="everything hurts")
    insight = pain_insight([new], new)
    assert insight is not None and (insight.kind, insight.advice_topic) == ("pain", "injury")


def test_no_pain_no_insight():
    new = run(99, TODAY, 10, pain="none")
    assert pain_insight([new], new) is None
    assert pain_insight([run(99, TODAY, 10)], run(99, TODAY, 10)) is None


def test_same_area_twice_in_21_days_says_see_a_professional():
    earlier = run(1, TODAY - timedelta(days=21), 10, pain="knee twinge")
    new = run(99, TODAY, 10, pain="Knees sore")
    insight = pain_insight([earlier, new], new)
    assert insight is not None and insight.kind == "pain-recurring"
    assert "doctor or physiotherapist" in insight.text and insight.advice_topic == "knee"


def test_same_area_outside_21_days_or_other_area_is_not_recurring():
    new = run(99, TODAY, 10, pain="knee")
    assert pain_insight([run(1, TODAY - timedelta(days=22), 10, pain="knee"), new], new).kind == "pain"
    assert pain_insight([run(1, TODAY - timedelta(days=2), 10, pain="shin"), new], new).kind == "pain"


def test_red_flag_forces_see_a_professional():
    new = run(99, TODAY, 10, pain="chest pain")
    insight = pain_insight([new], new, red_flag=True)
    assert insight is not None and insight.kind == "pain-red-flag"
    assert "doctor or physiotherapist" in insight.text


# --- combined ---------------------------------------------------------------------------------


def test_insights_for_log_combines_rules_in_order():
    history = weeks_of([10, 10, 10, 10])
    new = Run(99, TODAY, 25_000, 8000, pain="shin splints", shoe_id=1)
    found = insights_for_log(history, new, TODAY, shoe=shoe(641), units="km")
    assert [i.kind for i in found] == ["pain", "mileage-jump", "longest-run", "shoe-check"]
    assert all(i.title for i in found)


def test_insights_for_log_quiet_run():
    history = weeks_of([10, 10, 10, 10])
    new = run(99, TODAY, 10)
    assert insights_for_log(history, new, TODAY, shoe=shoe(100)) == []
    assert insights_for_log([], new, TODAY) == []
