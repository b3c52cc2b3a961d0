"""Full-text search of tips on SQLite: FTS5 indexes per scope, kept up to date as bot/db/tips.py writes.

One index of the built-ins, and one per server with tips of its own holding the built-ins and that
server's tips (migration 0006): a search reads one index, whose bm25 statistics are its server's, so a big
server never slows (or skews) another's. A server's index is (re)built on first use and after each library
update (tip_scopes.library is the library version it holds; -1 = not built yet). `SqliteTipSearch` is the
store's (`bot.db.store.Store.tips`), and remembers per database what it learnt for a minute.
"""

from __future__ import annotations

import re
import time

from bot.advice.models import Tip, TopPick
from bot.db.engine import Database, Tx, fetch_row, fetch_value
from bot.db.tip_rows import COLUMNS, STAMP, VISIBLE, tip_from_row

_FTS_OPTIONS = "title, body, tags, content='', tokenize='porter unicode61 remove_diacritics 2'"
BUILTIN_SCOPE = 0
_REMEMBER_S = 60.0


def _fts(scope: int) -> str:
    return "tips_fts_builtin" if scope == BUILTIN_SCOPE else f"tips_fts_s{int(scope)}"


async def _library_version(tx: Database | Tx) -> int:
    row = await tx.fetchone("SELECT value FROM meta WHERE key = 'library_version'")
    return int(row["value"]) if row else 0


async def rebuild_builtins(tx: Tx) -> None:
    """After a library update: a few hundred rows, rebuilding is simpler than tracking each old text.
    Servers' indexes are rebuilt with the new library on their next search."""
    builtin = _fts(BUILTIN_SCOPE)
    await tx.execute(f"INSERT INTO {builtin} ({builtin}) VALUES ('delete-all')")
    await tx.execute(
        f"INSERT INTO {builtin} (rowid, title, body, tags) SELECT id, title, body, tags FROM tips"
        " WHERE guild_id IS NULL"
    )
    await tx.execute(f"INSERT INTO {builtin} ({builtin}) VALUES ('optimize')")  # one segment: see _build


async def _build(tx: Tx, guild_id: int, scope: int) -> int:
    table = _fts(scope)
    await tx.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5({_FTS_OPTIONS})")
    await tx.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
    await tx.execute(
        f"INSERT INTO {table} (rowid, title, body, tags) SELECT id, title, body, tags FROM tips"
        " WHERE guild_id IS NULL OR guild_id = ?",
        (guild_id,),
    )
    # Merged into one segment: a search then reads each phrase's list once, not once per segment (bm25 over the
    # built-ins: about half the time). The same rankings; later single-tip writes add small segments again.
    await tx.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
    await tx.execute("UPDATE tip_scopes SET library = ? WHERE scope = ?", (await _library_version(tx), scope))
    return scope


async def unindex(tx: Tx, scope: int, tip_id: int) -> None:
    """Take a tip out of its index; a contentless index needs the text it was given."""
    row = await tx.fetchone("SELECT title, body, tags FROM tips WHERE id = ?", (tip_id,))
    if row is not None:
        await tx.execute(
            f"INSERT INTO {_fts(scope)} ({_fts(scope)}, rowid, title, body, tags) VALUES ('delete', ?, ?, ?, ?)",
            (tip_id, row["title"], row["body"], row["tags"]),
        )


async def index(tx: Tx, scope: int, tip_id: int) -> None:
    await tx.execute(
        f"INSERT INTO {_fts(scope)} (rowid, title, body, tags) SELECT id, title, body, tags FROM tips WHERE id = ?",
        (tip_id,),
    )


def search_sql(table: str) -> str:
    """Rank inside FTS first and keep the best `limit` visible tips by id and score alone; only then read
    their text and votes. Sorting every match with its text cost more than ranking them. The visibility
    check reads the small index of migration 0013, not each match's row with its text (named: without
    statistics the planner takes the row)."""
    return (
        f"SELECT {COLUMNS}, best.score, coalesce((SELECT sum(v.vote) FROM tip_votes v"
        " WHERE v.guild_id = :guild AND v.tip_id = best.id), 0) AS votes FROM ("
        " SELECT t.id, hits.rank * (CASE WHEN t.topic = :topic THEN 2.0 ELSE 1.0 END) AS score"
        f" FROM (SELECT rowid AS id, bm25({table}, 4.0, 1.0, 2.0) AS rank FROM {table} WHERE {table} MATCH :match)"
        f" AS hits JOIN tips t INDEXED BY tips_visibility ON t.id = hits.id WHERE {VISIBLE}"
        " ORDER BY score LIMIT :limit) AS best JOIN tips t ON t.id = best.id ORDER BY best.score"
    )


