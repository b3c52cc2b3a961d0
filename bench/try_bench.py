"""How long `stride try` takes from the command to a usable page: `python -m bench.try_bench [--rounds N]`.

Each round starts `stride try --no-browser` in a fresh folder and times two moments: the page answering
(`GET /`), and the page usable (the bot connected and its commands synced, as `/chat/world` reports; the
page's status then says "Stride is online"). Then SIGTERM, and the exit code must be 0. Target: usable ≤ 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.read()
    except OSError:
        return None


def one_round() -> tuple[float, float, int]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_", "DEV_GUILD"))}
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "try", "--no-browser", "--port", str(port)],
            cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        page = usable = None
        while usable is None and time.perf_counter() - started < 60:
            if page is None and _get(base + "/"):
                page = time.perf_counter() - started
            world = _get(base + "/chat/world")
            if world and json.loads(world)["ready"] and json.loads(world)["commands"]:
                usable = time.perf_counter() - started
            time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
    return page or float("nan"), usable or float("nan"), code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    pages, usables, codes = [], [], []
    for _ in range(args.rounds):
        page, usable, code = one_round()
        pages.append(page)
        usables.append(usable)
        codes.append(code)
    print(f"stride try, {args.rounds} rounds: page answers p50 {statistics.median(pages):.2f} s; "
          f"usable p50 {statistics.median(usables):.2f} s, max {max(usables):.2f} s (target ≤ 5 s); "
          f"exit codes after SIGTERM {sorted(set(codes))}")  # fmt: skip
    return 0 if all(c == 0 for c in codes) else 1


if __name__ == "__main__":
    sys.exit(main())
