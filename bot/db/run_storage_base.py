"""What both engines of `RunStorage` share: parameters, the statements both dialects accept, and the
conversion of what the reads return into the models.

An engine (`bot.db.sqlite.run_storage.SqliteRunStorage`, `bot.db.postgres.run_storage.PgRunStorage`) supplies the
reads whose SQL really differs — the inputs of `/run log` and `/run stats` gathered in one round trip, the
weekly streak's date step — and how an import learns its new run ids; everything else is here, once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.db import runs as runs_db
from bot.db import shoes as shoes_db
from bot.db.engine import Database, Tx
from bot.db.members import get_profile, now_iso
from bot.db.storage import ImportedRun, ImportSummary, LoggedRun, StatsInputs, UnknownShoe, WithRuns
from bot.importing import EFFORT_DISTANCES, KnownRun
from bot.running import records as record_rules
from bot.running.insights import BASELINE_WEEKS, LONG_RUN_WINDOW, PAIN_WINDOW_DAYS, LogContext
from bot.running.models import Profile, Run, Shoe
from bot.running.records import Record, best_efforts
from bot.running.stats import WEEK, Totals, summarize, week_start
from bot.running.units import STANDARD_DISTANCES

if TYPE_CHECKING:
    from bot.db.store import Store

EPSILON_M = 1e-6  # as records.scaled_time: a run of the distance minus rounding still counts
RUN_COLUMNS = "r.id, r.run_date, r.distance_m, r.duration_s, r.run_type, r.effort, r.pain, r.shoe_id, r.notes"
MEMBER = "r.guild_id = :g AND r.user_id = :u"
# The member takes part in a challenge still counting (as of :created, the log's instant).
IN_CHALLENGE = (
    "EXISTS (SELECT 1 FROM challenge_members m JOIN challenges c ON c.id = m.challenge_id"
    " WHERE m.guild_id = :g AND m.user_id = :u AND m.active = 1 AND c.ends_at > :created)"
)
# A run with the new run's date, distance (to half a metre: `10k` and `10 km` are one distance) and time.
TWIN = (
    "r.run_date = :day AND r.duration_s = CAST(:duration AS BIGINT)"
    " AND abs(r.distance_m - CAST(:distance AS DOUBLE PRECISION)) < 0.5"
)
PREPARE_SCOPE = 0  # transaction scope of the record distances' rebuild: one process at a time

_REBUILD_BESTS = (
    "INSERT INTO member_bests (guild_id, user_id, label, run_id, duration_s, run_date)"
    " SELECT guild_id, user_id, label, id, scaled_s, run_date FROM ("
    "  SELECT r.guild_id, r.user_id, d.label, r.id, r.duration_s * d.distance_m / r.distance_m"
    "   AS scaled_s, r.run_date, row_number() OVER (PARTITION BY r.guild_id, r.user_id, d.label"
    "   ORDER BY r.duration_s * d.distance_m / r.distance_m, r.run_date, r.id) AS place"
    "  FROM record_distances d JOIN runs r ON r.distance_m BETWEEN d.min_m AND d.max_m) ranked"
    " WHERE place = 1"
)


def streak_sql(week_before: str) -> str:
    """Weeks in a row with a run, walking back one index probe per week from this week (or last week).
    `week_before` is the engine's expression for the Monday a week before `monday`."""
    before = week_before.format("monday")
    return f"""
WITH RECURSIVE streak(monday) AS (
    SELECT m FROM (SELECT CASE WHEN EXISTS (SELECT 1 FROM member_weeks w
            WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start = :monday)
        THEN CAST(:monday AS TEXT) ELSE CAST(:last_monday AS TEXT) END AS m) first_week
    WHERE EXISTS (SELECT 1 FROM member_weeks w WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start = m)
    UNION ALL
    SELECT {before} FROM streak WHERE EXISTS (SELECT 1 FROM member_weeks w
        WHERE w.guild_id = :g AND w.user_id = :u AND w.week_start = {before})
)
SELECT count(*) FROM streak
"""


