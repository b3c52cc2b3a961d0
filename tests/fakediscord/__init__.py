"""A fake Discord (REST + gateway on 127.0.0.1) that a real discord.py bot process connects to.

See README.md in this folder. Main entry points:
`FakeDiscord` (client.py), `Reply`, `start_bot` / `BotProcess` (botproc.py), fixtures in fixtures.py.
"""

from .botproc import BotProcess, BotStartError, start_bot
from .client import FakeDiscord, Reply
from .options import CommandUsageError
from .server import DEFAULT_TOKEN
from .state import Attachment, Channel, Guild, Member, Role, User

__all__ = [
    "DEFAULT_TOKEN",
    "Attachment",
    "BotProcess",
    "BotStartError",
    "Channel",
    "CommandUsageError",
    "FakeDiscord",
    "Guild",
    "Member",
    "Reply",
    "Role",
    "User",
    "start_bot",
]
