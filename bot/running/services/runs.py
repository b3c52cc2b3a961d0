"""Run log use cases: validate a member's input, store it in one transaction, explain it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.advice.redflags import triage
from bot.club.feed import FeedItem
from bot.club.services import feed
from bot.db.members import mark_zone_noticed
from bot.db.storage import RunStorage, UnknownShoe
from bot.db.store import Store
from bot.errors import NotFound, UserError, is_record_id
from bot.running import insights as insight_rules
from bot.running import records as record_rules
from bot.running.models import Profile, Run, Shoe
from bot.running.parsing import (
    check_effort,
    check_pace,
    check_text,
    fit_time_to_distance,
    parse_distance,
    parse_run_date,
    parse_time,
)

RUN_TYPES = ("easy", "long", "tempo", "intervals", "race", "trail", "recovery", "treadmill")
PAIN_MAX, NOTES_MAX = 200, 500
ZONE_NOTICE = (
    "Your runs are dated in {zone}, as you have no time zone set: it decides which day and week a run falls in. "
    "Set yours with `/profile set timezone: Europe/Berlin`."
)


@dataclass(slots=True)
class RunForm:
    """What the member typed; None means "not given"."""

    distance: str | None = None
    time: str | None = None
    date: str | None = None
    run_type: str | None = None
    effort: int | None = None
    pain: str | None = None
    shoe: str | None = None
    notes: str | None = None


@dataclass(slots=True)
class LogResult:
    run: Run
    profile: Profile
    shoe: Shoe | None = None
    insights: list[insight_rules.Insight] = field(default_factory=list)
    new_records: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how ambiguous input was read ("read `1:45` as 1 h 45 min")
    zone_notice: str | None = None  # on the first log without a zone of their own: which one dates their runs
    twin_id: int | None = None  # an earlier run with the same date, distance and time: logged twice?
    in_challenge: bool = True  # False: the member takes part in no challenge still counting (none can be owed)


@dataclass(slots=True)
class EditResult:
    run: Run
    profile: Profile
    notes: list[str] = field(default_factory=list)
    shoe: Shoe | None = None  # the run's shoe, when it has one


@dataclass(frozen=True, slots=True)
class HistoryPage:
    runs: list[Run]
    units: str
    page: int
    pages: int
    total: int


def member_today(profile: Profile, now: datetime) -> date:
    return now.astimezone(ZoneInfo(profile.timezone)).date()


async def _no_such_shoe(storage: RunStorage, guild_id: int, user_id: int, name: str) -> UserError:
    """Why `name` can't be the run's shoe: a retired pair of the member's, or none of that name."""
    wanted = name.strip()
    shoes = await storage.shoes(guild_id, user_id)
    retired = next((s for s in shoes if s.retired and s.name.casefold() == wanted.casefold()), None)
    if retired is not None:
        return UserError(
            f"Your shoe `{retired.name}` is retired, so it takes no new runs. Pick an active pair from the list, "
            "or add a new one with `/shoes add name: Pegasus 41`.",
            field="shoe",
        )
    return UserError(
        f"You have no active shoe called `{wanted[:50]}`. Pick one from the list, "
        "or add it first with `/shoes add name: Pegasus 40`.",
        field="shoe",
    )


def _not_found(run_id: int) -> NotFound:
    return NotFound(f"Run #{run_id} not found in your log. `/run history` lists your runs with their ids.")


def _apply_form(base: Run, form: RunForm, profile: Profile, today: date, notes: list[str] | None = None) -> Run:
    """The run with every given field parsed and checked (raises UserError on bad input); how an
    ambiguous time was read is appended to `notes`."""
    changes: dict[str, Any] = {}  # Run fields for dataclasses.replace
    if form.distance is not None:
        changes["distance_m"] = parse_distance(form.distance, profile.units)
    if form.date is not None:
        changes["run_date"] = parse_run_date(form.date, today)
    if form.run_type is not None:
        if form.run_type not in RUN_TYPES:
            raise UserError(f"Unknown run type `{form.run_type[:30]}`. Pick one of: {', '.join(RUN_TYPES)}.", "type")
        changes["run_type"] = form.run_type
    if form.effort is not None:
        check_effort(form.effort)
        changes["effort"] = form.effort
    if form.pain is not None:
        changes["pain"] = check_text("pain", form.pain, PAIN_MAX)
    if form.notes is not None:
        changes["notes"] = check_text("notes", form.notes, NOTES_MAX)
    run = replace(base, **changes)
    if form.time is not None:
        time = fit_time_to_distance(parse_time(form.time), run.distance_m, profile.units)
        run = replace(run, duration_s=time.seconds)
        if time.note and notes is not None:
            notes.append(time.note)
    check_pace(run.distance_m, run.duration_s, profile.units)
    return run