def week_and_streak_sql(week_before: str) -> str:
    return f"""
SELECT (SELECT coalesce(sum(r.distance_m), 0) FROM runs r WHERE {MEMBER} AND r.run_date BETWEEN :monday AND :day),
    ({streak_sql(week_before)})
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
        AND r.distance_m > {record_rules.longest_counted(metres) + EPSILON_M!r}
    ORDER BY e.seconds, r.run_date, e.run_id LIMIT 1) fastest_{index}"""
    for index, metres in enumerate(EFFORT_DISTANCES.values())
)

_IMPORT_CANDIDATES = """
SELECT run_date, distance_m, started_at FROM runs
WHERE guild_id = :g AND user_id = :u AND run_date BETWEEN :first AND :last
"""

IMPORTED_COLUMNS = (
    "guild_id, user_id, run_date, distance_m, duration_s, run_type, notes, created_at,"
    " started_at, elevation_gain_m, avg_heart_rate, avg_cadence_spm, source, title"
)
IMPORTED_VALUES = "?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?"
_INSERT_EFFORT = (
    "INSERT INTO best_efforts (guild_id, user_id, run_id, label, distance_m, seconds, start_offset_m,"
    " start_offset_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_EFFORT_LABELS = {metres: label for label, metres in EFFORT_DISTANCES.items()}

_HISTORY = """
SELECT coalesce((SELECT t.runs FROM member_totals t WHERE t.guild_id = :g AND t.user_id = :u), 0) AS total, p.*
FROM (SELECT 1) one LEFT JOIN (
    SELECT id, run_date, distance_m, duration_s, run_type, effort, pain, shoe_id, notes FROM runs
    WHERE guild_id = :g AND user_id = :u ORDER BY run_date DESC, id DESC LIMIT :limit OFFSET :offset
) p ON 1 = 1
"""


@dataclass(frozen=True, slots=True)
class LogInputs:
    """What `/run log` reads, as it was before its insert."""

    first: str | None  # the member's first run date
    week_m: float | None  # this week's metres before the run
    before_m: float | None  # the 4 weeks before
    longest_m: float | None  # the longest run in the long-run window (from its start on)
    recent_runs: int  # how many runs that window holds
    twin_id: int | None  # the first run with the new run's date, distance and time (logged twice?)
    in_challenge: bool  # the member takes part in a challenge still counting (its congratulations may follow)
    shoe: Sequence[Any]  # id, name, retire_at_m, retired, distance_m (all None without that shoe)
    pains: list[tuple[str, int]]  # pain text and how many runs nearby had it
    bests: list[Sequence[Any]]  # RUN_COLUMNS of the runs holding a record


@dataclass(frozen=True, slots=True)
class StatsRows:
    """What `/run stats` reads, in one round trip."""

    totals: Sequence[Any]  # runs, distance_m, duration_s, first date, last date, weekly streak (all time)
    longest: Sequence[Any] | None  # RUN_COLUMNS of the longest run (all time only)
    weeks: list[Sequence[Any]]  # (week_start, metres)
    months: list[Sequence[Any]]  # (month_start, metres)
    bests: list[Sequence[Any]]  # (label, distance, duration, date, run id, run distance) (all time only)
    runs: list[Sequence[Any]]  # RUN_COLUMNS of the period's runs (a period only)


def run_from(values: Sequence[Any]) -> Run:
    run_id, day, distance, duration, run_type, effort, pain, shoe_id, notes = values
    return Run(run_id, date.fromisoformat(day), distance, duration, run_type, effort, pain, shoe_id, notes)


def record_windows() -> list[tuple[str, float, float, float]]:
    """(label, distance, shortest, longest qualifying run) per record distance, from the records rule."""
    return [
        (
            label,
            standard,
            record_rules.shortest_counted(standard) - EPSILON_M,
            record_rules.longest_counted(standard) + EPSILON_M,
        )
        for label, standard in STANDARD_DISTANCES.items()
    ]


def log_params(guild_id: int, user_id: int, run: Run, shoe_name: str | None) -> dict[str, Any]:
    """The parameters of `/run log`'s read and insert (the run's own columns, and the windows insights read)."""
    day, monday = run.run_date, week_start(run.run_date)
    return {
        "g": guild_id,
        "u": user_id,
        "day": day.isoformat(),
        "distance": run.distance_m,
        "duration": run.duration_s,
        "run_type": run.run_type,
        "effort": run.effort,
        "pain": run.pain,
        "notes": run.notes,
        "created": now_iso(),
        "monday": monday.isoformat(),
        "before": (monday - WEEK * 4).isoformat(),
        "long_from": (day - LONG_RUN_WINDOW).isoformat(),
        "pain_from": (day - timedelta(days=PAIN_WINDOW_DAYS)).isoformat(),
        "pain_to": (day + timedelta(days=PAIN_WINDOW_DAYS)).isoformat(),
        "shoe": shoe_name.strip() if shoe_name else None,
    }


def stats_params(
    guild_id: int, user_id: int, since: date | None, today: date, chart_weeks: int, chart_months: int
) -> dict[str, Any]:
    monday, month = week_start(today), today.replace(day=1)
    months_back = month.year * 12 + month.month - 1 - max(chart_months - 1, 0)
    months_from = date(months_back // 12, months_back % 12 + 1, 1) if chart_months else date.max
    return {
        "g": guild_id,
        "u": user_id,
        "monday": monday.isoformat(),
        "last_monday": (monday - WEEK).isoformat(),
        "chart_from": (monday - WEEK * (chart_weeks - 1 + BASELINE_WEEKS)).isoformat(),
        "month": month.isoformat(),
        "months_from": months_from.isoformat(),
        "since": since.isoformat() if since else None,
        "today": today.isoformat(),  # a period ends today (a past week for the Monday summary)
    }


def stats_inputs(since: date | None, found: StatsRows) -> StatsInputs:
    count, distance, duration, first, last, streak = found.totals
    if since is None:
        totals = Totals(
            count=count or 0,
            distance_m=distance or 0.0,
            duration_s=duration or 0,
            longest=run_from(found.longest) if found.longest else None,
            first_date=date.fromisoformat(first) if first else None,
            last_date=date.fromisoformat(last) if last else None,
        )
        records = records_from([values[:6] for values in found.bests])
    else:  # a week, month or year: the period's runs, a bounded range of the date index
        chosen = sorted((run_from(values) for values in found.runs), key=lambda r: (r.run_date, r.id))
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
    weeks = {date.fromisoformat(values[0]): values[1] for values in found.weeks}
    months = {date.fromisoformat(values[0]): values[1] for values in found.months}
    first_date = date.fromisoformat(first) if first else None
    return StatsInputs(totals, records, streak, weeks, count or 0, first_date, months)


def records_from(rows: Iterable[Iterable[Any]], inside: Iterable[Iterable[Any]] = ()) -> list[Record]:
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


def imported_row(guild_id: int, user_id: int, imported: ImportedRun, created: str) -> tuple[Any, ...]:
    """IMPORTED_COLUMNS of one imported run."""
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


class RunStorageBase(ABC):
    """`RunStorage` minus the few reads and writes whose SQL is the engine's own (the abstract methods)."""

    streak_step: str  # the Monday a week before `{}`, in the engine's SQL

    def __init__(self, store: Store) -> None:
        self.db = store
        self._ready = False
        self._week_and_streak = week_and_streak_sql(self.streak_step)

    @abstractmethod
    async def _log_and_insert(self, params: dict[str, Any], then: WithRuns | None) -> tuple[LogInputs, int | None]:
        """What `/run log` reads as it was before the run, and the new run's id, in one unit of work and one
        round trip. The id is None, and nothing is written, when `params["shoe"]` names no active shoe of the
        member. With `then`, the unit is a transaction of the member's scope and `then` runs in it after the
        insert (more round trips: only for what must commit with the run)."""

    @abstractmethod
    async def _stats_rows(self, params: dict[str, Any]) -> StatsRows:
        """What `/run stats` reads (see StatsRows), in one round trip."""

    @abstractmethod
    async def _insert_imported(self, tx: Tx, rows: list[tuple[Any, ...]]) -> list[int]:
        """Insert IMPORTED_COLUMNS rows; return their new ids in the order given."""

    async def _distances_match(self, db: Database | Tx) -> bool:
        rows = await db.fetchall("SELECT label, distance_m, min_m, max_m FROM record_distances ORDER BY label")
        return sorted(tuple(r) for r in rows) == sorted(record_windows())

    async def prepare(self) -> None:
        """Bring record_distances in line with the records rule; rebuild the bests when it changed."""
        if self._ready:
            return
        if not await self._distances_match(self.db):
            async with self.db.transaction(PREPARE_SCOPE) as tx:
                if not await self._distances_match(tx):  # another process may have done it meanwhile
                    await tx.execute("DELETE FROM record_distances")
                    await tx.executemany("INSERT INTO record_distances VALUES (?, ?, ?, ?)", record_windows())
                    await tx.execute("DELETE FROM member_bests")
                    await tx.execute(_REBUILD_BESTS)
        self._ready = True

    async def profile(self, guild_id: int, user_id: int) -> Profile:
        return await get_profile(self.db, guild_id, user_id)

    async def log_run(
        self, guild_id: int, user_id: int, run: Run, shoe_name: str | None, then: WithRuns | None = None
    ) -> LoggedRun:
        await self.prepare()
        found, run_id = await self._log_and_insert(log_params(guild_id, user_id, run, shoe_name), then)
        if run_id is None:
            raise UnknownShoe(shoe_name or "")
        shoe = None
        if shoe_name:
            shoe_id, name, retire_at_m, _, shoe_m = found.shoe
            run = replace(run, shoe_id=shoe_id)
            shoe = Shoe(shoe_id, name, retire_at_m, shoe_m + run.distance_m)
        context = LogContext(
            first_date=date.fromisoformat(found.first) if found.first else None,
            week_m=found.week_m or 0.0,
            before_m=found.before_m or 0.0,
            longest_recent_m=found.longest_m,
            recent_runs=found.recent_runs or 0,
            nearby_pains=tuple(found.pains),
        )
        bests = [run_from(b) for b in found.bests]
        return LoggedRun(replace(run, id=run_id), shoe, context, bests, found.twin_id, bool(found.in_challenge))

    async def edit_run(
        self, guild_id: int, user_id: int, run_id: int, change: Callable[[Run], Run], shoe_name: str | None
    ) -> Run | None:
        await self.prepare()
        async with self.db.transaction(guild_id, user_id) as tx:
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
        found = await self._stats_rows(stats_params(guild_id, user_id, since, today, chart_weeks, chart_months))
        return stats_inputs(since, found)

    async def member_records(self, guild_id: int, user_id: int) -> list[Record]:
        await self.prepare()
        async with self.db.unit() as tx:  # one connection for both reads (PostgreSQL: one pool round)
            return await self._member_records(tx, guild_id, user_id)

    async def _member_records(self, db: Database | Tx, guild_id: int, user_id: int) -> list[Record]:
        params = {"g": guild_id, "u": user_id}
        whole = await db.fetchall(_BESTS, params)
        inside = await db.fetchall(_EFFORTS, params)
        return records_from(whole, inside)

    async def import_candidates(self, guild_id: int, user_id: int, first: date, last: date) -> list[KnownRun]:
        rows = await self.db.fetchall(
            _IMPORT_CANDIDATES, {"g": guild_id, "u": user_id, "first": first.isoformat(), "last": last.isoformat()}
        )
        return [
            KnownRun(date.fromisoformat(day), metres, datetime.fromisoformat(start) if start else None)
            for day, metres, start in rows
        ]

    async def import_runs(
        self, guild_id: int, user_id: int, runs: list[ImportedRun], then: WithRuns | None = None
    ) -> ImportSummary:
        await self.prepare()
        created = now_iso()
        async with self.db.transaction(guild_id, user_id) as tx:
            ids = await self._insert_imported(tx, [imported_row(guild_id, user_id, r, created) for r in runs])
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
            if then is not None:
                await then(tx, ids)
            records = await self._member_records(tx, guild_id, user_id)
        new = set(ids)
        return ImportSummary(ids, len(efforts), [r for r in record_rules.shown_records(records) if r.run_id in new])

    async def week_and_streak(self, guild_id: int, user_id: int, today: date) -> tuple[float, int]:
        monday = week_start(today)
        row = await self.db.fetchone(
            self._week_and_streak,
            {
                "g": guild_id,
                "u": user_id,
                "day": today.isoformat(),
                "monday": monday.isoformat(),
                "last_monday": (monday - WEEK).isoformat(),
            },
        )
        assert row is not None
        return float(row[0]), row[1]  # float on both engines, also for a week without runs

    async def shoes(self, guild_id: int, user_id: int, active_only: bool = False) -> list[Shoe]:
        return await shoes_db.list_shoes(self.db, guild_id, user_id, active_only=active_only)
