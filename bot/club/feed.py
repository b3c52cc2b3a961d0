"""The feed: what a member's run looks like there (never pain or health notes) and its Kudos button."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from bot.club.cards import Card, CardButton
from bot.running.units import format_distance, format_duration, format_pace

DAILY_LIMIT = 5


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One run (or an import's summary) to post: no pain, notes or health fields, by construction."""

    run_id: int
    distance_m: float
    duration_s: int
    run_type: str | None = None
    title: str | None = None
    runs: int = 1  # an archive import: how many runs


def to_payload(user_id: int, item: FeedItem) -> dict[str, Any]:
    """The item as its queued post carries it (JSON)."""
    return {"user_id": user_id, **asdict(item)}


def from_payload(payload: dict[str, Any]) -> tuple[int, FeedItem]:
    """(the member, the item) of a queued post."""
    fields = {name: payload[name] for name in FeedItem.__dataclass_fields__ if name in payload}
    return int(payload["user_id"]), FeedItem(**fields)


def kudos_id(run_id: int) -> str:
    return f"stride:kudos:{run_id}"


def feed_card(item: FeedItem, user_id: int, kudos: int, units: str = "km") -> Card:
    button = CardButton(f"👏 Kudos ({kudos})" if kudos else "👏 Kudos", kudos_id(item.run_id), "primary")
    if item.runs > 1:
        text = (f"<@{user_id}> imported **{item.runs} runs**: {format_distance(item.distance_m, units)} in "
                f"{format_duration(item.duration_s)}.")  # fmt: skip
        return Card("📥 Runs imported", text, buttons=(button,))
    parts = [format_distance(item.distance_m, units), format_duration(item.duration_s),
             format_pace(item.distance_m, item.duration_s, units)]  # fmt: skip
    if item.run_type:
        parts.append(item.run_type)
    title = f"🏃 {item.title}" if item.title else "🏃 A run"
    return Card(title[:256], f"<@{user_id}> · " + " · ".join(parts), buttons=(button,))
