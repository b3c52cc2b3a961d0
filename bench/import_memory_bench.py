"""/run import's memory under the worst single files: members send a 1M-point `.gpx.gz` at once.

    .venv/bin/python -m bench.import_memory_bench [--members 3] [--points 1000000] [--kind gpx|tcx|fit]

The file (built once, cached in the temp folder) is a 1 Hz track of `--points` points, about 90 bytes each
unpacked (90 MB for a million, under the 100 MB limit for one file; 8 MB gzipped, under Discord's 25 MB).
The real bot runs against the fake Discord; after one ordinary import (a 1-hour GPX, so the import code and
its worker pool are loaded) its resident memory is "idle". Then `--members` members send the file at the same
moment, and the bench reports, sampled every 20 ms and from the kernel's high-water mark (VmHWM, reset first):
the bot process's peak above idle (target: at most 300 MB for three members), its worker processes' peak
(the fork server and the pool), what each member was told and when, and the bot's memory once it is over.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.import_bench import fast_fit, rss_mb
from tests.unit.importing.builders import START, Sample, gpx_text, iso, lat_at, steady, tcx_text

TARGET_MB = 300


def _gpx_points(points: int) -> bytes:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx creator="bench" version="1.1" '
        'xmlns="http://www.topografix.com/GPX/1/1">\n<trk><name>Everything</name><type>running</type><trkseg>\n'
    )
    lines = [head]
    for i in range(points):
        lines.append(
            f'<trkpt lat="{lat_at(i * 3.0):.7f}" lon="2.3500000"><ele>35.0</ele><time>{iso(START, i)}</time></trkpt>\n'
        )
    lines.append("</trkseg></trk></gpx>\n")
    return "".join(lines).encode()


def _tcx_points(points: int) -> bytes:
    return tcx_text([[Sample(i, i * 3.0, hr=None, cad=None) for i in range(points)]], laps=False).encode()


def worst_file(kind: str, points: int) -> Path:
    """The file, gzipped; built once and kept in the temp folder."""
    path = Path(tempfile.gettempdir()) / f"stride-worst-{points}.{kind}.gz"
    if not path.exists():
        if kind == "gpx":
            raw = _gpx_points(points)
        elif kind == "tcx":
            raw = _tcx_points(points)
        else:
            raw = fast_fit([Sample(i, i * 3.0) for i in range(points)], START)
        part = path.with_suffix(".part")
        part.write_bytes(gzip.compress(raw, 6))
        part.rename(path)
        print(f"built {path.name}: {len(raw) / 2**20:.1f} MB unpacked, {path.stat().st_size / 2**20:.1f} MB gzipped")
    return path


def status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak(pid: int) -> bool:
    """Reset the kernel's resident high-water mark (VmHWM) of `pid`; False where that is not allowed."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def descendants(pid: int) -> list[int]:
    """`pid`'s children and theirs (the import pool's fork server and workers)."""
    found: list[int] = []
    todo = [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*/children"):
            try:
                children = [int(child) for child in task.read_text().split()]
            except OSError:
                continue
            found += children
            todo += children
    return found


async def main(members: int, points: int, kind: str) -> list[str]:
    from standin.client import FakeDiscord
    from tests.fakediscord.bots import start_bot

    upload = worst_file(kind, points).read_bytes()
    ordinary = gpx_text([steady(3600, 3.0)], start=datetime(2026, 9, 1, 7, tzinfo=UTC)).encode()
    report: list[str] = []
    with tempfile.TemporaryDirectory(prefix="stride-import-memory-") as tmp:
        async with FakeDiscord() as fake:
            fake.timeout = 300.0  # a refused upload may take long to read: wait for the answer
            guild = fake.add_guild("Bench")
            crowd = [fake.add_member(guild, f"member{i}") for i in range(members)]
            bot = await start_bot(fake, guild=guild, workdir=Path(tmp), log_level="WARNING")
            try:
                pid = bot.proc.pid
                started_mb = status_mb(pid, "VmRSS")
                warm = await fake.slash(crowd[0], "run import", file=fake.attachment("hour.gpx", ordinary))
                assert "Run logged" in warm.embed_text(), warm.text()
                await asyncio.sleep(1.0)
                idle = status_mb(pid, "VmRSS")
                kernel_peak = reset_peak(pid)
                peak = {"bot": idle, "workers": 0.0}
                stop = threading.Event()

                def sample() -> None:
                    while not stop.wait(0.02):
                        try:
                            peak["bot"] = max(peak["bot"], status_mb(pid, "VmRSS"))
                            peak["workers"] = max(peak["workers"], sum(rss_mb(p) for p in descendants(pid)))
                        except OSError:
                            pass

                sampler = threading.Thread(target=sample, daemon=True)
                sampler.start()
                began = time.perf_counter()

                async def send(member, n: int) -> str:
                    name = f"everything-{n}.{kind}.gz"
                    first = await fake.slash(member, "run import", file=fake.attachment(name, upload), timeout=300)

                    def answered():  # past the lines about waiting and reading: the refusal, or the run
                        now = fake.message(first.id)
                        return now if now.embeds or now.content.startswith("`") else None

                    reply = await fake.wait_until(answered, timeout=300, what=f"{member.name}'s answer")
                    shown = " / ".join(dict.fromkeys(c for c in reply.contents if c))
                    return f"{time.perf_counter() - began:6.1f} s  {member.name}: {shown or reply.text()}"

                answers = await asyncio.gather(*(send(m, n) for n, m in enumerate(crowd)))
                wall = time.perf_counter() - began
                await asyncio.sleep(2.0)
                stop.set()
                sampler.join()
                after = status_mb(pid, "VmRSS")
                workers_after = sum(rss_mb(p) for p in descendants(pid))
                hwm = status_mb(pid, "VmHWM") if kernel_peak else 0.0
            finally:
                await bot.stop()
    bot_peak = max(peak["bot"], hwm)
    verdict = "met" if bot_peak - idle <= TARGET_MB else "MISSED"
    report.append(
        f"{members} members at once, each sending a {len(upload) / 2**20:.1f} MB .{kind}.gz of {points:,} points"
    )
    report.extend(f"  {answer[:300]}" for answer in answers)
    report.append(f"bot resident memory: started {started_mb:.0f} MB, idle after one import {idle:.0f} MB")
    report.append(
        f"bot peak {bot_peak:.0f} MB = idle + {bot_peak - idle:.0f} MB (target +{TARGET_MB} MB: {verdict}); "
        f"sampled {peak['bot']:.0f} MB, kernel high-water mark {hwm:.0f} MB"
    )
    report.append(
        f"worker processes (fork server + pool): peak {peak['workers']:.0f} MB, {workers_after:.0f} MB 2 s after"
    )
    report.append(
        f"bot 2 s after the last answer {after:.0f} MB (idle + {after - idle:.0f} MB); all answered in {wall:.1f} s"
    )
    return report


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=3)
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--kind", choices=["gpx", "tcx", "fit"], default="gpx")
    args = parser.parse_args()
    for line in asyncio.run(main(args.members, args.points, args.kind)):
        print(line, flush=True)


if __name__ == "__main__":
    cli()
