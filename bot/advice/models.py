"""Tips as the advice domain knows them (stored by bot.db.tips)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tip:
    id: int
    topic: str
    kind: str
    title: str
    body: str
    source: str | None
    tags: tuple[str, ...]
    builtin: bool
    deleted: bool = False
    builtin_key: str | None = None


@dataclass(frozen=True, slots=True)
class TipFields:
    topic: str
    kind: str
    title: str
    body: str
    source: str | None
    tags: tuple[str, ...]
