"""The weekly digest: when it goes out, and what it says from last week's numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.club.cards import Card
from bot.club.challenges import Challenge, Standing
from bot.club.days import read_clock
from bot.club.events import Event
from bot.club.goals import format_value
from bot.club.races import Race, club_lines
from bot.errors import echo
from bot.running.input_error import InputError
from bot.running.units import format_distance, format_duration

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DEFAULT_DAY, DEFAULT_TIME = 0, time(9, 0)


@dataclass(frozen=True, slots=True)
class WeekTotals:
    members: int = 0
    runs: int = 0
    distance_m: float = 0.0
    duration_s: int = 0


@dataclass(frozen=True, slots=True)
class Digest:
    week_of: date  # last week's Monday
    week: WeekTotals
    before: WeekTotals
    records: list[tuple[int, str, float]] = field(default_factory=list)  # (member, distance label, seconds)
    challenges: list[tuple[Challenge, list[Standing]]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    races: list[Race] = field(default_factory=list)


def parse_day_name(text: str | None) -> int:
    if text is None:
        return DEFAULT_DAY
    cleaned = text.strip().lower()
    for index, name in enumerate(DAYS):
        if cleaned and name.startswith(cleaned[:3]) and name.startswith(cleaned):
            return index
    raise InputError(f"Couldn't read the day `{echo(text)}`. Try `monday` or `sun`.", "day")


def parse_clock(text: str | None) -> time:
    if text is None:
        return DEFAULT_TIME
    found = read_clock(" ".join(text.strip().lower().split()).replace(" ", ""))
    if found is None:
        raise InputError(f"Couldn't read the time `{echo(text)}`. Try `09:00` or `6pm`.", "time")
    return found


def next_instant(day: int, at: time, zone: str, after: datetime) -> datetime:
    """The first `day` at `at` (wall clock in `zone`) strictly after `after`."""
    tz = ZoneInfo(zone)
    local = after.astimezone(tz)
    candidate_day = local.date() + timedelta(days=(day - local.weekday()) % 7)
    for week in range(3):
        start = datetime.combine(candidate_day + timedelta(weeks=week), at, tz)
        start = start.astimezone(ZoneInfo("UTC")).astimezone(tz)  # a time in a DST gap moves forward
        if start > after:
            return start
    raise AssertionError("unreachable")


def last_week(due: datetime, zone: str) -> date:
    """The Monday of the week before the one the digest goes out in."""
    local = due.astimezone(ZoneInfo(zone)).date()
    return local - timedelta(days=local.weekday() + 7)


def _change(now: float, before: float) -> str:
    if before <= 0:
        return ""
    change = (now - before) / before
    return f" ({'+' if change >= 0 else ''}{change:.0%} vs the week before)"


def digest_card(digest: Digest, units: str = "km") -> Card:
    w, b = digest.week, digest.before
    end = digest.week_of + timedelta(days=6)
    if w.runs:
        totals = (
            f"**{w.runs}** runs{_change(w.runs, b.runs)}\n"
            f"**{format_distance(w.distance_m, units)}**{_change(w.distance_m, b.distance_m)}\n"
            f"**{format_duration(w.duration_s)}** on our feet\n"
            f"**{w.members}** members ran{_change(w.members, b.members)}"
        )
    else:
        totals = "No runs logged last week."
    fields: list[tuple[str, str, bool]] = [("Last week", totals, False)]
    if digest.records:
        lines = [f"<@{user}> — {label} in {format_duration(seconds)}" for user, label, seconds in digest.records]
        fields.append(("🏅 Records set", "\n".join(lines)[:1024], False))
    for challenge, leaders in digest.challenges:
        medals = ("🥇", "🥈", "🥉")
        lines = [f"{medals[i]} <@{s.user_id}> — {format_value(challenge.metric, s.value, units)}"
                 for i, s in enumerate(leaders[:3])]  # fmt: skip
        if challenge.mode == "club":
            lines.insert(0, f"Together: {format_value(challenge.metric, challenge.total, units)} of "
                            f"{format_value(challenge.metric, challenge.goal, units)}")  # fmt: skip
        fields.append((f"🏁 {challenge.name}"[:256], "\n".join(lines)[:1024] or "Nobody yet.", False))
    if digest.events:
        lines = [f"<t:{e.unix}:F> — {e.title} ({e.going} going) `#{e.id}`" for e in digest.events]
        fields.append(("🏃 Group runs this week", "\n".join(lines)[:1024], False))
    if digest.races:
        fields.append(("🎽 Races this week", "\n".join(club_lines(digest.races, units))[:1024], False))
    title = f"📰 The club's week: {digest.week_of:%-d %b} – {end:%-d %b}"
    return Card(title, "", tuple(fields), footer="The weekly digest · /server digest off to stop it")
