"""A server's challenges: the list (active, upcoming, recently ended), create (its card posted in the channel, as
/challenge create does) and end now. Through the club's challenge service, audited as made on the web."""

from __future__ import annotations

from aiohttp import web

from bot.club.challenges import Challenge
from bot.club.goals import METRICS, MODES, format_value
from bot.club.services import challenges as service
from bot.club.services.challenges import ChallengeForm
from bot.errors import UserError
from bot.origins import WEB
from bot.web.backend import GuildInfo
from bot.web.context import context, current, flash, page, see_other, server_route
from bot.web.logins import Login

FIELDS = ("name", "metric", "goal", "start", "end", "mode", "channel")


def _url(guild: GuildInfo) -> str:
    return f"/servers/{guild.id}/challenges"


async def _page(request: web.Request, guild: GuildInfo, values: dict[str, str], errors: dict[str, str]) -> web.Response:
    ctx = context(request)
    now = ctx.now()
    listing = await service.listing(ctx.backend.db, guild.id, now)

    def row(c: Challenge) -> dict[str, object]:
        return {
            "id": c.id,
            "name": c.name,
            "goal": format_value(c.metric, c.goal, c.units),
            "total": format_value(c.metric, c.total, c.units) if c.mode == "club" else None,
            "mode": c.mode,
            "start": c.start,
            "end": c.end,
            "participants": c.participants,
            "days_left": c.days_left(listing.today),
            "channel": guild.channel(c.channel_id),
            "open": c.ends_at > now,
        }

    sections = [
        ("Active", [row(c) for c in listing.active]),
        ("Upcoming", [row(c) for c in listing.upcoming]),
        ("Ended in the last 30 days", [row(c) for c in listing.ended]),
    ]
    return await page(
        request,
        "challenges.html",
        guild=guild,
        sections=sections,
        values=values,
        errors=errors,
        metrics=METRICS,
        modes=MODES,
        section="challenges",
    )


@server_route
async def challenges(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    first = next((c for c in guild.channels if c.can_post), None)
    values = {"name": "", "metric": "distance", "goal": "", "start": "today", "end": "", "mode": "individual"}
    values["channel"] = str(first.id) if first else ""
    return await _page(request, guild, values, {})


@server_route
async def create(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    ctx = context(request)
    form = await request.post()
    values = {name: str(form.get(name, "")).strip() for name in FIELDS}
    channel = guild.channel(int(values["channel"])) if values["channel"].isdigit() else None
    if channel is None:
        return await _page(request, guild, values, {"channel": "Pick one of this server's text channels."})
    entered = ChallengeForm(values["name"], values["metric"], values["goal"], values["start"], values["end"],
                            values["mode"] or "individual")  # fmt: skip
    try:
        made = await service.create(ctx.backend.db, guild.id, login.user.id, channel.id, entered, ctx.now(), via=WEB)
        await ctx.backend.publish_challenge(made, login.user.id)
    except UserError as exc:
        return await _page(request, guild, values, {exc.field if exc.field in FIELDS else "name": exc.message})
    session, _ = await current(request)
    flash(session, f"{made.name} is on: its card is in #{channel.name}.")
    raise see_other(_url(guild))


@server_route
async def end(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    ctx = context(request)
    session, _ = await current(request)
    raw = request.match_info["challenge_id"]
    try:
        challenge = await service.by_id(ctx.backend.db, guild.id, int(raw) if len(raw) < 19 else 0)
        ended = await service.end(ctx.backend.db, guild.id, login.user.id, challenge.name, ctx.now(), via=WEB)
    except UserError as exc:
        flash(session, exc.message)
    else:
        await ctx.backend.refresh_challenge(ended)
        flash(session, f"{ended.name} has ended: the results are posted in Discord.")
    raise see_other(_url(guild))
