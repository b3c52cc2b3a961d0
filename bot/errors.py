"""Errors whose message is written for the member who caused them."""


class UserError(Exception):
    """Bad input or a refused action; `message` is shown to the user as is (ephemeral)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(UserError):
    """The thing asked for does not exist for this member (or belongs to someone else)."""
