"""Tips: built-in library rows, each server's own tips, hides, votes and the audit log."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from weakref import WeakKeyDictionary

from bot.advice.models import Tip, TipFields
from bot.db.connection import Database, Tx
from bot.db.members import now_iso

# A tip is visible in a server when it is the server's own, or a built-in the server has not hidden.
VISIBLE = (
    "t.deleted = 0 AND (t.guild_id = :guild OR (t.guild_id IS NULL AND NOT EXISTS"
    " (SELECT 1 FROM hidden_tips h WHERE h.guild_id = :guild AND h.tip_id = t.id)))"
)
_COLUMNS = "t.id, t.guild_id, t.builtin_key, t.topic, t.kind, t.title, t.body, t.source, t.tags, t.deleted"


def _tip(row) -> Tip:
    return Tip(
        id=row["id"],
        topic=row["topic"],
        kind=row["kind"],
        title=row["title"],
        body=row["body"],
        source=row["source"],
        tags=tuple(t for t in row["tags"].split(",") if t),
        builtin=row["guild_id"] is None,
        deleted=bool(row["deleted"]),
        builtin_key=row["builtin_key"],
    )


async def sync_builtins(db: Database, version: int, tips: Iterable[tuple[str, TipFields]]) -> int:
    """Make the built-in rows match the shipped library; return how many rows changed.

    Built-ins live in their own rows (guild_id NULL), so an update never touches a server's
    own tips, hides or votes. Skipped entirely when the stored library version is current.
    """
    async with db.transaction() as tx:
        row = await tx.fetchone("SELECT value FROM meta WHERE key = 'library_version'")
        if row is not None and int(row["value"]) >= version:
            return 0
        now, changed, keys = now_iso(), 0, []
        for key, f in tips:
            keys.append(key)
            changed += await tx.execute(
                "INSERT INTO tips (builtin_key, topic, kind, title, body, source, tags, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (builtin_key) DO UPDATE SET"
                " topic = excluded.topic, kind = excluded.kind, title = excluded.title, body = excluded.body,"
                " source = excluded.source, tags = excluded.tags, deleted = 0, updated_at = excluded.updated_at"
                " WHERE (topic, kind, title, body, source, tags, deleted)"
                " IS NOT (excluded.topic, excluded.kind, excluded.title, excluded.body, excluded.source,"
                " excluded.tags, 0)",
                (key, f.topic, f.kind, f.title, f.body, f.source, ",".join(f.tags), now, now),
            )
        placeholders = ",".join("?" * len(keys))
        changed += await tx.execute(
            f"UPDATE tips SET deleted = 1 WHERE guild_id IS NULL AND deleted = 0"
            f" AND builtin_key NOT IN ({placeholders})",
            keys,
        )
        if changed:  # a few hundred rows: rebuilding is simpler than tracking each old text
            builtin = _fts(BUILTIN_SCOPE)
            await tx.execute(f"INSERT INTO {builtin} ({builtin}) VALUES ('delete-all')")
            await tx.execute(
                f"INSERT INTO {builtin} (rowid, title, body, tags) SELECT id, title, body, tags FROM tips"
                " WHERE guild_id IS NULL"
            )
            await tx.execute(f"INSERT INTO {builtin} ({builtin}) VALUES ('optimize')")  # one segment: see _build
        await tx.execute(
            "INSERT INTO meta (key, value) VALUES ('library_version', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(version),),
        )
    _known_scopes.pop(db, None)  # servers' indexes are rebuilt with the new library on their next search
    return changed


# --- full-text indexes (migration 0006) ----------------------------------------------------------------
# One index of the built-ins, and one per server with tips of its own holding the built-ins and that
# server's tips: a search reads one index, whose bm25 statistics are its server's, so a big server never
# slows (or skews) another's. A server's index is (re)built on first use and after each library update
# (tip_scopes.library is the library version it holds; -1 = not built yet).

_FTS_OPTIONS = "title, body, tags, content='', tokenize='porter unicode61 remove_diacritics 2'"
BUILTIN_SCOPE = 0
# Built scopes and how many tips of its own each server had, remembered per open database for a minute
# (the count only decides how a search is planned); forgotten when the library changes.
_known_scopes: WeakKeyDictionary[Database, dict[int, tuple[int, int, float]]] = WeakKeyDictionary()
_REMEMBER_S = 60.0


def _fts(scope: int) -> str:
    return "tips_fts_builtin" if scope == BUILTIN_SCOPE else f"tips_fts_s{int(scope)}"


async def _library_version(tx: Database | Tx) -> int:
    row = await tx.fetchone("SELECT value FROM meta WHERE key = 'library_version'")
    return int(row["value"]) if row else 0


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


async def _server_scope(tx: Tx, guild_id: int) -> int:
    """The server's own index, created or brought up to date first (for a write to the server's tips)."""
    row = await tx.fetchone("SELECT scope, library FROM tip_scopes WHERE guild_id = ?", (guild_id,))
    if row is None:
        _forget_scope(tx.db, guild_id)  # searches of this server read the built-ins' index until now
        return await _build(tx, guild_id, await tx.insert("INSERT INTO tip_scopes (guild_id) VALUES (?)", (guild_id,)))
    if row["library"] != await _library_version(tx):
        return await _build(tx, guild_id, row["scope"])
    return row["scope"]


async def index_server(db: Database, guild_id: int) -> None:
    """Make sure the server's index exists and holds its tips (tips written around this module, e.g. by a
    bulk load, need it; the functions here keep it up to date themselves)."""
    _forget_scope(db, guild_id)
    async with db.transaction() as tx:
        await tx.execute("INSERT OR IGNORE INTO tip_scopes (guild_id) VALUES (?)", (guild_id,))
        row = await tx.fetchone("SELECT scope FROM tip_scopes WHERE guild_id = ?", (guild_id,))
        await _build(tx, guild_id, row["scope"])


def _forget_scope(db: Database, guild_id: int) -> None:
    _known_scopes.get(db, {}).pop(guild_id, None)


async def _search_scope(db: Database, guild_id: int) -> int:
    """The index a search of this server reads: its own, or the built-ins' when it has no tips of its own."""
    return (await _scope_info(db, guild_id))[0]


