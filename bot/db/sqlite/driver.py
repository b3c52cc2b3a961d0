"""The SQLite engine's parts beside its `SqliteDatabase`, for the store (`bot.db.store.Driver`)."""

from __future__ import annotations

from bot.db.engine import Params
from bot.db.leaderboard import board_sql
from bot.db.members import load_notices
from bot.db.sqlite.database import SqliteDatabase
from bot.db.sqlite.digest_reads import SqliteDigestReads
from bot.db.sqlite.run_storage import SqliteRunStorage
from bot.db.sqlite.tips_search import SqliteTipSearch
from bot.db.store import Statements, Store


def _builtins_dropped(keys: list[str]) -> tuple[str, Params]:
    return f"builtin_key NOT IN ({','.join('?' * len(keys))})", keys


STATEMENTS = Statements(
    # An index-only range scan of runs_guild_date (guild_id, run_date, user_id, distance_m). INDEXED BY pins it:
    # with ANALYZE statistics the planner may otherwise pick runs_member_date to save the GROUP BY sort and
    # read every run the server ever logged (200k rows for a 2k-member server) instead of one week's.
    leaderboard=board_sql("runs r INDEXED BY runs_guild_date"),
    same_shoe_name="s.name = ? COLLATE NOCASE",  # the collation of the shoes' unique index
    shoes_by_name="s.name",  # BINARY: byte by byte
    rows_differ="IS NOT",  # row values: SQLite before 3.39 lacks IS DISTINCT FROM
    builtins_dropped=_builtins_dropped,
    snapshot=None,  # one connection, one writer: a transaction reads one snapshot already
    claim_lock="",  # one writer, and one dispatcher per file
)


class SqliteDriver:
    def __init__(self, db: SqliteDatabase) -> None:
        self.db = db
        self.statements = STATEMENTS

    def attach(self, store: Store) -> None:
        self.db.store = store

    def run_storage(self, store: Store) -> SqliteRunStorage:
        return SqliteRunStorage(store, self.db)

    def tip_search(self, store: Store) -> SqliteTipSearch:
        return SqliteTipSearch(store)

    def digest_reads(self, store: Store) -> SqliteDigestReads:
        return SqliteDigestReads(store)

    async def start_member_cache(self, store: Store) -> None:
        # This process is the file's only writer: the cache holds from the start.
        await load_notices(store)
