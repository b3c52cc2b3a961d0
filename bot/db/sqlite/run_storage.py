"""The SQLite engine of `RunStorage`: each command in one round trip to aiosqlite's thread.

Reads that a command needs are gathered into one query (scalar subqueries, lists as tagged rows); the only
write of `/run log` is one `INSERT … SELECT … RETURNING`, whose triggers keep the weekly and
all-time totals, shoe distances and record bests in the same statement. No query reads a member's whole
history: aggregates, index seeks, or date ranges bounded by the period asked for. What does not depend on
the dialect lives in `bot.db.run_storage_base`. `/run log` queues its read and its insert to aiosqlite's
thread at once, so the command waits for one trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bot.db.engine import Tx, fetch_value
from bot.db.run_storage_base import (
    IMPORTED_COLUMNS,
    IMPORTED_VALUES,
    IN_CHALLENGE,
    MEMBER,
    RUN_COLUMNS,
    TWIN,
    LogInputs,
    RunStorageBase,
    StatsRows,
    streak_sql,
)
from bot.db.sqlite.database import SqliteDatabase
from bot.db.storage import WithRuns

if TYPE_CHECKING:
    from bot.db.store import Store


def _nulls(count: int) -> str:
    return ", ".join(["NULL"] * count)


_STREAK_STEP = "date({}, '-7 days')"

# One round trip for several shapes: rows tagged by kind, padded to thirteen columns (lists are rows, not
# JSON, so REAL values arrive bit for bit).
_LOG_INPUTS = f"""
SELECT 'context',
    (SELECT min(r.run_date) FROM runs r WHERE {MEMBER}),
    (SELECT w.distance_m FROM member_weeks w WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start = :monday),
    (SELECT sum(w.distance_m) FROM member_weeks w
        WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start >= :before AND w.week_start < :monday),
    (SELECT max(r.distance_m) FROM runs r INDEXED BY runs_member_date_distance
        WHERE {MEMBER} AND r.run_date >= :long_from),
    (SELECT count(*) FROM runs r INDEXED BY runs_member_date_distance WHERE {MEMBER} AND r.run_date >= :long_from),
    (SELECT min(r.id) FROM runs r WHERE {MEMBER} AND {TWIN}),
    {IN_CHALLENGE},
    s.id, s.name, s.retire_at_m, s.retired, s.distance_m
FROM (SELECT 1) LEFT JOIN shoes s ON s.guild_id = :g AND s.user_id = :u AND s.name = :shoe COLLATE NOCASE
UNION ALL
SELECT 'pain', r.pain, count(*), {_nulls(10)} FROM runs r
WHERE {MEMBER} AND r.run_date BETWEEN :pain_from AND :pain_to AND r.pain IS NOT NULL GROUP BY r.pain
UNION ALL
SELECT 'best', {RUN_COLUMNS}, NULL, NULL, NULL FROM member_bests b JOIN runs r ON r.id = b.run_id
WHERE b.guild_id = :g AND b.user_id = :u
"""

# The run, unless it names a shoe that is not an active one of the member's (then no row, nothing written).
_INSERT_LOGGED = """
INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, run_type, effort, pain, shoe_id, notes,
    created_at)
SELECT :g, :u, :day, :distance, :duration, :run_type, :effort, :pain, s.id, :notes, :created
FROM (SELECT 1) LEFT JOIN shoes s
    ON s.guild_id = :g AND s.user_id = :u AND s.name = :shoe COLLATE NOCASE AND s.retired = 0
WHERE :shoe IS NULL OR s.id IS NOT NULL
RETURNING id
"""

_INSERT_IMPORTED = f"INSERT INTO runs ({IMPORTED_COLUMNS}) VALUES ({IMPORTED_VALUES})"

_STATS = f"""
SELECT 'totals', t.runs, t.distance_m, t.duration_s,
    (SELECT min(r.run_date) FROM runs r WHERE {MEMBER}),
    (SELECT max(r.run_date) FROM runs r WHERE {MEMBER}),
    ({streak_sql(_STREAK_STEP)}), NULL, NULL, NULL
