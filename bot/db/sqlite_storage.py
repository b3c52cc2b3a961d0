"""The SQLite engine of `RunStorage`: each command in about two round trips to aiosqlite's thread.

Reads that a command needs are gathered into one query (scalar subqueries, lists as tagged rows); the only
write of `/run log` is one `INSERT … RETURNING`, whose triggers (migration 0007) keep the weekly and
all-time totals, shoe distances and record bests in the same statement. No query reads a member's whole
history: aggregates, index seeks, or date ranges bounded by the period asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.db import runs as runs_db
from bot.db import shoes as shoes_db
from bot.db.engine import Database, Tx
from bot.db.members import get_profile, now_iso
from bot.db.storage import ImportedRun, ImportSummary, LoggedRun, StatsInputs, UnknownShoe
from bot.importing import EFFORT_DISTANCES, KnownRun
from bot.running import records as record_rules
from bot.running.insights import BASELINE_WEEKS, LONG_RUN_WINDOW, PAIN_WINDOW_DAYS, LogContext
from bot.running.models import Profile, Run, Shoe
from bot.running.records import Record, best_efforts
from bot.running.stats import WEEK, Totals, summarize, week_start
from bot.running.units import STANDARD_DISTANCES

_EPSILON_M = 1e-6  # as records.scaled_time: a run of the distance minus rounding still counts
_RUN_COLUMNS = "r.id, r.run_date, r.distance_m, r.duration_s, r.run_type, r.effort, r.pain, r.shoe_id, r.notes"
_MEMBER = "r.guild_id = :g AND r.user_id = :u"


def _nulls(count: int) -> str:
    return ", ".join(["NULL"] * count)


# One round trip for several shapes: rows tagged by kind, padded to ten columns (lists are rows, not
# JSON, so REAL values arrive bit for bit).
_LOG_INPUTS = f"""
SELECT 'context',
    (SELECT min(r.run_date) FROM runs r WHERE {_MEMBER}),
    (SELECT w.distance_m FROM member_weeks w WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start = :monday),
    (SELECT sum(w.distance_m) FROM member_weeks w
        WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start >= :before AND w.week_start < :monday),
    (SELECT max(r.distance_m) FROM runs r INDEXED BY runs_member_date_distance
        WHERE {_MEMBER} AND r.run_date BETWEEN :long_from AND :day),
    s.id, s.name, s.retire_at_m, s.retired, s.distance_m
