"""The storage interface of the running domain: one call per command, sized by use case.

Each method is one unit of work that returns everything the reply needs, so a service makes a single
call and the engine decides how few round trips it takes. SQL dialect and connection handling stay
behind this seam: `bot.db.sqlite.run_storage` is the SQLite engine, `bot.db.postgres.run_storage` the
PostgreSQL one; what they share is in `bot.db.run_storage_base`. The store (`bot.db.store.Store.runs`)
holds the one of its database.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from bot.importing import Activity, KnownRun
from bot.running.insights import LogContext
from bot.running.models import Profile, Run, Shoe
from bot.running.records import Record
from bot.running.stats import Totals

if TYPE_CHECKING:
    from bot.db.engine import Tx

# Work to do inside the transaction that writes a member's new runs, given their ids: it commits with them
# or not at all (the feed queues its post this way).
WithRuns = Callable[["Tx", list[int]], Awaitable[None]]


class UnknownShoe(LookupError):
    """The member has no active shoe of that name."""


@dataclass(frozen=True, slots=True)
class LoggedRun:
    run: Run  # as stored, with its id
    shoe: Shoe | None  # its shoe, the distance including this run
    context: LogContext  # the member's other runs, as the insight rules need them
    previous_bests: list[Run]  # the runs holding each record before this one
    twin_id: int | None = None  # an earlier run of the member's with the same date, distance and time
    in_challenge: bool = True  # False: the member takes part in no challenge still counting


@dataclass(frozen=True, slots=True)
class StatsInputs:
    totals: Totals  # over the period
    records: list[Record]  # best efforts within the period, shortest distance first
    weekly_streak: int
    weeks: dict[date, float]  # metres per Monday for the chart weeks and the 4 before them (empty weeks left out)
    total_runs: int  # all time
    first_date: date | None = None  # the member's first run, all time
    months: dict[date, float] = field(default_factory=dict)  # metres per 1st of month, the chart months


@dataclass(frozen=True, slots=True)
class ImportedRun:
    """An activity read from a file, as it goes into the log."""

    activity: Activity  # start, distance, time, details and best efforts
    run_date: date  # the start in the member's time zone
    run_type: str | None  # one of the run log's types ("trail", "treadmill") or None
    source: str  # "import:strava <file>", ...


@dataclass(frozen=True, slots=True)
class ImportSummary:
    run_ids: list[int]  # the new runs, in the order given
    best_efforts: int  # stored with them
    new_records: list[Record]  # all-time records now held by one of the new runs (whole-run or inside)


class RunStorage(Protocol):
    async def prepare(self) -> None:
        """Bring derived tables in line with this version's rules (at start-up; cheap when nothing changed)."""
        ...

    async def log_run(
        self, guild_id: int, user_id: int, run: Run, shoe_name: str | None, then: WithRuns | None = None
    ) -> LoggedRun:
        """Store the run (with the named active shoe, else UnknownShoe) and return what the reply needs;
        `then` runs in the same transaction once it is written."""
        ...

    async def edit_run(
        self, guild_id: int, user_id: int, run_id: int, change: Callable[[Run], Run], shoe_name: str | None
    ) -> Run | None:
        """Apply `change` to the stored run (it may raise to refuse) and save it; None if there is no such run."""
        ...

    async def get_run(self, guild_id: int, user_id: int, run_id: int) -> Run | None: ...

    async def delete_run(self, guild_id: int, user_id: int, run_id: int) -> bool: ...

    async def history_page(self, guild_id: int, user_id: int, page: int, per_page: int) -> tuple[list[Run], int]:
        """One page of runs, newest first, and the member's number of runs."""
        ...

    async def member_stats(
        self, guild_id: int, user_id: int, since: date | None, today: date, chart_weeks: int, chart_months: int = 0
    ) -> StatsInputs:
        """Totals over the period from `since` (all time when None), the `chart_weeks` weeks up to today's
        and the 4 before them (to judge mileage jumps), and the `chart_months` months up to today's."""
        ...

    async def member_records(self, guild_id: int, user_id: int) -> list[Record]:
        """All-time records, shortest distance first: the fastest run of each distance, then (`inside_run`)
        the fastest stretch of each effort distance inside a longer imported run."""
        ...

    async def import_candidates(self, guild_id: int, user_id: int, first: date, last: date) -> list[KnownRun]:
        """The member's runs dated `first`..`last` (local dates), for the duplicate check of an import."""
        ...

    async def import_runs(
        self, guild_id: int, user_id: int, runs: list[ImportedRun], then: WithRuns | None = None
    ) -> ImportSummary:
        """Store the runs and their best efforts in one transaction (nothing on failure), `then` included."""
        ...

    async def week_and_streak(self, guild_id: int, user_id: int, today: date) -> tuple[float, int]:
        """Metres run this week up to today, and the current weekly streak."""
        ...

    async def shoes(self, guild_id: int, user_id: int, active_only: bool = False) -> list[Shoe]: ...

    async def profile(self, guild_id: int, user_id: int) -> Profile: ...
