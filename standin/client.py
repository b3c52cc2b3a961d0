"""What tests use: `FakeDiscord` (members typing slash commands, clicking buttons) and `Reply`.

async with FakeDiscord() as fake:
    club = fake.add_guild("Club")
    alice = fake.add_member(club, "alice")
    ...start the bot against fake.api_base...
    reply = await fake.slash(alice, "demo echo", text="hi", count=2)
    assert reply.content == "hi hi" and not reply.ephemeral
    page2 = await fake.click(alice, reply, "Next")
"""

# Waits take an explicit `timeout=` so failures say what was awaited (instead of asyncio.timeout).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .options import CommandUsageError, build_data, convert_options, find_command
from .server import DEFAULT_TOKEN, FakeDiscordServer
from .state import (
    ADMINISTRATOR,
    EPHEMERAL,
    LOADING,
    Attachment,
    Channel,
    Guild,
    Interaction,
    Json,
    Member,
    Message,
    Role,
    User,
)

T = TypeVar("T")
APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
SELECT_TYPES = (3, 5, 6, 7, 8)


def walk_components(components: list[Json]) -> Iterator[Json]:
    """Every component, depth first (action rows, containers, sections, labels included)."""
    for component in components:
        yield component
        yield from walk_components(component.get("components") or [])
        for key in ("component", "accessory"):
            if isinstance(component.get(key), dict):
                yield from walk_components([component[key]])


@dataclass(frozen=True)
class Reply:
    """A snapshot of what a member sees: a bot message, or a modal / autocomplete answer."""

    id: int | None
    channel_id: int | None
    content: str = ""
    embeds: list[Json] = field(default_factory=list)
    components: list[Json] = field(default_factory=list)
    flags: int = 0
    files: dict[str, bytes] = field(default_factory=dict)
    allowed_mentions: Json | None = None
    interaction_id: int | None = None
    modal: Json | None = None  # set when the bot answered with a modal
    edits: int = 0
    deleted: bool = False
    reactions: tuple[str, ...] = ()
    contents: tuple[str, ...] = ()  # the content after each create and edit (progress messages)
    file_names: tuple[tuple[str, ...], ...] = ()  # the attachments' filenames after each create and edit

    @classmethod
    def of(cls, message: Message) -> Reply:
        return cls(
            id=message.id,
            channel_id=message.channel_id,
            content=message.content,
            embeds=[dict(e) for e in message.embeds],
            components=list(message.components),
            flags=message.flags,
            files={a.filename: a.data for a in message.attachments},
            allowed_mentions=message.allowed_mentions,
            interaction_id=message.interaction.id if message.interaction else None,
            edits=message.edits,
            deleted=message.deleted,
            reactions=tuple(message.reactions),
            contents=tuple(message.contents),
            file_names=tuple(message.file_names),
        )

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        """Still "Bot is thinking..." (deferred, nothing sent yet)."""
        return bool(self.flags & LOADING)

    def embed_text(self) -> str:
        """All text of all embeds (title, description, fields, footer, author), one piece per line."""
        parts: list[str] = []
        for embed in self.embeds:
            parts += [
                embed.get("author", {}).get("name", ""),
                embed.get("title", ""),
                embed.get("description", ""),
            ]
            for f in embed.get("fields", []):
                parts += [f.get("name", ""), f.get("value", "")]
            parts.append(embed.get("footer", {}).get("text", ""))
        return "\n".join(p for p in parts if p)

    def text(self) -> str:
        """Everything readable: content, embeds and components-v2 text displays."""
        texts = [c.get("content", "") for c in walk_components(self.components) if c.get("type") == 10]
        return "\n".join(t for t in [self.content, self.embed_text(), *texts] if t)

    def buttons(self) -> list[Json]:
        return [c for c in walk_components(self.components) if c.get("type") == 2]

    def button(self, target: str) -> Json:
        """The button whose label or custom_id is `target`."""
        for button in self.buttons():
            if target in (button.get("label"), button.get("custom_id")):
                return button
        raise CommandUsageError(f"no button {target!r}; buttons are {[b.get('label') for b in self.buttons()]}")

    def button_labels(self) -> list[str]:
        return [b.get("label") or b.get("custom_id", "") for b in self.buttons()]


