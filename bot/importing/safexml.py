"""All XML goes through defusedxml: a document with a DTD is refused, so no entity is ever expanded or fetched.

Activity files never carry a DTD, so refusing any is both the safest rule and costs nothing real. Files are
read in chunks (`stream_tree`): after each one the reader takes the track points that are complete out of
the tree, so the tree never holds much more than a chunk of the file. A tree of a whole 90 MB GPX was more
than a gigabyte of elements.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from xml.etree.ElementTree import Element, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from bot.importing.errors import ImportRefused

CHUNK = 256 * 1024  # bytes parsed between two drains: a few thousand points
# Elements left in the tree after a drain (metadata, laps, names): a real activity keeps a few dozen.
MAX_KEPT_ELEMENTS = 10_000
_LEADING = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*")  # a BOM and blanks before the XML declaration

# drain(root, still_open): take the complete points out of the tree; `still_open` holds the elements the
# parser has not closed yet (the tree's rightmost path), empty once the document is complete.
Drain = Callable[[Element, set[Element]], None]


class _Builder(TreeBuilder):
    """The C tree builder, keeping its root where the drains can reach it before the parse ends."""

    root: Element | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        self.root = element
        self.start = super().start  # type: ignore[method-assign,assignment]  # later elements go straight to C
        return element


def stream_tree(chunks: Iterable[bytes | memoryview], source: str, kind: str, drain: Drain) -> Element:
    """The document's root once every chunk was parsed and drained; ImportRefused for a DTD, entities,
    malformed XML or too much left in the tree. What `drain` raises stops the parse and propagates."""
    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        for chunk in _without_leading_blanks(chunks):
            parser.feed(chunk)
            if builder.root is not None:
                _drained(builder.root, drain, source, kind, final=False)
        root = parser.close()
    except DefusedXmlException as exc:
        raise ImportRefused(source, f"the {kind} file declares a DTD or entities, which are not accepted.") from exc
    except ParseError as exc:
        raise ImportRefused(source, f"the {kind} file is truncated or not well-formed XML ({exc}).") from exc
    _drained(root, drain, source, kind, final=True)
    return root


def _without_leading_blanks(chunks: Iterable[bytes | memoryview]) -> Iterator[bytes | memoryview]:
    """Strava's exports start with blanks before the XML declaration, which XML forbids (a BOM is fine)."""
    chunks = iter(chunks)
    for chunk in chunks:
        leading = _LEADING.match(chunk)  # it matches any text, if only the empty string
        skip = leading.end() if leading else 0
        if skip < len(chunk):
            yield chunk[skip:]
            break
    yield from chunks


def _drained(root: Element, drain: Drain, source: str, kind: str, *, final: bool) -> None:
    still_open: set[Element] = set()
    if not final:
        node: Element | None = root
        while node is not None:
            still_open.add(node)
            node = node[-1] if len(node) else None
    drain(root, still_open)
    for kept, _ in enumerate(root.iter(), start=1):
        if kept > MAX_KEPT_ELEMENTS:
            raise ImportRefused(
                source, f"the {kind} file holds more than {MAX_KEPT_ELEMENTS:,} elements besides its track points."
            )


def complete(parent: Element, still_open: set[Element]) -> int:
    """How many of `parent`'s children the parser has closed: all but the last while that one is open."""
    count = len(parent)
    return count - 1 if count and parent[-1] in still_open else count


_LOCAL_NAMES: dict[str, str] = {}


def local(tag: str) -> str:
    """The tag without its namespace: `{http://...}Trackpoint` → `Trackpoint` (memoised: called per node)."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < 10_000:  # a hostile file could invent endless tags
            _LOCAL_NAMES[tag] = name
    return name


def to_float(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
