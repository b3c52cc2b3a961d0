"""The server's audit log: who changed what, when, and where (in Discord or on the web dashboard).

Tips and the daily club ping write here, inside the transaction of the change they record. The SQL runs
on both engines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.db.engine import Database, Tx
from bot.db.members import now_iso
from bot.origins import DISCORD


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    user_id: int
    action: str
    subject_id: int | None  # the tip, for tip actions
    detail: dict[str, Any]
    at: datetime
    via: str

    def as_dict(self) -> dict[str, Any]:
        """The shape `/tips log`'s sentences read."""
        return {
            "user_id": self.user_id,
            "action": self.action,
            "tip_id": self.subject_id,
            "detail": json.dumps(self.detail, ensure_ascii=False),
            "created_at": self.at.isoformat(),
            "via": self.via,
        }


async def record(
    tx: Tx, guild_id: int, user_id: int, action: str, subject_id: int | None, detail: dict, *, via: str = DISCORD
) -> None:
    await tx.execute(
        "INSERT INTO tip_audit (guild_id, user_id, action, tip_id, detail, created_at, via)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (guild_id, user_id, action, subject_id, json.dumps(detail, ensure_ascii=False), now_iso(), via),
    )


def _detail(raw: str | None) -> dict[str, Any]:
    try:
        detail = json.loads(raw or "{}")
    except ValueError:
        return {}
    return detail if isinstance(detail, dict) else {}


async def latest(db: Database, guild_id: int, limit: int = 15, before_id: int | None = None) -> list[AuditEntry]:
    """The newest entries first; `before_id` pages back past the entries already shown."""
    rows = await db.fetchall(
        "SELECT id, user_id, action, tip_id, detail, created_at, via FROM tip_audit"
        " WHERE guild_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
        (guild_id, before_id if before_id is not None else 2**63 - 1, limit),
    )
    return [
        AuditEntry(r["id"], r["user_id"], r["action"], r["tip_id"], _detail(r["detail"]),
                   datetime.fromisoformat(r["created_at"]), r["via"])
        for r in rows
    ]  # fmt: skip
