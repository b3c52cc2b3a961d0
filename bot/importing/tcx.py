"""Garmin Training Center (TCX) through defusedxml: laps carry the timer time, each `<Track>` a segment.

The file is parsed in chunks (`safexml.stream_tree`); after each one the complete trackpoints are read out of
the tree, so a file of a million points is refused at the first one over the limit, never held whole. Only
the first activity is read; the trackpoints of any other are dropped as they complete.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

from bot.importing.errors import ImportRefused
from bot.importing.limits import MAX_POINTS
from bot.importing.safexml import complete, local, stream_tree, to_float
from bot.importing.track import PointLimit, RawActivity, normalise_sport


def _posix(text: str | None) -> float | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _child(element: Element, name: str) -> Element | None:
    for c in element:
        if local(c.tag) == name:
            return c
    return None


def _child_text(element: Element, name: str) -> str | None:
    c = _child(element, name)
    return c.text.strip() if c is not None and c.text else None


def _value(element: Element | None, path: list[str]) -> float | None:
    for name in path:
        if element is None:
            return None
        element = _child(element, name)
    return to_float(element.text) if element is not None and element.text else None


def _point(raw: RawActivity, tp: Element) -> None:
    t = lat = lon = dist = ele = hr = cad = None
    for c in tp:
        name = local(c.tag)
        if name == "Time":
            t = _posix(c.text)
        elif name == "Position":
            for p in c:
                if local(p.tag) == "LatitudeDegrees":
                    lat = to_float(p.text)
                else:
                    lon = to_float(p.text)
        elif name == "DistanceMeters":
            dist = to_float(c.text)
        elif name == "AltitudeMeters":
            ele = to_float(c.text)
        elif name == "HeartRateBpm":
            hr = _value(c, ["Value"])
        elif name == "Cadence":
            cad = to_float(c.text)
        elif name == "Extensions":
            for node in c.iter():
                if local(node.tag) == "RunCadence":
                    cad = to_float(node.text)
    if t is None or (dist is None and (lat is None or lon is None)):
        return  # a time-only marker some devices write at a pause
    raw.add_point(t, lat, lon, dist, ele, hr, cad)


class _Trackpoints:
    """Drains the tree: the complete trackpoints of `Activities/Activity/Lap/Track`, read for the first
    activity only."""

    def __init__(self, source: str, max_points: int) -> None:
        self.source = source
        self.raw = RawActivity("tcx", max_points=max_points)
        self.first: Element | None = None
        self._points = 0
        self._tracks: set[Element] = set()  # the first activity's tracks seen so far

    def __call__(self, root: Element, still_open: set[Element]) -> None:
        if local(root.tag) != "TrainingCenterDatabase":
            raise ImportRefused(
                self.source, "this is not a TCX file (its root element is not <TrainingCenterDatabase>)."
            )
        for activities in root:
            if local(activities.tag) != "Activities":
                continue
            for activity in activities:
                if local(activity.tag) == "Activity":
                    if self.first is None:
                        self.first = activity
                    self._drain(activity, still_open)

    def _drain(self, activity: Element, still_open: set[Element]) -> None:
        raw, read = self.raw, activity is self.first
        for lap in activity:
            if local(lap.tag) != "Lap":
                continue
            for track in lap:
                if local(track.tag) != "Track":
                    continue
                if read and track not in self._tracks:
                    self._tracks.add(track)
                    if raw.times:
                        raw.breaks.add(len(raw.times))  # a new <Track> resumes after a pause
                ready = complete(track, still_open)
                if read:
                    for tp in track[:ready]:
                        if local(tp.tag) == "Trackpoint":
                            self._points += 1
                            if self._points > raw.max_points:
                                raise PointLimit
                            _point(raw, tp)
                del track[:ready]


def read_tcx(chunks: Iterable[bytes | memoryview], source: str, max_points: int = MAX_POINTS) -> RawActivity:
    """The activity in a TCX file given as consecutive pieces (one whole `bytes` will do)."""
    trackpoints = _Trackpoints(source, max_points)
    stream_tree(chunks, source, "TCX", trackpoints)
    activity = trackpoints.first
    if activity is None:
        raise ImportRefused(source, "the TCX file holds no activity (courses and workouts are plans, not runs).")
    raw = trackpoints.raw
    raw.sport = normalise_sport(activity.get("Sport"))
    raw.name = _child_text(activity, "Notes")
    timer = distance = 0.0
    hr_weighted = hr_time = 0.0
    laps_with_totals = 0
    for lap in activity:
        if local(lap.tag) != "Lap":
            continue
        lap_time = to_float(_child_text(lap, "TotalTimeSeconds"))
        lap_dist = to_float(_child_text(lap, "DistanceMeters"))
        if lap_time is not None and lap_dist is not None:
            laps_with_totals += 1
            timer += lap_time
            distance += lap_dist
            lap_hr = _value(lap, ["AverageHeartRateBpm", "Value"])
            if lap_hr:
                hr_weighted += lap_hr * lap_time
                hr_time += lap_time
    if laps_with_totals:
        raw.timer_s, raw.total_distance_m = timer, distance
    if hr_time:
        raw.avg_hr = hr_weighted / hr_time
    start = _posix(_child_text(activity, "Id"))
    if start is not None:
        raw.start = datetime.fromtimestamp(start, UTC)
    if not raw.times and not laps_with_totals:
        raise ImportRefused(source, "the TCX activity has no track and no lap totals.")
    return raw
