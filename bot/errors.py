"""Errors whose message is written for a person: the member who caused them, or the operator."""


class UserError(Exception):
    """Bad input or a refused action; `message` is shown to the user as is (ephemeral)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(UserError):
    """The thing asked for does not exist for this member (or belongs to someone else)."""


def echo(text: str, limit: int = 40) -> str:
    """The member's text for an error message: one line, no backticks (safe between them), bounded."""
    cleaned = " ".join(text.split()).replace("`", "'")
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned


def is_record_id(value: int) -> bool:
    """Whether `value` can name a stored row at all: ids are positive 64-bit integers (a forged
    interaction may carry anything, and SQLite refuses integers past 2^63)."""
    return 0 < value < 2**63


class CannotStart(Exception):
    """Stride cannot run as configured (database, folder, Discord): one line naming the cause and the fix."""
