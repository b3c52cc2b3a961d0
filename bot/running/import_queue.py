"""Turns for /run import: at most a few uploads are read at once in a process; the others wait in line.

An upload is downloaded and parsed only once its turn came, so members waiting in line hold no memory. A
member waiting is told where they stand (`on_wait(position)`: 1 is next), again whenever that changes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

Waiting = Callable[[int], None]


@dataclass(eq=False)
class _Ticket:
    turn: asyncio.Future[None]
    on_wait: Waiting | None


class ImportQueue:
    def __init__(self, slots: int) -> None:
        if slots < 1:
            raise ValueError("an import queue needs at least one slot")
        self.slots = slots
        self.reading = 0
        self._line: list[_Ticket] = []

    @property
    def waiting(self) -> int:
        return len(self._line)

    @asynccontextmanager
    async def turn(self, on_wait: Waiting | None = None) -> AsyncIterator[None]:
        """Hold one of the slots for the block, after waiting in line (first come, first served)."""
        if self.reading < self.slots and not self._line:
            self.reading += 1
        else:
            ticket = _Ticket(asyncio.get_running_loop().create_future(), on_wait)
            self._line.append(ticket)
            if on_wait is not None:
                on_wait(len(self._line))
            try:
                await ticket.turn
            except BaseException:
                if ticket in self._line:
                    self._line.remove(ticket)
                    self._tell_positions()
                elif ticket.turn.done() and not ticket.turn.cancelled():
                    self._release()  # given the slot just as it was cancelled: pass it on
                raise
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        while self._line:
            ticket = self._line.pop(0)
            if not ticket.turn.done():  # (a cancelled one leaves the line itself)
                ticket.turn.set_result(None)  # the slot goes straight to the next in line
                self._tell_positions()
                return
        self.reading -= 1

    def _tell_positions(self) -> None:
        for position, ticket in enumerate(self._line, start=1):
            if ticket.on_wait is not None:
                ticket.on_wait(position)
