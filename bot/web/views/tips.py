"""A server's tips: the list (filter, search, pages), add and edit forms, hide/unhide, remove/restore,
import and export. Every change goes through bot.advice.services.admin, as /tips does, audited as made on the web."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from aiohttp.web_request import FileField

from bot.advice.models import TipFields
from bot.advice.services import admin, catalog
from bot.errors import UserError
from bot.origins import WEB
from bot.web.backend import GuildInfo
from bot.web.context import context, current, flash, page, see_other, server_route
from bot.web.logins import Login

PER_PAGE = 25
FIELDS = ("topic", "title", "body", "source", "tags", "kind")
# A valid value per field: validation runs again with a bad field replaced, so one submit shows every error.
_PLACEHOLDERS = {"topic": "x", "title": "x", "body": "x", "source": "", "tags": "", "kind": "general"}
IMPORT_ERRORS_SHOWN = 50


def validate(values: dict[str, str]) -> tuple[TipFields | None, dict[str, str]]:
    """The cleaned tip, or the message for each bad field (the same rules and limits as /tips add)."""
    trial, errors = dict(values), {}
    for _ in FIELDS:
        try:
            fields = admin.clean_fields(**trial)
        except UserError as exc:
            field = exc.field if exc.field in FIELDS else "title"
            if field in errors:
                break
            errors[field] = exc.message
            trial[field] = _PLACEHOLDERS[field]
            continue
        return (fields if not errors else None), errors
    return None, errors


def _tips_url(guild: GuildInfo) -> str:
    return f"/servers/{guild.id}/tips"


def _back(raw: object, guild: GuildInfo) -> str:
    """The list page a form came from (its filters kept), never anywhere else."""
    base = _tips_url(guild)
    if isinstance(raw, str) and (raw == base or raw.startswith(base + "?")):
        return raw
    return base


def _filters(request: web.Request) -> dict[str, str]:
    query = request.query
    show = query.get("show", "all")
    return {
        "show": show if show in catalog.SHOWS else "all",
        "topic": query.get("topic", "").strip().lower()[:30],
        "q": query.get("q", "").strip()[: catalog.QUERY_MAX],
    }


async def _list(request: web.Request, guild: GuildInfo, **extra: Any) -> web.Response:
    filters = _filters(request)
    raw_page = request.query.get("page", "1")
    number = int(raw_page) if raw_page.isdigit() and len(raw_page) < 7 else 1
    listing = await catalog.admin_page(
        context(request).backend.db,
        guild.id,
        show=filters["show"],
        topic=filters["topic"] or None,
        query=filters["q"] or None,
        page=number,
        per_page=PER_PAGE,
    )
    kept = {k: v for k, v in filters.items() if v and not (k == "show" and v == "all")}

    def page_url(n: int) -> str:
        return _tips_url(guild) + "?" + urlencode({**kept, "page": n})

    return await page(
        request,
        "tips.html",
        guild=guild,
        listing=listing,
        filters=filters,
        shows=catalog.SHOWS,
        page_url=page_url,
        back=_tips_url(guild) + ("?" + urlencode({**kept, "page": listing.page}) if kept or listing.page > 1 else ""),
        section="tips",
        **extra,
    )


@server_route
async def tip_list(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    return await _list(request, guild)


async def _form(
    request: web.Request, guild: GuildInfo, values: dict[str, str], errors: dict[str, str], tip_id: int | None
) -> web.Response:
    topics = await catalog.topics(context(request).backend.db, guild.id)
    return await page(
        request,
        "tip_form.html",
        guild=guild,
        values=values,
        errors=errors,
        tip_id=tip_id,
        kinds=admin.KINDS,
        topics=[t for t, _ in topics],
        limits={"title": admin.TITLE_MAX, "body": admin.BODY_MAX, "source": admin.SOURCE_MAX},
        section="tips",
    )


async def _posted(request: web.Request) -> dict[str, str]:
    form = await request.post()
    return {name: str(form.get(name, "")) for name in FIELDS}


@server_route
async def new_tip(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    values = dict.fromkeys(FIELDS, "") | {"kind": "general", "topic": request.query.get("topic", "")[:30]}
    return await _form(request, guild, values, {}, None)


@server_route
async def create_tip(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    values = await _posted(request)
    fields, errors = validate(values)
    if fields is not None:
        try:
            tip_id = await admin.add_tip(context(request).backend.db, guild.id, login.user.id, fields, via=WEB)
        except UserError as exc:
            errors = {exc.field if exc.field in FIELDS else "title": exc.message}
    if errors:
        return await _form(request, guild, values, errors, None)
    session, _ = await current(request)
    flash(session, f"Added tip #{tip_id}: /advice finds it now.")
    raise see_other(_tips_url(guild))


def _tip_id(request: web.Request) -> int:
    raw = request.match_info["tip_id"]
    if len(raw) > 18:
        raise web.HTTPNotFound(reason="No such tip here.")
    return int(raw)


@server_route
async def edit_tip(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    tip = await catalog.tip(context(request).backend.db, guild.id, _tip_id(request))
    if tip is None:
        raise web.HTTPNotFound(reason="No such tip in this server.")
    if tip.builtin:
        session, _ = await current(request)
        flash(session, f"Tip #{tip.id} is built in and can't be edited: hide it and add your own version.")
        raise see_other(_tips_url(guild))
    values = {
        "topic": tip.topic,
        "title": tip.title,
        "body": tip.body,
        "source": tip.source or "",
        "tags": ", ".join(tip.tags),
        "kind": tip.kind,
    }
    return await _form(request, guild, values, {}, tip.id)


@server_route
async def save_tip(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    tip_id = _tip_id(request)
    values = await _posted(request)
    _, errors = validate(values)
    if not errors:
        try:
            await admin.edit_tip(context(request).backend.db, guild.id, login.user.id, tip_id, via=WEB, **values)
        except UserError as exc:
            errors = {exc.field if exc.field in FIELDS else "title": exc.message}
    if errors:
        return await _form(request, guild, values, errors, tip_id)
    session, _ = await current(request)
    flash(session, f"Saved tip #{tip_id}.")
    raise see_other(_tips_url(guild))


_ACTIONS = {"remove": "Removed", "restore": "Restored", "hide": "Hid", "unhide": "Showed again"}


@server_route
async def tip_action(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    action, tip_id = request.match_info["action"], _tip_id(request)
    form = await request.post()
    db, session = context(request).backend.db, (await current(request))[0]
    try:
        if action in ("remove", "restore"):
            tip = await admin.set_removed(db, guild.id, login.user.id, tip_id, action == "remove", via=WEB)
        else:
            tip = await admin.set_hidden(db, guild.id, login.user.id, tip_id, action == "hide", via=WEB)
    except UserError as exc:
        flash(session, exc.message)
    else:
        flash(session, f"{_ACTIONS[action]} tip #{tip.id} ({tip.title}).")
    raise see_other(_back(form.get("back"), guild))


@server_route
async def export_tips(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    include_builtin = request.query.get("builtin") == "1"
    body = await admin.export_tips(context(request).backend.db, guild.id, include_builtin)
    name = "stride-tips-with-builtins.json" if include_builtin else "stride-tips.json"
    return web.Response(
        body=body, content_type="application/json", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _read_and_parse(upload: FileField) -> tuple[list[Any], list[int]]:
    return admin.parse_import(upload.file.read(admin.IMPORT_BYTES_MAX + 1))


@server_route
async def import_tips(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    form = await request.post()
    upload = form.get("file")
    db = context(request).backend.db
    if not isinstance(upload, FileField) or not upload.filename:
        return await _list(request, guild, import_errors=["Choose a JSON file, as Export writes it."])
    try:
        entries, lines = await asyncio.to_thread(_read_and_parse, upload)
    except UserError as exc:
        return await _list(request, guild, import_errors=[exc.message])
    plan = await admin.plan_import(db, guild.id, entries, lines)
    if plan.errors:
        shown = plan.errors[:IMPORT_ERRORS_SHOWN]
        more = len(plan.errors) - len(shown)
        return await _list(request, guild, import_errors=shown, import_more=more, import_name=upload.filename)
    await admin.apply_import(db, guild.id, login.user.id, plan, via=WEB)
    session, _ = await current(request)
    flash(session, f"Imported: {len(plan.added)} added, {len(plan.updated)} updated, {plan.skipped} skipped.")
    raise see_other(_tips_url(guild))