async def server_tip_count(db: Database, guild_id: int) -> int:
    """How many tips of its own the server has (as of up to a minute ago)."""
    return (await _scope_info(db, guild_id))[1]


async def _scope_info(db: Database, guild_id: int) -> tuple[int, int]:
    known = _known_scopes.setdefault(db, {})
    now = time.monotonic()
    if guild_id in known and known[guild_id][2] > now:
        return known[guild_id][:2]
    row = await db.fetchone(
        "SELECT (SELECT scope FROM tip_scopes WHERE guild_id = :guild) AS scope,"
        " (SELECT library FROM tip_scopes WHERE guild_id = :guild) AS library,"
        " (SELECT value FROM meta WHERE key = 'library_version') AS version,"
        " (SELECT count(*) FROM tips WHERE guild_id = :guild) AS own",
        {"guild": guild_id},
    )
    if row["scope"] is None:  # no tips of its own: the built-ins' index, until its first tip (_server_scope)
        known[guild_id] = (BUILTIN_SCOPE, 0, now + _REMEMBER_S)
        return BUILTIN_SCOPE, 0
    if row["library"] != int(row["version"] or 0):
        async with db.transaction() as tx:  # first search since a library update (or since migration 0006)
            await _server_scope(tx, guild_id)
    known[guild_id] = (row["scope"], row["own"], now + _REMEMBER_S)
    return row["scope"], row["own"]


async def _unindex(tx: Tx, scope: int, tip_id: int) -> None:
    """Take a tip out of its index; a contentless index needs the text it was given."""
    row = await tx.fetchone("SELECT title, body, tags FROM tips WHERE id = ?", (tip_id,))
    if row is not None:
        await tx.execute(
            f"INSERT INTO {_fts(scope)} ({_fts(scope)}, rowid, title, body, tags) VALUES ('delete', ?, ?, ?, ?)",
            (tip_id, row["title"], row["body"], row["tags"]),
        )


async def _index(tx: Tx, scope: int, tip_id: int) -> None:
    await tx.execute(
        f"INSERT INTO {_fts(scope)} (rowid, title, body, tags) SELECT id, title, body, tags FROM tips WHERE id = ?",
        (tip_id,),
    )


# Phrase counts of big servers, per open database, for a minute: they only steer which words a search uses.
_known_counts: WeakKeyDictionary[Database, dict[tuple[int, str], tuple[int, float]]] = WeakKeyDictionary()


