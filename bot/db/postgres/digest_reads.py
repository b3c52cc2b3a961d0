"""The PostgreSQL engine of the weekly digest's reads (`bot.db.digest_reads`): one statement, one round trip.
Its row holds each read as a row value or an array of them (asyncpg decodes them as tuples); a challenge's
leaders come from a LATERAL read of its rank index."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from bot.club.digest import Digest
from bot.db.digest_reads import (
    ACTIVE,
    CHALLENGES,
    EVENTS,
    RACES,
    RECORDS,
    DigestRows,
    Part,
    digest_from,
    digest_params,
    leaders,
    week,
)
from bot.db.engine import fetch_row

if TYPE_CHECKING:
    from bot.db.store import Store


def _one(part: Part) -> str:
    return f"(SELECT ROW({part.columns}) {part.rest})"


def _many(part: Part) -> str:
    return f"ARRAY(SELECT ROW({part.columns}) {part.rest})"


DIGEST = f"""
SELECT {_one(week("monday"))}, {_one(week("week_before"))}, {_many(RECORDS)}, {_many(CHALLENGES)},
    ARRAY(SELECT ROW(c.id, l.user_id, l.value, l.finished_on) FROM challenges c
        CROSS JOIN LATERAL (SELECT m.user_id, m.value, m.finished_on {leaders("c.id")}) l WHERE {ACTIVE}),
    {_many(EVENTS)}, {_many(RACES)}
"""


class PgDigestReads:
    def __init__(self, store: Store) -> None:
        self.db = store

    async def read(self, guild_id: int, monday: date, today: date, due: datetime) -> Digest:
        row = await fetch_row(self.db, DIGEST, digest_params(guild_id, monday, today, due))
        week_row, before, records, challenges, leaders_rows, events, races = row
        return digest_from(
            monday,
            DigestRows(
                week_row, before, list(records), list(challenges), list(leaders_rows), list(events), list(races)
            ),
        )
