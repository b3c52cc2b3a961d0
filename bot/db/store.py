"""The store: one open database and everything Stride keeps beside it while it is open.

The bot opens one in `setup_hook` (`bot.db.factory.open_store`) and every service receives it. It runs
statements as a `Database` does (its `transaction`, `unit`, `fetchall` and `fetchone` are the database's
own), and it owns the per-database state: the member cache, the run storage, the tips search with its
caches, the weekly digest's reads, and the statements whose SQL differs between the engines. Each engine's
parts come from its package (`bot.db.sqlite.driver`, `bot.db.postgres.driver`); this module knows neither engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from bot.db.engine import Database, Dialect, Params, Tx
from bot.db.members import MemberCache

if TYPE_CHECKING:
    from datetime import date, datetime

    from bot.advice.models import Tip, TopPick
    from bot.club.digest import Digest
    from bot.db.storage import RunStorage


@dataclass(frozen=True, slots=True)
class Statements:
    """The SQL the shared modules need where the engines' dialects differ (each engine's `driver.py`)."""

    leaderboard: str  # bot.db.leaderboard's board, with the engine's index hint
    same_shoe_name: str  # a shoe name compared with `?`, whatever the case
    shoes_by_name: str  # ORDER BY term: shoe names byte by byte, whatever the server's locale
    rows_differ: str  # compares two row values, NULLs as equal values
    builtins_dropped: Callable[[list[str]], tuple[str, Params]]  # WHERE term and parameters: builtin_key not listed
    snapshot: str | None  # the statement that makes a transaction read one snapshot (None: it already does)
    # Ends a SELECT of due rows a dispatcher claims: locks them, passing by rows another dispatcher is claiming
    # right now (bot.db.reminders, bot.db.outbox); empty where one writer needs nothing.
    claim_lock: str


class TipSearch(Protocol):
    """Full-text search of tips, the engine's own (and any index it keeps beside the tips table)."""

    async def server_tip_count(self, guild_id: int) -> int:
        """How many tips of its own the server has (as of up to a minute ago)."""
        ...

    async def server_frequencies(self, guild_id: int, phrases: list[str]) -> dict[str, int]:
        """In how many of the tips the server sees each phrase (quoted, FTS5 syntax) occurs, as the index stems it."""
        ...

    async def search(self, guild_id: int, match: str, topic: str | None, limit: int) -> list[tuple[Tip, float, int]]:
        """(tip, bm25 score with topic boost, net votes), best first, over this server's tips and the built-ins.

        `match` is an OR of quoted phrases (FTS5 syntax, which the PostgreSQL search reads too); a phrase given
        twice weighs double. The score is lower-is-better (bm25 as FTS5 reports it, negative)."""
        ...

    async def search_top(
        self, guild_id: int, match: str, topic: str | None, pick: TopPick
    ) -> tuple[list[Tip], int | None]:
        """The tips /advice shows for `match` (as `search`), picked in the database by `pick`: only they are read;
        with the server's change stamp as of that read (None when nothing matched)."""
        ...

    async def tagged(self, guild_id: int, tags: list[str], limit: int) -> list[Tip]:
        """Visible tips carrying any of the tags (whole tags), the server's own first."""
        ...

    async def before_write(self, tx: Tx, guild_id: int) -> int | None:
        """Before a server's tip is written: the index its tips are in (None when the engine keeps none)."""
        ...

    async def index(self, tx: Tx, scope: int | None, tip_id: int) -> None:
        """Put a tip (as now stored) into the index `before_write` gave."""
        ...

    async def unindex(self, tx: Tx, scope: int | None, tip_id: int) -> None:
        """Take a tip (as still stored) out of the index `before_write` gave."""
        ...

    async def library_changed(self, tx: Tx) -> None:
        """The built-in rows changed in this transaction."""
        ...

    def forget(self) -> None:
        """Drop what is remembered about the servers' tips (after a library update)."""
        ...

    async def index_server(self, guild_id: int) -> None:
        """Make sure the server's tips are searchable after a write around bot.db.tips (e.g. a bulk load)."""
        ...


class DigestReads(Protocol):
    """The weekly digest's reads of one server in one statement, the engine's own (bot.db.digest_reads)."""

    async def read(self, guild_id: int, monday: date, today: date, due: datetime) -> Digest:
        """Last week's (from `monday`) and the week before's totals, last week's records, the challenges
        active at `due` (the server's `today`) with their top 3, the group runs of the 7 days from `due` and
        the shared races of the 7 days from `today`."""
        ...


class Driver(Protocol):
    """One engine's parts beside its `Database`."""

    statements: Statements

    def attach(self, store: Store) -> None:
        """Make the database's units of work carry `store` (`Tx.store`)."""
        ...

    def run_storage(self, store: Store) -> RunStorage: ...

    def tip_search(self, store: Store) -> TipSearch: ...

    def digest_reads(self, store: Store) -> DigestReads: ...

    async def start_member_cache(self, store: Store) -> None:
        """Make the member cache answer (see bot.db.members.MemberCache) from now on, as far as it can."""
        ...


class Store:
    """A `Database` with the state kept beside it; its transactions carry it (`tx.store`)."""

    def __init__(self, db: Database, driver: Driver) -> None:
        self.db = db
        self.driver = driver
        self.dialect: Dialect = db.dialect
        self.exclusive: bool = db.exclusive
        self.where: str = db.where
        # The database's own methods, not wrappers: a command's statements pay no extra call.
        self.transaction = db.transaction
        self.unit = db.unit
        self.fetchall = db.fetchall
        self.fetchone = db.fetchone
        self.migrate = db.migrate
        self.integrity_problems = db.integrity_problems
        self.statements = driver.statements
        self.members = MemberCache(trusted=db.exclusive)
        self.runs: RunStorage = driver.run_storage(self)
        self.tips: TipSearch = driver.tip_search(self)
        self.digests: DigestReads = driver.digest_reads(self)
        # /advice answers as read, with the server's change stamp at that read (bot.advice.services.search).
        self.advice_answers: dict[tuple[object, ...], tuple[int, tuple[Tip, ...]]] = {}
        # Who to wake when a transaction that queued a post commits: the dispatcher running on this store.
        self.post_wakers: list[Callable[[], None]] = []
        driver.attach(self)

    @property
    def store(self) -> Store:
        """Itself: code given a store or a unit of work (`Store | Tx`) reaches the store as `.store`."""
        return self

    async def close(self) -> None:
        await self.db.close()
