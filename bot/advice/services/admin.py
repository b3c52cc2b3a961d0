"""Admin tip management: validated changes, each audited, and all-or-nothing import/export."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from bot.advice.models import Tip, TipFields
from bot.db import audit
from bot.db import tips as tips_db
from bot.db.audit import DISCORD
from bot.db.store import Store
from bot.errors import NotFound, UserError, is_record_id
from bot.text import clean, is_blank

TITLE_MAX, BODY_MAX, SOURCE_MAX = 100, 1500, 300
TAGS_MAX, TAG_MAX = 12, 30
SERVER_TIPS_MAX = 2000
KINDS = ("general", "stretch", "core")
IMPORT_BYTES_MAX = 2_000_000
EXPORT_FORMAT = "stride-tips"
_TOPIC = re.compile(r"^[a-z0-9][a-z0-9-]{0,29}$")


def clean_fields(
    topic: str, title: str, body: str, source: str | None, tags: str | list[str] | None, kind: str | None
) -> TipFields:
    """Validate one tip; raise UserError naming the field and the limit."""
    topic = (topic or "").strip().lower()
    if not _TOPIC.match(topic):
        raise UserError("The topic should be one short word or slug, e.g. `back` or `long-run`.", "topic")
    title, body = clean(title or ""), clean(body or "")
    title, body = ("" if is_blank(title) else title), ("" if is_blank(body) else body)
    if not title or len(title) > TITLE_MAX:
        raise UserError(f"The title must be 1–{TITLE_MAX} characters (it is {len(title)}).", "title")
    if not body or len(body) > BODY_MAX:
        raise UserError(f"The body must be 1–{BODY_MAX} characters (it is {len(body)}).", "body")
    source = clean(source or "") or None
    if source and len(source) > SOURCE_MAX:
        raise UserError(f"The source must be at most {SOURCE_MAX} characters (it is {len(source)}).", "source")
    raw_tags = tags.split(",") if isinstance(tags, str) else list(tags or [])
    clean_tags = tuple(dict.fromkeys(str(t).strip().lower() for t in raw_tags if str(t).strip()))
    if len(clean_tags) > TAGS_MAX or any(len(t) > TAG_MAX for t in clean_tags):
        raise UserError(
            f"Use at most {TAGS_MAX} tags of at most {TAG_MAX} characters, e.g. `spasm, lower back`.", "tags"
        )
    kind = (kind or "general").strip().lower()
    if kind not in KINDS:
        raise UserError(f"The kind must be one of {', '.join(KINDS)}.", "kind")
    return TipFields(topic, kind, title, body, source, clean_tags)


def _fields_of(tip: Tip) -> TipFields:
    return TipFields(tip.topic, tip.kind, tip.title, tip.body, tip.source, tip.tags)


async def _own_tip(db: Store, guild_id: int, tip_id: int) -> Tip:
    tip = await tips_db.get_tip(db, guild_id, tip_id) if is_record_id(tip_id) else None
    if tip is None:
        raise NotFound(f"Tip #{tip_id} not found. `/tips list` shows the ids.")
    return tip


async def add_tip(db: Store, guild_id: int, user_id: int, f: TipFields, *, via: str = DISCORD) -> int:
    async with db.transaction(guild_id) as tx:  # scoped: limits hold under concurrency
        if await tips_db.count_server_tips(tx, guild_id) >= SERVER_TIPS_MAX:
            raise UserError(f"This server has {SERVER_TIPS_MAX} tips, the limit. Remove some first.", "title")
        tip_id = await tips_db.insert_tip(tx, guild_id, user_id, f)
        await audit.record(tx, guild_id, user_id, "add", tip_id, {"title": f.title, "topic": f.topic}, via=via)
    return tip_id


async def edit_tip(db: Store, guild_id: int, user_id: int, tip_id: int, *, via: str = DISCORD, **changes: Any) -> Tip:
    """Change the given fields (None: keep); the audit names the fields whose value really changed."""
    tip = await _own_tip(db, guild_id, tip_id)
    if tip.builtin:
        raise UserError(
            f"Tip #{tip_id} is built in and can't be edited. Hide it with `/tips hide` and add your own version.",
            "id",
        )
    current = _fields_of(tip)
    merged = {name: getattr(current, name) for name in ("topic", "title", "body", "source", "tags", "kind")}
    merged.update({k: v for k, v in changes.items() if v is not None})
    f = clean_fields(**merged)
    changed = {k: v for k, v in changes.items() if v is not None and getattr(f, k) != getattr(current, k)}
    if not changed:
        return tip
    async with db.transaction(guild_id) as tx:
        await tips_db.update_tip(tx, guild_id, tip_id, f)
        await audit.record(tx, guild_id, user_id, "edit", tip_id, changed, via=via)
    return await _own_tip(db, guild_id, tip_id)


async def set_removed(db: Store, guild_id: int, user_id: int, tip_id: int, removed: bool, *, via: str = DISCORD) -> Tip:
    tip = await _own_tip(db, guild_id, tip_id)
    if tip.builtin:
        verb = "hide" if removed else "unhide"
        raise UserError(f"Tip #{tip_id} is built in: use `/tips {verb}` for it.", "id")
    if tip.deleted == removed:
        raise UserError(f"Tip #{tip_id} is already {'removed' if removed else 'active'}.", "id")
    async with db.transaction(guild_id) as tx:
        if not removed and await tips_db.count_server_tips(tx, guild_id) >= SERVER_TIPS_MAX:
            raise UserError(f"This server has {SERVER_TIPS_MAX} tips, the limit. Remove some first.", "id")
        await tips_db.set_deleted(tx, guild_id, tip_id, removed)
        action = "remove" if removed else "restore"
        await audit.record(tx, guild_id, user_id, action, tip_id, {"title": tip.title}, via=via)
    return tip


async def set_hidden(db: Store, guild_id: int, user_id: int, tip_id: int, hidden: bool, *, via: str = DISCORD) -> Tip:
    tip = await _own_tip(db, guild_id, tip_id)
    if not tip.builtin:
        verb = "remove" if hidden else "restore"
        raise UserError(f"Tip #{tip_id} is this server's own: use `/tips {verb}` for it.", "id")
    async with db.transaction(guild_id) as tx:
        if await tips_db.is_hidden(tx, guild_id, tip_id) == hidden:
            raise UserError(f"Tip #{tip_id} is already {'hidden' if hidden else 'shown'} here.", "id")
        await tips_db.set_hidden(tx, guild_id, tip_id, hidden)
        action = "hide" if hidden else "unhide"
        await audit.record(tx, guild_id, user_id, action, tip_id, {"title": tip.title}, via=via)
    return tip


# --- export / import -------------------------------------------------------------------------------


def _entry(tip: Tip) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": tip.id,
        "topic": tip.topic,
        "kind": tip.kind,
        "title": tip.title,
        "body": tip.body,
    }
    entry["source"] = tip.source
    entry["tags"] = list(tip.tags)
    if tip.builtin:
        entry["builtin"] = True
    return entry


async def export_tips(db: Store, guild_id: int, include_builtin: bool) -> bytes:
    tips = await tips_db.server_tips(db, guild_id)
    if include_builtin:
        tips = [t for t in await tips_db.by_topic(db, guild_id, None, 100_000) if t.builtin] + tips
    document = {"format": EXPORT_FORMAT, "version": 1, "tips": [_entry(t) for t in tips]}
    return json.dumps(document, indent=2, ensure_ascii=False).encode()


@dataclass(slots=True)
class ImportPlan:
    added: list[TipFields] = field(default_factory=list)
    updated: list[tuple[int, TipFields]] = field(default_factory=list)
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # entries skipped for a reason the admin should know


def _entry_lines(text: str) -> list[int]:
    """The line on which each entry of the tips array starts (for error messages)."""
    match = re.search(r'"tips"\s*:\s*\[', text) or re.search(r"\[", text)
    if match is None:
        return []
    decoder, pos, lines = json.JSONDecoder(), match.end(), []
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            break
        lines.append(text.count("\n", 0, pos) + 1)
        try:
            _, pos = decoder.raw_decode(text, pos)
        except ValueError:
            break
    return lines


def parse_import(raw: bytes) -> tuple[list[Any], list[int]]:
    """The entries of an import file and their line numbers; CPU work, run it off the event loop."""
    if len(raw) > IMPORT_BYTES_MAX:
        raise UserError(f"The file is {len(raw) // 1024} KB; the limit is {IMPORT_BYTES_MAX // 1_000_000} MB.", "file")
    try:
        text = raw.decode("utf-8-sig")
        document = json.loads(text)
    except UnicodeDecodeError:
        raise UserError(
            "The file is not UTF-8 text. Export one with `/tips export` to see the format.", "file"
        ) from None
    except json.JSONDecodeError as exc:
        raise UserError(
            f"The file is not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}.", "file"
        ) from None
    entries = document.get("tips") if isinstance(document, dict) else document
    if not isinstance(entries, list):
        raise UserError('The file needs a `"tips": [...]` list, as `/tips export` writes.', "file")
    return entries, _entry_lines(text)


async def plan_import(db: Store, guild_id: int, entries: list[Any], lines: list[int]) -> ImportPlan:
    plan = ImportPlan()
    own = {t.id: t for t in await tips_db.server_tips(db, guild_id)}
    by_title = {(t.topic, t.title.lower()): t for t in own.values()}
    ids = [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), int) and e["id"] not in own]
    builtin = await tips_db.builtin_ids(db, ids)
    seen: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(entries):
        where = f"entry {index + 1}" + (f" (line {lines[index]})" if index < len(lines) else "")
        if not isinstance(entry, dict):
            plan.errors.append(f"{where}: expected an object with topic, title and body.")
            continue
        if entry.get("builtin"):
            plan.skipped += 1
            continue
        if isinstance(entry.get("id"), int) and entry["id"] in builtin:
            plan.skipped += 1
            plan.notes.append(
                f"{where}: #{entry['id']} is a built-in tip, which an import does not change: skipped. Hide it with "
                f"`/tips hide id: {entry['id']}` and import your version without its `id` to add it as this server's."
            )
            continue
        try:
            f = clean_fields(
                str(entry.get("topic", "")), str(entry.get("title", "")), str(entry.get("body", "")),
                entry.get("source"), entry.get("tags"), entry.get("kind"),
            )  # fmt: skip
        except UserError as exc:
            plan.errors.append(f"{where}: {exc.message}")
            continue
        key = (f.topic, f.title.lower())
        if key in seen:
            plan.errors.append(f"{where}: duplicate of entry {seen[key]} (same topic and title).")
            continue
        seen[key] = index + 1
        existing = own.get(entry["id"]) if isinstance(entry.get("id"), int) else None
        existing = existing or by_title.get(key)
        if existing is None:
            plan.added.append(f)
        elif _fields_of(existing) == f and not existing.deleted:
            plan.skipped += 1
        else:
            plan.updated.append((existing.id, f))
    if len(own) + len(plan.added) > SERVER_TIPS_MAX:
        plan.errors.append(f"importing would make {len(own) + len(plan.added)} tips; the limit is {SERVER_TIPS_MAX}.")
    return plan


async def apply_import(db: Store, guild_id: int, user_id: int, plan: ImportPlan, *, via: str = DISCORD) -> None:
    """All or nothing: one transaction, and only for a plan without errors."""
    if plan.errors:
        raise ValueError("refusing to apply an import plan with errors")
    async with db.transaction(guild_id) as tx:
        for f in plan.added:
            await tips_db.insert_tip(tx, guild_id, user_id, f)
        for tip_id, f in plan.updated:
            await tips_db.update_tip(tx, guild_id, tip_id, f)
        summary = {"added": len(plan.added), "updated": len(plan.updated), "skipped": plan.skipped}
        await audit.record(tx, guild_id, user_id, "import", None, summary, via=via)
