"""Every benchmark in one go: `python -m bench` (about 15 minutes) or `python -m bench --quick` (about 2).

Figures go to stdout; the README's Performance section quotes them with the command that measured them.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller databases, fewer rounds, no reminders bench")
    args = parser.parse_args(argv)
    from bench import advice_bench, core_bench, e2e_bench, stats_bench

    print("== end to end through the fake Discord (bench.e2e_bench)", flush=True)
    for line in asyncio.run(e2e_bench.main(args.quick)):
        print(line, flush=True)
    members, runs = (1_000, 100_000) if args.quick else (10_000, 1_000_000)
    print(f"== storage, {members:,} members / {runs:,} runs (bench.core_bench)", flush=True)
    for line in asyncio.run(core_bench.main(members, runs)):
        print(line, flush=True)
    servers, per_server = (100, 200) if args.quick else (1_000, 200)
    print(f"== advice search, {servers:,} servers x {per_server} tips + one of 5,000 (bench.advice_bench)", flush=True)
    for line in asyncio.run(advice_bench.main(servers, per_server, 5_000, 500 if args.quick else 2_000)):
        print(line, flush=True)
    print("== stats, leaderboard and chart (bench.stats_bench)", flush=True)
    stats_bench.run(print, 2_000 if args.quick else 10_000, 50 if args.quick else 100, e2e_rounds=0)
    if not args.quick:
        print("== run import, 1,000 activities (bench.import_bench)", flush=True)
        subprocess.call([sys.executable, "-m", "bench.import_bench"])
        print("== reminders (bench.reminders_bench)", flush=True)
        # its own process: it measures CPU time and resident memory of an idle bot
        return subprocess.call([sys.executable, "-m", "bench.reminders_bench"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
