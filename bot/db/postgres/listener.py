"""Hearing `NOTIFY` from every process sharing the database, on a connection of its own.

A listener keeps its connection for as long as the database is open. When the connection is lost (the
server restarted, a network cut) it says so at once (`on_lost`: whatever was kept in memory on the strength
of the notifications is no longer safe), then connects again with a growing pause, and says when it hears
again (`on_ready`, awaited before any notification is delivered from the new connection).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import asyncpg

from bot.config import postgres_target
from bot.db.postgres.pool import CONNECT_TIMEOUT_S, SESSION_SETTINGS

log = logging.getLogger(__name__)

RETRY_FIRST_S, RETRY_MAX_S = 1.0, 30.0


class Listener:
    def __init__(
        self,
        url: str,
        channel: str,
        on_message: Callable[[str], None],
        on_ready: Callable[[], Awaitable[None]],
        on_lost: Callable[[], None],
    ) -> None:
        self.url, self.channel, self.where = url, channel, postgres_target(url)
        self.on_message, self.on_ready, self.on_lost = on_message, on_ready, on_lost
        self.listening = False
        self._conn: asyncpg.Connection | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> bool:
        """Listen; True once listening, False when the first try failed (it goes on trying meanwhile)."""
        first: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._task = asyncio.create_task(self._run(first), name=f"listen {self.channel}")
        return await first

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _run(self, first: asyncio.Future[bool]) -> None:
        pause = RETRY_FIRST_S
        try:
            while True:
                lost = asyncio.Event()
                try:
                    await self._listen(lost)
                except Exception as exc:  # whatever failed, the cache stays off and we retry
                    self._close()
                    log.warning("cannot listen on %s (%s): retrying in %.0f s", self.where, exc, pause)
                    if not first.done():
                        first.set_result(False)
                    await asyncio.sleep(pause)
                    pause = min(pause * 2, RETRY_MAX_S)
                    continue
                if not first.done():
                    first.set_result(True)
                pause = RETRY_FIRST_S
                await lost.wait()
                self._close()
                log.warning("lost the connection listening on %s: reconnecting", self.where)
        finally:
            self._close()

    async def _listen(self, lost: asyncio.Event) -> None:
        conn = self._conn = await self._connect()
        held: list[str] = []  # heard before on_ready finished: delivered right after it
        ready = False

        def heard(_conn: object, _pid: int, _channel: str, payload: object) -> None:
            if ready:
                self.on_message(str(payload))  # a NOTIFY payload is text
            else:
                held.append(str(payload))

        conn.add_termination_listener(lambda _conn: lost.set())
        await asyncio.wait_for(conn.add_listener(self.channel, heard), CONNECT_TIMEOUT_S)
        await self.on_ready()
        self.listening = True
        for payload in held:
            self.on_message(payload)
        ready = True

    async def _connect(self) -> asyncpg.Connection:
        return await asyncpg.connect(self.url, timeout=CONNECT_TIMEOUT_S, server_settings=SESSION_SETTINGS)

    def _close(self) -> None:
        """Drop the connection; tell on_lost if it was listening (what was kept on its word is stale now)."""
        was_listening, self.listening = self.listening, False
        if self._conn is not None:
            self._conn.terminate()
            self._conn = None
        if was_listening:
            self.on_lost()