async def server_frequencies(db: Database, guild_id: int, phrases: list[str]) -> dict[str, int]:
    """In how many of the tips the server sees each phrase (FTS syntax, quoted) occurs, as the index stems it."""
    known = _known_counts.setdefault(db, {})
    now = time.monotonic()
    counts = {p: hit[0] for p in phrases if (hit := known.get((guild_id, p))) and hit[1] > now}
    missing = [p for p in dict.fromkeys(phrases) if p not in counts]
    if missing:
        table = _fts(await _search_scope(db, guild_id))
        row = await db.fetchone(
            "SELECT " + ", ".join(f"(SELECT count(*) FROM {table} WHERE {table} MATCH ?)" for _ in missing), missing
        )
        if len(known) > 10_000:
            known.clear()
        for phrase, n in zip(missing, row, strict=True):
            counts[phrase] = n
            known[(guild_id, phrase)] = (n, now + _REMEMBER_S)
    return counts


async def search(
    db: Database, guild_id: int, match: str, topic: str | None, limit: int
) -> list[tuple[Tip, float, int]]:
    """(tip, bm25 score with topic boost, net votes), best first, over this server's tips and the built-ins.
    bm25 is lower-is-better."""
    table = _fts(await _search_scope(db, guild_id))
    # Rank inside FTS first, keep the best `limit` visible tips, and only then look up their votes.
    rows = await db.fetchall(
        "SELECT best.*, coalesce((SELECT sum(v.vote) FROM tip_votes v"
        " WHERE v.guild_id = :guild AND v.tip_id = best.id), 0) AS votes FROM ("
        f" SELECT {_COLUMNS}, hits.rank * (CASE WHEN t.topic = :topic THEN 1.5 ELSE 1.0 END) AS score"
        f" FROM (SELECT rowid AS id, bm25({table}, 4.0, 1.0, 2.0) AS rank FROM {table} WHERE {table} MATCH :match)"
        f" AS hits JOIN tips t ON t.id = hits.id WHERE {VISIBLE}"
        " ORDER BY score LIMIT :limit) AS best ORDER BY score",
        {"guild": guild_id, "match": match, "topic": topic, "limit": limit},
    )
    return [(_tip(r), r["score"], r["votes"]) for r in rows]


async def by_topic(db: Database | Tx, guild_id: int, topic: str | None, limit: int, offset: int = 0) -> list[Tip]:
    topic_filter = " AND t.topic = :topic" if topic else ""
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM tips t WHERE {VISIBLE}{topic_filter}"
        " ORDER BY coalesce((SELECT sum(v.vote) FROM tip_votes v WHERE v.guild_id = :guild"
        " AND v.tip_id = t.id), 0) DESC, t.guild_id IS NULL, t.id LIMIT :limit OFFSET :offset",
        {"guild": guild_id, "topic": topic, "limit": limit, "offset": offset},
    )
    return [_tip(r) for r in rows]


async def count_visible(db: Database | Tx, guild_id: int, topic: str | None = None) -> int:
    topic_filter = " AND t.topic = :topic" if topic else ""
    row = await db.fetchone(
        f"SELECT count(*) FROM tips t WHERE {VISIBLE}{topic_filter}", {"guild": guild_id, "topic": topic}
    )
    return row[0]


async def topics(db: Database, guild_id: int) -> list[tuple[str, int]]:
    rows = await db.fetchall(
        f"SELECT t.topic, count(*) AS n FROM tips t WHERE {VISIBLE} GROUP BY t.topic ORDER BY t.topic",
        {"guild": guild_id},
    )
    return [(r["topic"], r["n"]) for r in rows]


async def of_kind(db: Database, guild_id: int, kind: str) -> list[Tip]:
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM tips t WHERE {VISIBLE} AND t.kind = :kind ORDER BY t.id",
        {"guild": guild_id, "kind": kind},
    )
    return [_tip(r) for r in rows]


async def get_tip(db: Database | Tx, guild_id: int, tip_id: int) -> Tip | None:
    """A built-in or one of this server's tips (deleted ones too), never another server's."""
    row = await db.fetchone(
        f"SELECT {_COLUMNS} FROM tips t WHERE t.id = ? AND (t.guild_id = ? OR t.guild_id IS NULL)",
        (tip_id, guild_id),
    )
    return _tip(row) if row else None


async def is_hidden(db: Database | Tx, guild_id: int, tip_id: int) -> bool:
    row = await db.fetchone("SELECT 1 FROM hidden_tips WHERE guild_id = ? AND tip_id = ?", (guild_id, tip_id))
    return row is not None


