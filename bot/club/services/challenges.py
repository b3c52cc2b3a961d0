"""Challenge use cases: create, join, leave, show, list, end, delete. One command, one transaction.

Dates are the server's: its zone is the club reminder's (else UTC), which also decides the instant a
challenge stops counting. Progress is the runs triggers' work (bot/db/challenges.py): nothing here reads
a member's history except a late join's window, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.club import challenges as rules
from bot.club import posts
from bot.club.challenges import Board, Challenge
from bot.club.days import parse_day
from bot.club.goals import METRICS, MODES, format_value, parse_goal
from bot.club.services.zone import server_today
from bot.db import audit
from bot.db import challenges as store
from bot.db.members import get_profile
from bot.db.store import Store
from bot.errors import NotFound, UserError, echo
from bot.origins import DISCORD
from bot.running.input_error import InputError

GUILD_SCOPE = 0  # transaction scope (guild, 0): one server's challenge writes one after the other


@dataclass(frozen=True, slots=True)
class ChallengeForm:
    name: str
    metric: str
    goal: str
    start: str
    end: str
    mode: str = "individual"


@dataclass(frozen=True, slots=True)
class Joined:
    challenge: Challenge
    value: float
    already: bool
    units: str


@dataclass(frozen=True, slots=True)
class Listing:
    active: list[Challenge]
    upcoming: list[Challenge]
    ended: list[Challenge]
    today: date


async def create(
    db: Store,
    guild_id: int,
    user_id: int,
    channel_id: int,
    form: ChallengeForm,
    now: datetime,
    *,
    via: str = DISCORD,
) -> Challenge:
    """Validate everything first (nothing is written on a refusal), then store the challenge."""
    name = rules.check_name(form.name)
    if form.metric not in METRICS:
        raise InputError(f"Unknown metric `{echo(form.metric)}`. Pick one of: {', '.join(METRICS)}.", "metric")
    if form.mode not in MODES:
        raise InputError(f"Unknown mode `{echo(form.mode)}`. Pick `individual` or `club`.", "mode")
    profile = await get_profile(db, guild_id, user_id)
    goal = parse_goal(form.metric, form.goal, profile.units)
    zone, today = await server_today(db, guild_id, now)
    start = parse_day(form.start, today, "start")
    end = parse_day(form.end, today, "end")
    rules.check_window(start, end, today)
    ends_at = rules.counting_stops(end, zone)
    async with db.transaction(guild_id, GUILD_SCOPE) as tx:
        names = await store.open_names(tx, guild_id, now)
        if any(existing.lower() == name.lower() for existing in names):
            raise rules.duplicate_name(name)
        if len(names) >= rules.MAX_OPEN:
            raise rules.open_limit_reached(len(names))
        challenge_id = await store.insert(
            tx,
            guild_id=guild_id,
            name=name,
            metric=form.metric,
            goal=goal,
            mode=form.mode,
            units=profile.units,
            start=start,
            end=end,
            ends_at=ends_at,
            channel_id=channel_id,
            created_by=user_id,
            now=now,
        )
        await audit.record(tx, guild_id, user_id, "challenge:create", None, {"name": name, "goal": format_value(
            form.metric, goal, profile.units), "mode": form.mode}, via=via)  # fmt: skip
        await posts.schedule_results(tx, guild_id, challenge_id, ends_at)
        challenge = await store.get(tx, guild_id, challenge_id)
    assert challenge is not None
    return challenge


async def attach_card(db: Store, challenge_id: int, message_id: int) -> None:
    await store.set_card(db, challenge_id, message_id)


def _missing(name: str) -> NotFound:
    return NotFound(
        f"No challenge called `{echo(name)}` in this server. `/challenge list` shows them; pick one from the list.",
    )


async def find(db: Store, guild_id: int, name: str, now: datetime) -> Challenge:
    found = await store.by_name(db, guild_id, " ".join(name.split()), now)
    if found is None:
        raise _missing(name)
    return found


async def by_id(db: Store, guild_id: int, challenge_id: int) -> Challenge:
    found = await store.get(db, guild_id, challenge_id)
    if found is None:
        raise NotFound("That challenge was deleted.")
    return found


def _ended(challenge: Challenge) -> UserError:
    return UserError(f"**{echo(challenge.name, 60)}** has ended; its results are final.", "name")


async def join(db: Store, guild_id: int, user_id: int, challenge: Challenge, now: datetime) -> Joined:
    """Take part; refused once the challenge has ended."""
    _, today = await server_today(db, guild_id, now)
    if challenge.ends_at <= now:
        raise _ended(challenge)
    async with db.transaction(guild_id, user_id) as tx:
        current = await store.get(tx, guild_id, challenge.id)
        if current is None:
            raise NotFound("That challenge was deleted.")
        if current.ends_at <= now:
            raise _ended(current)
        value, already = await store.join(tx, current, user_id, today, now)
        current = await store.get(tx, guild_id, challenge.id)
    if not already:  # runs already in the window may reach the goal at once
        await posts.settle_congratulations(db, guild_id, now)
    profile = await get_profile(db, guild_id, user_id)
    assert current is not None
    return Joined(current, value, already, profile.units)


async def leave(db: Store, guild_id: int, user_id: int, challenge: Challenge, now: datetime) -> tuple[Challenge, bool]:
    if challenge.ends_at <= now:
        raise _ended(challenge)
    async with db.transaction(guild_id, user_id) as tx:
        left = await store.leave(tx, challenge, user_id)
        current = await store.get(tx, guild_id, challenge.id)
    return (current or challenge), left


async def board(db: Store, challenge: Challenge, viewer: int | None, top: int = rules.TOP) -> Board:
    leaders, participants, finishers, me = await store.board(db, challenge, viewer, top)
    return Board(challenge, leaders, participants, finishers, me, joined=me is not None)


async def show(db: Store, guild_id: int, viewer: int, name: str | None, now: datetime) -> tuple[Board, str, date]:
    """The named challenge (default: the only active one), the viewer's units and the server's today."""
    _, today = await server_today(db, guild_id, now)
    if name:
        challenge = await find(db, guild_id, name, now)
    else:
        current = [c for c in await store.listed(db, guild_id, now) if c.status(now, today) == "active"]
        if len(current) != 1:
            listed = ", ".join(f"`{c.name}`" for c in current[:5])
            raise UserError(
                f"There are {len(current)} active challenges ({listed}): name one, e.g. `/challenge show name: "
                f"{current[0].name if current else 'December 100k'}`."
                if current
                else "No challenge is active right now. `/challenge list` shows upcoming and recent ones.",
                "name",
            )
        challenge = current[0]
    profile = await get_profile(db, guild_id, viewer)
    return await board(db, challenge, viewer), profile.units, today


async def listing(db: Store, guild_id: int, now: datetime) -> Listing:
    _, today = await server_today(db, guild_id, now)
    found = await store.listed(db, guild_id, now - timedelta(days=rules.RECENT_DAYS))
    by_status: dict[str, list[Challenge]] = {"active": [], "upcoming": [], "ended": []}
    for challenge in found:
        by_status[challenge.status(now, today)].append(challenge)
    by_status["ended"].sort(key=lambda c: c.ends_at, reverse=True)
    return Listing(by_status["active"], by_status["upcoming"], by_status["ended"], today)


async def end(db: Store, guild_id: int, user_id: int, name: str, now: datetime, *, via: str = DISCORD) -> Challenge:
    challenge = await find(db, guild_id, name, now)
    async with db.transaction(guild_id, GUILD_SCOPE) as tx:
        if not await store.end_now(tx, challenge.id, user_id, now):
            raise _ended(challenge)
        await posts.results_now(tx, guild_id, challenge.id, now)
        await audit.record(tx, guild_id, user_id, "challenge:end", None, {"name": challenge.name}, via=via)
        ended = await store.get(tx, guild_id, challenge.id)
    assert ended is not None
    return ended


async def delete(db: Store, guild_id: int, user_id: int, challenge_id: int, *, via: str = DISCORD) -> Challenge | None:
    async with db.transaction(guild_id, GUILD_SCOPE) as tx:
        challenge = await store.get(tx, guild_id, challenge_id)
        if challenge is None:
            return None
        await store.delete(tx, challenge_id)
        await posts.challenge_deleted(tx, guild_id, challenge_id)
        await audit.record(tx, guild_id, user_id, "challenge:delete", None, {"name": challenge.name}, via=via)
    return challenge


async def names(db: Store, guild_id: int, now: datetime, typed: str) -> list[str]:
    """Autocomplete: open challenges first, then those ended in the last 30 days."""
    found = await store.listed(db, guild_id, now - timedelta(days=rules.RECENT_DAYS))
    found.sort(key=lambda c: (c.ends_at <= now, c.ends_at))
    needle = typed.strip().lower()
    seen: list[str] = []
    for challenge in found:
        if needle in challenge.name.lower() and challenge.name not in seen:
            seen.append(challenge.name)
    return seen
