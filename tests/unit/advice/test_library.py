import copy
import json
import re
from collections import Counter
from importlib import resources

import pytest

from bot.advice.library import (
    KINDS,
    MAX_BODY,
    MAX_SOURCE,
    MAX_TITLE,
    Library,
    LibraryTip,
    load_library,
    parse_library,
)

REQUIRED_TOPICS = {
    "back",
    "core",
    "stretching",
    "shoes",
    "form",
    "load",
    "long-run",
    "pacing",
    "hydration",
    "nutrition",
    "recovery",
    "injury",
    "race-day",
    "sleep",
    "cross-training",
    "knee",
    "shin",
    "foot",
    "professional",
}
SEED_TOPICS = (
    "back",
    "core",
    "stretching",
    "shoes",
    "form",
    "load",
    "long-run",
    "hydration",
    "nutrition",
    "cross-training",
    "professional",
)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture
def raw() -> dict:
    text = resources.files("bot.advice").joinpath("library.json").read_text(encoding="utf-8")
    return json.loads(text)


def _text(tip: LibraryTip) -> str:
    return f"{tip.title} {tip.body} {' '.join(tip.tags)}".lower()


def test_loads_and_is_cached(library: Library) -> None:
    assert library.version >= 2
    assert load_library() is library
    assert all(isinstance(t, LibraryTip) for t in library.tips)
    assert all(isinstance(tag, str) for t in library.tips for tag in t.tags)


def test_size(library: Library) -> None:
    assert len(library.tips) >= 72
    used = {t.topic for t in library.tips}
    assert len(used) >= 14
    assert set(library.topics) >= REQUIRED_TOPICS
    assert used >= REQUIRED_TOPICS


def test_every_tip_is_well_formed(library: Library) -> None:
    for tip in library.tips:
        assert tip.topic in library.topics, tip.key
        assert tip.kind in KINDS, tip.key
        assert tip.source.strip(), tip.key
        assert 0 < len(tip.title) <= MAX_TITLE, tip.key
        assert 0 < len(tip.body) <= MAX_BODY, tip.key
        assert 0 < len(tip.source) <= MAX_SOURCE, tip.key
        assert tip.tags, tip.key
        assert all(tag == tag.lower() and tag.strip() for tag in tip.tags), tip.key
        # Real, checkable citations name a year; NHS/NICE pages name their site or guideline.
        assert re.search(r"\((?:19|20)\d\d\)|nhs\.uk", tip.source), tip.key


def test_bodies_are_short_practical_paragraphs(library: Library) -> None:
    for tip in library.tips:
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", tip.body)
        assert 2 <= len(sentences) <= 6, (tip.key, len(sentences))


def test_keys_unique(library: Library) -> None:
    counts = Counter(t.key for t in library.tips)
    assert not [k for k, n in counts.items() if n > 1]


def test_kinds_for_rotating_reminders(library: Library) -> None:
    kinds = Counter(t.kind for t in library.tips)
    assert kinds["stretch"] >= 10
    assert kinds["core"] >= 10


@pytest.mark.parametrize("topic", SEED_TOPICS)
def test_seed_story_topics_covered(library: Library, topic: str) -> None:
    assert len(library.by_topic(topic)) >= 2


def test_seed_story_details(library: Library) -> None:
    texts = [_text(t) for t in library.tips]
    assert any("gel" in t for t in texts)
    assert any("500" in t and "800 km" in t for t in texts)
    assert any("swimming" in t for t in texts)
    assert any("spasm" in t for t in texts)
    assert any("mile 17" in t.tags for t in library.tips)
    assert any("10%" in t for t in texts)
    assert any("hyponatraemia" in t for t in texts)
    assert any("aqua jogging" in t for t in texts)
    assert any("massage" in t for t in texts)


@pytest.mark.parametrize(
    "name",
    ["plank", "side plank", "dead bug", "bird dog", "glute bridge", "pallof press"],
)
def test_core_exercises_have_their_own_tip(library: Library, name: str) -> None:
    assert any(t.kind == "core" and name in t.title.lower() for t in library.tips)


@pytest.mark.parametrize(
    "name",
    ["hip flexor", "hamstring", "calf", "quad", "figure-4", "cat-cow", "child's pose"],
)
def test_stretches_have_their_own_tip(library: Library, name: str) -> None:
    assert any(t.kind == "stretch" and name in t.title.lower() for t in library.tips)


def test_helpers(library: Library) -> None:
    first = library.tips[0]
    assert library.get(first.key) is first
    assert library.get("no-such-tip") is None
    assert all(t.kind == "core" for t in library.by_kind("core"))
    assert library.by_topic("nope") == ()


def test_parse_round_trip(raw: dict, library: Library) -> None:
    assert parse_library(raw) == library


def _break(raw: dict, index: int, **changes: object) -> dict:
    data = copy.deepcopy(raw)
    data["tips"][index].update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"topic": "astrology"}, "unknown topic"),
        ({"kind": "yoga"}, "kind"),
        ({"title": "x" * (MAX_TITLE + 1)}, "title"),
        ({"body": "x" * (MAX_BODY + 1)}, "body"),
        ({"source": "x" * (MAX_SOURCE + 1)}, "source"),
        ({"source": "   "}, "source"),
        ({"tags": ["Spasm"]}, "tags"),
        ({"tags": "spasm"}, "tags"),
        ({"tags": ["lower back, spasm"]}, "tags"),
        ({"colour": "red"}, "unknown fields"),
    ],
)
def test_validation_names_offending_key(raw: dict, changes: dict, message: str) -> None:
    key = raw["tips"][3]["key"]
    with pytest.raises(ValueError, match=message) as err:
        parse_library(_break(raw, 3, **changes))
    assert repr(key) in str(err.value)


def test_validation_rejects_duplicate_keys(raw: dict) -> None:
    dup = raw["tips"][0]["key"]
    with pytest.raises(ValueError, match="duplicate") as err:
        parse_library(_break(raw, 5, key=dup))
    assert dup in str(err.value)


def test_validation_rejects_missing_field(raw: dict) -> None:
    data = copy.deepcopy(raw)
    del data["tips"][2]["source"]
    with pytest.raises(ValueError, match="missing"):
        parse_library(data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([], "expected a JSON object at the top level"),
        ({"version": "1", "topics": {"a": "A"}, "tips": []}, "version must be a positive integer"),
        ({"version": True, "topics": {"a": "A"}, "tips": []}, "version must be a positive integer"),
        ({"version": 1, "topics": {}, "tips": []}, "topics must be a non-empty object"),
        ({"version": 1, "topics": {"Bad Slug": "A"}, "tips": []}, "topic slug 'Bad Slug' is not a lowercase slug"),
        ({"version": 1, "topics": {"a": "A"}, "tips": {}}, "tips must be a list"),
        ({"version": 1, "topics": {"a": "A"}, "tips": ["not an object"]}, "expected an object"),
        ({"version": 1, "topics": {"a": "A"}, "tips": [{"key": "Not A Slug"}]}, "key 'Not A Slug' is not a lowercase"),
    ],
)
def test_validation_rejects_bad_structure(data: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_library(data)
