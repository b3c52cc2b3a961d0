"""The SQLite engine of the weekly digest's reads (`bot.db.digest_reads`): one statement, one trip to
aiosqlite's thread. Each read is a branch of a UNION ALL whose rows carry a tag (padded with NULLs to one
width); a challenge's leaders are the members whose ids its rank index lists first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

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
    width,
)

if TYPE_CHECKING:
    from bot.db.store import Store

_PARTS = {"week": week("monday"), "before": week("week_before"), "record": RECORDS, "challenge": CHALLENGES,
          "event": EVENTS, "race": RACES}  # fmt: skip
_LEADER_COLUMNS = "c.id, m.user_id, m.value, m.finished_on"
_WIDTH = max(4, *(width(part) for part in _PARTS.values()))


def _branch(tag: str, part: Part) -> str:
    nulls = ", NULL" * (_WIDTH - width(part))
    return f"SELECT * FROM (SELECT '{tag}', {part.columns}{nulls} {part.rest})"


_LEADERS = (
    f"SELECT 'leader', {_LEADER_COLUMNS}{', NULL' * (_WIDTH - 4)} FROM challenges c JOIN challenge_members m"
    f" ON m.challenge_id = c.id AND m.user_id IN (SELECT m.user_id {leaders('c.id')}) WHERE {ACTIVE}"
)
DIGEST = "\nUNION ALL\n".join([*(_branch(tag, part) for tag, part in _PARTS.items()), _LEADERS])


class SqliteDigestReads:
    def __init__(self, store: Store) -> None:
        self.db = store

    async def read(self, guild_id: int, monday: date, today: date, due: datetime) -> Digest:
        rows = await self.db.fetchall(DIGEST, digest_params(guild_id, monday, today, due))
        tagged: dict[str, list[Sequence[Any]]] = {tag: [] for tag in (*_PARTS, "leader")}
        for row in rows:
            tag = row[0]
            tagged[tag].append(row[1 : 1 + (4 if tag == "leader" else width(_PARTS[tag]))])
        weeks, before = tagged["week"], tagged["before"]
        return digest_from(
            monday,
            DigestRows(
                week=weeks[0] if weeks else None,
                before=before[0] if before else None,
                records=tagged["record"],
                challenges=tagged["challenge"],
                leaders=tagged["leader"],
                events=tagged["event"],
                races=tagged["race"],
            ),
        )
