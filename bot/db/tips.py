"""Tips: built-in library rows, each server's own tips, hides, votes and the audit log.

The SQL here runs on both engines. Full-text search is each engine's own, the store's `tips`: SQLite's FTS5
indexes per scope (bot/db/sqlite/tips_search.py, kept up to date as the writes below tell it) and
PostgreSQL's `tips.search` column with its GIN index (bot/db/postgres/tips_search.py, kept by PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.advice.models import Tip, TipFields
from bot.db.engine import Database, Tx, fetch_value
from bot.db.members import now_iso
from bot.db.tip_rows import COLUMNS as _COLUMNS
from bot.db.tip_rows import STAMP, VISIBLE
from bot.db.tip_rows import tip_from_row as _tip

if TYPE_CHECKING:
    from bot.db.store import Store

__all__ = ["VISIBLE"]


async def sync_builtins(db: Store, version: int, tips: Iterable[tuple[str, TipFields]]) -> int:
    """Make the built-in rows match the shipped library; return how many rows changed.

    Built-ins live in their own rows (guild_id NULL), so an update never touches a server's
    own tips, hides or votes. Skipped entirely when the stored library version is current.
    """
    async with db.transaction() as tx:
        row = await tx.fetchone("SELECT value FROM meta WHERE key = 'library_version'")
        if row is not None and int(row["value"]) >= version:
            return 0
        now, changed, keys = now_iso(), 0, []
        differs = db.statements.rows_differ
        for key, f in tips:
            keys.append(key)
            changed += await tx.execute(
                "INSERT INTO tips (builtin_key, topic, kind, title, body, source, tags, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (builtin_key) DO UPDATE SET"
                " topic = excluded.topic, kind = excluded.kind, title = excluded.title, body = excluded.body,"
                " source = excluded.source, tags = excluded.tags, deleted = 0, updated_at = excluded.updated_at"
                " WHERE (tips.topic, tips.kind, tips.title, tips.body, tips.source, tips.tags, tips.deleted)"
                f" {differs} (excluded.topic, excluded.kind, excluded.title, excluded.body,"
                " excluded.source, excluded.tags, 0)",
                (key, f.topic, f.kind, f.title, f.body, f.source, ",".join(f.tags), now, now),
            )
        dropped, params = db.statements.builtins_dropped(keys)
        changed += await tx.execute(
            f"UPDATE tips SET deleted = 1 WHERE guild_id IS NULL AND deleted = 0 AND {dropped}", params
        )
        if changed:
            await db.tips.library_changed(tx)
        await tx.execute(
            "INSERT INTO meta (key, value) VALUES ('library_version', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(version),),
        )
    db.tips.forget()  # servers' indexes are rebuilt with the new library on their next search
    return changed


async def change_stamp(db: Database, guild_id: int) -> int:
    """A number that grows with every write that can change what /advice answers in the server (its tips, hides
    and votes, and the built-ins), in any process."""
    return int(await fetch_value(db, f"SELECT {STAMP}", {"guild": guild_id}))


# --- reading and writing tips ------------------------------------------------------------------------------


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
    return await fetch_value(
        db, f"SELECT count(*) FROM tips t WHERE {VISIBLE}{topic_filter}", {"guild": guild_id, "topic": topic}
    )


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


async def builtin_ids(db: Database | Tx, tip_ids: Iterable[int]) -> set[int]:
    """Which of these ids are built-in tips."""
    wanted = sorted(set(tip_ids))
    if not wanted:
        return set()
    marks = ", ".join("?" * len(wanted))
    rows = await db.fetchall(f"SELECT id FROM tips WHERE guild_id IS NULL AND id IN ({marks})", tuple(wanted))
    return {row[0] for row in rows}


async def is_hidden(db: Database | Tx, guild_id: int, tip_id: int) -> bool:
    row = await db.fetchone("SELECT 1 FROM hidden_tips WHERE guild_id = ? AND tip_id = ?", (guild_id, tip_id))
    return row is not None


async def set_hidden(tx: Tx, guild_id: int, tip_id: int, hidden: bool) -> None:
    if hidden:
        await tx.execute(
            "INSERT INTO hidden_tips (guild_id, tip_id) VALUES (?, ?) ON CONFLICT DO NOTHING", (guild_id, tip_id)
        )
    else:
        await tx.execute("DELETE FROM hidden_tips WHERE guild_id = ? AND tip_id = ?", (guild_id, tip_id))


async def server_tips(db: Database | Tx, guild_id: int, include_deleted: bool = False) -> list[Tip]:
    deleted = "" if include_deleted else " AND t.deleted = 0"
    rows = await db.fetchall(f"SELECT {_COLUMNS} FROM tips t WHERE t.guild_id = ?{deleted} ORDER BY t.id", (guild_id,))
    return [_tip(r) for r in rows]


async def count_server_tips(db: Database | Tx, guild_id: int) -> int:
    return await fetch_value(db, "SELECT count(*) FROM tips WHERE guild_id = ? AND deleted = 0", (guild_id,))


async def insert_tip(tx: Tx, guild_id: int, user_id: int, f: TipFields) -> int:
    now = now_iso()
    search = tx.store.tips
    scope = await search.before_write(tx, guild_id)
    tip_id = await tx.insert(
        "INSERT INTO tips (guild_id, topic, kind, title, body, source, tags, created_by, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (guild_id, f.topic, f.kind, f.title, f.body, f.source, ",".join(f.tags), user_id, now, now),
    )
    await search.index(tx, scope, tip_id)
    return tip_id


async def update_tip(tx: Tx, guild_id: int, tip_id: int, f: TipFields) -> None:
    search = tx.store.tips
    scope = await search.before_write(tx, guild_id)
    owned = await tx.fetchone("SELECT 1 FROM tips WHERE id = ? AND guild_id = ?", (tip_id, guild_id))
    if owned is None:
        return
    await search.unindex(tx, scope, tip_id)
    await tx.execute(
        "UPDATE tips SET topic = ?, kind = ?, title = ?, body = ?, source = ?, tags = ?, updated_at = ?"
        " WHERE id = ? AND guild_id = ?",
        (f.topic, f.kind, f.title, f.body, f.source, ",".join(f.tags), now_iso(), tip_id, guild_id),
    )
    await search.index(tx, scope, tip_id)


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


# --- the admins' list (the web dashboard): every tip they can act on, with its state ------------------------

_SHOWN = {
    "all": "(t.guild_id = :guild OR (t.guild_id IS NULL AND t.deleted = 0))",
    "own": "t.guild_id = :guild AND t.deleted = 0",
    "builtin": "t.guild_id IS NULL AND t.deleted = 0",
    "removed": "t.guild_id = :guild AND t.deleted = 1",
    "hidden": "t.guild_id IS NULL AND t.deleted = 0 AND EXISTS (SELECT 1 FROM hidden_tips h"
    " WHERE h.guild_id = :guild AND h.tip_id = t.id)",
}
SHOWS = tuple(_SHOWN)


def _admin_filter(show: str, topic: str | None, text: str | None, tip_id: int | None) -> str:
    where = _SHOWN[show]
    if topic:
        where += " AND t.topic = :topic"
    if text:
        # One lower() per row over the three texts together, joined by a newline: a search (one line) cannot
        # match across two of them.
        where += " AND (lower(t.title || '\n' || t.body || '\n' || t.tags) LIKE :text ESCAPE '\\'"
        where += f"{' OR t.id = :id' if tip_id is not None else ''})"
    return where


def _admin_params(guild_id: int, topic: str | None, text: str | None) -> tuple[dict[str, object], int | None]:
    tip_id = int(text.lstrip("#")) if text and text.lstrip("#").isdigit() and len(text) < 19 else None
    like = None
    if text:
        like = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return {"guild": guild_id, "topic": topic, "text": like, "id": tip_id}, tip_id


# The server's own tips newest first, then the built-ins by topic.
_ADMIN_ORDER = "(t.guild_id IS NULL), CASE WHEN t.guild_id IS NULL THEN 0 ELSE -t.id END, t.topic, t.id"


async def admin_list(
    db: Database, guild_id: int, show: str, topic: str | None, text: str | None, limit: int, offset: int
) -> tuple[list[tuple[Tip, bool]], int | None]:
    """(tip, hidden here) for one page, and how many tips match in all (None when the page is past the end).
    `text` matches title, body or tags (any case), or the tip's number. One pass: the page is picked by id
    (the sort carries no text) with the total counted alongside, then only its rows are read."""
    params, tip_id = _admin_params(guild_id, topic, text)
    rows = await db.fetchall(
        f"SELECT {_COLUMNS}, EXISTS (SELECT 1 FROM hidden_tips h WHERE h.guild_id = :guild AND h.tip_id = t.id)"
        " AS hidden, page.total FROM ("
        f" SELECT t.id, count(*) OVER () AS total FROM tips t WHERE {_admin_filter(show, topic, text, tip_id)}"
        f" ORDER BY {_ADMIN_ORDER} LIMIT :limit OFFSET :offset"
        f") page JOIN tips t ON t.id = page.id ORDER BY {_ADMIN_ORDER}",
        {**params, "limit": limit, "offset": offset},
    )
    return [(_tip(r), bool(r["hidden"])) for r in rows], (rows[0]["total"] if rows else None)


async def admin_count(db: Database, guild_id: int, show: str, topic: str | None, text: str | None) -> int:
    params, tip_id = _admin_params(guild_id, topic, text)
    return await fetch_value(
        db, f"SELECT count(*) FROM tips t WHERE {_admin_filter(show, topic, text, tip_id)}", params
    )


async def admin_topics(db: Database, guild_id: int) -> list[str]:
    """Every topic among the tips the admins' list shows (built-ins and the server's own, removed ones too)."""
    rows = await db.fetchall(
        "SELECT DISTINCT topic FROM tips WHERE guild_id = ? OR (guild_id IS NULL AND deleted = 0) ORDER BY topic",
        (guild_id,),
    )
    return [r["topic"] for r in rows]
