"""What every tips module shares: which tips a server sees, the columns read, and a row as a Tip."""

from __future__ import annotations

from bot.advice.models import Tip
from bot.db.engine import Row

# A tip is visible in a server when it is the server's own, or a built-in the server has not hidden.
VISIBLE = (
    "t.deleted = 0 AND (t.guild_id = :guild OR (t.guild_id IS NULL AND NOT EXISTS"
    " (SELECT 1 FROM hidden_tips h WHERE h.guild_id = :guild AND h.tip_id = t.id)))"
)
# The sum of the server's and the built-ins' change counters (migrations SQLite 0021, PostgreSQL 0017): it grows
# with every write that can change what /advice answers in the server.
STAMP = "(SELECT coalesce(sum(c.version), 0) FROM tip_changes c WHERE c.guild_id IN (:guild, 0))"
COLUMNS = "t.id, t.guild_id, t.builtin_key, t.topic, t.kind, t.title, t.body, t.source, t.tags, t.deleted"


def tip_from_row(row: Row) -> Tip:
    """A row whose first columns are COLUMNS, read by position: an sqlite3.Row looks a name up by
    comparing it with every column's, which is most of the cost of building a search's tips."""
    tip_id, guild_id, builtin_key, topic, kind, title, body, source, tags, deleted = tuple(row)[:10]
    return Tip(
        id=tip_id,
        topic=topic,
        kind=kind,
        title=title,
        body=body,
        source=source,
        tags=tuple(t for t in tags.split(",") if t),
        builtin=guild_id is None,
        deleted=bool(deleted),
        builtin_key=builtin_key,
    )
