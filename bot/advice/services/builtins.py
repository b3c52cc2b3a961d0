"""Keep the database's built-in tips in step with the library shipped in the package."""

from __future__ import annotations

from bot.advice.library import load_library
from bot.advice.models import TipFields
from bot.db import tips as tips_db
from bot.db.store import Store


async def sync_library(db: Store) -> int:
    """Rows changed; a no-op when the stored library version is current."""
    library = load_library()
    entries = (
        (tip.key, TipFields(tip.topic, tip.kind, tip.title, tip.body, tip.source, tuple(tip.tags)))
        for tip in library.tips
    )
    return await tips_db.sync_builtins(db, library.version, entries)