def top_sql(table: str) -> str:
    """search_sql's best candidates by id and score, re-ranked and picked by the TopPick policy with their topic,
    tags and votes only, and then the text of the few picked. The re-ranking is bot/advice/services/search.py's
    pick_top(self_care_first(…)) over vote_factor, written as window functions."""
    return (
        "WITH best AS (SELECT t.id, hits.rank * (CASE WHEN t.topic = :topic THEN 2.0 ELSE 1.0 END) AS score"
        f" FROM (SELECT rowid AS id, bm25({table}, 4.0, 1.0, 2.0) AS rank FROM {table} WHERE {table} MATCH :match)"
        f" AS hits JOIN tips t INDEXED BY tips_visibility ON t.id = hits.id WHERE {VISIBLE}"
        " ORDER BY score LIMIT :candidates),"
        " scored AS (SELECT best.id, t.topic, best.score * (1.0 + :vote_weight * tanh(coalesce((SELECT sum(v.vote)"
        " FROM tip_votes v WHERE v.guild_id = :guild AND v.tip_id = best.id), 0) / :vote_scale)) AS ranked,"
        " CASE WHEN :self_care AND (t.topic = :referral OR instr(',' || t.tags, :redflag) > 0) THEN 1 ELSE 0 END"
        " AS referral FROM best JOIN tips t ON t.id = best.id WHERE best.id IS NOT :exclude),"
        " ordered AS (SELECT id, ranked, referral, row_number() OVER (PARTITION BY topic ORDER BY referral, ranked,"
        " id) AS nth FROM scored),"
        " picked AS (SELECT id, ranked, referral, CASE WHEN :per_topic > 0 AND nth > :per_topic THEN 1 ELSE 0 END"
        " AS over FROM ordered ORDER BY over, referral, ranked, id LIMIT :show)"
        f" SELECT {COLUMNS}, {STAMP} AS stamp FROM picked JOIN tips t ON t.id = picked.id"
        " ORDER BY picked.over, picked.referral, picked.ranked, picked.id"
    )


