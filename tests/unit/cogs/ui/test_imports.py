"""The import's progress edits: called from a worker thread, throttled, serialised, none after the preview."""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace

from bot.client import REPLACES_PROGRESS
from cogs.ui.imports import ImportProgress, progress_text, waiting_text


class Original:
    def __init__(self) -> None:
        self.edits: list[str] = []

    async def edit_original_response(self, content: str) -> None:
        await asyncio.sleep(0.05)  # an HTTP round trip: reports arriving meanwhile must not start a second edit
        self.edits.append(content)


def from_a_thread(progress: ImportProgress, reports: list[tuple[int, int]]) -> None:
    worker = threading.Thread(target=lambda: [progress.report(d, t) for d, t in reports])
    worker.start()
    worker.join()


async def test_the_first_report_edits_at_once_and_the_rest_wait_for_the_interval() -> None:
    original = Original()
    progress = ImportProgress(
        SimpleNamespace(edit_original_response=original.edit_original_response, extras={}), every=0.2
    )
    from_a_thread(progress, [(0, 412), (1, 412), (2, 412)])
    await asyncio.sleep(0.1)
    assert original.edits == ["Reading 412 activities… 0/412"]
    await asyncio.sleep(0.15)
    from_a_thread(progress, [(180, 412)])
    await asyncio.sleep(0.1)
    assert original.edits[-1] == "Reading 412 activities… 180/412" and len(original.edits) == 2


async def test_finish_waits_for_the_edit_in_flight_and_ignores_later_reports() -> None:
    original = Original()
    progress = ImportProgress(
        SimpleNamespace(edit_original_response=original.edit_original_response, extras={}), every=0
    )
    from_a_thread(progress, [(0, 3)])
    await asyncio.sleep(0)  # the hop to the loop
    await asyncio.sleep(0)
    await progress.finish()
    assert original.edits == ["Reading 3 activities… 0/3"]
    from_a_thread(progress, [(3, 3)])
    await asyncio.sleep(0.1)
    assert original.edits == ["Reading 3 activities… 0/3"]


def test_one_activity_reads_in_the_singular() -> None:
    assert progress_text(0, 1) == "Reading 1 activity… 0/1"


async def test_a_place_in_line_is_always_shown_and_the_turn_replaces_it() -> None:
    original = Original()
    replier = SimpleNamespace(edit_original_response=original.edit_original_response, extras={})
    progress = ImportProgress(replier, every=10)
    progress.waiting(2)
    progress.waiting(1)  # while the first edit is in flight: shown after it, not dropped
    await asyncio.sleep(0.2)
    assert original.edits == [waiting_text(2), waiting_text(1)]
    progress.started("everything.gpx.gz")  # within `every` of the last edit, and shown all the same
    from_a_thread(progress, [(0, 3)])  # a count while that edit is in flight: dropped
    await progress.finish()
    assert original.edits[2:] == ["Your turn: reading `everything.gpx.gz`…"]
    assert waiting_text(1).startswith("Other members' imports are being read; yours is next.")
    assert "number 2 in line" in waiting_text(2)
    assert replier.extras[REPLACES_PROGRESS]  # an error now replaces the line instead of going below it


async def test_an_upload_that_never_waited_shows_no_turn_line() -> None:
    original = Original()
    replier = SimpleNamespace(edit_original_response=original.edit_original_response, extras={})
    progress = ImportProgress(replier)
    progress.started("quick.gpx")
    await progress.finish()
    assert original.edits == [] and REPLACES_PROGRESS not in replier.extras
