"""The kill -9 drills (tests/e2e/drills.py): 200 reminders due in the same minute, Discord failing on the way,
the process sending them killed with SIGKILL at ~30%. Every member ends up reminded exactly once as the fake
Discord shows it, with distinct nonces, within the lease plus one minute of the kill, every slot settled.

* SQLite: one process, restarted at once in the same folder.
* PostgreSQL: two processes and nothing else happening; the survivor was asleep before the reminders were
  written and only the sender was told. It finds them at its next look (half a lease at most), and once it
  has sent what was due it sleeps with nothing of its own due until the dead sender's lease ends: that lease
  end alone wakes it. Before the dispatcher woke for claim ends and looked at least every half lease, the
  survivor slept its 15 minutes: 140 of 200 lost at the deadline.

Slow (tens of seconds each): deselect with `-m "not slow"`. Each runs on the suite's own engine, so CI runs
each once. Their figures are printed (`-s`); bench/reminder_drill_bench.py runs the same drills.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from standin import FakeDiscord
from tests.e2e.drills import DrillResult, postgres_drill, sqlite_drill
from tests.postgres import as_superuser, on_postgres, server_url, with_database

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

SQLITE_LEASE_S = 6
PG_LEASE_S = 20  # long enough for the survivor to send what was due first and then sleep until the lease end


def check(result: DrillResult) -> None:
    print(result.line())
    assert result.exactly_once, result.log
    assert result.in_time, result.log
    assert result.settled, "slots left unsettled or claimed"
    assert result.rate_limited > 0  # the faults did happen
    assert result.copies_dropped > 0  # a message whose answer was lost was sent again, and dropped
    assert result.exit_code == 0, result.log


@pytest.mark.skipif(on_postgres(), reason="the SQLite drill (the PostgreSQL suite runs the other one)")
async def test_sqlite_kill_9_mid_fan_out_and_restart(fake: FakeDiscord, tmp_path: Path) -> None:
    result = await sqlite_drill(fake, tmp_path / "bot", lease=SQLITE_LEASE_S)
    check(result)
    assert "took over" in result.log


@pytest.mark.skipif(not on_postgres(), reason="the PostgreSQL drill (STRIDE_TEST_ENGINE=postgres)")
async def test_postgres_sender_killed_the_survivor_told_nothing(
    fake: FakeDiscord, tmp_path_factory: pytest.TempPathFactory
) -> None:
    server = server_url()
    name = f"stride_drill_{uuid.uuid4().hex[:12]}"
    await as_superuser(f"CREATE DATABASE {name}")
    try:
        workdirs = (tmp_path_factory.mktemp("sender"), tmp_path_factory.mktemp("survivor"))
        result = await postgres_drill(fake, with_database(server, name), workdirs, lease=PG_LEASE_S)
    finally:
        await as_superuser(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    check(result)
    # The situation the drill is for: the dead sender's lease ran out while the survivor slept with nothing due,
    # and that lease end woke it (its next look, every half lease, could have come up to 10 s later).
    ended, idle, taken = result.lease_end_after_kill, result.idle_after_kill, result.taken_after_kill
    assert ended is not None and idle is not None and taken is not None, result.line()
    assert idle < ended <= taken < ended + 3, result.line()