async def log_run(db: Store, guild_id: int, user_id: int, form: RunForm, now: datetime) -> LogResult:
    if form.distance is None or form.time is None:
        raise UserError("A run needs a distance and a time, e.g. `distance: 10k time: 52:30`.", "distance")
    storage = db.runs
    profile = await storage.profile(guild_id, user_id)
    today = member_today(profile, now)
    notes: list[str] = []
    run = _apply_form(Run(id=0, run_date=today, distance_m=1.0, duration_s=1), form, profile, today, notes)
    # The feed's post (never pain or notes) is queued with the run: both are in, or neither.
    posted = feed.with_runs(profile, today, now, lambda ids: FeedItem(ids[0], run.distance_m, run.duration_s,
                                                                        run.run_type))  # fmt: skip
    try:
        logged = await storage.log_run(guild_id, user_id, run, form.shoe or None, posted)
    except UnknownShoe:
        raise await _no_such_shoe(storage, guild_id, user_id, form.shoe or "") from None
    run = logged.run
    zone_notice = None
    if not profile.zone_noticed:
        profile = await mark_zone_noticed(db, profile)
        zone_notice = ZONE_NOTICE.format(zone=profile.timezone)
    return LogResult(
        run=run,
        profile=profile,
        shoe=logged.shoe,
        insights=insight_rules.insights_in(
            logged.context,
            run,
            today,
            shoe=logged.shoe,
            red_flag=triage(run.pain),
            units=profile.units,
        ),
        new_records=record_rules.new_records(logged.previous_bests, run),
        notes=notes,
        zone_notice=zone_notice,
        twin_id=logged.twin_id,
        in_challenge=logged.in_challenge,
    )


async def edit_run(db: Store, guild_id: int, user_id: int, run_id: int, form: RunForm, now: datetime) -> EditResult:
    """The run after the change; UserError when the form changes nothing (nothing is written)."""
    if not is_record_id(run_id):
        raise _not_found(run_id)
    storage = db.runs
    profile = await storage.profile(guild_id, user_id)
    today = member_today(profile, now)
    notes: list[str] = []

    def change(current: Run) -> Run:
        run = _apply_form(current, form, profile, today, notes)
        if run == current and form.shoe is None:
            why = "it already has those values" if form != RunForm() else "no field to change was given"
            raise UserError(
                f"Nothing changed: run #{run_id} stays as it was ({why}). "
                f"Give the field to change, e.g. `/run edit id: {run_id} time: 50:00`.",
                "id",
            )
        return run

    try:
        run = await storage.edit_run(guild_id, user_id, run_id, change, form.shoe)
    except UnknownShoe:
        raise await _no_such_shoe(storage, guild_id, user_id, form.shoe or "") from None
    if run is None:
        raise _not_found(run_id)
    shoe = None
    if run.shoe_id is not None:  # the reply names it, as /run log's does
        shoe = next((s for s in await storage.shoes(guild_id, user_id) if s.id == run.shoe_id), None)
    return EditResult(run, profile, notes, shoe)


async def find_own_run(db: Store, guild_id: int, user_id: int, run_id: int) -> Run:
    run = await db.runs.get_run(guild_id, user_id, run_id) if is_record_id(run_id) else None
    if run is None:
        raise _not_found(run_id)
    return run


async def delete_run(db: Store, guild_id: int, user_id: int, run_id: int) -> bool:
    return is_record_id(run_id) and await db.runs.delete_run(guild_id, user_id, run_id)


async def history_page(db: Store, guild_id: int, user_id: int, page: int, per_page: int) -> HistoryPage:
    """The page asked for (the last one when it is past the end), newest runs first."""
    storage = db.runs
    profile = await storage.profile(guild_id, user_id)
    runs, total = await storage.history_page(guild_id, user_id, page, per_page)
    pages = max(1, -(-total // per_page))
    if page > pages:
        page = pages
        runs, total = await storage.history_page(guild_id, user_id, page, per_page)
    return HistoryPage(runs, profile.units, page, pages, total)


async def member_profile(db: Store, guild_id: int, user_id: int) -> Profile:
    return await db.runs.profile(guild_id, user_id)
