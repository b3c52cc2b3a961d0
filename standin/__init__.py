"""A local stand-in for Discord: REST and gateway on 127.0.0.1 that the real bot connects to.

The end-to-end tests drive it (`FakeDiscord`: slash commands, clicks, modals, what the bot posted), and
`stride try` ships it with a chat page (chat.py, trial.py) so anyone can use Stride without a token.
Files: `state.py` (the world and payload shapes), `server.py` (gateway, auth, rate limit), `rest.py`
(REST routes), `oauth.py` (OAuth2 for the dashboard), `options.py` (slash options from the synced
schemas), `client.py` (`FakeDiscord`, `Reply`), `botproc.py` (the bot subprocess), `commandline.py`
(a command typed as text), `chat.py` and `chat_static/` (the page), `trial.py` (`stride try`).
"""

from .botproc import BotProcess, BotStartError, bot_environment
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
    "bot_environment",
]
