"""GPX: defusedxml parses the file in chunks; track points are read out of the tree as they complete, and gpxpy
reads what is left (name, type, tracks).

gpxpy alone would parse with the plain stdlib parser, so the tree comes from defusedxml and is handed to
gpxpy's field reader. Points are taken out of the tree after each chunk (`safexml.stream_tree`) and read by
the loop below: gpxpy's per-field reading took 100 ms of a 1 Hz hour (3,600 points), this loop about 15 ms;
and a file of a million points is refused at the first one over the limit, never held whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import gpxpy.gpx
from gpxpy import gpxfield

from bot.importing.errors import ImportRefused
from bot.importing.limits import MAX_POINTS
from bot.importing.safexml import complete, local, stream_tree, to_float
from bot.importing.track import PointLimit, RawActivity, normalise_sport

_HR_TAGS = {"hr", "heartrate"}
_CAD_TAGS = {"cad", "cadence", "runcadence"}
_PLANS = {"wpt", "rte"}  # waypoints and routes: not the activity, dropped as they complete


def _posix(text: str | None) -> float | None:
    if not text:
        return None
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        moment = gpxfield.parse_time(text)  # gpxpy knows the odd formats some devices write
        if moment is None:
            return None
    # GPX times are UTC; a time written without a zone is read as UTC too.
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _add_point(raw: RawActivity, point: Element) -> None:
    lat, lon = to_float(point.get("lat")), to_float(point.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return
    t = ele = hr = cad = None
    for c in point:
        name = local(c.tag)
        if name == "time":
            t = _posix(c.text)
        elif name == "ele":
            ele = to_float(c.text)
        elif name == "extensions":
            for node in c.iter():
                tag = local(node.tag).lower()
                if tag in _HR_TAGS:
                    hr = to_float(node.text)
                elif tag in _CAD_TAGS:
                    cad = to_float(node.text)
    if t is not None:
        raw.add_point(t, lat, lon, None, ele, hr, cad)


class _Points:
    """Drains the tree: the complete children of each `gpx/trk/trkseg` into `raw`, plans dropped."""

    def __init__(self, source: str, max_points: int) -> None:
        self.source = source
        self.raw = RawActivity("gpx", max_points=max_points)
        self.points = 0  # children of the segments, timed or not
        self._resumes: dict[Element, int] = {}  # each segment: the point it starts at

    def __call__(self, root: Element, still_open: set[Element]) -> None:
        if local(root.tag) != "gpx":
            raise ImportRefused(self.source, "this is not a GPX file (its root element is not <gpx>).")
        raw = self.raw
        done = complete(root, still_open)
        plans = [child for child in root[:done] if local(child.tag) in _PLANS]
        for child in plans:
            root.remove(child)
        for trk in root:
            if local(trk.tag) != "trk":
                continue
            for seg in trk:
                if local(seg.tag) != "trkseg":
                    continue
                resume = self._resumes.setdefault(seg, len(raw.times))
                ready = complete(seg, still_open)
                for point in seg[:ready]:
                    self.points += 1
                    if self.points > raw.max_points:
                        raise PointLimit
                    _add_point(raw, point)
                del seg[:ready]
                if resume and len(raw.times) > resume:
                    raw.breaks.add(resume)  # a new segment resumes after a pause


def read_gpx(chunks: Iterable[bytes | memoryview], source: str, max_points: int = MAX_POINTS) -> RawActivity:
    """The activity in a GPX file given as consecutive pieces (one whole `bytes` will do)."""
    points = _Points(source, max_points)
    root = stream_tree(chunks, source, "GPX", points)
    gpx = gpxpy.gpx.GPX()
    # gpxpy looks tags up without a namespace (it drops the default one before parsing): so do we.
    namespace = root.tag[: len(root.tag) - len(local(root.tag))]
    if namespace:
        for element in root.iter():
            if isinstance(element.tag, str) and element.tag.startswith(namespace):
                element.tag = element.tag[len(namespace) :]
    try:
        # gpxpy annotates the node as str, but reads it as the element it is.
        gpxfield.gpx_fields_from_xml(gpx, root, root.get("version") or "1.1")  # type: ignore[arg-type]
    except (gpxpy.gpx.GPXException, ValueError, TypeError) as exc:
        raise ImportRefused(source, f"the GPX file has invalid values ({exc}).") from exc
    raw = points.raw
    raw.name = gpx.name
    track = next((t for t in gpx.tracks), None)
    if track is not None:
        raw.sport = normalise_sport(track.type)
        raw.name = track.name or raw.name
    if not raw.times:
        problem = (
            "the track has no timestamps, so it is not a recorded activity."
            if points.points
            else "there is no recorded track in it (routes and waypoints are plans, not activities)."
        )
        raise ImportRefused(source, problem)
    return raw