FROM (SELECT 1) LEFT JOIN member_totals t ON t.guild_id = :g AND t.user_id = :u
UNION ALL
SELECT * FROM (SELECT 'longest', {RUN_COLUMNS} FROM runs r WHERE {MEMBER} AND :since IS NULL
    ORDER BY r.distance_m DESC, r.run_date, r.id LIMIT 1)
UNION ALL
SELECT 'week', w.week_start, w.distance_m, {_nulls(7)} FROM member_weeks w
WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start BETWEEN :chart_from AND :monday
UNION ALL
SELECT 'month', m.month_start, m.distance_m, {_nulls(7)} FROM member_months m
WHERE m.guild_id = :g AND m.user_id = :u AND m.month_start BETWEEN :months_from AND :month
UNION ALL
SELECT 'best', b.label, d.distance_m, b.duration_s, b.run_date, b.run_id, r.distance_m, {_nulls(3)}
FROM member_bests b JOIN record_distances d ON d.label = b.label JOIN runs r ON r.id = b.run_id
WHERE b.guild_id = :g AND b.user_id = :u AND :since IS NULL
UNION ALL
SELECT 'run', {RUN_COLUMNS} FROM runs r WHERE {MEMBER} AND r.run_date BETWEEN :since AND :today
"""


class SqliteRunStorage(RunStorageBase):
    """`RunStorage` on the one aiosqlite connection of `Database`."""

    streak_step = _STREAK_STEP

    def __init__(self, store: Store, db: SqliteDatabase) -> None:
        super().__init__(store)
        self.sqlite = db  # the store's database as SQLite's own, whose units of work can pipeline statements

    async def _log_and_insert(self, params: dict[str, Any], then: WithRuns | None) -> tuple[LogInputs, int | None]:
        opened = self.sqlite.unit() if then is None else self.sqlite.transaction(params["g"], params["u"])
        async with opened as tx:
            # The read and the insert go to aiosqlite's thread together: one trip, the read first.
            rows, inserted = await tx.pipeline((_LOG_INPUTS, params), (_INSERT_LOGGED, params))
            if isinstance(inserted, Exception):
                raise inserted
            run_id = inserted[0][0] if inserted else None
            if isinstance(rows, Exception):  # the insert ran all the same: undo it (its triggers undo the totals)
                if run_id is not None:
                    await tx.execute("DELETE FROM runs WHERE id = ?", (run_id,))
                raise rows
            if then is not None and run_id is not None:
                await then(tx, [run_id])
        _, first, week_m, before_m, longest_m, recent, twin, in_challenge, *shoe = rows[0]
        return LogInputs(
            first,
            week_m,
            before_m,
            longest_m,
            recent,
            twin,
            bool(in_challenge),
            shoe,
            pains=[(row[1], row[2]) for row in rows if row[0] == "pain"],
            bests=[row[1:10] for row in rows if row[0] == "best"],
        ), run_id

    async def _stats_rows(self, params: dict[str, Any]) -> StatsRows:
        rows = await self.db.fetchall(_STATS, params)
        by_kind: dict[str, list[Sequence[Any]]] = {"longest": [], "week": [], "month": [], "best": [], "run": []}
        for row in rows[1:]:
            by_kind[row[0]].append(row[1:])
        longest = by_kind["longest"]
        return StatsRows(
            totals=rows[0][1:7],
            longest=longest[0] if longest else None,
            weeks=by_kind["week"],
            months=by_kind["month"],
            bests=by_kind["best"],
            runs=by_kind["run"],
        )

    async def _insert_imported(self, tx: Tx, rows: list[tuple[Any, ...]]) -> list[int]:
        # Row ids grow by one an insert, and the transaction keeps other writers out: the new runs
        # are the ids above the largest one before, in insertion order.
        last_id = await fetch_value(tx, "SELECT coalesce(max(id), 0) FROM runs")
        await tx.executemany(_INSERT_IMPORTED, rows)
        return [row[0] for row in await tx.fetchall("SELECT id FROM runs WHERE id > ? ORDER BY id", (last_id,))]
