"""The fastest stretch of each standard distance inside a track, like Strava's "best efforts".

The track is cumulative distance and time a point, both non-decreasing, with time linear between points.
The time to cover a distance D from position s, T(s + D) - T(s), is piecewise linear in s, so its minimum
lies where s or s + D falls on a point: one pass anchors the window's end on each point (start
interpolated), one anchors its start (end interpolated). Each pass moves two indices forward only: linear.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.importing.models import BestEffort
from bot.running.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE

EFFORT_DISTANCES: dict[str, float] = {
    "400 m": 400.0,
    "1 km": 1000.0,
    "1 mile": METRES_PER_MILE,
    "5K": 5000.0,
    "10K": 10000.0,
    "Half marathon": HALF_MARATHON_M,
    "Marathon": MARATHON_M,
}


def fastest(dist: Sequence[float], time: Sequence[float], target: float) -> BestEffort | None:
    """The fastest `target` metres, or None when the track is shorter."""
    n = len(dist)
    if n < 2 or target <= 0 or dist[-1] - dist[0] < target:
        return None
    best_s = float("inf")
    best_start_d = best_start_t = 0.0
    # The window ends on point j; its start s = dist[j] - target lies in [dist[i], dist[i+1]).
    i = 0
    first = dist[0]
    for j in range(1, n):
        s = dist[j] - target
        if s < first:
            continue
        while dist[i + 1] <= s:
            i += 1
        d0 = dist[i]
        t0 = time[i]
        ts = t0 + (time[i + 1] - t0) * (s - d0) / (dist[i + 1] - d0)
        secs = time[j] - ts
        if secs < best_s:
            best_s, best_start_d, best_start_t = secs, s, ts
    # The window starts on point i; its end e = dist[i] + target lies in (dist[j-1], dist[j]].
    j = 1
    last = dist[-1]
    for i in range(n):
        e = dist[i] + target
        if e > last:
            break
        while dist[j] < e:
            j += 1
        d0 = dist[j - 1]
        t0 = time[j - 1]
        span = dist[j] - d0
        te = time[j] if span <= 0 else t0 + (time[j] - t0) * (e - d0) / span
        secs = te - time[i]
        if secs < best_s:
            best_s, best_start_d, best_start_t = secs, dist[i], time[i]
    return BestEffort(target, round(best_s, 2), round(best_start_d, 1), round(best_start_t, 1))


def best_efforts(dist: Sequence[float], time: Sequence[float]) -> list[BestEffort]:
    """Every standard distance the track covers, shortest first."""
    found = []
    for target in EFFORT_DISTANCES.values():
        effort = fastest(dist, time, target)
        if effort is None:
            break
        found.append(effort)
    return found
