"""The error for a value a member typed that Stride cannot use, shared by the input parsers."""

from __future__ import annotations

from bot.errors import UserError


class InputError(UserError):
    """A value the member typed that we cannot use. `message` is the whole friendly sentence."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field)
        self.field: str = field
        self.message: str = message


def shown(text: str, limit: int = 40) -> str:
    """The member's text, safe to put between backticks in a reply."""
    flat = " ".join(text.replace("`", "'").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
