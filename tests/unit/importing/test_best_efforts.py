"""Best efforts: exact against tracks with a known fastest stretch, and against brute force on random tracks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.importing import read_upload
from bot.importing.best_efforts import EFFORT_DISTANCES, best_efforts, fastest
from tests.unit.importing.builders import gpx_text, tcx_text, with_fast_segment


def test_the_fast_kilometre_inside_a_steady_run_is_found_where_it_is():
    # 5 km at 3 m/s with 200 s at 5 m/s (1 km exactly) starting at 600 s, i.e. at 1,800 m.
    track = with_fast_segment(total_s=1800, speed=3.0, fast_from=600, fast_s=200, fast_speed=5.0)
    dist = [s.d for s in track]
    time = [s.t for s in track]
    km = fastest(dist, time, 1000)
    assert km is not None
    assert km.seconds == pytest.approx(200, abs=0.01)
    assert km.start_offset_m == pytest.approx(1800, abs=0.1)
    assert km.start_offset_s == pytest.approx(600, abs=0.1)
    # 400 m lies wholly inside the fast stretch: 80 s.
    assert fastest(dist, time, 400).seconds == pytest.approx(80, abs=0.01)
    # A mile takes the fast kilometre plus 609.344 m at 3 m/s.
    assert fastest(dist, time, 1609.344).seconds == pytest.approx(200 + 609.344 / 3, abs=0.01)


def test_edges_are_interpolated_between_points():
    # Points every 100 m, 30 s apart, except one 100 m done in 10 s: the best 150 m takes it plus 50 m at
    # the slow pace on either side of it: 10 + 15 = 25 s, which no window between whole points gives.
    dist = [0, 100, 200, 300, 400]
    time = [0, 30, 60, 70, 100]
    assert fastest(dist, time, 150).seconds == pytest.approx(25)


def test_standing_still_is_not_counted_against_the_start():
    # Waiting 60 s at the start line, then 1 km in 240 s.
    dist = [0, 0, 0, 500, 1000]
    time = [0, 30, 60, 180, 300]
    assert fastest(dist, time, 1000).seconds == pytest.approx(240)


def test_distances_longer_than_the_track_are_left_out():
    dist, time = [0.0, 5000.0], [0.0, 1500.0]
    assert [e.distance_m for e in best_efforts(dist, time)] == [400, 1000, EFFORT_DISTANCES["1 mile"], 5000]
    assert best_efforts([0.0], [0.0]) == []


def test_best_efforts_through_a_whole_file():
    track = with_fast_segment(total_s=3700, speed=3.0, fast_from=1000, fast_s=1000, fast_speed=5.0)
    activity = read_upload("fast.tcx", tcx_text([track]).encode()).activities[0]
    efforts = {round(e.distance_m): e.seconds for e in activity.best_efforts}
    assert efforts[5000] == pytest.approx(1000, abs=0.1)  # exactly the fast 1000 s
    assert efforts[10000] == pytest.approx(1000 + 5000 / 3, abs=0.5)
    assert 21098 not in efforts  # 13.1 km: no half marathon
    gpx = read_upload("fast.gpx", gpx_text([track]).encode()).activities[0]
    # From positions (great-circle steps) rather than the file's distances: within a second.
    assert {round(e.distance_m): e.seconds for e in gpx.best_efforts}[5000] == pytest.approx(1000, abs=1)


def brute_force(dist: list[float], time: list[float], target: float) -> float | None:
    """Every window anchored on a point at either end, interpolating the other end: quadratic but plain."""

    def time_at(d: float, latest: bool) -> float:
        for k in range(len(dist) - 1):
            lo, hi = dist[k], dist[k + 1]
            if lo <= d <= hi and hi > lo:
                t = time[k] + (time[k + 1] - time[k]) * (d - lo) / (hi - lo)
                if not latest:
                    return t
                candidate = t
        return candidate

    best = None
    for k in range(len(dist)):
        for start, end in ((dist[k] - target, dist[k]), (dist[k], dist[k] + target)):
            if start < dist[0] or end > dist[-1]:
                continue
            if start == dist[k]:
                t0 = max(time[m] for m in range(len(dist)) if dist[m] == start)
            else:
                t0 = time_at(start, latest=True)
            t1 = min(time[m] for m in range(len(dist)) if dist[m] == end) if end == dist[k] else time_at(end, False)
            if best is None or t1 - t0 < best:
                best = t1 - t0
    return best


steps = st.lists(
    st.tuples(st.floats(0, 50, allow_nan=False), st.floats(0.5, 30, allow_nan=False)), min_size=1, max_size=60
)


def cumulate(pairs: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    dist, time = [0.0], [0.0]
    for dd, dt in pairs:
        dist.append(dist[-1] + dd)
        time.append(time[-1] + dt)
    return dist, time


@settings(max_examples=300, deadline=None)
@given(steps, st.sampled_from([10.0, 37.5, 100.0, 400.0]))
def test_matches_brute_force(pairs, target):
    dist, time = cumulate(pairs)
    effort = fastest(dist, time, target)
    expected = brute_force(dist, time, target) if dist[-1] >= target else None
    if expected is None:
        assert effort is None
    else:
        assert effort is not None
        assert effort.seconds == pytest.approx(expected, abs=0.01)


@settings(max_examples=300, deadline=None)
@given(steps)
def test_never_faster_than_the_best_pace_between_two_points(pairs):
    dist, time = cumulate(pairs)
    best_pace = min(dt / dd for dd, dt in pairs if dd > 0) if any(dd > 0 for dd, _ in pairs) else None
    for target in (10.0, 100.0, 400.0):
        effort = fastest(dist, time, target)
        if effort is None:
            continue
        assert effort.seconds >= best_pace * target - 0.01
        assert effort.seconds <= time[-1] + 0.01
        assert 0 <= effort.start_offset_m <= dist[-1] - target + 0.1
