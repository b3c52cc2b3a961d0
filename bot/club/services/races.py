"""Race calendar use cases: add, list (the club's next 8 weeks, or the member's own), remove, and the
result, logged as a `race` run on the race day with the /run log rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.club import races as rules
from bot.club.days import parse_day
from bot.club.races import Race
from bot.club.services.zone import server_today
from bot.db import races as store
from bot.db.members import get_profile
from bot.db.store import Store
from bot.errors import NotFound, UserError, is_record_id
from bot.running.parsing import check_pace, fit_time_to_distance, parse_distance, parse_time
from bot.running.services import runs
from bot.running.services.runs import LogResult, RunForm, member_today


@dataclass(frozen=True, slots=True)
class ClubList:
    races: list[Race]
    first: date
    last: date


async def add(db: Store, guild_id: int, user_id: int, name: str, day: str, distance: str, goal: str | None,
              share: bool, now: datetime) -> Race:  # fmt: skip
    cleaned = rules.check_name(name)
    profile = await get_profile(db, guild_id, user_id)
    today = member_today(profile, now)
    race_date = parse_day(day, today, "date", upcoming=True)
    rules.check_date(race_date, today, day)
    metres = parse_distance(distance, profile.units)
    goal_s = None
    if goal is not None:
        time = parse_time(goal)
        goal_s = fit_time_to_distance(time, metres, profile.units).seconds
        check_pace(metres, goal_s, profile.units)
    race = Race(0, guild_id, user_id, cleaned, race_date, metres, goal_s, share, None, None)
    race_id = await store.add(db, race)
    return Race(race_id, guild_id, user_id, cleaned, race_date, metres, goal_s, share, None, None)


async def club_list(db: Store, guild_id: int, now: datetime) -> ClubList:
    _, today = await server_today(db, guild_id, now)
    last = today + timedelta(weeks=rules.CLUB_WEEKS)
    return ClubList(await store.club(db, guild_id, today - timedelta(days=1), last), today, last)


async def own(db: Store, guild_id: int, user_id: int) -> list[Race]:
    return await store.mine(db, guild_id, user_id)


def _missing(race_id: int) -> NotFound:
    return NotFound(f"Race #{race_id} is not in your calendar. `/race list scope: mine` shows your races and ids.")


async def remove(db: Store, guild_id: int, user_id: int, race_id: int) -> None:
    if not is_record_id(race_id) or not await store.remove(db, guild_id, user_id, race_id):
        raise _missing(race_id)


async def result(db: Store, guild_id: int, user_id: int, race_id: int, time: str, now: datetime) -> LogResult:
    race = await store.get(db, guild_id, user_id, race_id) if is_record_id(race_id) else None
    if race is None:
        raise _missing(race_id)
    profile = await get_profile(db, guild_id, user_id)
    today = member_today(profile, now)
    if today < race.race_date:
        raise UserError(f"{race.name} is on {race.race_date:%a %-d %b %Y}: log its result on or after race day.", "id")
    if race.result_run_id is not None:
        raise UserError(
            f"{race.name} already has its result (run #{race.result_run_id}). Change it with "
            f"`/run edit id: {race.result_run_id} time: …`.",
            "id",
        )
    form = RunForm(f"{race.distance_m}m", time, race.race_date.isoformat(), "race")
    logged = await runs.log_run(db, guild_id, user_id, form, now)
    await store.set_result(db, race, logged.run.id, logged.run.duration_s)
    return logged
