"""The built-in advice library: curated running tips shipped as ``library.json``.

The JSON file is package data of ``bot.advice``; it is read once through
:mod:`importlib.resources`, validated, and cached. Validation failures raise
:class:`ValueError` naming the offending tip key so a bad edit to the JSON is
caught at start-up (and by the unit tests) rather than at reply time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

LIBRARY_PACKAGE = "bot.advice"
LIBRARY_FILE = "library.json"

KINDS: frozenset[str] = frozenset({"stretch", "core", "general"})
MAX_TITLE = 100
MAX_BODY = 1500
MAX_SOURCE = 300

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TIP_FIELDS = frozenset({"key", "topic", "kind", "title", "body", "source", "tags"})


@dataclass(frozen=True, slots=True)
class LibraryTip:
    key: str
    topic: str
    kind: str
    title: str
    body: str
    source: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Library:
    """All built-in tips. Treat ``topics`` as read-only: the instance is shared via a cache."""

    version: int
    topics: dict[str, str]
    tips: tuple[LibraryTip, ...]

    def get(self, key: str) -> LibraryTip | None:
        for tip in self.tips:
            if tip.key == key:
                return tip
        return None

    def by_topic(self, topic: str) -> tuple[LibraryTip, ...]:
        return tuple(t for t in self.tips if t.topic == topic)

    def by_kind(self, kind: str) -> tuple[LibraryTip, ...]:
        return tuple(t for t in self.tips if t.kind == kind)


def _text(tip: Mapping[str, Any], field: str, label: str, limit: int | None) -> str:
    value = tip.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"library tip {label}: {field!r} must be a non-empty string")
    if limit is not None and len(value) > limit:
        raise ValueError(f"library tip {label}: {field!r} is {len(value)} characters (max {limit})")
    return value


def _parse_tip(raw: Any, index: int, topics: Mapping[str, str]) -> LibraryTip:
    if not isinstance(raw, Mapping):
        raise ValueError(f"library tip #{index}: expected an object")
    key = raw.get("key")
    if not isinstance(key, str) or not _SLUG_RE.match(key):
        raise ValueError(f"library tip #{index}: key {key!r} is not a lowercase slug")
    label = repr(key)
    unknown = set(raw) - _TIP_FIELDS
    missing = _TIP_FIELDS - set(raw)
    if unknown or missing:
        raise ValueError(f"library tip {label}: unknown fields {sorted(unknown)}, missing {sorted(missing)}")
    topic = _text(raw, "topic", label, None)
    if topic not in topics:
        raise ValueError(f"library tip {label}: unknown topic {topic!r}")
    kind = _text(raw, "kind", label, None)
    if kind not in KINDS:
        raise ValueError(f"library tip {label}: kind {kind!r} is not one of {sorted(KINDS)}")
    tags = raw["tags"]
    if not isinstance(tags, list) or not all(
        isinstance(tag, str) and tag.strip() and tag == tag.strip().lower() and "," not in tag for tag in tags
    ):
        # Tags are stored comma-joined in the tips table, so a comma would split one tag in two.
        raise ValueError(f"library tip {label}: tags must be a list of non-empty lowercase strings without commas")
    return LibraryTip(
        key=key,
        topic=topic,
        kind=kind,
        title=_text(raw, "title", label, MAX_TITLE),
        body=_text(raw, "body", label, MAX_BODY),
        source=_text(raw, "source", label, MAX_SOURCE),
        tags=tuple(tags),
    )


def parse_library(data: Any) -> Library:
    """Validate decoded ``library.json`` content and build a :class:`Library`."""
    if not isinstance(data, Mapping):
        raise ValueError("library: expected a JSON object at the top level")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValueError(f"library: version must be a positive integer, got {version!r}")
    raw_topics = data.get("topics")
    if not isinstance(raw_topics, Mapping) or not raw_topics:
        raise ValueError("library: topics must be a non-empty object")
    topics: dict[str, str] = {}
    for slug, name in raw_topics.items():
        if not isinstance(slug, str) or not _SLUG_RE.match(slug):
            raise ValueError(f"library: topic slug {slug!r} is not a lowercase slug")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"library: topic {slug!r} needs a non-empty name")
        topics[slug] = name
    raw_tips = data.get("tips")
    if not isinstance(raw_tips, list):
        raise ValueError("library: tips must be a list")
    tips: list[LibraryTip] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_tips):
        tip = _parse_tip(raw, index, topics)
        if tip.key in seen:
            raise ValueError(f"library tip {tip.key!r}: duplicate key")
        seen.add(tip.key)
        tips.append(tip)
    return Library(version=version, topics=topics, tips=tuple(tips))


@cache
def load_library() -> Library:
    """The packaged library, parsed and validated once per process."""
    raw = resources.files(LIBRARY_PACKAGE).joinpath(LIBRARY_FILE).read_text(encoding="utf-8")
    return parse_library(json.loads(raw))
