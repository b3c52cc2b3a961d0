"""A server's overview: its club at a glance, its tips, its daily club ping."""

from __future__ import annotations

from aiohttp import web

from bot.advice.services import admin, catalog
from bot.club.services import challenges
from bot.running.services.stats import club_activity
from bot.web.backend import GuildInfo
from bot.web.context import context, page, server_route
from bot.web.logins import Login
from bot.web.wording import describe_ping


@server_route
async def overview(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    ctx = context(request)
    db = ctx.backend.db
    activity = await club_activity(db, guild.id, ctx.now())
    counts = await catalog.counts(db, guild.id)
    ping = await ctx.backend.reminders().server(guild.id)
    listing = await challenges.listing(db, guild.id, ctx.now())
    return await page(
        request,
        "overview.html",
        guild=guild,
        activity=activity,
        counts=counts,
        tips_max=admin.SERVER_TIPS_MAX,
        ping=describe_ping(ping, guild) if ping else None,
        ping_failures=ping.failures if ping else 0,
        active=[c.name for c in listing.active],
        upcoming=len(listing.upcoming),
        section="overview",
    )
