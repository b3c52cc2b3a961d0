"""The fake Discord's world: users, guilds, channels, messages and interactions, plus their JSON shapes.

Nothing here does I/O; `server.py` mutates a `World` and `client.py` reads it for tests.
Payload shapes follow discord.py 2.7's `discord/types/` (only the keys discord.py reads).
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

Json = dict[str, Any]

DISCORD_EPOCH_MS = 1420070400000

# Permission bits (https://discord.com/developers/docs/topics/permissions).
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_EXTERNAL_EMOJIS = 1 << 18
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_EVENTS = 1 << 33
SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = (1 << 51) - 1

EVERYONE_PERMISSIONS = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | ADD_REACTIONS
    | USE_EXTERNAL_EMOJIS
    | USE_APPLICATION_COMMANDS
    | SEND_MESSAGES_IN_THREADS
)
ADMIN_PERMISSIONS = MANAGE_GUILD | MANAGE_MESSAGES

# Message flags.
EPHEMERAL = 1 << 6
LOADING = 1 << 7

# Gateway intents the fake cares about.
INTENT_GUILD_MEMBERS = 1 << 1


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


class Snowflakes:
    """Increasing ids shaped like real snowflakes (so `created_at` is now)."""

    def __init__(self) -> None:
        self._last = 0
        self._counter = itertools.count()

    def next(self) -> int:
        value = ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | (next(self._counter) & 0xFFF)
        self._last = max(value, self._last + 1)
        return self._last

    def next_on_shard(self, shard_id: int, shard_count: int) -> int:
        """The next id whose guild would live on `shard_id` of `shard_count` ((id >> 22) % count):
        the timestamp part moves up to the next millisecond that falls on that shard."""
        value = self.next()
        ms = value >> 22
        ms += (shard_id - ms) % shard_count
        self._last = max(value, ms << 22)
        return self._last


@dataclass(eq=False)
class User:
    id: int
    name: str
    bot: bool = False
    dms_open: bool = True
    locale: str = "en-US"

    def payload(self) -> Json:
        return {
            "id": str(self.id),
            "username": self.name,
            "discriminator": "0",
            "global_name": None if self.bot else self.name.title(),
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }

    def __repr__(self) -> str:
        return f"<User {self.name} {self.id}>"


@dataclass(eq=False)
class Role:
    id: int
    guild_id: int
    name: str
    permissions: int
    position: int = 0

    def payload(self) -> Json:
        return {
            "id": str(self.id),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": False,
            "mentionable": False,
            "flags": 0,
            "icon": None,
            "unicode_emoji": None,
        }


@dataclass(eq=False)
class Channel:
    """A guild text channel (type 0) or a DM channel (type 1)."""

    id: int
    name: str
    type: int = 0
    guild_id: int | None = None
    position: int = 0
    recipient: User | None = None
    # Discord's permission overwrites: {"id", "type" (0 role, 1 member), "allow", "deny"} (see `fake.deny`).
    overwrites: list[Json] = field(default_factory=list)

    def payload(self) -> Json:
        if self.type == 1:
            assert self.recipient is not None
            return {
                "id": str(self.id),
                "type": 1,
                "recipients": [self.recipient.payload()],
                "last_message_id": None,
            }
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [dict(o) for o in self.overwrites],
            "topic": None,
            "nsfw": False,
            "parent_id": None,
            "rate_limit_per_user": 0,
            "last_message_id": None,
        }

    def __repr__(self) -> str:
        return f"<Channel #{self.name} {self.id}>"


@dataclass(eq=False)
class Guild:
    id: int
    name: str
    owner_id: int
    locale: str = "en-US"
    roles: list[Role] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    members: dict[int, Member] = field(default_factory=dict)
    # Top-level commands the server lets every member use whatever their `default_member_permissions`
    # (Server Settings > Integrations): the bot must refuse them in code.
    opened_commands: set[str] = field(default_factory=set)

    @property
    def everyone(self) -> Role:
        return self.roles[0]

    def role(self, name: str) -> Role:
        return _named(self.roles, name, "role")

    def channel(self, name: str) -> Channel:
        return _named(self.channels, name, "channel")

    def member(self, name: str) -> Member:
        return _named(list(self.members.values()), name, "member")

    def payload(self, *, bot_id: int, all_members: bool) -> Json:
        """GUILD_CREATE data. Without the members intent Discord sends only the bot's own member."""
        members = [m for m in self.members.values() if all_members or m.id == bot_id]
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "owner_id": str(self.owner_id),
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "features": [],
            "roles": [r.payload() for r in self.roles],
            "emojis": [],
            "stickers": [],
            "mfa_level": 0,
            "system_channel_id": str(self.channels[0].id) if self.channels else None,
            "system_channel_flags": 0,
            "premium_tier": 0,
            "preferred_locale": self.locale,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "joined_at": now_iso(),
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "members": [m.payload() for m in members],
            "channels": [c.payload() for c in self.channels],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def __repr__(self) -> str:
        return f"<Guild {self.name} {self.id}>"


