"""Coaching notes after a run is logged: small rules over the member's history.

The rules read a `LogContext`: the few numbers about the member's other runs that they need (storage
keeps them as aggregates, so logging costs the same whatever the history). The `history` forms take all
of the member's runs including the new one (it is added if missing) and work the context out of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from bot.advice.redflags import Triage
from bot.running.models import Run, Shoe
from bot.running.pain import AREA_NAMES, has_pain, pain_area, pain_topic
from bot.running.stats import WEEK, week_start
from bot.running.units import format_distance

JUMP_NUM, JUMP_DEN = 13, 10  # this week > 1.3x the previous 4 weeks' average
HISTORY_WEEKS_NEEDED = 3
BASELINE_WEEKS = 4
LONG_RUN_WINDOW = timedelta(days=56)
LONG_RUN_NUM, LONG_RUN_DEN = 11, 10  # more than 10% longer
# "Your longest in 8 weeks" needs history to be true of: runs in the window, and a first run some time back.
LONG_RUN_HISTORY_RUNS = 3
LONG_RUN_HISTORY = timedelta(days=14)
SHOE_CHECK_NUM, SHOE_CHECK_DEN = 4, 5  # 80% of the shoe's life
PAIN_WINDOW_DAYS = 21
_EPSILON = 1e-6

_TITLES = {
    "mileage-jump": "📈 Big jump in mileage",
    "longest-run": "🏔️ Longest run in 8 weeks",
    "shoe-check": "👟 Shoes getting worn",
    "shoe-retire": "👟 Shoes past their life",
    "pain": "🩹 Pain noted",
    "pain-recurring": "🩺 Pain keeps coming back",
    "pain-red-flag": "🩺 Please get this checked",
}


@dataclass(frozen=True, slots=True)
class LogContext:
    """The member's other runs (the new one left out), as far as the rules need them."""

    first_date: date | None = None  # the earliest run
    week_m: float = 0.0  # in the new run's week (Monday start)
    before_m: float = 0.0  # in the 4 weeks before that week
    # Longest, and how many, of the runs from LONG_RUN_WINDOW before the new run's date on (later ones too:
    # a back-dated run is compared with every run in the window, not only the earlier ones).
    longest_recent_m: float | None = None
    recent_runs: int = 0
    # (pain note, how many runs have that exact note) within PAIN_WINDOW_DAYS either side of its date
    nearby_pains: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Insight:
    kind: str
    text: str
    advice_topic: str | None = None

    @property
    def title(self) -> str:
        return _TITLES.get(self.kind, "Heads up")


def _markdown_safe(text: str) -> str:
    return re.sub(r"([\\*_~`|>])", r"\\\1", text)


# --- load -------------------------------------------------------------------------------------


