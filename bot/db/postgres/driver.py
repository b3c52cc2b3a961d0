"""The PostgreSQL engine's parts beside its `PgDatabase`, for the store (`bot.db.store.Driver`)."""

from __future__ import annotations

from bot.db.engine import Params
from bot.db.leaderboard import board_sql
from bot.db.members import MEMBER_CHANNEL, load_notices
from bot.db.postgres.database import PgDatabase
from bot.db.postgres.digest_reads import PgDigestReads
from bot.db.postgres.run_storage import PgRunStorage
from bot.db.postgres.tips_search import PgTipSearch
from bot.db.store import Statements, Store


def _builtins_dropped(keys: list[str]) -> tuple[str, Params]:
    return "builtin_key <> ALL(CAST(? AS TEXT[]))", [keys]  # PostgreSQL has no empty IN list


STATEMENTS = Statements(
    leaderboard=board_sql("runs r"),  # no index hints: the planner costs the range on its own statistics
    same_shoe_name="lower(s.name) = lower(?)",  # the shoes' unique index is on lower(name)
    shoes_by_name='s.name COLLATE "C"',  # byte by byte, as on SQLite, whatever the server's locale
    rows_differ="IS DISTINCT FROM",
    builtins_dropped=_builtins_dropped,
    snapshot="SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",  # read committed: one per statement
    claim_lock=" FOR UPDATE SKIP LOCKED",  # every process runs a dispatcher on the shared tables
)


class PgDriver:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db
        self.statements = STATEMENTS

    def attach(self, store: Store) -> None:
        self.db.store = store

    def run_storage(self, store: Store) -> PgRunStorage:
        return PgRunStorage(store)

    def tip_search(self, store: Store) -> PgTipSearch:
        return PgTipSearch(store)

    def digest_reads(self, store: Store) -> PgDigestReads:
        return PgDigestReads(store)

    async def start_member_cache(self, store: Store) -> None:
        """Hear every change to members (its trigger notifies MEMBER_CHANNEL): the cache is trusted from then
        on, while the listener holds."""
        cache = store.members

        async def ready() -> None:  # listening again: what changed meanwhile went unheard, so start afresh
            cache.lost()
            await load_notices(store)
            cache.trusted = True

        await self.db.listen(MEMBER_CHANNEL, cache.heard, ready, cache.lost)