async def set_hidden(tx: Tx, guild_id: int, tip_id: int, hidden: bool) -> None:
    if hidden:
        await tx.execute("INSERT OR IGNORE INTO hidden_tips (guild_id, tip_id) VALUES (?, ?)", (guild_id, tip_id))
    else:
        await tx.execute("DELETE FROM hidden_tips WHERE guild_id = ? AND tip_id = ?", (guild_id, tip_id))


async def server_tips(db: Database | Tx, guild_id: int, include_deleted: bool = False) -> list[Tip]:
    deleted = "" if include_deleted else " AND t.deleted = 0"
    rows = await db.fetchall(f"SELECT {_COLUMNS} FROM tips t WHERE t.guild_id = ?{deleted} ORDER BY t.id", (guild_id,))
    return [_tip(r) for r in rows]


async def count_server_tips(db: Database | Tx, guild_id: int) -> int:
    row = await db.fetchone("SELECT count(*) FROM tips WHERE guild_id = ? AND deleted = 0", (guild_id,))
    return row[0]


async def insert_tip(tx: Tx, guild_id: int, user_id: int, f: TipFields) -> int:
    now = now_iso()
    scope = await _server_scope(tx, guild_id)
    tip_id = await tx.insert(
        "INSERT INTO tips (guild_id, topic, kind, title, body, source, tags, created_by, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (guild_id, f.topic, f.kind, f.title, f.body, f.source, ",".join(f.tags), user_id, now, now),
    )
    await _index(tx, scope, tip_id)
    return tip_id


async def update_tip(tx: Tx, guild_id: int, tip_id: int, f: TipFields) -> None:
    scope = await _server_scope(tx, guild_id)
    owned = await tx.fetchone("SELECT 1 FROM tips WHERE id = ? AND guild_id = ?", (tip_id, guild_id))
    if owned is None:
        return
    await _unindex(tx, scope, tip_id)
    await tx.execute(
        "UPDATE tips SET topic = ?, kind = ?, title = ?, body = ?, source = ?, tags = ?, updated_at = ?"
        " WHERE id = ? AND guild_id = ?",
        (f.topic, f.kind, f.title, f.body, f.source, ",".join(f.tags), now_iso(), tip_id, guild_id),
    )
    await _index(tx, scope, tip_id)


async def set_deleted(tx: Tx, guild_id: int, tip_id: int, deleted: bool) -> None:
    await tx.execute(
        "UPDATE tips SET deleted = ?, updated_at = ? WHERE id = ? AND guild_id = ?",
        (int(deleted), now_iso(), tip_id, guild_id),
    )


async def vote(db: Database, guild_id: int, user_id: int, tip_id: int, value: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO tip_votes (guild_id, user_id, tip_id, vote) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (guild_id, tip_id, user_id) DO UPDATE SET vote = excluded.vote",
            (guild_id, user_id, tip_id, value),
        )


async def audit(tx: Tx, guild_id: int, user_id: int, action: str, tip_id: int | None, detail: dict) -> None:
    await tx.execute(
        "INSERT INTO tip_audit (guild_id, user_id, action, tip_id, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (guild_id, user_id, action, tip_id, json.dumps(detail, ensure_ascii=False), now_iso()),
    )


async def audit_log(db: Database, guild_id: int, limit: int = 15) -> list[dict]:
    rows = await db.fetchall(
        "SELECT user_id, action, tip_id, detail, created_at FROM tip_audit WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
        (guild_id, limit),
    )
    return [dict(r) for r in rows]


async def tagged(db: Database, guild_id: int, tags: list[str], limit: int) -> list[Tip]:
    """Visible tips carrying any of the tags (matched as whole tags through the full-text index)."""
    if not tags:
        return []
    phrases = " OR ".join('"' + " ".join(re.findall(r"[^\W_]+", tag.lower())) + '"' for tag in tags)
    table = _fts(await _search_scope(db, guild_id))
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM tips t WHERE t.id IN (SELECT rowid FROM {table} WHERE {table} MATCH :match)"
        f" AND {VISIBLE} ORDER BY t.guild_id IS NULL, t.id LIMIT :limit",
        {"guild": guild_id, "match": f"tags : ({phrases})", "limit": limit},
    )
    wanted = set(tags)
    return [tip for tip in map(_tip, rows) if wanted & set(tip.tags)]