def baseline_weeks(monday: date, first_monday: date) -> int:
    """How many of the 4 weeks before `monday` count for its average: those from the member's first
    logged week on (weeks before anyone ran are not quiet weeks, they are no weeks)."""
    return max(0, min(BASELINE_WEEKS, (monday - first_monday).days // 7))


def is_jump(week_m: float, before_m: float, weeks: int) -> bool:
    """The week is over 1.3x the average of the `weeks` weeks before it (and there are 3 or more)."""
    if weeks < HISTORY_WEEKS_NEEDED:
        return False
    return week_m * weeks * JUMP_DEN > before_m * JUMP_NUM + _EPSILON


@dataclass(frozen=True, slots=True)
class WeekJump:
    monday: date
    distance_m: float
    average_m: float  # over the `weeks` weeks before
    weeks: int


def jump_weeks(by_week: dict[date, float], first_monday: date | None, mondays: Iterable[date]) -> list[WeekJump]:
    """The weeks among `mondays` that jumped, from metres per Monday (which must hold the 4 weeks
    before each of them; weeks without runs may be left out)."""
    if first_monday is None:
        return []
    found = []
    for monday in mondays:
        weeks = baseline_weeks(monday, first_monday)
        before = sum(by_week.get(monday - WEEK * back, 0.0) for back in range(1, weeks + 1))
        week_m = by_week.get(monday, 0.0)
        if is_jump(week_m, before, weeks):
            found.append(WeekJump(monday, week_m, before / weeks, weeks))
    return found


def _weeks_before(weeks: int) -> str:
    return "the 4 weeks before" if weeks == BASELINE_WEEKS else f"the {weeks} weeks before"


def week_label(monday: date) -> str:
    return f"week of {monday.day} {monday:%b}"


def jump_size(jump: WeekJump, units: str = "km") -> str:
    """'52.00 mi, 2.6× the 4 weeks before'."""
    distance = format_distance(jump.distance_m, units)
    if jump.average_m <= 0:
        return f"{distance} after {jump.weeks} quiet weeks"
    return f"{distance}, {jump.distance_m / jump.average_m:.1f}× {_weeks_before(jump.weeks)}"


def mileage_jump_in(context: LogContext, new_run: Run, today: date, units: str = "km") -> Insight | None:
    """The new run's week is over 1.3x the average of the up to 4 weeks before it that the member had
    started logging in (3 or more needed). Told once per week: by the run that takes the week over, not by
    every run logged into a week that is already over."""
    monday = week_start(new_run.run_date)
    first = min(new_run.run_date, context.first_date or new_run.run_date)
    weeks = baseline_weeks(monday, week_start(first))
    week_m = context.week_m + new_run.distance_m
    before_m = context.before_m
    if not is_jump(week_m, before_m, weeks) or is_jump(context.week_m, before_m, weeks):
        return None
    average = before_m / weeks
    advice = "Build up gradually, about 10% a week, so your body has time to adapt."
    if monday < week_start(today) - WEEK:
        size = jump_size(WeekJump(monday, week_m, average, weeks), units)
        return Insight("mileage-jump", f"The {week_label(monday)} is now {size}. {advice}", "load")
    when = "Last week you ran" if monday < week_start(today) else "This week you're at"
    if average > 0:
        change = f"{round((week_m / average - 1) * 100)}% more than your average of "
        change += f"{format_distance(average, units)} over {_weeks_before(weeks)}"
    else:
        change = f"after {weeks} quiet weeks"
    return Insight("mileage-jump", f"{when} {format_distance(week_m, units)}, {change}. {advice}", "load")


def new_longest_run_in(context: LogContext, new_run: Run, units: str = "km") -> Insight | None:
    """The new run is over 10% longer than every other run from 56 days before its date on, and the member
    has the history to say so: 3 or more of those runs, the first run logged 2 weeks or more before."""
    longest = context.longest_recent_m
    if longest is None or context.recent_runs < LONG_RUN_HISTORY_RUNS:
        return None
    if context.first_date is None or new_run.run_date - context.first_date < LONG_RUN_HISTORY:
        return None
    if new_run.distance_m * LONG_RUN_DEN <= longest * LONG_RUN_NUM + _EPSILON:
        return None
    return Insight(
        "longest-run",
        f"{format_distance(new_run.distance_m, units)} is your longest run in 8 weeks, "
        f"{round((new_run.distance_m / longest - 1) * 100)}% further than {format_distance(longest, units)}. "
        "Run new distances slower than usual and focus on good form when you get tired.",
        "long-run",
    )


# --- shoes ------------------------------------------------------------------------------------


def shoe_wear(shoe: Shoe, run_distance_m: float, units: str = "km") -> Insight | None:
    """Only when this run took the shoe over 80% or 100% of its life (shoe.distance_m includes it)."""
    if shoe.retire_at_m <= 0:
        return None
    after, before, life = shoe.distance_m, shoe.distance_m - run_distance_m, shoe.retire_at_m
    name = _markdown_safe(shoe.name)
    if before < life <= after + _EPSILON:
        return Insight(
            "shoe-retire",
            f"Your {name} have {format_distance(after, units)} on them, past their "
            f"{format_distance(life, units)} life. Time to replace them: worn shoes cushion less.",
            "shoes",
        )
    check = life * SHOE_CHECK_NUM / SHOE_CHECK_DEN
    if before < check <= after + _EPSILON:
        return Insight(
            "shoe-check",
            f"Your {name} are at {format_distance(after, units)}, {round(after / life * 100)}% of their "
            f"{format_distance(life, units)} life. Check the cushioning and tread, or plan a replacement.",
            "shoes",
        )
    return None


# --- pain -------------------------------------------------------------------------------------


def pain_insight_in(context: LogContext, new_run: Run, red_flag: bool | Triage = False) -> Insight | None:
    """A red flag or the same area hurting in 2+ runs within 21 days: see a professional.
    Otherwise a note to ease off, pointing at the area's advice."""
    area = pain_area(new_run.pain)
    topic = pain_topic(area)
    name = AREA_NAMES.get(area or "", area or "")
    if red_flag:
        # The triage's banner names what was recognised and how urgent it is (urgent help, today, before running).
        text = red_flag.banner() if isinstance(red_flag, Triage) else None
        if text and isinstance(red_flag, Triage) and any(c.startswith("bone-stress") for c in red_flag.categories):
            text += " Pain like this can be a bone stress injury, and running on it makes it worse."
        return Insight(
            "pain-red-flag",
            text
            or "What you describe should be looked at. Please see a doctor or physiotherapist before you run on "
            "it again.",
            topic,
        )
    if not has_pain(new_run.pain):
        return None
    if area is not None:
        same = 1 + sum(count for pain, count in context.nearby_pains if pain_area(pain) == area)
        if same >= 2:
            return Insight(
                "pain-recurring",
                f"You've noted {name} pain in {same} runs within 3 weeks. Pain that keeps coming back "
                "is worth getting checked: see a doctor or physiotherapist before it turns into an injury.",
                topic,
            )
    where = f"{name} pain" if area else "some pain"
    return Insight(
        "pain",
        f"You noted {where}. Ease off: run easy or rest until it settles, "
        "and see a physiotherapist if it lasts or comes back.",
        topic,
    )


# --- together ---------------------------------------------------------------------------------


def insights_in(
    context: LogContext,
    new_run: Run,
    today: date,
    *,
    shoe: Shoe | None = None,
    red_flag: bool | Triage = False,
    units: str = "km",
) -> list[Insight]:
    """All notes for a freshly logged run, most important first, from the context storage hands over with
    the stored run. `shoe` is the run's shoe with its total distance including this run."""
    found = [
        pain_insight_in(context, new_run, red_flag),
        mileage_jump_in(context, new_run, today, units),
        new_longest_run_in(context, new_run, units),
        shoe_wear(shoe, new_run.distance_m, units) if shoe else None,
    ]
    return [insight for insight in found if insight is not None]
