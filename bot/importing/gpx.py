"""GPX: gpxpy reads the document on a tree that defusedxml built; the track points are read here.

gpxpy alone would parse with the plain stdlib parser, so the tree comes from defusedxml and is handed to
gpxpy's field reader. Track points are taken out of that tree first and read by the loop below: gpxpy's
per-field reading took 100 ms of a 1 Hz hour (3,600 points), this loop about 15 ms.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import gpxpy.gpx
from gpxpy import gpxfield

from bot.importing.errors import ImportRefused
from bot.importing.safexml import local, parse_xml, to_float
from bot.importing.track import RawActivity, normalise_sport

# gpxpy looks tags up without a namespace, so it drops the default one before parsing; so do we.
_DEFAULT_NS = re.compile(r"""\sxmlns=(['"])[^'"]+\1""")
_HR_TAGS = {"hr", "heartrate"}
_CAD_TAGS = {"cad", "cadence", "runcadence"}


def _posix(text: str | None) -> float | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        moment = gpxfield.parse_time(text)  # gpxpy knows the odd formats some devices write
        if moment is None:
            return None
    # GPX times are UTC; a time written without a zone is read as UTC too.
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _add_point(raw: RawActivity, point: Element) -> bool:
    lat, lon = to_float(point.get("lat")), to_float(point.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return False
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
    if t is None:
        return False
    raw.add_point(t, lat, lon, None, ele, hr, cad)
    return True


def read_gpx(data: bytes, source: str) -> RawActivity:
    text = data.decode("utf-8-sig", errors="strict").lstrip()
    root = parse_xml(_DEFAULT_NS.sub("", text, count=1), source, "GPX")
    if local(root.tag) != "gpx":
        raise ImportRefused(source, "this is not a GPX file (its root element is not <gpx>).")
    segments = []
    for trk in root:
        if local(trk.tag) == "trk":
            for seg in trk:
                if local(seg.tag) == "trkseg":
                    segments.append((trk, list(seg)))
                    del seg[:]
    gpx = gpxpy.gpx.GPX()
    try:
        gpxfield.gpx_fields_from_xml(gpx, root, root.get("version") or "1.1")
    except (gpxpy.gpx.GPXException, ValueError, TypeError) as exc:
        raise ImportRefused(source, f"the GPX file has invalid values ({exc}).") from exc
    raw = RawActivity("gpx", name=gpx.name)
    track = next((t for t in gpx.tracks), None)
    if track is not None:
        raw.sport = normalise_sport(track.type)
        raw.name = track.name or raw.name
    points = 0
    for _trk, elements in segments:
        resume = len(raw.times)
        for element in elements:
            points += 1
            _add_point(raw, element)
        if resume and len(raw.times) > resume:
            raw.breaks.add(resume)  # a new segment resumes after a pause
    if not raw.times:
        problem = (
            "the track has no timestamps, so it is not a recorded activity."
            if points
            else "there is no recorded track in it (routes and waypoints are plans, not activities)."
        )
        raise ImportRefused(source, problem)
    return raw
