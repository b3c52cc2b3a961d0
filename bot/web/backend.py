"""What the dashboard needs of the running bot, without discord.py: `cogs.dashboard` implements it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from bot.club.challenges import Challenge
from bot.db.store import Store
from bot.reminders.services.reminders import ReminderService


@dataclass(frozen=True, slots=True)
class Channel:
    id: int
    name: str
    can_post: bool = True  # whether Stride may send messages there


@dataclass(frozen=True, slots=True)
class Role:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class GuildInfo:
    """A server Stride is in, as the bot sees it now."""

    id: int
    name: str
    channels: tuple[Channel, ...] = field(default_factory=tuple)  # text channels, in Discord's order
    roles: tuple[Role, ...] = field(default_factory=tuple)  # mentionable choices: no @everyone, no bot roles

    def channel(self, channel_id: int) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def role(self, role_id: int) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)


class Backend(Protocol):
    @property
    def db(self) -> Store: ...

    @property
    def application_id(self) -> int | None:
        """The bot's application id (the OAuth2 client id unless DISCORD_CLIENT_ID says otherwise)."""
        ...

    async def guild(self, guild_id: int) -> GuildInfo | None:
        """The server when Stride is in it, else None."""
        ...

    async def user_names(self, user_ids: set[int]) -> dict[int, str]:
        """Display names of Discord users (for the audit log); the ones it cannot find are left out."""
        ...

    def reminders(self) -> ReminderService:
        """The reminder use cases, wired to wake the dispatcher on a change (as the slash commands' are)."""
        ...

    async def publish_challenge(self, challenge: Challenge, user_id: int) -> None:
        """Post a new challenge's card in its channel (as /challenge create does); UserError (field "channel"),
        the challenge deleted again, when Discord refuses."""
        ...

    async def refresh_challenge(self, challenge: Challenge) -> None:
        """Bring the challenge's card up to date (after it ended)."""
        ...
