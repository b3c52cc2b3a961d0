"""/pace's use case: the calculator on what the member typed, and estimates from their recent runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db import runs as runs_db
from bot.db.members import get_profile
from bot.db.store import Store
from bot.running.pace import RECENT, Estimates, PaceSolution, race_estimates, solve
from bot.running.services.runs import member_today


@dataclass(frozen=True, slots=True)
class PaceAnswer:
    solution: PaceSolution | None  # None when fewer than two values were given
    estimates: Estimates | None  # None without a recent run to estimate from
    units: str


async def pace_answer(
    db: Store, guild_id: int, user_id: int, distance: str | None, time: str | None, pace: str | None, now: datetime
) -> PaceAnswer:
    profile = await get_profile(db, guild_id, user_id)
    solution = solve(distance, time, pace, profile.units)
    today = member_today(profile, now)
    recent = await runs_db.member_runs(db, guild_id, user_id, since=today - RECENT)
    return PaceAnswer(solution, race_estimates(recent, today), profile.units)
