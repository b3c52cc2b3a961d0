"""All XML goes through defusedxml: a document with a DTD is refused, so no entity is ever expanded or fetched.

Activity files never carry a DTD, so refusing any is both the safest rule and costs nothing real.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

from bot.importing.errors import ImportRefused


def parse_xml(data: str | bytes, source: str, kind: str) -> Element:
    """The root element; raises ImportRefused for a DTD, entities or malformed XML."""
    try:
        return safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ImportRefused(source, f"the {kind} file declares a DTD or entities, which are not accepted.") from exc
    except ParseError as exc:
        raise ImportRefused(source, f"the {kind} file is truncated or not well-formed XML ({exc}).") from exc


_LOCAL_NAMES: dict[str, str] = {}


def local(tag: str) -> str:
    """The tag without its namespace: `{http://...}Trackpoint` → `Trackpoint` (memoised: called per node)."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < 10_000:  # a hostile file could invent endless tags
            _LOCAL_NAMES[tag] = name
    return name


def child(element: Element, name: str) -> Element | None:
    for c in element:
        if local(c.tag) == name:
            return c
    return None


def child_text(element: Element, name: str) -> str | None:
    c = child(element, name)
    return c.text.strip() if c is not None and c.text else None


def to_float(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