FROM (SELECT 1) LEFT JOIN shoes s ON s.guild_id = :g AND s.user_id = :u AND s.name = :shoe COLLATE NOCASE
UNION ALL
SELECT 'pain', r.pain, count(*), {_nulls(7)} FROM runs r
WHERE {_MEMBER} AND r.run_date BETWEEN :pain_from AND :pain_to AND r.pain IS NOT NULL GROUP BY r.pain
UNION ALL
SELECT 'best', {_RUN_COLUMNS} FROM member_bests b JOIN runs r ON r.id = b.run_id
WHERE b.guild_id = :g AND b.user_id = :u
"""

_INSERT_RUN = (
    "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, run_type, effort, pain, shoe_id,"
    " notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
)

# Weeks in a row with a run, walking back one index probe per week from this week (or last week).
_STREAK = """
WITH RECURSIVE streak(monday) AS (
    SELECT m FROM (SELECT CASE WHEN EXISTS (SELECT 1 FROM member_weeks w
            WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start = :monday)
        THEN :monday ELSE :last_monday END AS m)
    WHERE EXISTS (SELECT 1 FROM member_weeks w WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start = m)
    UNION ALL
    SELECT date(monday, '-7 days') FROM streak WHERE EXISTS (SELECT 1 FROM member_weeks w
        WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start = date(monday, '-7 days'))
)
SELECT count(*) FROM streak
"""

_BESTS = """
SELECT b.label, d.distance_m, b.duration_s, b.run_date, b.run_id, r.distance_m
FROM member_bests b JOIN record_distances d ON d.label = b.label JOIN runs r ON r.id = b.run_id
WHERE b.guild_id = :g AND b.user_id = :u
"""

# The fastest stretch of each effort distance inside a longer run (one index range per distance, walked
# from the fastest until a run longer than the record window of that distance).
_EFFORTS = " UNION ALL ".join(
    f"""SELECT * FROM (SELECT e.label, e.distance_m, e.seconds, r.run_date, e.run_id, r.distance_m
    FROM best_efforts e JOIN runs r ON r.id = e.run_id
    WHERE e.guild_id = :g AND e.user_id = :u AND e.distance_m = {metres!r}
        AND r.distance_m > {metres * record_rules.MAX_OVER + _EPSILON_M!r}
    ORDER BY e.seconds, r.run_date, e.run_id LIMIT 1)"""
    for metres in EFFORT_DISTANCES.values()
)

_IMPORT_CANDIDATES = """
SELECT run_date, distance_m, started_at FROM runs
WHERE guild_id = :g AND user_id = :u AND run_date BETWEEN :first AND :last
"""

_INSERT_IMPORTED = (
    "INSERT INTO runs (guild_id, user_id, run_date, distance_m, duration_s, run_type, notes, created_at,"
    " started_at, elevation_gain_m, avg_heart_rate, avg_cadence_spm, source, title)"
    " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_EFFORT = (
    "INSERT INTO best_efforts (guild_id, user_id, run_id, label, distance_m, seconds, start_offset_m,"
    " start_offset_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_EFFORT_LABELS = {metres: label for label, metres in EFFORT_DISTANCES.items()}

_STATS = f"""
SELECT 'totals', t.runs, t.distance_m, t.duration_s,
    (SELECT min(r.run_date) FROM runs r WHERE {_MEMBER}),
    (SELECT max(r.run_date) FROM runs r WHERE {_MEMBER}),
    ({_STREAK}), NULL, NULL, NULL
