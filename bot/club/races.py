"""Race calendar rules: what a race entry may say, and the club list grouped by day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.errors import echo
from bot.running.input_error import InputError
from bot.running.units import format_distance, format_duration
from bot.text import no_links

NAME_MAX = 100
MAX_AHEAD = timedelta(days=731)  # two years
CLUB_WEEKS = 8


@dataclass(frozen=True, slots=True)
class Race:
    id: int
    guild_id: int
    user_id: int
    name: str
    race_date: date
    distance_m: float
    goal_s: int | None
    shared: bool
    result_s: int | None
    result_run_id: int | None


def check_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InputError("The name is empty. E.g. `Valencia Marathon`.", "name")
    if len(cleaned) > NAME_MAX:
        raise InputError(f"The name is {len(cleaned)} characters; the limit is {NAME_MAX}. E.g. `Valencia Marathon`.",
                         "name")  # fmt: skip
    return cleaned


def check_date(day: date, today: date, text: str) -> None:
    if day < today:
        raise InputError(
            f"`{echo(text)}` ({day.isoformat()}) is in the past. Add races to come, e.g. `Dec 6` or `2027-04-25`; "
            "log a past race with `/run log type: race`.",
            "date",
        )
    if day - today > MAX_AHEAD:
        raise InputError(f"`{echo(text)}` is more than two years ahead. E.g. `2027-04-25`.", "date")


def race_words(race: Race, units: str) -> str:
    """'marathon' for the standard distances, else the distance in the viewer's units."""
    for name, metres in (("marathon", 42195.0), ("half", 21097.5), ("10K", 10000.0), ("5K", 5000.0)):
        if abs(race.distance_m - metres) < 1:
            return name
    return format_distance(race.distance_m, units)


def runner_words(race: Race) -> str:
    if race.result_s:
        return f"<@{race.user_id}> ({format_duration(race.result_s)} ✅)"
    if race.goal_s:
        return f"<@{race.user_id}> (goal {format_duration(race.goal_s)})"
    return f"<@{race.user_id}>"


def club_lines(races: list[Race], units: str) -> list[str]:
    """'Sun 6 Dec — Valencia Marathon, marathon: <@ana> (goal 3:15:00), <@ben>', one line per day and race."""
    groups: dict[tuple[date, str, int], list[Race]] = {}
    for race in sorted(races, key=lambda r: (r.race_date, r.name.lower(), r.id)):
        groups.setdefault((race.race_date, race.name.lower(), round(race.distance_m)), []).append(race)
    lines = []
    for (day, _, _), group in groups.items():
        first = group[0]
        runners = ", ".join(runner_words(r) for r in group)
        lines.append(f"**{day:%a %-d %b}** — {no_links(first.name)}, {race_words(first, units)}: {runners}")
    return lines