class FakeDiscord(FakeDiscordServer):
    """The fake Discord plus the actions of its members. Use as `async with FakeDiscord() as fake:`."""

    def __init__(self, *, token: str = DEFAULT_TOKEN, timeout: float = 5.0) -> None:
        super().__init__(token=token)
        self.timeout = timeout

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ---- building the world ---------------------------------------------------------------------

    @property
    def bot(self) -> User:
        return self.world.bot

    def add_guild(
        self,
        name: str,
        *,
        channels: tuple[str, ...] = ("general",),
        locale: str = "en-US",
        shard: tuple[int, int] | None = None,
        with_bot: bool = True,
    ) -> Guild:
        """Add guilds before the bot connects (GUILD_CREATE is sent at IDENTIFY). `shard=(id, count)`
        picks a guild id that falls on that shard; `with_bot=False` makes a server the bot was never
        invited to (no GUILD_CREATE, 403 Missing Access on its commands)."""
        return self.world.add_guild(name, channels=channels, locale=locale, shard=shard, with_bot=with_bot)

    async def announce_guild(self, guild: Guild) -> None:
        """Send GUILD_CREATE for a guild added after the bot connected (the bot "joins" it)."""
        session_payload = guild.payload(bot_id=self.world.bot.id, all_members=False)
        await self.dispatch("GUILD_CREATE", session_payload)

    def add_member(
        self,
        guild: Guild,
        name: str,
        *,
        admin: bool = False,
        roles: tuple[Role, ...] = (),
        user: User | None = None,
        dms_open: bool = True,
        locale: str = "en-US",
    ) -> Member:
        """A member with the guild's "Admin" role (MANAGE_GUILD) if admin, else its "Member" role.
        Pass `user=` to put an existing user (e.g. another guild's member's `.user`) in this guild."""
        return self.world.add_member(guild, name, admin=admin, roles=roles, user=user, dms_open=dms_open, locale=locale)

    def add_user(self, name: str, *, dms_open: bool = True, locale: str = "en-US") -> User:
        return self.world.add_user(name, dms_open=dms_open, locale=locale)

    def add_role(self, guild: Guild, name: str, permissions: int) -> Role:
        return self.world.add_role(guild, name, permissions)

    def add_channel(self, guild: Guild, name: str) -> Channel:
        return self.world.add_channel(guild, name)

    def open_command(self, guild: Guild, name: str) -> None:
        """Let every member of `guild` use the top-level command `name` (e.g. "server"), whatever its
        `default_member_permissions`: the override a server can set in Server Settings > Integrations.
        The member's own permissions in the interaction stay as they are."""
        guild.opened_commands.add(name)

    async def deny(self, channel: Channel, target: Member | User | Role, permissions: int) -> None:
        """Deny `permissions` to a member (or the bot: `fake.bot`) or a role in one channel, as a channel
        overwrite; sent as CHANNEL_UPDATE when the bot is connected. The bot's messages there are then
        refused 403 50013 when it lacks VIEW_CHANNEL or SEND_MESSAGES."""
        kind = 0 if isinstance(target, Role) else 1
        channel.overwrites = [o for o in channel.overwrites if int(o["id"]) != target.id]
        channel.overwrites.append({"id": str(target.id), "type": kind, "allow": "0", "deny": str(permissions)})
        if self.bot_connected:
            await self.dispatch("CHANNEL_UPDATE", channel.payload())

    def attachment(self, filename: str, data: bytes, content_type: str | None = None) -> Attachment:
        """A file a member uploads, for attachment options (the bot downloads it from the fake)."""
        return self.world.add_blob(filename, data, content_type)

    # ---- readiness ----------------------------------------------------------------------------

    def commands(self, guild: Guild | None = None) -> list[Json]:
        """Command schemas the bot synced (to `guild`, or globally), with their ids."""
        if guild is None:
            return self.world.global_commands
        return self.world.guild_commands.get(guild.id, [])

    def is_bot_ready(self, guild: Guild | None = None) -> bool:
        """Connected to the gateway and (if `guild`) commands synced to that guild."""
        return self.bot_connected and (guild is None or guild.id in self.world.guild_commands)

    async def wait_for_bot_ready(self, guild: Guild | None = None, timeout: float = 20.0) -> None:
        await self._until(lambda: self.is_bot_ready(guild), timeout, lambda: "the bot never became ready")

    # ---- what members do ------------------------------------------------------------------------

    async def slash(
        self,
        user: Member | User,
        command: str,
        *,
        guild: Guild | None = None,
        in_channel: Channel | None = None,
        locale: str | None = None,
        timeout: float | None = None,
        wait: bool = True,
        options: dict[str, Any] | None = None,
        **values: Any,
    ) -> Reply:
        """Run `/command sub option:value...` as `user` and return what the bot answered.

        Option values: str/int/float/bool, Member/User, Channel, Role, or `fake.attachment(...)`.
        An option named like a keyword here (guild, timeout...) goes in `options={...}`.
        After a deferral the call waits for the first follow-up or edit, unless `wait=False`.
        """
        values = {**values, **(options or {})}
        record, payload = self._command_interaction(user, command, values, guild, in_channel, locale, None)
        return await self._run(record, payload, timeout, wait)

    async def autocomplete(
        self,
        user: Member | User,
        command: str,
        option: str,
        typed: str,
        *,
        guild: Guild | None = None,
        in_channel: Channel | None = None,
        timeout: float | None = None,
        **values: Any,
    ) -> list[Json]:
        """The choices ([{"name", "value"}]) the bot suggests while `user` types `typed` in `option`."""
        values = {**values, option: typed}
        record, payload = self._command_interaction(user, command, values, guild, in_channel, None, option)
        await self._run(record, payload, timeout, True)
        return list(record.callback_data.get("choices", []))

    async def click(
        self,
        user: Member | User,
        message: Reply | int,
        target: str,
        *,
        timeout: float | None = None,
        wait: bool = True,
        forged: bool = False,
    ) -> Reply:
        """Click the button labelled `target` (or with that custom_id) on a bot message.
        Returns the edited message (type 7), the new reply (type 4) or the modal (type 9).
        `forged`: send the click although `user` cannot see the message (a crafted interaction), to test
        that the bot itself checks who pressed."""
        live = self._live(message, user, visible=not forged)
        button = Reply.of(live).button(target)
        if button.get("disabled"):
            raise CommandUsageError(f"button {target!r} is disabled")
        if "custom_id" not in button:
            raise CommandUsageError(f"button {target!r} is a link button; the bot never sees clicks on it")
        data = {"custom_id": button["custom_id"], "component_type": 2}
        return await self._component(user, live, data, timeout, wait)

    async def select(
        self,
        user: Member | User,
        message: Reply | int,
        target: str,
        values: list[Any],
        *,
        timeout: float | None = None,
        wait: bool = True,
    ) -> Reply:
        """Pick `values` in the select menu whose custom_id or placeholder is `target`."""
        live = self._live(message, user)
        menus = [c for c in walk_components(live.components) if c.get("type") in SELECT_TYPES]
        menu = next((m for m in menus if target in (m.get("custom_id"), m.get("placeholder"))), None)
        if menu is None:
            raise CommandUsageError(f"no select menu {target!r}; have {[m.get('placeholder') for m in menus]}")
        if menu["type"] == 3:
            allowed = [o["value"] for o in menu.get("options", [])]
            if any(v not in allowed for v in values):
                raise CommandUsageError(f"select {target!r} offers {allowed}, got {values}")
        if not menu.get("min_values", 1) <= len(values) <= menu.get("max_values", 1):
            raise CommandUsageError(f"select {target!r} takes {menu.get('min_values', 1)}..{menu.get('max_values', 1)}")
        ids = [str(v.id) if hasattr(v, "id") else str(v) for v in values]
        data = {"custom_id": menu["custom_id"], "component_type": menu["type"], "values": ids}
        return await self._component(user, live, data, timeout, wait)

    async def submit_modal(
        self,
        user: Member | User,
        modal: Reply,
        values: dict[str, str],
        *,
        timeout: float | None = None,
        wait: bool = True,
    ) -> Reply:
        """Fill the modal the bot showed (text inputs by custom_id) and submit it."""
        if modal.modal is None or modal.interaction_id is None:
            raise CommandUsageError("this reply is not a modal")
        opener = self.world.interactions[modal.interaction_id]
        user_obj = user.user if isinstance(user, Member) else user
        if user_obj is not opener.user:
            raise CommandUsageError(f"only {opener.user.name} sees this modal")
        inputs = {c["custom_id"]: c for c in walk_components(modal.modal["components"]) if c.get("type") == 4}
        if set(values) - set(inputs):
            raise CommandUsageError(f"modal has text inputs {list(inputs)}, got {list(values)}")
        missing = [k for k, c in inputs.items() if c.get("required", True) and not values.get(k)]
        if missing:
            raise CommandUsageError(f"modal requires {missing}")
        data = {"custom_id": modal.modal["custom_id"], "components": _fill(modal.modal["components"], values)}
        guild = self.world.guilds.get(opener.guild_id or 0)
        channel = self.world.channels[opener.channel_id]
        source = self.world.messages.get(opener.source_message_id or 0)
        if guild is None and isinstance(user, Member):
            user = user.user  # a modal opened in a DM is submitted without a guild
        record, payload = self._envelope(MODAL_SUBMIT, user, guild, channel, data, None, source)
        record.name = modal.modal["custom_id"]
        return await self._run(record, payload, timeout, wait)

    # ---- what the bot did --------------------------------------------------------------------------

    def message(self, message_id: int) -> Reply:
        return Reply.of(self.world.messages[message_id])

    def messages_in(self, channel: Channel, *, include_ephemeral: bool = False) -> list[Reply]:
        found = [m for m in self.world.messages.values() if m.channel_id == channel.id and not m.deleted]
        return [Reply.of(m) for m in found if include_ephemeral or not m.flags & EPHEMERAL]

    def dms_to(self, user: Member | User) -> list[Reply]:
        user_obj = user.user if isinstance(user, Member) else user
        return self.messages_in(self.world.dm_channel(user_obj))

    def followups(self, reply: Reply) -> list[Reply]:
        """Every message the interaction behind `reply` created or edited, in order."""
        if reply.interaction_id is None:
            return []
        record = self.world.interactions[reply.interaction_id]
        return [Reply.of(self.world.messages[i]) for i in record.message_ids]

    async def wait_for_message(
        self,
        predicate: Callable[[Reply], bool] | None = None,
        *,
        channel: Channel | None = None,
        dm_to: Member | User | None = None,
        timeout: float | None = None,
    ) -> Reply:
        """The first recorded bot message (already there or arriving within `timeout`) that matches."""
        if dm_to is not None:
            channel = self.world.dm_channel(dm_to.user if isinstance(dm_to, Member) else dm_to)

        def find() -> Reply | None:
            for message in list(self.world.messages.values()):
                if message.deleted or (channel is not None and message.channel_id != channel.id):
                    continue
                reply = Reply.of(message)
                if predicate is None or predicate(reply):
                    return reply
            return None

        return await self._until(find, timeout or self.timeout, lambda: "no matching bot message arrived")

    async def wait_for_edit(
        self,
        reply: Reply,
        predicate: Callable[[Reply], bool] | None = None,
        *,
        timeout: float | None = None,
    ) -> Reply:
        """The message behind `reply` once the bot edited it after that snapshot (and `predicate` holds):
        e.g. a chart attached to a reply that went out before it was drawn."""

        def find() -> Reply | None:
            live = self.world.messages.get(reply.id or 0)
            if live is None or live.edits <= reply.edits:
                return None
            now = Reply.of(live)
            return now if predicate is None or predicate(now) else None

        return await self._until(find, timeout or self.timeout, lambda: f"message {reply.id} was not edited")

    async def wait_until(
        self,
        condition: Callable[[], T | bool | None],
        *,
        timeout: float | None = None,
        what: str = "condition",
    ) -> T:
        """Wait until `condition()` is truthy (re-checked whenever the fake records something)."""
        return await self._until(condition, timeout or self.timeout, lambda: f"{what} never became true")

    def clear_records(self) -> None:
        """Forget messages, interactions and counters (the world and synced commands stay)."""
        self.world.messages.clear()
        self.world.interactions.clear()
        self.requests.clear()
        self.unknown_routes.clear()
        self.refused_dms.clear()
        self.rate_limited = 0

    # ---- internals --------------------------------------------------------------------------------

    def _check_loop(self) -> None:
        if asyncio.get_running_loop() is not self._loop:
            raise RuntimeError(
                "FakeDiscord runs in another event loop: mark the tests with "
                "pytestmark = pytest.mark.asyncio(loop_scope='module') like the fixtures"
            )

    async def _until(self, check: Callable[[], T | bool | None], timeout: float, why: Callable[[], str]) -> T:
        self._check_loop()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self._changed
            result = check()
            if result:
                return result  # type: ignore[return-value]
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"{why()} (waited {timeout}s)")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), remaining)

    def _live(self, message: Reply | int, user: Member | User, *, visible: bool = True) -> Message:
        """The current state of a message `user` is looking at (they must be able to see it)."""
        message_id = message if isinstance(message, int) else message.id
        live = self.world.messages.get(message_id or 0)
        if live is None or live.deleted:
            raise CommandUsageError(f"message {message_id} does not exist (any more)")
        user_obj = user.user if isinstance(user, Member) else user
        owner = live.interaction.user if live.interaction else None
        if visible and live.flags & EPHEMERAL and owner is not user_obj:
            raise CommandUsageError(f"{user_obj.name} cannot see an ephemeral message meant for {owner}")
        channel = self.world.channels[live.channel_id]
        if channel.type == 1 and channel.recipient is not user_obj:
            raise CommandUsageError(f"{user_obj.name} cannot see a DM to {channel.recipient}")
        if channel.guild_id is not None:
            self._where(user, self.world.guilds[channel.guild_id])
        return live

    def _where(self, user: Member | User, guild: Guild | None) -> tuple[User, Guild | None, Member | None]:
        user_obj = user.user if isinstance(user, Member) else user
        guild = guild or (user.guild if isinstance(user, Member) else None)
        if guild is None:
            return user_obj, None, None
        member = guild.members.get(user_obj.id)
        if member is None:
            raise CommandUsageError(f"{user_obj.name} is not a member of {guild.name}")
        return user_obj, guild, member

    def _command_interaction(
        self,
        user: Member | User,
        path: str,
        values: dict[str, Any],
        guild: Guild | None,
        in_channel: Channel | None,
        locale: str | None,
        focused: str | None,
    ) -> tuple[Interaction, Json]:
        user_obj, guild, member = self._where(user, guild)
        command, chain, schemas = find_command(self.world.commands_for(guild.id if guild else None), path)
        if member is not None:
            required = command.get("default_member_permissions")
            perms = member.permissions
            hidden = required is not None and (perms & int(required) != int(required) or required == "0")
            if hidden and not perms & ADMINISTRATOR and command["name"] not in member.guild.opened_commands:
                raise CommandUsageError(f"{member.name} cannot see /{path}: needs permissions {required}")
        elif 1 not in (command.get("contexts") or [0, 1, 2]):
            raise CommandUsageError(f"/{path} is not available in DMs")
        permissions = member.permissions if member else 0
        options, resolved = convert_options(
            path, schemas, values, base_url=self.base_url, permissions=permissions, focused=focused
        )
        data = build_data(command, chain, options, resolved)
        channel = in_channel or (guild.channels[0] if guild else self.world.dm_channel(user_obj))
        if channel.guild_id != (guild.id if guild else None):
            raise CommandUsageError(f"{channel} is not in {guild}")
        kind = AUTOCOMPLETE if focused else APPLICATION_COMMAND
        record, payload = self._envelope(kind, user, guild, channel, data, locale, None)
        record.name = path
        return record, payload

    async def _component(
        self, user: Member | User, message: Message, data: Json, timeout: float | None, wait: bool
    ) -> Reply:
        guild = self.world.guilds.get(message.guild_id or 0)
        channel = self.world.channels[message.channel_id]
        if guild is None and isinstance(user, Member):
            user = user.user  # a click in a DM carries no guild, as on Discord
        record, payload = self._envelope(MESSAGE_COMPONENT, user, guild, channel, data, None, message)
        record.name = data["custom_id"]
        return await self._run(record, payload, timeout, wait)

    def _envelope(
        self,
        kind: int,
        user: Member | User,
        guild: Guild | None,
        channel: Channel,
        data: Json,
        locale: str | None,
        message: Message | None,
    ) -> tuple[Interaction, Json]:
        user_obj, guild, member = self._where(user, guild)
        world = self.world
        interaction_id = world.ids.next()
        token = f"{interaction_id}.{uuid.uuid4().hex}"
        record = Interaction(interaction_id, token, kind, user_obj, guild.id if guild else None, channel.id, "", 0.0)
        record.source_message_id = message.id if message else None
        payload: Json = {
            "id": str(interaction_id),
            "application_id": str(world.application_id),
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "channel_id": str(channel.id),
            "channel": channel.payload(),
            "locale": locale or user_obj.locale,
            "entitlements": [],
            "attachment_size_limit": 25 * 1024 * 1024,
            "authorizing_integration_owners": record.metadata()["authorizing_integration_owners"],
            "context": 0 if guild else 1,
        }
        if guild is not None and member is not None:
            bot_member = guild.members[world.bot.id]
            payload["guild_id"] = str(guild.id)
            payload["guild_locale"] = guild.locale
            payload["guild"] = {"id": str(guild.id), "locale": guild.locale, "features": []}
            payload["member"] = member.payload(with_permissions=True)
            payload["app_permissions"] = str(bot_member.permissions_in(channel))
        else:
            payload["user"] = user_obj.payload()
            payload["app_permissions"] = str(1 << 11 | 1 << 14 | 1 << 15)
        if message is not None:
            payload["message"] = message.payload(self.base_url)
        return record, payload

    async def _run(self, record: Interaction, payload: Json, timeout: float | None, wait: bool) -> Reply:
        self._check_loop()
        record.wait_after_defer = wait
        record.created = asyncio.get_running_loop().time()
        self.world.interactions[record.id] = record
        record.seq = (await self.dispatch("INTERACTION_CREATE", payload))[0]
        timeout = timeout or self.timeout

        def why() -> str:
            state = {
                None: "no response at all",
                5: "deferred, no follow-up yet",
                6: "deferred update, no edit yet",
            }
            seen = state.get(record.callback_type, f"callback type {record.callback_type}")
            return f"the bot did not answer {record.name!r} by {record.user.name} ({seen}); see the bot log"

        await self._until(lambda: record.answered or record.error, timeout, why)
        if record.error:
            raise AssertionError(f"{record.name!r} by {record.user.name}: {record.error}")
        if record.callback_type == 9:
            return Reply(None, record.channel_id, interaction_id=record.id, modal=record.callback_data)
        if record.answer_id is None:
            return Reply(None, record.channel_id, interaction_id=record.id)
        return Reply.of(self.world.messages[record.answer_id])


def _fill(components: list[Json], values: dict[str, str]) -> list[Json]:
    """Modal submit components mirroring the modal's layout, with the typed values."""
    out: list[Json] = []
    for c in components:
        if c.get("type") == 1:
            out.append({"type": 1, "components": _fill(c.get("components", []), values)})
        elif c.get("type") == 18:
            out.append({"type": 18, "component": _fill([c["component"]], values)[0]})
        elif c.get("type") == 4:
            out.append({"type": 4, "custom_id": c["custom_id"], "value": values.get(c["custom_id"], "")})
        elif "custom_id" in c:
            out.append({"type": c["type"], "custom_id": c["custom_id"], "values": []})
    return out