class SqliteTipSearch:
    """The store's search of tips (`bot.db.store.TipSearch`), with what it remembers of each server."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # Built scopes and how many tips of its own each server had, remembered for a minute (the count only
        # decides how a search is planned); forgotten when the library changes.
        self._known_scopes: dict[int, tuple[int, int, float]] = {}
        # Phrase counts of big servers, for a minute: they only steer which words a search uses.
        self._known_counts: dict[tuple[int, str], tuple[int, float]] = {}

    def forget(self) -> None:
        self._known_scopes.clear()

    def _forget_scope(self, guild_id: int) -> None:
        self._known_scopes.pop(guild_id, None)

    async def _search_scope(self, guild_id: int) -> int:
        """The index a search of this server reads: its own, or the built-ins' when it has no tips of its own."""
        return (await self._scope_info(guild_id))[0]

    async def server_tip_count(self, guild_id: int) -> int:
        """How many tips of its own the server has (as of up to a minute ago)."""
        return (await self._scope_info(guild_id))[1]

    async def _scope_info(self, guild_id: int) -> tuple[int, int]:
        known = self._known_scopes
        now = time.monotonic()
        if guild_id in known and known[guild_id][2] > now:
            return known[guild_id][:2]
        row = await fetch_row(
            self.db,
            "SELECT (SELECT scope FROM tip_scopes WHERE guild_id = :guild) AS scope,"
            " (SELECT library FROM tip_scopes WHERE guild_id = :guild) AS library,"
            " (SELECT value FROM meta WHERE key = 'library_version') AS version,"
            " (SELECT count(*) FROM tips WHERE guild_id = :guild) AS own",
            {"guild": guild_id},
        )
        if row["scope"] is None:  # no tips of its own: the built-ins' index, until its first tip (server_scope)
            known[guild_id] = (BUILTIN_SCOPE, 0, now + _REMEMBER_S)
            return BUILTIN_SCOPE, 0
        if row["library"] != int(row["version"] or 0):
            async with self.db.transaction() as tx:  # first search since a library update (or since migration 0006)
                await self.server_scope(tx, guild_id)
        known[guild_id] = (row["scope"], row["own"], now + _REMEMBER_S)
        return row["scope"], row["own"]

    async def server_scope(self, tx: Tx, guild_id: int) -> int:
        """The server's own index, created or brought up to date first (for a write to the server's tips)."""
        row = await tx.fetchone("SELECT scope, library FROM tip_scopes WHERE guild_id = ?", (guild_id,))
        if row is None:
            self._forget_scope(guild_id)  # searches of this server read the built-ins' index until now
            return await _build(
                tx, guild_id, await tx.insert("INSERT INTO tip_scopes (guild_id) VALUES (?)", (guild_id,))
            )
        if row["library"] != await _library_version(tx):
            return await _build(tx, guild_id, row["scope"])
        return row["scope"]

    async def index_server(self, guild_id: int) -> None:
        """Make sure the server's index exists and holds its tips (tips written around bot/db/tips.py, e.g. by a
        bulk load, need it; its functions keep it up to date themselves)."""
        self._forget_scope(guild_id)
        async with self.db.transaction() as tx:
            await tx.execute("INSERT OR IGNORE INTO tip_scopes (guild_id) VALUES (?)", (guild_id,))
            scope = await fetch_value(tx, "SELECT scope FROM tip_scopes WHERE guild_id = ?", (guild_id,))
            await _build(tx, guild_id, scope)

    async def before_write(self, tx: Tx, guild_id: int) -> int | None:
        return await self.server_scope(tx, guild_id)

    async def index(self, tx: Tx, scope: int | None, tip_id: int) -> None:
        if scope is not None:
            await index(tx, scope, tip_id)

    async def unindex(self, tx: Tx, scope: int | None, tip_id: int) -> None:
        if scope is not None:
            await unindex(tx, scope, tip_id)

    async def library_changed(self, tx: Tx) -> None:
        await rebuild_builtins(tx)

    async def server_frequencies(self, guild_id: int, phrases: list[str]) -> dict[str, int]:
        """In how many of the tips the server sees each phrase (FTS syntax, quoted) occurs, as the index stems it."""
        known = self._known_counts
        now = time.monotonic()
        counts = {p: hit[0] for p in phrases if (hit := known.get((guild_id, p))) and hit[1] > now}
        missing = [p for p in dict.fromkeys(phrases) if p not in counts]
        if missing:
            table = _fts(await self._search_scope(guild_id))
            row = await fetch_row(
                self.db,
                "SELECT " + ", ".join(f"(SELECT count(*) FROM {table} WHERE {table} MATCH ?)" for _ in missing),
                missing,
            )
            if len(known) > 10_000:
                known.clear()
            for phrase, n in zip(missing, row, strict=True):
                counts[phrase] = n
                known[(guild_id, phrase)] = (n, now + _REMEMBER_S)
        return counts

    async def search(self, guild_id: int, match: str, topic: str | None, limit: int) -> list[tuple[Tip, float, int]]:
        """(tip, bm25 score with topic boost, net votes), best first, over this server's tips and the built-ins.
        bm25 is lower-is-better."""
        rows = await self.db.fetchall(
            search_sql(_fts(await self._search_scope(guild_id))),
            {"guild": guild_id, "match": match, "topic": topic, "limit": limit},
        )
        return [(tip_from_row(r), r[-2], r[-1]) for r in rows]  # ... score, votes

    async def search_top(
        self, guild_id: int, match: str, topic: str | None, pick: TopPick
    ) -> tuple[list[Tip], int | None]:
        """The tips /advice shows for a full-text query, picked by `pick` in the database: only they are read; with
        the server's change stamp as of that read (None when nothing matched)."""
        rows = await self.db.fetchall(
            top_sql(_fts(await self._search_scope(guild_id))),
            {
                "guild": guild_id,
                "match": match,
                "topic": topic,
                "candidates": pick.candidates,
                "show": pick.show,
                "per_topic": pick.per_topic,
                "self_care": int(pick.self_care_first),
                "vote_weight": pick.vote_weight,
                "vote_scale": pick.vote_scale,
                "referral": pick.referral_topic,
                "redflag": "," + pick.redflag_tag,
                "exclude": pick.exclude,
            },
        )
        return [tip_from_row(r) for r in rows], (rows[0]["stamp"] if rows else None)

    async def tagged(self, guild_id: int, tags: list[str], limit: int) -> list[Tip]:
        """Visible tips carrying any of the tags (matched as whole tags through the full-text index)."""
        if not tags:
            return []
        phrases = " OR ".join('"' + " ".join(re.findall(r"[^\W_]+", tag.lower())) + '"' for tag in tags)
        table = _fts(await self._search_scope(guild_id))
        rows = await self.db.fetchall(
            f"SELECT {COLUMNS} FROM tips t WHERE t.id IN (SELECT rowid FROM {table} WHERE {table} MATCH :match)"
            f" AND {VISIBLE} ORDER BY t.guild_id IS NULL, t.id LIMIT :limit",
            {"guild": guild_id, "match": f"tags : ({phrases})", "limit": limit},
        )
        wanted = set(tags)
        return [tip for tip in map(tip_from_row, rows) if wanted & set(tip.tags)]
