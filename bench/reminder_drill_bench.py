"""The reminders' kill -9 drills with their figures: reminders due in the same minute through injected faults
(global 429s, 5xx before and after the work), the sending process killed with SIGKILL at ~30%, through the
real bot and the fake Discord (the scenarios of tests/e2e/drills.py, which the e2e tests assert).

* SQLite: one process, restarted at once in the same folder.
* PostgreSQL: two processes (SHARD_COUNT=2, one shard each), nothing else happening; the survivor was asleep
  before the reminders were written and only the sender was told.

Per case: reminded / lost / duplicated as Discord shows them, whether the nonces are distinct, the time from
the kill to the last member reminded (the target: within the lease plus one minute), and on PostgreSQL when
the dead sender's lease ended and when the survivor took its slots over.

    .venv/bin/python -m bench.reminder_drill_bench [--engine both|sqlite|postgres] [--count 200] [--runs 1]
        [--lease 30] [--url postgresql://…]

PostgreSQL needs a server where it may create and drop a database: --url or STRIDE_TEST_POSTGRES_URL (as
bench/postgres_bench.py). Exits 1 when a case lost or repeated a reminder, or was late.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from standin import FakeDiscord
from tests.e2e.drills import DrillResult, postgres_drill, sqlite_drill


async def _admin(url: str, sql: str) -> None:
    conn = await asyncpg.connect(url, timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _postgres_case(fake: FakeDiscord, server: str, folder: Path, count: int, lease: float) -> DrillResult:
    name = f"stride_drill_bench_{uuid.uuid4().hex[:10]}"
    await _admin(server, f"CREATE DATABASE {name}")
    try:
        url = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
        return await postgres_drill(fake, url, (folder / "sender", folder / "survivor"), count=count, lease=lease)
    finally:
        await _admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


async def run(engines: list[str], count: int, runs: int, lease: float, url: str | None) -> list[DrillResult]:
    results = []
    with tempfile.TemporaryDirectory(prefix="stride-drill-") as tmp:
        for n in range(runs):
            for engine in engines:
                folder = Path(tmp) / f"{engine}{n}"
                async with FakeDiscord() as fake:  # a fresh Discord per case: its counters are the case's
                    if engine == "sqlite":
                        result = await sqlite_drill(fake, folder / "bot", count=count, lease=60.0)  # the default
                    else:
                        assert url is not None
                        result = await _postgres_case(fake, url, folder, count, lease)
                print(result.line(), flush=True)
                results.append(result)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("both", "sqlite", "postgres"), default="both")
    parser.add_argument("--count", type=int, default=200, help="reminders due in the same minute (default 200)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each case (default 1)")
    parser.add_argument("--lease", type=float, default=30.0, help="PostgreSQL lease in seconds (default 30)")
    parser.add_argument("--url", help="PostgreSQL server (default: STRIDE_TEST_POSTGRES_URL)")
    args = parser.parse_args(argv)
    url = args.url or os.environ.get("STRIDE_TEST_POSTGRES_URL", "").strip() or None
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    if "postgres" in engines and url is None:
        if args.engine == "postgres":
            print("the PostgreSQL case needs --url or STRIDE_TEST_POSTGRES_URL", file=sys.stderr)
            return 2
        print("PostgreSQL skipped: no --url and no STRIDE_TEST_POSTGRES_URL", flush=True)
        engines.remove("postgres")
    results = asyncio.run(run(engines, args.count, args.runs, args.lease, url))
    return 0 if all(r.in_time and r.settled for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
