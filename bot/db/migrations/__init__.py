"""Numbered schema migrations: `NNNN_name.sql` files in `sqlite/` for SQLite, in `postgres/` for PostgreSQL."""

from __future__ import annotations

from importlib import resources


def numbered(package: str) -> list[tuple[int, str, str]]:
    """(version, name, sql) for every `NNNN_name.sql` file of `package`, in order, numbered without gaps."""
    found = []
    for entry in resources.files(package).iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations in {package} must be numbered 0001, 0002, ... without gaps, got {versions}")
    return found
