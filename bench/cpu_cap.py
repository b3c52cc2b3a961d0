"""A CPU budget for one process, through a cgroup (v2 `cpu.max`, or v1's CFS quota), for benchmarks.

On a machine with fewer cores than the processes measured (the load generator, PostgreSQL and the bot
processes), "two bot processes against one" measures the machine, not Stride: one process already fills
it. Giving each bot process the same budget (say 0.3 of a CPU) stands for each having a machine of its own,
and shows whether the processes scale or contend in the database. Needs root and a writable cgroup
hierarchy; `available()` says whether this machine has one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

PERIOD_US = 100_000
_V2 = Path("/sys/fs/cgroup")
_V1 = Path("/sys/fs/cgroup/cpu")


def _root() -> tuple[Path, int] | None:
    """The cgroup hierarchy to create groups in, and its version."""
    controllers = _V2 / "cgroup.controllers"
    if controllers.exists() and "cpu" in controllers.read_text().split():
        return _V2, 2
    if (_V1 / "cpu.cfs_quota_us").exists():
        return _V1, 1
    return None


def available() -> bool:
    root = _root()
    return root is not None and os.access(root[0], os.W_OK)


@contextlib.contextmanager
def capped(pid: int, cpus: float, name: str) -> Iterator[None]:
    """Hold process `pid` (all its threads) to `cpus` CPUs until the block ends."""
    found = _root()
    if found is None:
        raise RuntimeError("no cgroup hierarchy with the cpu controller")
    root, version = found
    group = root / f"stride-bench-{name}-{os.getpid()}"
    group.mkdir(exist_ok=True)
    quota = max(int(cpus * PERIOD_US), 1000)
    if version == 2:
        (group / "cpu.max").write_text(f"{quota} {PERIOD_US}")
    else:
        (group / "cpu.cfs_period_us").write_text(str(PERIOD_US))
        (group / "cpu.cfs_quota_us").write_text(str(quota))
    try:
        (group / "cgroup.procs").write_text(str(pid))
        yield
    finally:
        with contextlib.suppress(OSError):  # the process may have exited already
            (root / "cgroup.procs").write_text(str(pid))
        with contextlib.suppress(OSError):
            group.rmdir()
