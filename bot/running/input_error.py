"""The error for a value a member typed that Stride cannot use, shared by the input parsers."""

from __future__ import annotations

from bot.errors import UserError


class InputError(UserError):
    """A value the member typed that we cannot use: `message` is the whole friendly sentence, `field`
    the option it is about (the same argument order as every UserError)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message, field)
        self.field: str = field
