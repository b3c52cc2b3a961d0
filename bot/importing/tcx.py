"""Garmin Training Center (TCX) through defusedxml: laps carry the timer time, each `<Track>` a segment."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree.ElementTree import Element

from bot.importing.errors import ImportRefused
from bot.importing.safexml import child, child_text, local, parse_xml, to_float
from bot.importing.track import RawActivity, normalise_sport


def _posix(text: str | None) -> float | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _value(element: Element | None, path: list[str]) -> float | None:
    for name in path:
        if element is None:
            return None
        element = child(element, name)
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


def read_tcx(data: bytes, source: str) -> RawActivity:
    # Strava's TCX exports start with spaces before the XML declaration, which XML forbids.
    root = parse_xml(data.lstrip(), source, "TCX")
    if local(root.tag) != "TrainingCenterDatabase":
        raise ImportRefused(source, "this is not a TCX file (its root element is not <TrainingCenterDatabase>).")
    activity = next((a for a in root.iter() if local(a.tag) == "Activity"), None)
    if activity is None:
        raise ImportRefused(source, "the TCX file holds no activity (courses and workouts are plans, not runs).")
    raw = RawActivity("tcx", sport=normalise_sport(activity.get("Sport")))
    raw.name = child_text(activity, "Notes")
    timer = distance = 0.0
    hr_weighted = hr_time = 0.0
    laps_with_totals = 0
    for lap in activity:
        if local(lap.tag) != "Lap":
            continue
        lap_time = to_float(child_text(lap, "TotalTimeSeconds"))
        lap_dist = to_float(child_text(lap, "DistanceMeters"))
        if lap_time is not None and lap_dist is not None:
            laps_with_totals += 1
            timer += lap_time
            distance += lap_dist
            lap_hr = _value(lap, ["AverageHeartRateBpm", "Value"])
            if lap_hr:
                hr_weighted += lap_hr * lap_time
                hr_time += lap_time
        for track in lap:
            if local(track.tag) != "Track":
                continue
            if raw.times:
                raw.breaks.add(len(raw.times))  # a new <Track> resumes after a pause
            for tp in track:
                if local(tp.tag) == "Trackpoint":
                    _point(raw, tp)
    if laps_with_totals:
        raw.timer_s, raw.total_distance_m = timer, distance
    if hr_time:
        raw.avg_hr = hr_weighted / hr_time
    start = _posix(child_text(activity, "Id"))
    if start is not None:
        raw.start = datetime.fromtimestamp(start, UTC)
    if not raw.times and not laps_with_totals:
        raise ImportRefused(source, "the TCX activity has no track and no lap totals.")
    return raw
