"""The server's audit log: who changed which tip or the club ping, when, and whether on the web."""

from __future__ import annotations

from aiohttp import web

from bot.advice.services import catalog
from bot.origins import WEB
from bot.web.backend import GuildInfo
from bot.web.context import context, page, server_route
from bot.web.logins import Login
from bot.web.wording import describe_entry, when

PER_PAGE = 25


@server_route
async def audit_log(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    ctx = context(request)
    raw = request.query.get("before", "")
    before = int(raw) if raw.isdigit() and len(raw) < 19 else None
    entries = await catalog.audit_page(ctx.backend.db, guild.id, PER_PAGE + 1, before)
    more, entries = len(entries) > PER_PAGE, entries[:PER_PAGE]
    names = await ctx.backend.user_names({e.user_id for e in entries} - {login.user.id})
    names[login.user.id] = f"{login.user.name} (you)"
    ping = await ctx.backend.reminders().server(guild.id)
    zone = ping.timezone if ping else "UTC"
    rows = [
        {
            "when": when(e.at, zone),
            "who": names.get(e.user_id, f"user {e.user_id}"),
            "what": describe_entry(e, guild),
            "web": e.via == WEB,
        }
        for e in entries
    ]
    older = f"/servers/{guild.id}/log?before={entries[-1].id}" if more else None
    return await page(request, "log.html", guild=guild, rows=rows, zone=zone, older=older, section="log")
