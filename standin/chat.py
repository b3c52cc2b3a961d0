"""The browser side of `stride try`: a chat page and the small JSON API it calls, on the stand-in's own app.

The page acts as one of the club's people at a time. What they type goes through the same `FakeDiscord`
actions the end-to-end tests use (slash, autocomplete, click, select, submit_modal), so the bot cannot tell
the page from Discord; what the bot posts is read back from the world, ephemeral replies only by the person
they are for. `GET /chat/messages` is a long poll: it answers at once when the world changed since the
version the page has, else when it next changes (or after 25 s).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any

from aiohttp import web

from .client import FakeDiscord, Reply, walk_components
from .commandline import CommandLineError, command_paths, parse_command_line, typed_value
from .options import ATTACHMENT, CommandUsageError
from .state import EPHEMERAL, Channel, Guild, Json, Member, Message

log = logging.getLogger("stride.try")

POLL_SECONDS = 25.0
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
STATIC = {"chat.js": "text/javascript", "chat.css": "text/css", "index.html": "text/html"}


@dataclass(frozen=True)
class Person:
    key: str  # "you", "coach", "sam": how the page names them
    member: Member
    role: str  # what the page says about them


@dataclass
class Club:
    guild: Guild
    people: dict[str, Person]


def build_club(fake: FakeDiscord) -> Club:
    """The server `stride try` shows: a few channels, you, an admin and a second member."""
    guild = fake.add_guild("Riverside Runners", channels=("general", "runs", "club-news"))
    people = {
        "you": Person("you", fake.add_member(guild, "you"), "member"),
        "coach": Person("coach", fake.add_member(guild, "coach", admin=True), "admin (Manage Server)"),
        "sam": Person("sam", fake.add_member(guild, "sam"), "another member"),
    }
    return Club(guild, people)


class ChatPage:
    def __init__(self, fake: FakeDiscord, club: Club) -> None:
        self.fake, self.club = fake, club

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/", self.page)
        router.add_get("/static/{name}", self.static)
        router.add_get("/chat/world", self.world)
        router.add_get("/chat/messages", self.messages)
        router.add_post("/chat/command", self.command)
        router.add_post("/chat/complete", self.complete)
        router.add_post("/chat/click", self.click)
        router.add_post("/chat/select", self.select)
        router.add_post("/chat/modal", self.modal)

    # ---- the page ----------------------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.Response:
        return self._file("index.html")

    async def static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC or name == "index.html":
            raise web.HTTPNotFound()
        return self._file(name)

    def _file(self, name: str) -> web.Response:
        body = resources.files(__package__).joinpath("chat_static", name).read_bytes()
        return web.Response(body=body, content_type=STATIC[name], charset="utf-8", headers=_headers())

    async def world(self, request: web.Request) -> web.Response:
        guild = self.club.guild
        paths = command_paths(self.fake.commands(guild) or self.fake.commands())
        commands = [
            {
                "path": path,
                "options": [
                    {
                        "name": o["name"],
                        "description": o.get("description", ""),
                        "required": bool(o.get("required")),
                        "type": o["type"],
                        "choices": [str(c["value"]) for c in o.get("choices") or []],
                        "autocomplete": bool(o.get("autocomplete")),
                    }
                    for o in options
                ],
            }
            for path, options in sorted(paths.items())
        ]
        return _json(
            {
                "server": guild.name,
                "channels": [{"id": str(c.id), "name": c.name} for c in guild.channels],
                "people": [{"key": p.key, "name": p.member.name, "role": p.role} for p in self.club.people.values()],
                "commands": commands,
                "ready": self.fake.bot_connected,
            }
        )

    # ---- reading -----------------------------------------------------------------------------------

    async def messages(self, request: web.Request) -> web.Response:
        person = self._person(request.query.get("as", ""))
        since = _int(request.query.get("since", "-1"))
        if since == self.fake.version:
            changed = self.fake.changed_event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), POLL_SECONDS)
        channel = self._channel(request.query.get("channel", ""), person)
        visible = [m for m in self._visible(person) if m.channel_id == channel.id]
        latest: dict[str, int] = {}
        for message in self._visible(person):
            key = "dm" if message.guild_id is None else str(message.channel_id)
            latest[key] = max(latest.get(key, 0), message.id)
        return _json(
            {
                "version": self.fake.version,
                "messages": [self._render(m) for m in visible[-100:]],
                "latest": latest,
                "ready": self.fake.bot_connected,
            }
        )

    def _visible(self, person: Person) -> list[Message]:
        user = person.member.user
        dm = self.fake.world.dm_channel(user)
        out = []
        for m in self.fake.world.messages.values():
            if m.deleted or (m.guild_id is None and m.channel_id != dm.id):
                continue
            if m.flags & EPHEMERAL and (m.interaction is None or m.interaction.user is not user):
                continue
            if m.guild_id is not None and m.guild_id != self.club.guild.id:
                continue
            out.append(m)
        return sorted(out, key=lambda m: m.id)

    def _render(self, m: Message) -> Json:
        reply = Reply.of(m)
        invoked = None
        if m.interaction is not None and m.interaction.type == 2:
            invoked = {"user": m.interaction.user.name, "command": m.interaction.name}
        return {
            "id": str(m.id),
            "content": m.content,
            "embeds": m.embeds,
            "components": m.components,
            "attachments": [
                {"id": str(a.id), "filename": a.filename, "url": f"/attachments/{a.id}/{a.filename}"}
                for a in m.attachments
            ],
            "ephemeral": reply.ephemeral,
            "thinking": reply.loading,
            "edited": m.edits > 0,
            "invoked": invoked,
            "timestamp": m.timestamp,
        }

    # ---- acting ------------------------------------------------------------------------------------

    async def command(self, request: web.Request) -> web.Response:
        form = await request.post()
        person = self._person(str(form.get("as", "")))
        channel = self._channel(str(form.get("channel", "")), person)
        text = str(form.get("command", ""))
        guild = self.club.guild if channel.guild_id is not None else None
        try:
            line = parse_command_line(text, command_paths(self._commands(guild)))
            schemas = {o["name"]: o for o in command_paths(self._commands(guild))[line.path]}
            values: dict[str, Any] = {}
            for name, raw in line.values.items():
                values[name] = typed_value(schemas[name], raw, self.fake.world, guild)
            upload = form.get("file")
            for name, schema in schemas.items():
                if schema["type"] == ATTACHMENT and name not in values and isinstance(upload, web.FileField):
                    values[name] = self.fake.attachment(upload.filename, upload.file.read(), upload.content_type)
            reply = await self.fake.slash(
                _actor(person, guild), line.path, in_channel=channel, options=values, wait=False, timeout=10
            )
        except (CommandLineError, CommandUsageError) as error:
            return _json({"error": _plain(error)})
        return self._answer(reply)

    async def complete(self, request: web.Request) -> web.Response:
        data = await request.json()
        person = self._person(str(data.get("as", "")))
        channel = self._channel(str(data.get("channel", "")), person)
        guild = self.club.guild if channel.guild_id is not None else None
        paths = command_paths(self._commands(guild))
        try:
            line = parse_command_line(str(data.get("command", "")), paths, completing=True)
        except CommandLineError:
            return _json({"choices": []})
        schemas = {o["name"]: o for o in paths.get(line.path, [])}
        schema = schemas.get(line.focused or "")
        if schema is None:
            return _json({"choices": []})
        if schema.get("choices"):
            typed = line.partial.lower()
            names = [str(c["value"]) for c in schema["choices"] if typed in str(c["value"]).lower()]
            return _json({"choices": names[:25]})
        if not schema.get("autocomplete"):
            return _json({"choices": []})
        try:
            values = {n: typed_value(schemas[n], raw, self.fake.world, guild) for n, raw in line.values.items()}
            choices = await self.fake.autocomplete(
                _actor(person, guild), line.path, schema["name"], line.partial, in_channel=channel, **values
            )
        except (CommandLineError, CommandUsageError, AssertionError, TimeoutError):
            return _json({"choices": []})
        return _json({"choices": [str(c["value"]) for c in choices][:25]})

    async def click(self, request: web.Request) -> web.Response:
        data = await request.json()
        person = self._person(str(data.get("as", "")))
        message = self._message(data.get("message"), person)
        custom_id = str(data.get("custom_id", ""))
        try:
            reply = await self.fake.click(_actor_for(person, message), message.id, custom_id, wait=False, timeout=10)
        except (CommandUsageError, AssertionError, TimeoutError) as error:
            return _json({"error": _plain(error)})
        return self._answer(reply)

    async def select(self, request: web.Request) -> web.Response:
        data = await request.json()
        person = self._person(str(data.get("as", "")))
        message = self._message(data.get("message"), person)
        values = [str(v) for v in data.get("values") or []]
        try:
            reply = await self.fake.select(
                _actor_for(person, message), message.id, str(data.get("custom_id", "")), values, wait=False, timeout=10
            )
        except (CommandUsageError, AssertionError, TimeoutError) as error:
            return _json({"error": _plain(error)})
        return self._answer(reply)

    async def modal(self, request: web.Request) -> web.Response:
        data = await request.json()
        person = self._person(str(data.get("as", "")))
        interaction = self.fake.world.interactions.get(_int(str(data.get("interaction", ""))))
        if interaction is None or interaction.callback_type != 9:
            return _json({"error": "That form is no longer open."})
        opened = Reply(None, interaction.channel_id, interaction_id=interaction.id, modal=interaction.callback_data)
        values = {str(k): str(v) for k, v in (data.get("values") or {}).items()}
        guild = self.club.guild if interaction.guild_id is not None else None
        try:
            reply = await self.fake.submit_modal(_actor(person, guild), opened, values, wait=False, timeout=10)
        except (CommandUsageError, AssertionError, TimeoutError) as error:
            return _json({"error": _plain(error)})
        return self._answer(reply)

    # ---- helpers -----------------------------------------------------------------------------------

    def _answer(self, reply: Reply) -> web.Response:
        if reply.modal is not None:
            return _json({"modal": _modal(reply)})
        return _json({"ok": True})

    def _commands(self, guild: Guild | None) -> list[Json]:
        return self.fake.commands(guild) or self.fake.commands() if guild else self.fake.commands()

    def _person(self, key: str) -> Person:
        person = self.club.people.get(key)
        if person is None:
            raise web.HTTPBadRequest(text="unknown person")
        return person

    def _channel(self, raw: str, person: Person) -> Channel:
        if raw == "dm":
            return self.fake.world.dm_channel(person.member.user)
        for channel in self.club.guild.channels:
            if str(channel.id) == raw:
                return channel
        raise web.HTTPBadRequest(text="unknown channel")

    def _message(self, raw: Any, person: Person) -> Message:
        message = self.fake.world.messages.get(_int(str(raw)))
        if message is None or message.deleted or message not in self._visible(person):
            raise web.HTTPBadRequest(text="unknown message")
        return message


def _actor(person: Person, guild: Guild | None) -> Any:
    return person.member if guild is not None else person.member.user


def _actor_for(person: Person, message: Message) -> Any:
    return person.member if message.guild_id is not None else person.member.user


def _modal(reply: Reply) -> Json:
    assert reply.modal is not None
    inputs = [
        {
            "custom_id": c["custom_id"],
            "label": c.get("label", c["custom_id"]),
            "long": c.get("style") == 2,
            "required": c.get("required", True),
            "value": c.get("value", ""),
            "placeholder": c.get("placeholder", ""),
            "max_length": c.get("max_length", 4000),
        }
        for c in walk_components(reply.modal.get("components", []))
        if c.get("type") == 4
    ]
    return {"interaction": str(reply.interaction_id), "title": reply.modal.get("title", ""), "inputs": inputs}


def _plain(error: Exception) -> str:
    return str(error).removeprefix("AssertionError: ")


def _int(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        return -1


def _headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CSP,
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


def _json(data: Json) -> web.Response:
    return web.json_response(data, headers=_headers())
