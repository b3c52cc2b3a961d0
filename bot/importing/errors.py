"""The one error an import raises: which file, and what is wrong with it, in words a member understands."""

from __future__ import annotations

from bot.errors import UserError

_MAX_NAME = 80


def display_name(filename: str) -> str:
    """The file name as shown to the member: no control characters or backticks, and not too long."""
    cleaned = "".join(ch for ch in filename if ch.isprintable() and ch != "`").strip() or "the file"
    return cleaned if len(cleaned) <= _MAX_NAME else "…" + cleaned[-(_MAX_NAME - 1) :]


class ImportRefused(UserError):
    """A file (or a whole archive) cannot be imported; `message` names the file and the problem."""

    def __init__(self, filename: str, problem: str) -> None:
        super().__init__(f"`{display_name(filename)}`: {problem}", field="file")
        self.filename = filename
        self.problem = problem

    def __reduce__(self):  # keep (filename, problem) when crossing a process pool
        return (type(self), (self.filename, self.problem))


class LimitExceeded(ImportRefused):
    """A size, count, ratio or name limit: the whole archive is refused, never just the one entry."""


def too_many_points(filename: str, limit: int) -> ImportRefused:
    return ImportRefused(
        filename,
        f"the activity has more than {limit:,} track points, more than Stride reads from one activity (a marathon "
        "recorded every second has about 20,000). If the file holds several activities, send them one by one.",
    )
