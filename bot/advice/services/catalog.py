"""What members and admins read of a server's tips, and members' votes: the use cases behind the cogs."""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.advice.models import Tip
from bot.db import audit
from bot.db import tips as tips_db
from bot.db.store import Store
from bot.errors import NotFound, UserError, is_record_id


async def topics(db: Store, guild_id: int) -> list[tuple[str, int]]:
    """(topic, visible tips) for this server, built-ins included."""
    return await tips_db.topics(db, guild_id)


async def tip(db: Store, guild_id: int, tip_id: int) -> Tip | None:
    return await tips_db.get_tip(db, guild_id, tip_id)


@dataclass(frozen=True, slots=True)
class TipPage:
    tips: list[Tip]
    page: int  # a page past the end is the last one
    pages: int
    total: int


async def page(db: Store, guild_id: int, topic: str | None, page: int, per_page: int) -> TipPage:
    """One page of the visible tips, optionally of one topic."""
    total = await tips_db.count_visible(db, guild_id, topic)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(page, 1), pages)
    return TipPage(await tips_db.by_topic(db, guild_id, topic, per_page, (page - 1) * per_page), page, pages, total)


async def changes(db: Store, guild_id: int) -> list[dict]:
    """The latest changes to the server's tips and settings, newest first."""
    return [entry.as_dict() for entry in await audit.latest(db, guild_id)]


async def audit_page(db: Store, guild_id: int, limit: int, before_id: int | None = None) -> list[audit.AuditEntry]:
    """The server's audit log (tips and the club ping), newest first, `limit` entries older than `before_id`."""
    return await audit.latest(db, guild_id, limit, before_id if before_id is None or is_record_id(before_id) else None)


async def vote(db: Store, guild_id: int, user_id: int, tip_id: int, value: int) -> None:
    """One vote per member per tip, for a tip this server shows; a new vote replaces the old one."""
    if value not in (1, -1):
        raise UserError("A vote is 👍 or 👎.", "vote")
    if not is_record_id(tip_id) or await tips_db.get_tip(db, guild_id, tip_id) is None:
        raise NotFound(f"Tip #{tip_id} is no longer among this server's tips, so the vote was not counted.")
    await tips_db.vote(db, guild_id, user_id, tip_id, value)


# --- the admins' list on the web dashboard ------------------------------------------------------------------

SHOWS = tips_db.SHOWS  # all, own, builtin, removed, hidden
QUERY_MAX = 100


@dataclass(frozen=True, slots=True)
class AdminTip:
    tip: Tip
    hidden: bool  # a built-in this server hides


@dataclass(frozen=True, slots=True)
class AdminPage:
    tips: list[AdminTip]
    page: int  # a page past the end is the last one
    pages: int
    total: int
    topics: list[str]  # every topic of the list, for the filter


async def admin_page(
    db: Store, guild_id: int, *, show: str, topic: str | None, query: str | None, page: int, per_page: int
) -> AdminPage:
    """One page of every tip the admins can act on (their own, removed ones too, and the built-ins, hidden ones
    too), filtered by state, topic and a text found in the title, body or tags (or a tip's number)."""
    if show not in SHOWS:
        raise UserError(f"Show one of {', '.join(SHOWS)}.", "show")
    text = " ".join((query or "").split())[:QUERY_MAX] or None
    topic = (topic or "").strip().lower() or None
    page = max(page, 1)
    rows, total = await tips_db.admin_list(db, guild_id, show, topic, text, per_page, (page - 1) * per_page)
    if total is None:  # nothing matches, or a page past the end: show the last one
        total = await tips_db.admin_count(db, guild_id, show, topic, text)
        page = max(1, math.ceil(total / per_page))
        if total:
            rows, _ = await tips_db.admin_list(db, guild_id, show, topic, text, per_page, (page - 1) * per_page)
    pages = max(1, math.ceil(total / per_page))
    topics = await tips_db.admin_topics(db, guild_id)
    return AdminPage([AdminTip(tip, hidden) for tip, hidden in rows], page, pages, total, topics)


@dataclass(frozen=True, slots=True)
class TipCounts:
    own: int  # the server's own active tips
    visible: int  # what /advice searches: own plus the built-ins not hidden
    hidden: int  # built-ins hidden here


async def counts(db: Store, guild_id: int) -> TipCounts:
    own = await tips_db.count_server_tips(db, guild_id)
    visible = await tips_db.count_visible(db, guild_id)
    hidden = await tips_db.admin_count(db, guild_id, "hidden", None, None)
    return TipCounts(own, visible, hidden)
