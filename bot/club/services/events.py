"""Group-run use cases: create (weekly too), answer, cancel, list. One command, one transaction; the DM an
hour before, the cancellation DMs and a weekly series' next card are scheduled posts (bot.club.posts)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.club import events as rules
from bot.club import posts
from bot.club.days import parse_when
from bot.club.events import Event
from bot.club.services.zone import server_zone
from bot.db import audit
from bot.db import events as store
from bot.db.members import get_profile
from bot.db.store import Store
from bot.errors import NotFound, UserError, is_record_id
from bot.running.input_error import InputError
from bot.running.pace import parse_pace
from bot.running.parsing import parse_distance


@dataclass(frozen=True, slots=True)
class EventForm:
    title: str
    when: str
    place: str | None = None
    distance: str | None = None
    pace: str | None = None
    details: str | None = None
    repeat: str = "none"


@dataclass(frozen=True, slots=True)
class Created:
    event: Event
    zone_source: str  # "your profile's", "the server's" or "UTC (…)"


async def _zone(db: Store, guild_id: int, user_id: int) -> tuple[str, str]:
    profile = await get_profile(db, guild_id, user_id)
    if profile.timezone != "UTC":
        return profile.timezone, f"{profile.timezone}, your profile's zone"
    server = await server_zone(db, guild_id)
    if server != "UTC":
        return server, f"{server}, the server's zone"
    return "UTC", "UTC: set yours with `/profile set timezone:`"


async def create(db: Store, guild_id: int, user_id: int, channel_id: int, form: EventForm, now: datetime) -> Created:
    title = rules.check_text("title", form.title, rules.TITLE_MAX, "`Saturday long run`")
    if title is None:
        raise InputError("The title is empty. E.g. `Saturday long run`.", "title")
    place = rules.check_text("where", form.place, rules.PLACE_MAX, "`Park gates`")
    details = rules.check_text("details", form.details, rules.DETAILS_MAX, "`Bring a headlamp`")
    profile = await get_profile(db, guild_id, user_id)
    distance = parse_distance(form.distance, profile.units) if form.distance is not None else None
    pace = parse_pace(form.pace, profile.units) if form.pace is not None else None
    if form.repeat not in ("none", "weekly"):
        raise InputError("Repeat is `none` or `weekly`.", "repeat")
    zone, zone_source = await _zone(db, guild_id, user_id)
    start = parse_when(form.when, now, zone).start
    rules.check_start(start, now, form.when)
    draft = Event(0, guild_id, None, user_id, title, start, zone, place, distance, pace, details, form.repeat,
                  channel_id, None, None)  # fmt: skip
    async with db.transaction(guild_id, 0) as tx:
        event_id = await store.insert(tx, draft, now)
        if form.repeat == "weekly":
            await store.set_series(tx, event_id)
        event = await store.get(tx, guild_id, event_id)
        assert event is not None
        await posts.schedule_event(tx, event, now)
    return Created(event, zone_source)


async def get(db: Store, guild_id: int, event_id: int) -> Event:
    event = await store.get(db, guild_id, event_id) if is_record_id(event_id) else None
    if event is None:
        raise NotFound(f"No group run #{event_id} in this server. `/event list` shows them with their ids.")
    return event


@dataclass(frozen=True, slots=True)
class Answered:
    event: Event  # as it is after the answer
    changed: bool
    dm_now: bool  # Going after the reminder an hour before went out: the member's own DM is on its way


async def answer(db: Store, guild_id: int, user_id: int, event_id: int, answer: str, now: datetime) -> Answered:
    """Record the member's answer. A Going after the moment of the reminder an hour before (and before the
    start) queues the member's own DM, unless a reminder took them already."""
    async with db.transaction(guild_id, 0) as tx:
        event = await store.get(tx, guild_id, event_id)
        if event is None:
            raise NotFound("That group run no longer exists.")
        if event.cancelled:
            raise UserError("This group run was cancelled, so answers are closed.")
        if event.starts_at <= now:
            raise UserError("This group run has already started, so answers are closed.")
        before = await store.answer(tx, event, user_id, answer, now)
        dm_now = False
        if answer == "going" and before != answer and now >= event.starts_at - rules.REMIND_BEFORE:
            dm_now = await store.take_own_reminder(tx, event.id, user_id)
            if dm_now:
                await posts.remind_late(tx, event, user_id, now)
        current = await store.get(tx, guild_id, event_id)
    assert current is not None
    return Answered(current, before != answer, dm_now)


async def card(db: Store, event: Event) -> tuple[Event, list[int]]:
    return event, await store.going_ids(db, event.id, rules.NAMES_ON_CARD)


async def cancel(
    db: Store, guild_id: int, user_id: int, event_id: int, whole_series: bool, manager: bool, now: datetime
) -> list[Event]:
    """Cancel the event (with `whole_series`, this and every later occurrence): the organiser or a manager."""
    event = await get(db, guild_id, event_id)
    if event.organiser_id != user_id and not manager:
        raise UserError("Only the organiser or a server manager can cancel this group run.", "id")
    if event.cancelled:
        raise UserError(f"Group run #{event_id} is already cancelled.", "id")
    if event.starts_at <= now and not whole_series:
        raise UserError(f"Group run #{event_id} has already started.", "id")
    if whole_series and event.series_id is None:
        raise UserError(f"Group run #{event_id} is not a weekly series; leave out `all`.", "all")
    async with db.transaction(guild_id, 0) as tx:
        targets = await store.series_from(tx, event) if whole_series else [event]
        targets = [e for e in targets if e.starts_at > now] or targets
        await store.cancel(tx, [e.id for e in targets], user_id, now)
        for cancelled in targets:
            await posts.event_cancelled(tx, cancelled, now, whole_series=whole_series)
        if manager and event.organiser_id != user_id:
            await audit.record(tx, guild_id, user_id, "event:cancel", None, {"name": event.title, "id": event.id})
    return [replace(e, cancelled=True) for e in targets]


async def upcoming(db: Store, guild_id: int, now: datetime) -> list[Event]:
    return await store.upcoming(db, guild_id, now)


async def record_card(db: Store, event_id: int, message_id: int) -> None:
    """The message that shows the event's card, so later edits (answers, cancelling) reach it."""
    await store.set_card(db, event_id, message_id)


async def record_discord_event(db: Store, event: Event, discord_event_id: int) -> Event | None:
    """The matching Discord scheduled event, so cancelling the group run cancels it too; the group run as it
    is now (cancelled meanwhile, its Discord event is the caller's to cancel)."""
    await store.set_discord_event(db, event.id, discord_event_id)
    return await store.get(db, event.guild_id, event.id)
