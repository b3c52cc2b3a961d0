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


@dataclass(frozen=True, slots=True)
class TopPick:
    """How /advice picks the tips it shows from the best full-text matches, done by the database so only the
    shown tips are read: the best ``candidates`` by bm25 (topic boosted), re-ranked by votes (a factor of
    1 + vote_weight * tanh(votes / vote_scale)), "see a professional" tips (topic ``referral_topic`` or a tag
    starting with ``redflag_tag``) after the others when ``self_care_first``, at most ``per_topic`` from one
    topic while others are left (0: no cap), and ``show`` of them."""

    candidates: int
    show: int
    per_topic: int
    self_care_first: bool
    vote_weight: float
    vote_scale: float
    referral_topic: str
    redflag_tag: str
    exclude: int | None = None  # a tip already shown above the matches (the red flag's)
