"""Full-text search of tips on PostgreSQL: the weighted `tips.search` column (migration 0001) and its GIN index.

One server sees the built-ins (guild_id NULL) and its own tips, minus the ones it deleted or hid.
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg


@dataclass(frozen=True, slots=True)
class TipHit:
    id: int
    guild_id: int | None
    topic: str
    title: str
    rank: float


async def search_tips(conn: asyncpg.Connection | asyncpg.Pool, guild_id: int, query: str, limit: int) -> list[TipHit]:
    """The server's tips best matching `query` (web-search syntax: words, "phrases", -not, or), best first.

    Ranked by cover density (`ts_rank_cd`, normalised by document length) over title (A), tags (B) and body
    (C); ties by id. A query of stop words only matches nothing.
    """
    rows = await conn.fetch(
        "SELECT t.id, t.guild_id, t.topic, t.title, ts_rank_cd(t.search, q, 1) AS rank"
        " FROM tips t, websearch_to_tsquery('english', $2) q"
        " WHERE t.search @@ q AND (t.guild_id = $1 OR t.guild_id IS NULL) AND t.deleted = 0"
        " AND NOT EXISTS (SELECT 1 FROM hidden_tips h WHERE h.guild_id = $1 AND h.tip_id = t.id)"
        " ORDER BY rank DESC, t.id LIMIT $3",
        guild_id,
        query,
        limit,
    )
    return [TipHit(r["id"], r["guild_id"], r["topic"], r["title"], r["rank"]) for r in rows]
