"""Waiting in a test for something another task or process makes happen (a notification heard, a lease
taken): re-checked often, failing with a clear message when it never comes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def eventually(check: Callable[[], object], *, seconds: float = 5.0, what: str = "the condition") -> None:
    for _ in range(max(1, round(seconds / 0.01))):
        if check():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{what} did not come within {seconds} s")
