"""REST handlers of the fake Discord (everything under /api/v10 plus attachment downloads).

Each handler reads or changes `server.world` and calls `server._notify()` so waiting tests wake up.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from aiohttp import web

from .oauth import OAuthRoutes
from .state import (
    EPHEMERAL,
    LOADING,
    MANAGE_EVENTS,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    Channel,
    Interaction,
    Json,
    Message,
    now_iso,
)
from .wire import API, DiscordError, read_body

if TYPE_CHECKING:
    from .server import FakeDiscordServer

# Interaction callback types.
MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, AUTOCOMPLETE, MODAL = 4, 5, 6, 7, 8, 9
CHAT_INPUT_REPLY = 20  # message type of a slash command's response


class Rest:
    def __init__(self, server: FakeDiscordServer) -> None:
        self.s = server
        self.world = server.world

    # ---- login, gateway, application -------------------------------------------------------------

    async def me(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization", "").startswith("Bearer "):  # a user's OAuth2 token
            return await OAuthRoutes(self.s).me(request)
        return self.s.json({**self.world.bot.payload(), "verified": True, "mfa_enabled": False, "flags": 0})

    async def user(self, request: web.Request) -> web.Response:
        user = self.world.users.get(int(request.match_info["user_id"]))
        if user is None:
            raise DiscordError(404, 10013, "Unknown User")
        return self.s.json(user.payload())

    async def gateway(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        shards = self.s.recommended_shards
        return self.s.json({"url": self.s.gateway_url, "shards": shards, "session_start_limit": limit})

    async def application(self, request: web.Request) -> web.Response:
        bot = self.world.bot
        return self.s.json(
            {
                "id": str(self.world.application_id),
                "name": bot.name,
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": bot.payload(),
                "verify_key": "0" * 64,
                "flags": 0,
                "bot": bot.payload(),
                "team": None,
                "summary": "",
                "interactions_endpoint_url": None,
            }
        )

    def _commands(self, request: web.Request) -> list[Json]:
        if request.match_info["app_id"] != str(self.world.application_id):
            raise DiscordError(403, 50001, "Missing Access")
        guild_id = request.match_info.get("guild_id")
        if guild_id is None:
            return self.world.global_commands
        guild = self.world.guilds.get(int(guild_id))
        if guild is None:  # as Discord: an id that is no server at all
            raise DiscordError(404, 10004, "Unknown Guild")
        if self.world.bot.id not in guild.members:  # a server the bot was never invited to
            raise DiscordError(403, 50001, "Missing Access")
        return self.world.guild_commands.setdefault(int(guild_id), [])

    async def get_commands(self, request: web.Request) -> web.Response:
        return self.s.json(self._commands(request))

    async def put_commands(self, request: web.Request) -> web.Response:
        commands = self._commands(request)
        old = {c["name"]: c["id"] for c in commands}
        guild_id = request.match_info.get("guild_id")
        synced = []
        for schema in await request.json():
            command = {**schema, "id": old.get(schema["name"]) or str(self.world.ids.next())}
            command.update(application_id=str(self.world.application_id), version=str(self.world.ids.next()))
            command.setdefault("type", 1)
            command.setdefault("description", "")
            perms = command.get("default_member_permissions")
            command["default_member_permissions"] = None if perms is None else str(perms)
            if guild_id is not None:
                command["guild_id"] = guild_id
            synced.append(command)
        commands[:] = synced
        self.s._notify()
        return self.s.json(synced)

    # ---- interactions --------------------------------------------------------------------------------

    async def callback(self, request: web.Request) -> web.Response:
        world = self.world
        interaction = world.interactions.get(int(request.match_info["interaction_id"]))
        if interaction is None or interaction.token != request.match_info["token"]:
            raise DiscordError(404, 10062, "Unknown interaction")
        if interaction.callback_type is not None:
            raise DiscordError(400, 40060, "Interaction has already been acknowledged.")
        elapsed = asyncio.get_running_loop().time() - interaction.created if self.s.response_deadline else 0.0
        if self.s.response_deadline and elapsed > self.s.response_deadline:
            interaction.error = f"the bot answered after {elapsed:.1f}s (Discord allows {self.s.response_deadline}s)"
            self.s._notify()
            raise DiscordError(404, 10062, "Unknown interaction")
        body, files = await read_body(request, world)
        kind, data = int(body["type"]), body.get("data") or {}
        channel = world.channels[interaction.channel_id]
        source = world.messages.get(interaction.source_message_id or 0)
        message: Message | None = None
        if kind in (MESSAGE, DEFERRED_MESSAGE):
            flags = int(data.get("flags") or 0) & EPHEMERAL
            message = world.new_message(channel, interaction=interaction, flags=flags)
            message.type = CHAT_INPUT_REPLY if interaction.type == 2 else 0
            if kind == MESSAGE:
                message.apply(data, files)
            else:
                message.flags |= LOADING
            interaction.original_id = message.id
        elif kind in (DEFERRED_UPDATE, UPDATE_MESSAGE):
            if source is None:
                raise DiscordError(400, 50035, "Invalid Form Body: this interaction has no message to update")
            message = source
            interaction.original_id = source.id
            if kind == UPDATE_MESSAGE:
                message.apply(data, files)
                message.edits += 1
                interaction.message_ids.append(source.id)
        elif kind == MODAL and interaction.type == 5:
            raise DiscordError(400, 50035, "Invalid Form Body: a modal cannot answer a modal submit")
        elif kind not in (AUTOCOMPLETE, MODAL):
            raise DiscordError(400, 50035, f"Invalid Form Body: unknown callback type {kind}")
        interaction.callback_type, interaction.callback_data = kind, data
        if kind in (MESSAGE, UPDATE_MESSAGE, AUTOCOMPLETE, MODAL) or not interaction.wait_after_defer:
            interaction.answer(message.id if message else None)
        self.s._notify()
        if request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        result: Json = {"id": str(interaction.id), "type": interaction.type}
        resource: Json = {"type": kind}
        if message is not None:
            result["response_message_id"] = str(message.id)
            result["response_message_loading"] = kind == DEFERRED_MESSAGE
            result["response_message_ephemeral"] = bool(message.flags & EPHEMERAL)
            resource["message"] = message.payload(self.s.base_url)
        return self.s.json({"interaction": result, "resource": resource})

    async def followup(self, request: web.Request) -> web.Response:
        interaction = self.s.interaction_by_token(request.match_info["app_id"], request.match_info["token"])
        params, files = await read_body(request, self.world)
        original = self.world.messages.get(interaction.original_id or 0)
        if original is not None and original.flags & LOADING:
            # The first follow-up after a "thinking" deferral replaces the loading message.
            message = original
            message.flags &= ~LOADING
        else:
            channel = self.world.channels[interaction.channel_id]
            flags = int(params.get("flags") or 0) & EPHEMERAL
            message = self.world.new_message(channel, interaction=interaction, flags=flags)
        message.apply(params, files)
        if message.id not in interaction.message_ids:
            interaction.message_ids.append(message.id)
        if not interaction.answered:
            interaction.answer(message.id)
        self.s._notify()
        if request.query.get("wait") in ("1", "true", "True"):
            return self.s.message_json(message)
        return web.Response(status=204)

    def _webhook_message(self, request: web.Request) -> tuple[Interaction, Message]:
        interaction = self.s.interaction_by_token(request.match_info["app_id"], request.match_info["token"])
        raw = request.match_info["message_id"]
        message_id = interaction.original_id if raw == "@original" else int(raw)
        if message_id is not None and message_id not in [*interaction.message_ids, interaction.original_id]:
            raise DiscordError(404, 10008, "Unknown Message")
        return interaction, self.s.message_or_404(message_id)

    async def get_webhook_message(self, request: web.Request) -> web.Response:
        return self.s.message_json(self._webhook_message(request)[1])

    async def edit_webhook_message(self, request: web.Request) -> web.Response:
        interaction, message = self._webhook_message(request)
        params, files = await read_body(request, self.world)
        message.apply(params, files)
        message.flags &= ~LOADING
        message.edits += 1
        if message.id not in interaction.message_ids:
            interaction.message_ids.append(message.id)
        if not interaction.answered:
            interaction.answer(message.id)
        self.s._notify()
        return self.s.message_json(message)

    async def delete_webhook_message(self, request: web.Request) -> web.Response:
        interaction, message = self._webhook_message(request)
        message.deleted = True
        if not interaction.answered:
            interaction.answer(message.id)
        self.s._notify()
        return web.Response(status=204)

    # ---- channels, messages, DMs ------------------------------------------------------------------------

    def _channel(self, request: web.Request) -> Channel:
        channel = self.world.channels.get(int(request.match_info["channel_id"]))
        if channel is None:
            raise DiscordError(404, 10003, "Unknown Channel")
        return channel

    async def get_channel(self, request: web.Request) -> web.Response:
        return self.s.json(self._channel(request).payload())

    async def create_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if channel.type == 1 and channel.recipient is not None and not channel.recipient.dms_open:
            self.s.refused_dms.append(channel.recipient.id)
            self.s._notify()
            raise DiscordError(403, 50007, "Cannot send messages to this user")
        if channel.guild_id is not None:
            bot = self.world.guilds[channel.guild_id].members[self.world.bot.id]
            if bot.permissions_in(channel) & (VIEW_CHANNEL | SEND_MESSAGES) != VIEW_CHANNEL | SEND_MESSAGES:
                raise DiscordError(403, 50013, "Missing Permissions")
        params, files = await read_body(request, self.world)
        nonce = str(params["nonce"]) if params.get("nonce") is not None else None
        if nonce is not None and params.get("enforce_nonce"):  # as Discord: the first message with it, no copy
            earlier = self.world.by_nonce.get((channel.id, nonce))
            if earlier is not None and not earlier.deleted:
                self.s.nonce_repeats += 1
                return self.s.message_json(earlier)
        message = self.world.new_message(channel)
        message.type = 19 if params.get("message_reference") else 0
        message.nonce = nonce
        if nonce is not None:
            self.world.by_nonce.setdefault((channel.id, nonce), message)
        message.apply(params, files)
        self.s._notify()
        return self.s.message_json(message)

    def _channel_message(self, request: web.Request) -> Message:
        message = self.s.message_or_404(int(request.match_info["message_id"]))
        # Ephemeral messages exist only for the interaction's webhook, as on Discord.
        if str(message.channel_id) != request.match_info["channel_id"] or message.flags & EPHEMERAL:
            raise DiscordError(404, 10008, "Unknown Message")
        return message

    async def get_message(self, request: web.Request) -> web.Response:
        return self.s.message_json(self._channel_message(request))

    async def history(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        limit = int(request.query.get("limit", 50))
        found = [m for m in self.world.messages.values() if m.channel_id == channel.id and not m.deleted]
        found = [m for m in found if not m.flags & EPHEMERAL]
        return self.s.json([m.payload(self.s.base_url) for m in reversed(found)][:limit])

    async def edit_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        params, files = await read_body(request, self.world)
        message.apply(params, files)
        message.edits += 1
        # A click deferred with type 6, then message.edit(): the edit answers the click.
        for interaction in self.world.interactions.values():
            if (
                interaction.source_message_id == message.id
                and not interaction.answered
                and interaction.callback_type == DEFERRED_UPDATE
            ):
                interaction.answer(message.id)
        self.s._notify()
        return self.s.message_json(message)

    async def delete_message(self, request: web.Request) -> web.Response:
        self._channel_message(request).deleted = True
        self.s._notify()
        return web.Response(status=204)

    async def add_reaction(self, request: web.Request) -> web.Response:
        self._channel_message(request).reactions.append(request.match_info["emoji"])
        self.s._notify()
        return web.Response(status=204)

    async def typing(self, request: web.Request) -> web.Response:
        self._channel(request)
        return web.Response(status=204)

    async def create_dm(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = self.world.users.get(int(body.get("recipient_id", 0)))
        if user is None:
            raise DiscordError(400, 50035, "Invalid Form Body: unknown recipient_id")
        return self.s.json(self.world.dm_channel(user).payload())

    # ---- guilds, attachments -----------------------------------------------------------------------

    async def get_guild(self, request: web.Request) -> web.Response:
        guild = self.world.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            raise DiscordError(404, 10004, "Unknown Guild")
        return self.s.json(guild.payload(bot_id=self.world.bot.id, all_members=False))

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self.world.guilds.get(int(request.match_info["guild_id"]))
        member = guild.members.get(int(request.match_info["user_id"])) if guild else None
        if member is None:
            raise DiscordError(404, 10007, "Unknown Member")
        return self.s.json(member.payload())

    async def guild_channels(self, request: web.Request) -> web.Response:
        guild = self.world.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            raise DiscordError(404, 10004, "Unknown Guild")
        return self.s.json([c.payload() for c in guild.channels])

    # ---- guild scheduled events (only what a bot making external events needs) -------------------------

    def _events_guild(self, request: web.Request) -> int:
        guild = self.world.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            raise DiscordError(404, 10004, "Unknown Guild")
        if not guild.members[self.world.bot.id].permissions & MANAGE_EVENTS:
            raise DiscordError(403, 50013, "Missing Permissions")
        return guild.id

    async def create_scheduled_event(self, request: web.Request) -> web.Response:
        guild_id = self._events_guild(request)
        body = await request.json()
        if body.get("entity_type") == 3 and not (body.get("scheduled_end_time") and body.get("entity_metadata")):
            raise DiscordError(400, 50035, "Invalid Form Body: external events need an end time and a location")
        event_id = self.world.ids.next()
        event = {
            "id": str(event_id),
            "guild_id": str(guild_id),
            "channel_id": body.get("channel_id"),
            "creator_id": str(self.world.bot.id),
            "creator": self.world.bot.payload(),
            "name": body["name"],
            "description": body.get("description"),
            "scheduled_start_time": body["scheduled_start_time"],
            "scheduled_end_time": body.get("scheduled_end_time"),
            "privacy_level": body.get("privacy_level", 2),
            "status": 1,
            "entity_type": body.get("entity_type", 3),
            "entity_id": None,
            "entity_metadata": body.get("entity_metadata"),
            "user_count": 0,
            "image": None,
            "created_at": now_iso(),
        }
        self.world.scheduled_events[event_id] = event
        self.s._notify()
        return self.s.json(event)

    def _scheduled(self, request: web.Request) -> Json:
        guild_id = self._events_guild(request)
        event = self.world.scheduled_events.get(int(request.match_info["event_id"]))
        if event is None or event["guild_id"] != str(guild_id):
            raise DiscordError(404, 10070, "Unknown Guild Scheduled Event")
        return event

    async def edit_scheduled_event(self, request: web.Request) -> web.Response:
        event = self._scheduled(request)
        event.update({k: v for k, v in (await request.json()).items() if k != "id"})
        self.s._notify()
        return self.s.json(event)

    async def delete_scheduled_event(self, request: web.Request) -> web.Response:
        event = self._scheduled(request)
        del self.world.scheduled_events[int(event["id"])]
        self.s._notify()
        return web.Response(status=204)

    async def attachment(self, request: web.Request) -> web.Response:
        blob = self.world.blobs.get(int(request.match_info["attachment_id"]))
        if blob is None or blob.filename != request.match_info["filename"]:
            raise web.HTTPNotFound()
        return web.Response(body=blob.data, content_type=blob.content_type or "application/octet-stream")


def add_routes(server: FakeDiscordServer, r: web.UrlDispatcher) -> None:
    h = Rest(server)
    hook = API + "/webhooks/{app_id}/{token}"
    channel_message = API + "/channels/{channel_id}/messages/{message_id}"
    routes = [
        ("GET", "/users/@me", h.me),
        ("POST", "/users/@me/channels", h.create_dm),
        ("GET", "/users/{user_id}", h.user),
        ("GET", "/gateway", h.gateway),
        ("GET", "/gateway/bot", h.gateway),
        ("GET", "/oauth2/applications/@me", h.application),
        ("GET", "/applications/@me", h.application),
        ("GET", "/applications/{app_id}/commands", h.get_commands),
        ("PUT", "/applications/{app_id}/commands", h.put_commands),
        ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", h.get_commands),
        ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", h.put_commands),
        ("POST", "/interactions/{interaction_id}/{token}/callback", h.callback),
        ("GET", "/channels/{channel_id}", h.get_channel),
        ("GET", "/channels/{channel_id}/messages", h.history),
        ("POST", "/channels/{channel_id}/messages", h.create_message),
        ("POST", "/channels/{channel_id}/typing", h.typing),
        ("GET", "/guilds/{guild_id}", h.get_guild),
        ("GET", "/guilds/{guild_id}/channels", h.guild_channels),
        ("GET", "/guilds/{guild_id}/members/{user_id}", h.get_member),
        ("POST", "/guilds/{guild_id}/scheduled-events", h.create_scheduled_event),
        ("PATCH", "/guilds/{guild_id}/scheduled-events/{event_id}", h.edit_scheduled_event),
        ("DELETE", "/guilds/{guild_id}/scheduled-events/{event_id}", h.delete_scheduled_event),
    ]
    for method, path, handler in routes:
        r.add_route(method, API + path, handler)
    r.add_post(hook, h.followup)
    r.add_get(hook + "/messages/{message_id}", h.get_webhook_message)
    r.add_patch(hook + "/messages/{message_id}", h.edit_webhook_message)
    r.add_delete(hook + "/messages/{message_id}", h.delete_webhook_message)
    r.add_get(channel_message, h.get_message)
    r.add_patch(channel_message, h.edit_message)
    r.add_delete(channel_message, h.delete_message)
    r.add_put(channel_message + "/reactions/{emoji}/@me", h.add_reaction)
    r.add_get("/attachments/{attachment_id}/{filename}", h.attachment)
