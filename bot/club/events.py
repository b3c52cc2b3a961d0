"""Group-run rules: what an event may say, when it may start, its weekly next occurrence, and its card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.club.cards import DONE, Card, CardButton, timestamp
from bot.errors import echo
from bot.running.input_error import InputError
from bot.running.units import format_distance, format_pace
from bot.text import no_links

TITLE_MAX, PLACE_MAX, DETAILS_MAX = 100, 100, 500
MAX_AHEAD = timedelta(days=365)
REMIND_BEFORE = timedelta(hours=1)
NAMES_ON_CARD = 20
ANSWERS = ("going", "maybe", "no")
ANSWER_WORDS = {"going": "Going", "maybe": "Maybe", "no": "Can't go"}


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    guild_id: int
    series_id: int | None
    organiser_id: int
    title: str
    starts_at: datetime
    zone: str
    place: str | None
    distance_m: float | None
    pace_s_per_km: float | None
    details: str | None
    repeat: str
    channel_id: int
    message_id: int | None
    discord_event_id: int | None
    going: int = 0
    maybe: int = 0
    declined: int = 0
    cancelled: bool = False

    @property
    def unix(self) -> int:
        return int(self.starts_at.timestamp())

    def next_start(self) -> datetime:
        """A week later at the same wall-clock time in its zone (across a DST change too)."""
        local = self.starts_at.astimezone(ZoneInfo(self.zone))
        return (local.replace(tzinfo=None) + timedelta(days=7)).replace(tzinfo=ZoneInfo(self.zone))


def check_start(start: datetime, now: datetime, text: str) -> None:
    if start <= now:
        raise InputError(
            f"`{echo(text)}` is in the past ({timestamp(int(start.timestamp()))}). Pick a time to come, "
            "e.g. `sat 08:00` or `tomorrow 7:00`.",
            "when",
        )
    if start - now > MAX_AHEAD:
        raise InputError(
            f"`{echo(text)}` is more than a year ahead. Pick a time within the next 12 months, e.g. `Dec 12 18:30`.",
            "when",
        )


def check_text(field: str, text: str | None, limit: int, example: str) -> str | None:
    if text is None:
        return None
    cleaned = " ".join(text.split()) if field != "details" else text.strip()
    if not cleaned:
        raise InputError(f"The {field} is empty. Leave it out, or write e.g. {example}.", field)
    if len(cleaned) > limit:
        raise InputError(f"The {field} is {len(cleaned)} characters; the limit is {limit}. E.g. {example}.", field)
    return cleaned


def button_id(answer: str, event_id: int) -> str:
    return f"stride:ev:{answer}:{event_id}"


def event_card(event: Event, going_ids: list[int], units: str = "km") -> Card:
    lines = [f"**When:** {timestamp(event.unix)} ({timestamp(event.unix, 'R')})"]
    if event.place:
        lines.append(f"**Where:** {no_links(event.place)}")
    if event.distance_m:
        lines.append(f"**Distance:** {format_distance(event.distance_m, units)}")
    if event.pace_s_per_km:
        lines.append(f"**Pace:** {format_pace(1000.0, event.pace_s_per_km, units)}")
    lines.append(f"**Organiser:** <@{event.organiser_id}>")
    if event.repeat == "weekly":
        lines.append("**Repeats:** weekly")
    if event.details:
        lines.append(f"\n{no_links(event.details)}")
    names = " ".join(f"<@{user}>" for user in going_ids[:NAMES_ON_CARD])
    more = event.going - min(len(going_ids), NAMES_ON_CARD)
    if more > 0:
        names += f" and {more} more"
    fields = (
        (f"✅ Going ({event.going})", names or "Nobody yet", False),
        (f"🤔 Maybe ({event.maybe})", "\u200b", True),
        (f"❌ Can't go ({event.declined})", "\u200b", True),
    )
    title = f"🏃 {no_links(event.title)}"
    buttons = (
        CardButton("Going", button_id("going", event.id), "success", event.cancelled),
        CardButton("Maybe", button_id("maybe", event.id), "secondary", event.cancelled),
        CardButton("Can't go", button_id("no", event.id), "secondary", event.cancelled),
    )
    if event.cancelled:
        cancelled = f"❌ Cancelled: {no_links(event.title)}"
        return Card(cancelled, "\n".join(lines), fields, buttons, f"Group run #{event.id}", colour=DONE)
    return Card(title, "\n".join(lines), fields, buttons, f"Group run #{event.id} · answer with the buttons")
