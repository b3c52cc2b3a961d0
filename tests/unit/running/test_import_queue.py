"""The line for /run import: a few read at once, the rest wait in order and are told where they stand."""

from __future__ import annotations

import asyncio

import pytest

from bot.running.import_queue import ImportQueue


async def test_at_most_the_slots_read_at_once_and_the_rest_go_in_order_being_told_their_place() -> None:
    queue = ImportQueue(2)
    release = {n: asyncio.Event() for n in range(5)}
    started: list[int] = []
    told: dict[int, list[int]] = {n: [] for n in range(5)}

    async def member(n: int) -> None:
        async with queue.turn(told[n].append):
            started.append(n)
            await release[n].wait()

    tasks = [asyncio.create_task(member(n)) for n in range(5)]
    await asyncio.sleep(0)
    assert started == [0, 1] and queue.reading == 2 and queue.waiting == 3
    assert told == {0: [], 1: [], 2: [1], 3: [2], 4: [3]}
    release[1].set()
    await asyncio.sleep(0.01)
    assert started == [0, 1, 2] and queue.reading == 2
    assert told[3] == [2, 1] and told[4] == [3, 2]
    for n in (0, 2, 3, 4):
        release[n].set()
    await asyncio.gather(*tasks)
    assert started == [0, 1, 2, 3, 4] and queue.reading == 0 and queue.waiting == 0


async def test_a_member_who_gives_up_in_line_leaves_it_and_the_others_move_up() -> None:
    queue = ImportQueue(1)
    hold = asyncio.Event()
    told: list[int] = []

    async def first() -> None:
        async with queue.turn():
            await hold.wait()

    async def waiting(on_wait=None) -> str:
        async with queue.turn(on_wait):
            return "read"

    reading = asyncio.create_task(first())
    await asyncio.sleep(0)
    leaving = asyncio.create_task(waiting())
    staying = asyncio.create_task(waiting(told.append))
    await asyncio.sleep(0)
    assert told == [2]
    leaving.cancel()
    await asyncio.sleep(0)
    assert told == [2, 1] and queue.waiting == 1
    hold.set()
    assert await staying == "read"
    await reading
    with pytest.raises(asyncio.CancelledError):
        await leaving
    assert queue.reading == 0 and queue.waiting == 0


async def test_a_turn_given_as_the_member_gave_up_passes_on() -> None:
    queue = ImportQueue(1)
    hold = asyncio.Event()

    async def first() -> None:
        async with queue.turn():
            await hold.wait()

    async def waiting() -> str:
        async with queue.turn():
            return "read"

    reading = asyncio.create_task(first())
    await asyncio.sleep(0)
    unlucky, lucky = asyncio.create_task(waiting()), asyncio.create_task(waiting())
    await asyncio.sleep(0)
    hold.set()
    await asyncio.sleep(0)  # the first ends: its slot is handed to `unlucky`...
    assert queue.waiting == 1 and queue.reading == 1
    unlucky.cancel()  # ...which is cancelled before it runs again
    await reading
    assert await lucky == "read"
    with pytest.raises(asyncio.CancelledError):
        await unlucky
    assert queue.reading == 0 and queue.waiting == 0


async def test_an_error_inside_a_turn_frees_the_slot() -> None:
    queue = ImportQueue(1)

    async def refused() -> None:
        async with queue.turn():
            raise ValueError("a refused upload")

    with pytest.raises(ValueError, match="a refused upload"):
        await refused()
    async with queue.turn():
        assert queue.reading == 1
    assert queue.reading == 0


def test_a_queue_needs_a_slot() -> None:
    with pytest.raises(ValueError, match="needs at least one slot"):
        ImportQueue(0)
