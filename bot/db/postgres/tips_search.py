"""Full-text search of tips on PostgreSQL: the weighted `tips.search` column and its GIN index.

One server sees the built-ins (guild_id NULL) and its own tips, minus the ones it deleted or hid.
PostgreSQL keeps the column and the index itself: nothing here maintains an index.

`search` ranks as SQLite's FTS5 bm25 does, so /advice answers the same on both engines: for each phrase of
the query, ts_rank_cd over the column weighted title 4, tags 2, body 1 (as bm25(…, 4.0, 1.0, 2.0)) gives the
phrase's weighted frequency in a tip, which bm25's saturation and length normalisation turn into a score,
times the phrase's rarity among the tips the server sees (idf) and times how often the query names it.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass

import asyncpg

from bot.advice.models import Tip, TopPick
from bot.db.engine import Database, Row, Tx, fetch_row
from bot.db.tip_rows import COLUMNS, STAMP, VISIBLE, tip_from_row

CONFIG = "stride_english"  # English stemming, no stop words, as the column is built
K1, B = 1.2, 0.75  # FTS5's bm25 constants
# A server with fewer tips of its own is read through the guild index (`(… @@ …) IS TRUE` keeps the planner
# off the GIN index of every server's tips, where a common word matches most tips of every server); a bigger
# one, searched with its rarer words only (bot/advice/services/search.py BIG_SERVER), through the GIN index.
GIN_FROM = 600
# ts_rank_cd weights {D, C, B, A} = {-, body, tags, title}, at most 1 each: 4x them is 1, 2, 4 as on SQLite.
_WEIGHTS, _WEIGHT_SCALE = "{0, 0.25, 0.5, 1}", 4.0
_PHRASE = re.compile(r'"([^"]*)"|(\S+)')
_REMEMBER_S = 60.0


@dataclass(frozen=True, slots=True)
class _Scope:
    own: int  # the server's own tips (not removed)
    total: int  # tips the server's statistics cover: built-ins and its own, not removed
    avg_length: float  # characters per tip


# A tip's length for bm25's normalisation: FTS5 counts every token of every column (it has no stop words);
# characters are proportional to that, where the tsvector's lexemes leave out stop words and repeats.
_LENGTH = "CAST(length(t.title) + length(t.tags) + length(t.body) AS DOUBLE PRECISION)"
_IN_SCOPE = "(t.guild_id = CAST(:guild AS BIGINT) OR t.guild_id IS NULL) AND t.deleted = 0"


def phrases_of(match: str) -> list[str]:
    """The phrases of an FTS5-style query (`"side ache" OR "stitch"`), as plain words; OR is the only operator."""
    found = [quoted if quoted is not None else bare for quoted, bare in _PHRASE.findall(match)]
    return [p for p in found if p and p != "OR"]


def _words(phrase: str) -> str:
    return phrase[1:-1] if len(phrase) > 1 and phrase[0] == phrase[-1] == '"' else phrase


def _ranked(scope: _Scope) -> str:
    """The CTEs ranking the best `:limit` visible tips by id and score (bm25 as FTS5's, topic boosted); the
    phrase counts not remembered are counted by the query itself (`counted`)."""
    # bm25 per phrase: idf * tf * (k1 + 1) / (tf + norm), norm = k1 * (1 - b + b * length / average length),
    # tf the phrase's weighted frequency (written (k1 + 1) * (1 - norm / (tf + norm)) to rank it once);
    # FTS5 sets an idf <= 0 to a millionth.
    return (
        f"WITH asked AS MATERIALIZED (SELECT x.i, phraseto_tsquery('{CONFIG}', x.p) AS q, x.times, x.n"
        " FROM unnest(CAST(:phrases AS TEXT[]), CAST(:times AS INTEGER[]), CAST(:counts AS BIGINT[]))"
        " WITH ORDINALITY AS x(p, times, n, i)),"
        " counted AS MATERIALIZED (SELECT a.i, a.q, a.times, coalesce(a.n, (SELECT count(*) FROM tips t"
        f" WHERE t.search @@ a.q AND {_IN_SCOPE})) AS n FROM asked AS a),"
        " used AS (SELECT q, times * greatest(ln(greatest((CAST(:total AS DOUBLE PRECISION) - n + 0.5) / (n + 0.5),"
        " 1.0)), 1e-6) AS w FROM counted WHERE numnode(q) > 0),"
        # The best `limit` visible tips by id and score first, and only then their columns and votes.
        " ranked AS (SELECT t.id, -hits.score * (CASE WHEN t.topic = :topic THEN 2.0 ELSE 1.0 END) AS score"
        " FROM tips t CROSS JOIN LATERAL (SELECT sum(u.w * "
        f"{K1 + 1!r} * (1 - n.norm / ({_WEIGHT_SCALE!r} * ts_rank_cd('{_WEIGHTS}', t.search, u.q, 0) + n.norm)))"
        f" AS score FROM used AS u CROSS JOIN (SELECT {K1 * (1 - B)!r} + {K1 * B!r} * {_LENGTH}"
        "  / CAST(:average AS DOUBLE PRECISION) AS norm) AS n WHERE (t.search @@ u.q) IS TRUE) AS hits"
        " WHERE (t.search @@ (SELECT CAST(string_agg('(' || CAST(q AS TEXT) || ')', ' | ') AS tsquery) FROM used))"
        f"{'' if scope.own > GIN_FROM else ' IS TRUE'} AND {VISIBLE} ORDER BY score, t.id LIMIT :limit)"
    )


_COUNTS = "(SELECT array_agg(n ORDER BY i) FROM counted) AS counts"


class PgTipSearch:
    """The store's search of tips (`bot.db.store.TipSearch`), with what it remembers of each server."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # Statistics of what each server sees (own tips, tips, average length, phrase counts), for a minute:
        # they steer the ranking and the plan only, never which tips a search may return.
        self._known: dict[tuple[int, str | None], tuple[object, float]] = {}

    def _remember(self, key: tuple[int, str | None], value: object) -> None:
        known = self._known
        if len(known) > 10_000:
            known.clear()
        known[key] = (value, time.monotonic() + _REMEMBER_S)

    def _recall(self, key: tuple[int, str | None]) -> object | None:
        hit = self._known.get(key)
        return hit[0] if hit is not None and hit[1] > time.monotonic() else None

    async def _scope(self, guild_id: int) -> _Scope:
        scope = self._recall((guild_id, None))
        if isinstance(scope, _Scope):
            return scope
        row = await fetch_row(
            self.db,
            "SELECT count(*) FILTER (WHERE t.guild_id IS NOT NULL) AS own, count(*) AS total,"
            f" CAST(coalesce(avg({_LENGTH}), 1) AS DOUBLE PRECISION) AS avg_length FROM tips t WHERE {_IN_SCOPE}",
            {"guild": guild_id},
        )
        scope = _Scope(row["own"], row["total"], max(row["avg_length"], 1.0))
        self._remember((guild_id, None), scope)
        return scope

    async def server_tip_count(self, guild_id: int) -> int:
        """How many tips of its own the server has (as of up to a minute ago)."""
        return (await self._scope(guild_id)).own

    async def server_frequencies(self, guild_id: int, phrases: list[str]) -> dict[str, int]:
        """In how many of the tips the server sees each phrase (quoted, FTS5 style) occurs, as the column stems it."""
        key_of = await self._stats_key(guild_id)
        counts: dict[str, int] = {}
        for p in phrases:
            n = self._recall((key_of, p))
            if isinstance(n, int):
                counts[p] = n
        missing = [p for p in dict.fromkeys(phrases) if p not in counts]
        if missing:
            rows = await self.db.fetchall(
                f"SELECT x.i, (SELECT count(*) FROM tips t WHERE t.search @@ phraseto_tsquery('{CONFIG}', x.p)"
                f" AND {_IN_SCOPE}) AS n FROM unnest(CAST(:phrases AS TEXT[])) WITH ORDINALITY AS x(p, i)",
                {"guild": guild_id, "phrases": [_words(p) for p in missing]},
            )
            for row in rows:
                phrase = missing[row["i"] - 1]
                counts[phrase] = row["n"]
                self._remember((key_of, phrase), row["n"])
        return counts

    async def _stats_key(self, guild_id: int) -> int:
        """Servers without tips of their own share the built-ins' statistics (key 0)."""
        return guild_id if (await self._scope(guild_id)).own else 0

    async def _query(
        self, guild_id: int, match: str, topic: str | None, limit: int, select: str, extra: dict[str, object]
    ) -> list[Row]:
        """Run `_ranked` followed by `select` (which returns the phrase counts as its last column, `counts`)."""
        times = Counter(phrases_of(match))
        if not times:
            return []
        scope = await self._scope(guild_id)
        key_of = guild_id if scope.own else 0
        phrases = list(times)
        known = [self._recall((key_of, f'"{p}"')) for p in phrases]
        rows = await self.db.fetchall(
            _ranked(scope) + select,
            {
                "guild": guild_id,
                "phrases": phrases,
                "times": [times[p] for p in phrases],
                "counts": known,
                "total": scope.total,
                "average": scope.avg_length,
                "topic": topic,
                "limit": limit,
                **extra,
            },
        )
        if rows and None in known:
            for phrase, n in zip(phrases, rows[0]["counts"], strict=True):
                self._remember((key_of, f'"{phrase}"'), n)
        return list(rows)

    async def search(self, guild_id: int, match: str, topic: str | None, limit: int) -> list[tuple[Tip, float, int]]:
        """(tip, bm25-like score with topic boost, net votes), best first: lower is better, as on SQLite.

        One round trip: phrase counts not remembered (see server_frequencies) are counted by the query itself
        and returned with its rows."""
        rows = await self._query(
            guild_id,
            match,
            topic,
            limit,
            f" SELECT {COLUMNS}, r.score, coalesce((SELECT sum(v.vote) FROM tip_votes v"
            f" WHERE v.guild_id = :guild AND v.tip_id = t.id), 0) AS votes, {_COUNTS}"
            " FROM ranked AS r JOIN tips t ON t.id = r.id ORDER BY r.score, t.id",
            {},
        )
        return [(tip_from_row(r), r["score"], r["votes"]) for r in rows]

    async def search_top(
        self, guild_id: int, match: str, topic: str | None, pick: TopPick
    ) -> tuple[list[Tip], int | None]:
        """The tips /advice shows for a full-text query, picked by `pick` in the database (as on SQLite, see
        bot/db/sqlite/tips_search.py top_sql): only they are read, in one round trip; with the server's change
        stamp as of that read (None when nothing matched)."""
        rows = await self._query(
            guild_id,
            match,
            topic,
            pick.candidates,
            " , scored AS (SELECT r.id, t.topic, r.score * (1.0 + CAST(:vote_weight AS DOUBLE PRECISION)"
            " * tanh(coalesce((SELECT sum(v.vote) FROM tip_votes v WHERE v.guild_id = :guild AND v.tip_id = r.id), 0)"
            " / CAST(:vote_scale AS DOUBLE PRECISION))) AS ranked, CASE WHEN CAST(:self_care AS BOOLEAN)"
            " AND (t.topic = :referral OR strpos(',' || t.tags, :redflag) > 0) THEN 1 ELSE 0 END AS referral"
            " FROM ranked AS r JOIN tips t ON t.id = r.id WHERE r.id IS DISTINCT FROM CAST(:exclude AS BIGINT)),"
            " ordered AS (SELECT id, ranked, referral, row_number() OVER (PARTITION BY topic ORDER BY referral, ranked,"
            " id) AS nth FROM scored),"
            " picked AS (SELECT id, ranked, referral, CASE WHEN CAST(:per_topic AS INTEGER) > 0 AND nth > :per_topic"
            " THEN 1 ELSE 0 END AS over FROM ordered ORDER BY over, referral, ranked, id LIMIT :show)"
            f" SELECT {COLUMNS}, {_COUNTS}, {STAMP} AS stamp FROM picked JOIN tips t ON t.id = picked.id"
            " ORDER BY picked.over, picked.referral, picked.ranked, picked.id",
            {
                "show": pick.show,
                "per_topic": pick.per_topic,
                "self_care": pick.self_care_first,
                "vote_weight": pick.vote_weight,
                "vote_scale": pick.vote_scale,
                "referral": pick.referral_topic,
                "redflag": "," + pick.redflag_tag,
                "exclude": pick.exclude,
            },
        )
        return [tip_from_row(r) for r in rows], (rows[0]["stamp"] if rows else None)

    async def tagged(self, guild_id: int, tags: list[str], limit: int) -> list[Tip]:
        """Visible tips carrying any of the tags (whole tags), the server's own first."""
        if not tags:
            return []
        rows = await self.db.fetchall(
            f"SELECT {COLUMNS} FROM tips t WHERE {VISIBLE}"
            " AND string_to_array(t.tags, ',') && CAST(:tags AS TEXT[]) ORDER BY t.guild_id IS NULL, t.id LIMIT :limit",
            {"guild": guild_id, "tags": list(tags), "limit": limit},
        )
        return [tip_from_row(r) for r in rows]

    # PostgreSQL keeps the column and its index up to date itself: writes have nothing to do here.

    async def before_write(self, tx: Tx, guild_id: int) -> int | None:
        return None

    async def index(self, tx: Tx, scope: int | None, tip_id: int) -> None:
        pass

    async def unindex(self, tx: Tx, scope: int | None, tip_id: int) -> None:
        pass

    async def library_changed(self, tx: Tx) -> None:
        pass

    def forget(self) -> None:
        pass

    async def index_server(self, guild_id: int) -> None:
        pass


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
    (C); ties by id. A query of stop words only matches nothing. (Operators' and tests' look-up; /advice
    ranks with `search`.)
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