FROM (SELECT 1) LEFT JOIN member_totals t ON t.guild_id = :g AND t.user_id = :u
UNION ALL
SELECT * FROM (SELECT 'longest', {_RUN_COLUMNS} FROM runs r WHERE {_MEMBER} AND :since IS NULL
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
SELECT 'run', {_RUN_COLUMNS} FROM runs r WHERE {_MEMBER} AND r.run_date BETWEEN :since AND :today
"""

_HISTORY = """
SELECT coalesce((SELECT t.runs FROM member_totals t WHERE t.guild_id = :g AND t.user_id = :u), 0) AS total, p.*
FROM (SELECT 1) LEFT JOIN (
    SELECT id, run_date, distance_m, duration_s, run_type, effort, pain, shoe_id, notes FROM runs
    WHERE guild_id = :g AND user_id = :u ORDER BY run_date DESC, id DESC LIMIT :limit OFFSET :offset
) p
"""

_WEEK_AND_STREAK = f"""
SELECT (SELECT coalesce(sum(r.distance_m), 0) FROM runs r WHERE {_MEMBER} AND r.run_date BETWEEN :monday AND :day),
    ({_STREAK})
"""


def _run(values: Sequence[Any]) -> Run:
    run_id, day, distance, duration, run_type, effort, pain, shoe_id, notes = values
    return Run(run_id, date.fromisoformat(day), distance, duration, run_type, effort, pain, shoe_id, notes)


def record_windows() -> list[tuple[str, float, float, float]]:
    """(label, distance, shortest, longest qualifying run) per record distance, from the records rule."""
    return [
        (label, standard, standard * record_rules.MIN_UNDER - _EPSILON_M, standard * record_rules.MAX_OVER + _EPSILON_M)
        for label, standard in STANDARD_DISTANCES.items()
    ]


class SqliteStorage:
    """`RunStorage` on the one aiosqlite connection of `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._ready = False

    async def prepare(self) -> None:
        """Bring record_distances in line with the records rule; rebuild the bests when it changed."""
        if self._ready:
            return
        wanted = record_windows()
        rows = await self.db.fetchall("SELECT label, distance_m, min_m, max_m FROM record_distances ORDER BY label")
        if sorted(tuple(r) for r in rows) != sorted(wanted):
            async with self.db.transaction() as tx:
                await tx.execute("DELETE FROM record_distances")
                await tx.executemany("INSERT INTO record_distances VALUES (?, ?, ?, ?)", wanted)
                await tx.execute("DELETE FROM member_bests")
                await tx.execute(
                    "INSERT INTO member_bests (guild_id, user_id, label, run_id, duration_s, run_date)"
                    " SELECT guild_id, user_id, label, id, scaled_s, run_date FROM ("
                    "  SELECT r.guild_id, r.user_id, d.label, r.id, r.duration_s * d.distance_m / r.distance_m"
                    "   AS scaled_s, r.run_date, row_number() OVER (PARTITION BY r.guild_id, r.user_id, d.label"
                    "   ORDER BY r.duration_s * d.distance_m / r.distance_m, r.run_date, r.id) AS place"
                    "  FROM record_distances d JOIN runs r ON r.distance_m BETWEEN d.min_m AND d.max_m)"
                    " WHERE place = 1"
                )
        self._ready = True

    async def profile(self, guild_id: int, user_id: int) -> Profile:
        return await get_profile(self.db, guild_id, user_id)

    async def log_run(self, guild_id: int, user_id: int, run: Run, shoe_name: str | None) -> LoggedRun:
        await self.prepare()
        day, monday = run.run_date, week_start(run.run_date)
        params = {
            "g": guild_id,
            "u": user_id,
            "day": day.isoformat(),
            "monday": monday.isoformat(),
            "before": (monday - WEEK * 4).isoformat(),
            "long_from": (day - LONG_RUN_WINDOW).isoformat(),
            "pain_from": (day - timedelta(days=PAIN_WINDOW_DAYS)).isoformat(),
            "pain_to": (day + timedelta(days=PAIN_WINDOW_DAYS)).isoformat(),
            "shoe": shoe_name.strip() if shoe_name else None,
        }
        async with self.db.unit() as tx:
            rows = await tx.fetchall(_LOG_INPUTS, params)
            _, first, week_m, before_m, longest_m, shoe_id, name, retire_at_m, retired, shoe_m = rows[0]
            shoe = None
            if shoe_name:
                if shoe_id is None or retired:
                    raise UnknownShoe(shoe_name)
                run = replace(run, shoe_id=shoe_id)
                shoe = Shoe(shoe_id, name, retire_at_m, shoe_m + run.distance_m)
            values = (guild_id, user_id, day.isoformat(), run.distance_m, run.duration_s, run.run_type, run.effort)
            inserted = await tx.fetchall(_INSERT_RUN, (*values, run.pain, run.shoe_id, run.notes, now_iso()))
        context = LogContext(
            first_date=date.fromisoformat(first) if first else None,
            week_m=week_m or 0.0,
            before_m=before_m or 0.0,
            longest_recent_m=longest_m,
            nearby_pains=tuple((row[1], row[2]) for row in rows if row[0] == "pain"),
        )
        bests = [_run(row[1:]) for row in rows if row[0] == "best"]
        return LoggedRun(replace(run, id=inserted[0][0]), shoe, context, bests)

    async def edit_run(
        self, guild_id: int, user_id: int, run_id: int, change: Callable[[Run], Run], shoe_name: str | None
    ) -> Run | None:
        await self.prepare()
        async with self.db.transaction() as tx:
            current = await runs_db.get_run(tx, guild_id, user_id, run_id)
            if current is None:
                return None
            run = change(current)
            if shoe_name is not None:
                shoe = await shoes_db.find_shoe(tx, guild_id, user_id, shoe_name.strip())
                if shoe is None or shoe.retired:
                    raise UnknownShoe(shoe_name)
                run = replace(run, shoe_id=shoe.id)
            await runs_db.update_run(tx, guild_id, user_id, run)
        return run

    async def get_run(self, guild_id: int, user_id: int, run_id: int) -> Run | None:
        return await runs_db.get_run(self.db, guild_id, user_id, run_id)

    async def delete_run(self, guild_id: int, user_id: int, run_id: int) -> bool:
        await self.prepare()
        async with self.db.unit() as tx:  # one statement: its triggers fix the aggregates
            return await runs_db.delete_run(tx, guild_id, user_id, run_id)

    async def history_page(self, guild_id: int, user_id: int, page: int, per_page: int) -> tuple[list[Run], int]:
        rows = await self.db.fetchall(
            _HISTORY, {"g": guild_id, "u": user_id, "limit": per_page, "offset": (page - 1) * per_page}
        )
        runs = [runs_db.row_to_run(r) for r in rows if r["id"] is not None]
        return runs, rows[0]["total"]

    async def member_stats(
        self, guild_id: int, user_id: int, since: date | None, today: date, chart_weeks: int, chart_months: int = 0
    ) -> StatsInputs:
        await self.prepare()
        monday, month = week_start(today), today.replace(day=1)
        months_back = month.year * 12 + month.month - 1 - max(chart_months - 1, 0)
        months_from = date(months_back // 12, months_back % 12 + 1, 1) if chart_months else date.max
        rows = await self.db.fetchall(
            _STATS,
            {
                "g": guild_id,
                "u": user_id,
                "monday": monday.isoformat(),
                "last_monday": (monday - WEEK).isoformat(),
                "chart_from": (monday - WEEK * (chart_weeks - 1 + BASELINE_WEEKS)).isoformat(),
                "month": month.isoformat(),
                "months_from": months_from.isoformat(),
                "since": since.isoformat() if since else None,
                "today": today.isoformat(),  # a period ends today (a past week for the Monday summary)
            },
        )
        by_kind: dict[str, list[Sequence[Any]]] = {"longest": [], "week": [], "month": [], "best": [], "run": []}
        for row in rows[1:]:
            by_kind[row[0]].append(row[1:])
        _, count, distance, duration, first, last, streak, *_ = rows[0]
        if since is None:
            totals = Totals(
                count=count or 0,
                distance_m=distance or 0.0,
                duration_s=duration or 0,
                longest=_run(by_kind["longest"][0]) if by_kind["longest"] else None,
                first_date=date.fromisoformat(first) if first else None,
                last_date=date.fromisoformat(last) if last else None,
            )
            records = _records([values[:6] for values in by_kind["best"]])
        else:  # a week, month or year: the period's runs, a bounded range of the date index
            chosen = sorted((_run(values) for values in by_kind["run"]), key=lambda r: (r.run_date, r.id))
            summary = summarize(chosen, None)
            totals = Totals(
                count=summary.count,
                distance_m=summary.distance_m,
                duration_s=summary.duration_s,
                longest=summary.longest,
                first_date=chosen[0].run_date if chosen else None,
                last_date=chosen[-1].run_date if chosen else None,
            )
            records = list(best_efforts(chosen).values())
        weeks = {date.fromisoformat(values[0]): values[1] for values in by_kind["week"]}
        months = {date.fromisoformat(values[0]): values[1] for values in by_kind["month"]}
        first_date = date.fromisoformat(first) if first else None
        return StatsInputs(totals, records, streak, weeks, count or 0, first_date, months)

    async def member_records(self, guild_id: int, user_id: int) -> list[Record]:
        await self.prepare()
        return await self._member_records(self.db, guild_id, user_id)

    async def _member_records(self, db: Database | Tx, guild_id: int, user_id: int) -> list[Record]:
        params = {"g": guild_id, "u": user_id}
        whole = await db.fetchall(_BESTS, params)
        inside = await db.fetchall(_EFFORTS, params)
        return _records(whole, inside)

    async def import_candidates(self, guild_id: int, user_id: int, first: date, last: date) -> list[KnownRun]:
        rows = await self.db.fetchall(
            _IMPORT_CANDIDATES, {"g": guild_id, "u": user_id, "first": first.isoformat(), "last": last.isoformat()}
        )
        return [
            KnownRun(date.fromisoformat(day), metres, datetime.fromisoformat(start) if start else None)
            for day, metres, start in rows
        ]

    async def import_runs(self, guild_id: int, user_id: int, runs: list[ImportedRun]) -> ImportSummary:
        await self.prepare()
        created = now_iso()
        async with self.db.transaction() as tx:
            # Row ids grow by one an insert, and the transaction keeps other writers out: the new runs
            # are the ids above the largest one before, in insertion order.
            last_id = (await tx.fetchone("SELECT coalesce(max(id), 0) FROM runs"))[0]
            await tx.executemany(_INSERT_IMPORTED, (_imported_row(guild_id, user_id, r, created) for r in runs))
            ids = [row[0] for row in await tx.fetchall("SELECT id FROM runs WHERE id > ? ORDER BY id", (last_id,))]
            if len(ids) != len(runs):  # never expected: refuse rather than attach efforts to the wrong runs
                raise RuntimeError(f"imported {len(runs)} runs but found {len(ids)} new ids")
            efforts = [
                (guild_id, user_id, run_id, _EFFORT_LABELS.get(e.distance_m, f"{e.distance_m:g} m"), e.distance_m,
                 e.seconds, e.start_offset_m, e.start_offset_s)
                for run_id, imported in zip(ids, runs, strict=True)
                for e in imported.activity.best_efforts
                if e.seconds > 0
            ]  # fmt: skip
            await tx.executemany(_INSERT_EFFORT, efforts)
            records = await self._member_records(tx, guild_id, user_id)
        new = set(ids)
        return ImportSummary(ids, len(efforts), [r for r in record_rules.shown_records(records) if r.run_id in new])

    async def week_and_streak(self, guild_id: int, user_id: int, today: date) -> tuple[float, int]:
        monday = week_start(today)
        row = await self.db.fetchone(
            _WEEK_AND_STREAK,
            {
                "g": guild_id,
                "u": user_id,
                "day": today.isoformat(),
                "monday": monday.isoformat(),
                "last_monday": (monday - WEEK).isoformat(),
            },
        )
        assert row is not None
        return row[0], row[1]

    async def shoes(self, guild_id: int, user_id: int, active_only: bool = False) -> list[Shoe]:
        return await shoes_db.list_shoes(self.db, guild_id, user_id, active_only=active_only)


def _records(rows: Sequence[Sequence[Any]], inside: Sequence[Sequence[Any]] = ()) -> list[Record]:
    """Whole-run records, then records inside longer runs, each group shortest distance first."""
    found = [
        Record(label, distance, duration, date.fromisoformat(day), run_id, ran if abs(ran - distance) > 0.5 else None)
        for label, distance, duration, day, run_id, ran in rows
    ]
    found += [
        Record(label, distance, seconds, date.fromisoformat(day), run_id, ran, inside_run=True)
        for label, distance, seconds, day, run_id, ran in inside
    ]
    return sorted(found, key=lambda r: (r.inside_run, r.distance_m))


def _imported_row(guild_id: int, user_id: int, imported: ImportedRun, created: str) -> tuple[Any, ...]:
    a = imported.activity
    return (
        guild_id,
        user_id,
        imported.run_date.isoformat(),
        a.distance_m,
        max(1, a.duration_s),
        imported.run_type,
        created,
        a.start.astimezone(UTC).isoformat(),
        a.elevation_gain_m,
        a.avg_heart_rate,
        a.avg_cadence_spm,
        imported.source,
        a.name,
    )
