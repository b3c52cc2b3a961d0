"""The PostgreSQL engine of `RunStorage`: one round trip a command, as SQLite's (`bot.db.sqlite.run_storage`).

PostgreSQL gives each UNION column one type, so where SQLite tags rows of several shapes, a read here is
one row whose lists are arrays of row values (asyncpg decodes them as tuples, doubles bit for bit). The
aggregates are kept by the runs table's triggers in the statement that changes a run. Everything
that does not depend on the dialect lives in `bot.db.run_storage_base`.

`/run log` reads and inserts in one statement (SQLite's read and insert are one trip too): a second
command of the same member at the same instant may read the log before the first one's run is in (its
insights then miss that run); the stored rows and aggregates are right either way.
Edits, imports and shoe changes are scoped transactions.
"""

from __future__ import annotations

from typing import Any

from bot.db.engine import Tx
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
from bot.db.storage import WithRuns

_STREAK_STEP = "to_char(CAST({} AS DATE) - 7, 'YYYY-MM-DD')"

# The inputs as they were before the run (every part of one statement sees the same snapshot), and the
# run inserted unless it names a shoe that is not an active one of the member's. Nearby pains come in
# SQLite's order (its GROUP BY sorts them by bytes, as the "C" collation does).
_LOG_AND_INSERT = f"""
WITH found AS (
    SELECT
        (SELECT min(r.run_date) FROM runs r WHERE {MEMBER}) AS first,
        (SELECT w.distance_m FROM member_weeks w
            WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start = :monday) AS week_m,
        (SELECT sum(w.distance_m) FROM member_weeks w
            WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start >= :before AND w.week_start < :monday)
            AS before_m,
        (SELECT max(r.distance_m) FROM runs r WHERE {MEMBER} AND r.run_date >= :long_from) AS longest_m,
        (SELECT count(*) FROM runs r WHERE {MEMBER} AND r.run_date >= :long_from) AS recent_runs,
        (SELECT min(r.id) FROM runs r WHERE {MEMBER} AND {TWIN}) AS twin_id,
        {IN_CHALLENGE} AS in_challenge,
        s.id AS shoe_id, s.name, s.retire_at_m, s.retired, s.distance_m AS shoe_m,
        ARRAY(SELECT ROW(r.pain, count(*)) FROM runs r
            WHERE {MEMBER} AND r.run_date BETWEEN :pain_from AND :pain_to AND r.pain IS NOT NULL
            GROUP BY r.pain ORDER BY r.pain COLLATE "C") AS pains,
        ARRAY(SELECT ROW({RUN_COLUMNS}) FROM member_bests b JOIN runs r ON r.id = b.run_id
            WHERE b.guild_id = :g AND b.user_id = :u) AS bests
    FROM (SELECT 1) one
    LEFT JOIN shoes s ON s.guild_id = :g AND s.user_id = :u AND lower(s.name) = lower(CAST(:shoe AS TEXT))
), inserted AS (
    INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, run_type, effort, pain, shoe_id,
        notes, created_at)
    SELECT :g, :u, :day, CAST(:distance AS DOUBLE PRECISION), CAST(:duration AS BIGINT),
        CAST(:run_type AS TEXT), CAST(:effort AS INTEGER), CAST(:pain AS TEXT), found.shoe_id,
        CAST(:notes AS TEXT), CAST(:created AS TEXT)
    FROM found WHERE CAST(:shoe AS TEXT) IS NULL OR (found.shoe_id IS NOT NULL AND found.retired = 0)
    RETURNING id
)
SELECT found.*, (SELECT id FROM inserted) FROM found
"""

_STATS = f"""
SELECT t.runs, t.distance_m, t.duration_s,
    (SELECT min(r.run_date) FROM runs r WHERE {MEMBER}),
    (SELECT max(r.run_date) FROM runs r WHERE {MEMBER}),
    ({streak_sql(_STREAK_STEP)}),
    (SELECT ROW({RUN_COLUMNS}) FROM runs r WHERE {MEMBER} AND CAST(:since AS TEXT) IS NULL
        ORDER BY r.distance_m DESC, r.run_date, r.id LIMIT 1),
    ARRAY(SELECT ROW(w.week_start, w.distance_m) FROM member_weeks w
        WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start BETWEEN :chart_from AND :monday),
    ARRAY(SELECT ROW(m.month_start, m.distance_m) FROM member_months m
        WHERE m.guild_id = :g AND m.user_id = :u AND m.month_start BETWEEN :months_from AND :month),
    ARRAY(SELECT ROW(b.label, d.distance_m, b.duration_s, b.run_date, b.run_id, r.distance_m)
        FROM member_bests b JOIN record_distances d ON d.label = b.label JOIN runs r ON r.id = b.run_id
        WHERE b.guild_id = :g AND b.user_id = :u AND CAST(:since AS TEXT) IS NULL),
    ARRAY(SELECT ROW({RUN_COLUMNS}) FROM runs r WHERE {MEMBER} AND r.run_date BETWEEN :since AND :today)
FROM (SELECT 1) one LEFT JOIN member_totals t ON t.guild_id = :g AND t.user_id = :u
"""

# Ids are taken from the runs' identity sequence first, so each run's efforts know their run without
# relying on the order of a RETURNING (other members' imports take ids from the same sequence meanwhile).
_NEW_RUN_IDS = "SELECT nextval(pg_get_serial_sequence('runs', 'id')) FROM generate_series(1, CAST(? AS INTEGER))"
_INSERT_IMPORTED = f"INSERT INTO runs (id, {IMPORTED_COLUMNS}) VALUES (?, {IMPORTED_VALUES})"


class PgRunStorage(RunStorageBase):
    """`RunStorage` on a `PgDatabase` (asyncpg pool)."""

    streak_step = _STREAK_STEP

    async def _log_and_insert(self, params: dict[str, Any], then: WithRuns | None) -> tuple[LogInputs, int | None]:
        if then is None:
            async with self.db.unit() as tx:  # one statement, atomic on its own
                row = await tx.fetchone(_LOG_AND_INSERT, params)
        else:
            # Scoped to the member: their transactions run one after another, so what `then` counts (the feed's
            # posts of the day) includes a run logged at the same moment.
            async with self.db.transaction(params["g"], params["u"]) as tx:
                row = await tx.fetchone(_LOG_AND_INSERT, params)
                if row is not None and row[-1] is not None:
                    await then(tx, [row[-1]])
        assert row is not None
        first, week_m, before_m, longest_m, recent, twin, in_challenge, *shoe, pains, bests, run_id = row
        pains = [tuple(p) for p in pains]
        found = LogInputs(first, week_m, before_m, longest_m, recent, twin, in_challenge, shoe, pains, list(bests))
        return found, run_id

    async def _stats_rows(self, params: dict[str, Any]) -> StatsRows:
        row = await self.db.fetchone(_STATS, params)
        assert row is not None
        runs, distance, duration, first, last, streak, longest, weeks, months, bests, period_runs = row
        return StatsRows((runs, distance, duration, first, last, streak), longest, weeks, months, bests, period_runs)

    async def _insert_imported(self, tx: Tx, rows: list[tuple[Any, ...]]) -> list[int]:
        ids = sorted(row[0] for row in await tx.fetchall(_NEW_RUN_IDS, (len(rows),)))
        await tx.executemany(_INSERT_IMPORTED, [(run_id, *row) for run_id, row in zip(ids, rows, strict=True)])
        return ids
