"""The process pool imports run in: a fork server (safe beside threads and an event loop), niced workers.

Parsing is pure Python, so threads would share one core under the GIL; processes use them all. Workers run
at a lower priority so that, on a busy machine, the bot's own event loop is scheduled first.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

log = logging.getLogger(__name__)

WORKER_NICENESS = 10


def _lower_priority(niceness: int) -> None:
    try:
        os.nice(niceness)
    except OSError:  # not permitted, or no such thing on this platform: run at normal priority
        log.debug("could not lower the import worker's priority", exc_info=True)


def import_pool(max_workers: int | None = None, niceness: int = WORKER_NICENESS) -> ProcessPoolExecutor:
    """A pool for `read_upload(executor=...)`; one worker a core by default. Shut it down on exit.

    `niceness` 0 keeps the workers at the bot's priority: faster imports on a machine shared with other
    busy processes, at the cost of the bot's loop competing with its own workers.
    """
    context = multiprocessing.get_context("forkserver")
    # Workers fork from a server that has the parsers imported already.
    context.set_forkserver_preload(["bot.importing.files"])
    return ProcessPoolExecutor(
        max_workers or os.cpu_count() or 1, mp_context=context, initializer=_lower_priority, initargs=(niceness,)
    )
