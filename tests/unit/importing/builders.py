"""Activity files written by code: GPX and TCX as text, FIT through fit-tool, and export archives.

A track is a list of segments (a new segment after each pause); each sample is seconds since the start,
metres since the start, altitude, heart rate and cadence (strides per minute, as watches record it).
Positions run due north along a meridian, so the great-circle distance between points is the metres asked.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

EARTH_RADIUS_M = 6_371_008.8
START_LAT = 48.85
START_LON = 2.35
START = datetime(2026, 10, 12, 7, 30, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Sample:
    t: float
    d: float
    ele: float = 35.0
    hr: int | None = 150
    cad: int | None = 85


Track = list[list[Sample]]


def lat_at(d: float) -> float:
    return START_LAT + math.degrees(d / EARTH_RADIUS_M)


def steady(seconds: int, speed: float, *, t0: float = 0, d0: float = 0, hr: int | None = 150) -> list[Sample]:
    """One sample a second at a constant speed (m/s), altitude rolling by ±5 m."""
    return [
        Sample(t0 + i, d0 + i * speed, 35.0 + 5 * math.sin(i / 120), hr, 85 if hr else None) for i in range(seconds + 1)
    ]


def with_fast_segment(total_s: int, speed: float, fast_from: int, fast_s: int, fast_speed: float) -> list[Sample]:
    """A steady run with one faster stretch `[fast_from, fast_from + fast_s)` seconds."""
    samples, d = [], 0.0
    for i in range(total_s + 1):
        samples.append(Sample(i, d))
        d += fast_speed if fast_from <= i < fast_from + fast_s else speed
    return samples


def iso(start: datetime, t: float) -> str:
    return (start + timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%SZ")


def gpx_text(track: Track, *, start: datetime = START, name: str = "Morning Run", kind: str | None = "running") -> str:
    segments = []
    for segment in track:
        points = []
        for s in segment:
            ext = ""
            if s.hr is not None:
                cad = f"<gpxtpx:cad>{s.cad}</gpxtpx:cad>" if s.cad is not None else ""
                ext = (
                    "<extensions><gpxtpx:TrackPointExtension>"
                    f"<gpxtpx:hr>{s.hr}</gpxtpx:hr>{cad}</gpxtpx:TrackPointExtension></extensions>"
                )
            points.append(
                f'<trkpt lat="{lat_at(s.d):.9f}" lon="{START_LON}"><ele>{s.ele:.1f}</ele>'
                f"<time>{iso(start, s.t)}</time>{ext}</trkpt>"
            )
        segments.append("<trkseg>" + "\n".join(points) + "</trkseg>")
    type_tag = f"<type>{kind}</type>" if kind else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx creator="builders" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
        f"<metadata><time>{iso(start, 0)}</time></metadata>\n"
        f"<trk><name>{name}</name>{type_tag}\n" + "\n".join(segments) + "</trk></gpx>\n"
    )


def tcx_text(track: Track, *, start: datetime = START, sport: str = "Running", laps: bool = True) -> str:
    """One lap per segment; lap totals (timer time, distance) only when `laps` is true."""
    lap_xml = []
    for segment in track:
        points = []
        for s in segment:
            hr = f"<HeartRateBpm><Value>{s.hr}</Value></HeartRateBpm>" if s.hr is not None else ""
            cad = (
                f'<Extensions><TPX xmlns="http://www.garmin.com/xmlschemas/ActivityExtension/v2">'
                f"<RunCadence>{s.cad}</RunCadence></TPX></Extensions>"
                if s.cad is not None
                else ""
            )
            points.append(
                f"<Trackpoint><Time>{iso(start, s.t)}</Time>"
                f"<Position><LatitudeDegrees>{lat_at(s.d):.9f}</LatitudeDegrees>"
                f"<LongitudeDegrees>{START_LON}</LongitudeDegrees></Position>"
                f"<AltitudeMeters>{s.ele:.1f}</AltitudeMeters><DistanceMeters>{s.d:.2f}</DistanceMeters>"
                f"{hr}{cad}</Trackpoint>"
            )
        totals = (
            f"<TotalTimeSeconds>{segment[-1].t - segment[0].t:.1f}</TotalTimeSeconds>"
            f"<DistanceMeters>{segment[-1].d - segment[0].d:.2f}</DistanceMeters>"
            if laps
            else ""
        )
        lap_xml.append(
            f'<Lap StartTime="{iso(start, segment[0].t)}">{totals}<Track>' + "\n".join(points) + "</Track></Lap>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{iso(start, 0)}</Id>\n'
        + "\n".join(lap_xml)
        + "</Activity></Activities></TrainingCenterDatabase>\n"
    )


def fit_bytes(
    track: Track,
    *,
    start: datetime = START,
    sport: str = "RUNNING",
    sub_sport: str = "GENERIC",
    totals: bool = True,
    positions: bool = True,
) -> bytes:
    """An activity FIT file: timer start/stop events around each segment, records, a lap and a session."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.activity_message import ActivityMessage
    from fit_tool.profile.messages.event_message import EventMessage
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.lap_message import LapMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import Event, EventType, FileType, Manufacturer, Sport, SubSport

    def ms(t: float) -> int:
        return round((start.timestamp() + t) * 1000)

    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 0
    file_id.time_created = ms(0)
    file_id.serial_number = 0x12345678
    builder.add(file_id)
    samples = [s for segment in track for s in segment]
    for segment in track:
        event = EventMessage()
        event.event = Event.TIMER
        event.event_type = EventType.START
        event.timestamp = ms(segment[0].t)
        builder.add(event)
        for s in segment:
            record = RecordMessage()
            record.timestamp = ms(s.t)
            if positions:
                record.position_lat = lat_at(s.d)
                record.position_long = START_LON
            record.distance = s.d
            record.altitude = s.ele
            if s.hr is not None:
                record.heart_rate = s.hr
            if s.cad is not None:
                record.cadence = s.cad
            builder.add(record)
        event = EventMessage()
        event.event = Event.TIMER
        event.event_type = EventType.STOP_ALL
        event.timestamp = ms(segment[-1].t)
        builder.add(event)
    if totals:
        timer = sum(segment[-1].t - segment[0].t for segment in track)
        elapsed = samples[-1].t - samples[0].t
        for message in (LapMessage(), SessionMessage()):
            message.timestamp = ms(samples[-1].t)
            message.start_time = ms(samples[0].t)
            message.total_elapsed_time = elapsed
            message.total_timer_time = timer
            message.total_distance = samples[-1].d
            if isinstance(message, SessionMessage):
                message.sport = Sport[sport]
                message.sub_sport = SubSport[sub_sport]
                hrs = [s.hr for s in samples if s.hr is not None]
                if hrs:
                    message.avg_heart_rate = round(sum(hrs) / len(hrs))
                cads = [s.cad for s in samples if s.cad is not None]
                if cads:
                    message.avg_cadence = round(sum(cads) / len(cads))
                message.total_ascent = 12
            builder.add(message)
        activity = ActivityMessage()
        activity.timestamp = ms(samples[-1].t)
        activity.total_timer_time = timer
        activity.num_sessions = 1
        builder.add(activity)
    return builder.build().to_bytes()


def gz(data: str | bytes) -> bytes:
    return gzip.compress(data.encode() if isinstance(data, str) else data, mtime=0)


def zip_bytes(entries: Iterable[tuple[str, bytes | str]], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return out.getvalue()


STRAVA_HEADER = [
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Activity Description",
    "Elapsed Time",
    "Distance",
    "Filename",
    "Moving Time",
    "Distance",
]


@dataclass(frozen=True, slots=True)
class StravaRow:
    activity_id: int
    kind: str
    name: str
    filename: str  # "activities/123.gpx", or "" for a manual entry
    start: datetime = START
    elapsed_s: int = 0
    distance_m: float = 0.0


def strava_csv(rows: Iterable[StravaRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(STRAVA_HEADER)
    for r in rows:
        writer.writerow(
            [
                r.activity_id,
                r.start.strftime("%b %-d, %Y, %-I:%M:%S %p"),
                r.name,
                r.kind,
                "",
                r.elapsed_s,
                f"{r.distance_m / 1000:.2f}",
                r.filename,
                r.elapsed_s,
                f"{r.distance_m:.1f}",
            ]
        )
    return out.getvalue()