@dataclass(eq=False)
class Member:
    user: User
    guild: Guild
    roles: list[Role] = field(default_factory=list)
    joined_at: str = field(default_factory=now_iso)

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def name(self) -> str:
        return self.user.name

    def permissions_in(self, channel: Channel) -> int:
        """Permissions in a channel: the guild's, then its overwrites for @everyone, the member's roles and
        the member, as Discord computes them."""
        value = self.permissions
        if value & ADMINISTRATOR or self.id == self.guild.owner_id:
            return ALL_PERMISSIONS
        by_id = {int(o["id"]): o for o in channel.overwrites}
        for key in (self.guild.id, *[r.id for r in self.roles], self.id):
            found = by_id.get(key)
            if found is not None:
                value = (value & ~int(found["deny"])) | int(found["allow"])
        return value

    @property
    def permissions(self) -> int:
        """Guild-level permissions (channel overwrites: `permissions_in`)."""
        if self.id == self.guild.owner_id:
            return ALL_PERMISSIONS
        value = self.guild.everyone.permissions
        for role in self.roles:
            value |= role.permissions
        return ALL_PERMISSIONS if value & ADMINISTRATOR else value

    def payload(self, *, with_user: bool = True, with_permissions: bool = False) -> Json:
        data: Json = {
            "roles": [str(r.id) for r in self.roles],
            "joined_at": self.joined_at,
            "nick": None,
            "avatar": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if with_permissions:
            data["permissions"] = str(self.permissions)
        return data

    def __repr__(self) -> str:
        return f"<Member {self.name} of {self.guild.name}>"


@dataclass(eq=False)
class Attachment:
    """A stored file: uploaded by a test (`fake.attachment(...)`) or sent by the bot."""

    id: int
    filename: str
    data: bytes
    content_type: str | None = None

    def payload(self, base_url: str) -> Json:
        return {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": f"{base_url}/attachments/{self.id}/{self.filename}",
            "proxy_url": f"{base_url}/attachments/{self.id}/{self.filename}",
            "content_type": self.content_type,
        }


@dataclass(eq=False)
class Message:
    """A message the bot posted (channel message, DM, interaction response or follow-up)."""

    id: int
    channel_id: int
    guild_id: int | None
    author: User
    content: str = ""
    embeds: list[Json] = field(default_factory=list)
    components: list[Json] = field(default_factory=list)
    flags: int = 0
    attachments: list[Attachment] = field(default_factory=list)
    allowed_mentions: Json | None = None
    type: int = 0
    interaction: Interaction | None = None
    edits: int = 0
    deleted: bool = False
    reactions: list[str] = field(default_factory=list)
    timestamp: str = field(default_factory=now_iso)
    contents: list[str] = field(default_factory=list)  # the content after each create and edit, in order
    # the attachments' filenames after each create and edit, in order (what came in the first answer)
    file_names: list[tuple[str, ...]] = field(default_factory=list)
    nonce: str | None = None  # the sender's nonce (with enforce_nonce, a repeat returns this message)

    def apply(self, params: Json, files: list[Attachment]) -> None:
        """Apply create/edit parameters (only the keys present are changed)."""
        if "content" in params:
            self.content = params["content"] or ""
        if "embeds" in params:
            self.embeds = list(params["embeds"] or [])
        if "components" in params:
            self.components = list(params["components"] or [])
        if "flags" in params and params["flags"] is not None:
            self.flags = (self.flags & EPHEMERAL) | (int(params["flags"]) & ~EPHEMERAL & ~LOADING)
        if "allowed_mentions" in params:
            self.allowed_mentions = params["allowed_mentions"]
        if "attachments" in params:
            keep = {str(a.get("id")) for a in params["attachments"] or []}
            self.attachments = [a for a in self.attachments if str(a.id) in keep]
        self.attachments.extend(files)
        self.contents.append(self.content)
        self.file_names.append(tuple(a.filename for a in self.attachments))

    def payload(self, base_url: str) -> Json:
        data: Json = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "type": self.type,
            "author": self.author.payload(),
            "content": self.content,
            "embeds": self.embeds,
            "components": self.components,
            "attachments": [a.payload(base_url) for a in self.attachments],
            "flags": self.flags,
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "timestamp": self.timestamp,
            "edited_timestamp": now_iso() if self.edits else None,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if self.interaction is not None:
            data["webhook_id"] = str(self.author.id)
            data["application_id"] = str(self.author.id)
            data["interaction_metadata"] = self.interaction.metadata()
        return data


@dataclass(eq=False)
class Interaction:
    """One interaction sent to the bot, and everything the bot did with it."""

    id: int
    token: str
    type: int
    user: User
    guild_id: int | None
    channel_id: int
    name: str  # command path, or the custom_id clicked
    created: float  # loop time, for the 3 s answer deadline
    wait_after_defer: bool = True
    source_message_id: int | None = None  # the message a component/modal came from
    callback_type: int | None = None
    callback_data: Json = field(default_factory=dict)
    original_id: int | None = None  # the response message ("@original")
    message_ids: list[int] = field(default_factory=list)  # messages created/edited, in order
    answered: bool = False
    answer_id: int | None = None  # the message the test gets back
    seq: int | None = None  # its gateway sequence number once sent to the bot (None: never sent)
    error: str | None = None  # e.g. answered after the deadline

    def metadata(self) -> Json:
        data: Json = {"id": str(self.id), "type": self.type, "user": self.user.payload()}
        owner = str(self.guild_id) if self.guild_id is not None else str(self.user.id)
        data["authorizing_integration_owners"] = {"0" if self.guild_id is not None else "1": owner}
        if self.source_message_id is not None:
            data["interacted_message_id"] = str(self.source_message_id)
        return data

    def answer(self, message_id: int | None) -> None:
        self.answered = True
        self.answer_id = message_id


def _named(items: list[Any], name: str, kind: str) -> Any:
    for item in items:
        if item.name == name:
            return item
    raise KeyError(f"no {kind} named {name!r}; have {[i.name for i in items]}")


class World:
    """Everything the fake knows. Builders return the created objects for tests to hold on to."""

    def __init__(self) -> None:
        self.ids = Snowflakes()
        self.base_url = "http://127.0.0.1:0"
        self.bot = User(self.ids.next(), "Stride", bot=True)
        self.application_id = self.bot.id  # like real bots created since 2019
        self.users: dict[int, User] = {self.bot.id: self.bot}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, Message] = {}
        self.by_nonce: dict[tuple[int, str], Message] = {}  # (channel id, nonce) -> the first message with it
        self.interactions: dict[int, Interaction] = {}
        self.blobs: dict[int, Attachment] = {}
        self.scheduled_events: dict[int, Json] = {}  # guild scheduled events the bot made (by id)
        self.global_commands: list[Json] = []
        self.guild_commands: dict[int, list[Json]] = {}

    def add_user(self, name: str, *, dms_open: bool = True, locale: str = "en-US") -> User:
        user = User(self.ids.next(), name, dms_open=dms_open, locale=locale)
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str,
        *,
        channels: tuple[str, ...] = ("general",),
        locale: str = "en-US",
        shard: tuple[int, int] | None = None,
        with_bot: bool = True,
    ) -> Guild:
        owner = self.add_user(f"{name.lower()}-owner")
        guild_id = self.ids.next() if shard is None else self.ids.next_on_shard(*shard)
        guild = Guild(guild_id, name, owner.id, locale=locale)
        guild.roles.append(Role(guild.id, guild.id, "@everyone", EVERYONE_PERMISSIONS))
        guild.roles.append(Role(self.ids.next(), guild.id, "Admin", ADMIN_PERMISSIONS, position=2))
        guild.roles.append(Role(self.ids.next(), guild.id, "Member", 0, position=1))
        self.guilds[guild.id] = guild
        for channel_name in channels:
            self.add_channel(guild, channel_name)
        guild.members[owner.id] = Member(owner, guild)
        if with_bot:
            guild.members[self.bot.id] = Member(self.bot, guild)
        return guild

    def add_channel(self, guild: Guild, name: str) -> Channel:
        channel = Channel(self.ids.next(), name, 0, guild.id, position=len(guild.channels))
        guild.channels.append(channel)
        self.channels[channel.id] = channel
        return channel

    def add_role(self, guild: Guild, name: str, permissions: int) -> Role:
        role = Role(self.ids.next(), guild.id, name, permissions, position=len(guild.roles))
        guild.roles.append(role)
        return role

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
        user = user or self.add_user(name, dms_open=dms_open, locale=locale)
        member_roles = [guild.role("Admin" if admin else "Member"), *roles]
        member = Member(user, guild, member_roles)
        guild.members[user.id] = member
        return member

    def dm_channel(self, user: User) -> Channel:
        for channel in self.channels.values():
            if channel.type == 1 and channel.recipient is user:
                return channel
        channel = Channel(self.ids.next(), f"dm-{user.name}", 1, None, recipient=user)
        self.channels[channel.id] = channel
        return channel

    def add_blob(self, filename: str, data: bytes, content_type: str | None = None) -> Attachment:
        blob = Attachment(self.ids.next(), filename, data, content_type)
        self.blobs[blob.id] = blob
        return blob

    def new_message(self, channel: Channel, *, interaction: Interaction | None = None, flags: int = 0) -> Message:
        message = Message(self.ids.next(), channel.id, channel.guild_id, self.bot, flags=flags)
        message.interaction = interaction
        self.messages[message.id] = message
        if interaction is not None:
            interaction.message_ids.append(message.id)
        return message

    def commands_for(self, guild_id: int | None) -> list[Json]:
        """Commands a user sees: the guild's own first, then global ones."""
        own = self.guild_commands.get(guild_id, []) if guild_id is not None else []
        names = {c["name"] for c in own}
        return own + [c for c in self.global_commands if c["name"] not in names]
