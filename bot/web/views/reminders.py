"""The daily club ping: channel, time, zone, role, kind, or off. Changes go through the reminder service, as
/server reminders does (so the dispatcher wakes at once), audited as made on the web."""

from __future__ import annotations

import functools
from zoneinfo import available_timezones

from aiohttp import web

from bot.errors import UserError
from bot.origins import WEB
from bot.reminders.services.reminders import SERVER_KINDS
from bot.web.backend import GuildInfo
from bot.web.context import context, current, flash, page, see_other, server_route
from bot.web.logins import Login
from bot.web.wording import describe_ping

FIELDS = ("channel", "time", "timezone", "role", "kind")


@functools.cache
def zones() -> list[str]:
    return sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))


async def _form(request: web.Request, guild: GuildInfo, values: dict[str, str], errors: dict[str, str]) -> web.Response:
    ping = await context(request).backend.reminders().server(guild.id)
    return await page(
        request,
        "reminders.html",
        guild=guild,
        ping=describe_ping(ping, guild) if ping else None,
        ping_failures=ping.failures if ping else 0,
        values=values,
        errors=errors,
        kinds=[k.value for k in SERVER_KINDS],
        zones=zones(),
        section="reminders",
    )


@server_route
async def show(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    ping = await context(request).backend.reminders().server(guild.id)
    if ping is None:
        first = next((c for c in guild.channels if c.can_post), None)
        values = {"channel": str(first.id) if first else "", "time": "07:00", "timezone": "UTC"}
        values |= {"role": "", "kind": "stretch"}
    else:
        values = {"channel": str(ping.channel_id), "time": f"{ping.at:%H:%M}", "timezone": ping.timezone}
        values |= {"role": str(ping.role_id or ""), "kind": ping.kind.value}
    return await _form(request, guild, values, {})


@server_route
async def save(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    form = await request.post()
    values = {name: str(form.get(name, "")).strip() for name in FIELDS}
    errors: dict[str, str] = {}
    channel = guild.channel(int(values["channel"])) if values["channel"].isdigit() else None
    if channel is None:
        errors["channel"] = "Pick one of this server's text channels."
    role_id = None
    if values["role"]:
        role = guild.role(int(values["role"])) if values["role"].isdigit() else None
        if role is None:
            errors["role"] = "Pick one of this server's roles, or no role."
        role_id = role.id if role else None
    if not errors and channel is not None:
        try:
            await (
                context(request)
                .backend.reminders()
                .set_server(
                    guild.id,
                    login.user.id,
                    channel_id=channel.id,
                    time=values["time"],
                    timezone=values["timezone"],
                    role_id=role_id,
                    kind=values["kind"],
                    via=WEB,
                )
            )
        except UserError as exc:
            errors[exc.field if exc.field in FIELDS else "time"] = exc.message
    if errors:
        return await _form(request, guild, values, errors)
    session, _ = await current(request)
    flash(session, "Club ping saved: it applies in Discord now (/server show has it).")
    raise see_other(f"/servers/{guild.id}/reminders")


@server_route
async def turn_off(request: web.Request, login: Login, guild: GuildInfo) -> web.StreamResponse:
    removed = await context(request).backend.reminders().server_off(guild.id, login.user.id, via=WEB)
    session, _ = await current(request)
    flash(session, "The daily club ping is off." if removed else "There was no club ping to stop.")
    raise see_other(f"/servers/{guild.id}/reminders")
