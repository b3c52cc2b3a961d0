"""The weekly digest's reads of one server in one statement: last week's and the week before's club totals,
last week's records, the active challenges with their top 3, the coming week's group runs and shared races.

Each engine writes the statement its own way (`bot.db.sqlite.digest_reads`: tagged rows; `bot.db.postgres.
digest_reads`: one row of arrays) from the parts here, and the store holds the one of its database
(`Store.digests`); what the rows become is here, once. The reads are the ones the challenge, event and race
lists make (same columns, filters and order), so the digest says what those commands show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.club.challenges import Challenge, Standing
from bot.club.digest import Digest, WeekTotals
from bot.db.challenges import _COLUMNS as CHALLENGE_COLUMNS
from bot.db.challenges import _challenge, iso
from bot.db.events import _COLUMNS as EVENT_COLUMNS
from bot.db.events import _event
from bot.db.races import _COLUMNS as RACE_COLUMNS
from bot.db.races import _race

RECORDS_SHOWN, LEADERS_SHOWN, RACES_READ = 10, 3, 200


@dataclass(frozen=True, slots=True)
class Part:
    """One read: `SELECT {columns} {rest}` on its own; each engine folds it into its statement."""

    columns: str
    rest: str  # FROM … WHERE … ORDER BY … LIMIT …


def week(day: str) -> Part:
    """The club's totals of the week starting on the parameter named `day`."""
    return Part(
        "w.members, w.runs, w.distance_m, w.duration_s",
        f"FROM guild_weeks w WHERE w.guild_id = :g AND w.week_start = :{day}",
    )


# Member bests set last week, by members on leaderboards.
RECORDS = Part(
    "b.user_id, b.label, b.duration_s",
    "FROM member_bests b WHERE b.guild_id = :g AND b.run_date BETWEEN :monday AND :sunday"
    " AND NOT EXISTS (SELECT 1 FROM members m WHERE m.guild_id = :g AND m.user_id = b.user_id AND m.leaderboard = 0)"
    f" ORDER BY b.run_date, b.user_id, b.label LIMIT {RECORDS_SHOWN}",
)
# Active at the due instant: still counting, and started by the server's today.
ACTIVE = "c.guild_id = :g AND c.ends_at > :due AND c.start_date <= :today"
CHALLENGES = Part(f"{CHALLENGE_COLUMNS}, c.participants", f"FROM challenges c WHERE {ACTIVE} ORDER BY c.ends_at, c.id")


def leaders(challenge_id: str) -> str:
    """FROM … of the leaders of the challenge whose id the statement names `challenge_id`: the first entries
    of its rank index, members off leaderboards skipped (as /challenge show)."""
    return (
        f"FROM challenge_members m WHERE m.challenge_id = {challenge_id} AND m.active = 1 AND NOT EXISTS"
        " (SELECT 1 FROM members p WHERE p.guild_id = :g AND p.user_id = m.user_id AND p.leaderboard = 0)"
        f" ORDER BY m.value DESC, m.user_id DESC LIMIT {LEADERS_SHOWN}"
    )


EVENTS = Part(
    EVENT_COLUMNS,
    "FROM events WHERE guild_id = :g AND starts_at >= :due AND starts_at < :week_after AND cancelled_at IS NULL"
    " ORDER BY starts_at, id",
)
RACES = Part(
    RACE_COLUMNS,
    "FROM races WHERE guild_id = :g AND shared = 1 AND race_date BETWEEN :today AND :race_last"
    f" ORDER BY race_date, id LIMIT {RACES_READ}",
)


def width(part: Part) -> int:
    return len(part.columns.split(","))


@dataclass(frozen=True, slots=True)
class DigestRows:
    """What the statement read, each part as its own query would give it."""

    week: Sequence[Any] | None
    before: Sequence[Any] | None
    records: list[Sequence[Any]]
    challenges: list[Sequence[Any]]  # CHALLENGE_COLUMNS and participants
    leaders: list[Sequence[Any]]  # (challenge id, user id, value, finished on), in any order
    events: list[Sequence[Any]]
    races: list[Sequence[Any]]


def digest_params(guild_id: int, monday: date, today: date, due: datetime) -> dict[str, Any]:
    return {
        "g": guild_id,
        "monday": monday.isoformat(),
        "sunday": (monday + timedelta(days=6)).isoformat(),
        "week_before": (monday - timedelta(days=7)).isoformat(),
        "due": iso(due),
        "week_after": iso(due + timedelta(days=7)),
        "today": today.isoformat(),
        "race_last": (today + timedelta(days=6)).isoformat(),
    }


def _week(row: Sequence[Any] | None) -> WeekTotals:
    return WeekTotals(int(row[0]), int(row[1]), float(row[2]), int(row[3])) if row else WeekTotals()


def _leaders(challenge: Challenge, rows: list[Sequence[Any]]) -> list[Standing]:
    mine = sorted((r for r in rows if r[0] == challenge.id), key=lambda r: (-float(r[2]), -int(r[1])))
    return [
        Standing(int(user_id), float(value), date.fromisoformat(finished) if finished else None, place)
        for place, (_, user_id, value, finished) in enumerate(mine, start=1)
    ]


def digest_from(monday: date, rows: DigestRows) -> Digest:
    challenges = [_challenge(row) for row in rows.challenges]
    return Digest(
        monday,
        _week(rows.week),
        _week(rows.before),
        [(row[0], row[1], float(row[2])) for row in rows.records],
        [(challenge, _leaders(challenge, rows.leaders)) for challenge in challenges],
        [_event(row) for row in rows.events],
        [_race(row) for row in rows.races],
    )
