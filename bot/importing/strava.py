"""A Strava bulk export: activities.csv says which activities are runs, their names and their files."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime

from bot.importing.errors import ImportRefused, LimitExceeded
from bot.importing.limits import Limits
from bot.importing.models import RUNNING_SPORTS, Activity, ArchiveContents, Unreadable
from bot.importing.track import normalise_sport
from bot.importing.zipsafe import Job, read_entry

STRAVA_CSV = "activities.csv"
STRAVA_DATE = "%b %d, %Y, %I:%M:%S %p"


def find_strava_csv(infos: list[zipfile.ZipInfo]) -> zipfile.ZipInfo | None:
    candidates = [i for i in infos if i.filename.replace("\\", "/").rsplit("/", 1)[-1].lower() == STRAVA_CSV]
    return min(candidates, key=lambda i: i.filename.count("/"), default=None)


def plan_strava(
    filename: str,
    archive: zipfile.ZipFile,
    csv_info: zipfile.ZipInfo,
    infos: list[zipfile.ZipInfo],
    limits: Limits,
    contents: ArchiveContents,
) -> list[Job]:
    """One job per run listed in activities.csv; manual entries (no file) come straight from the CSV."""
    prefix = csv_info.filename[: -len(STRAVA_CSV)]
    by_name = {i.filename: i for i in infos}
    try:
        text = read_entry(archive, csv_info, limits.max_csv_bytes, filename).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
    except LimitExceeded:
        raise
    except Exception as exc:  # bad UTF-8, a bad CRC, a field over csv's size limit
        raise ImportRefused(filename, "its activities.csv is damaged and could not be read.") from exc
    if not rows:
        raise ImportRefused(filename, "its activities.csv is empty.")
    columns = StravaColumns(rows[0])
    if columns.type is None:
        raise ImportRefused(filename, "its activities.csv has no “Activity Type” column; is it a Strava export?")
    jobs = []
    for number, row in enumerate(rows[1:], start=2):
        sport = normalise_sport(columns.get(row, columns.type))
        if sport is None:
            contents.unreadable.append(Unreadable(f"{STRAVA_CSV} row {number}", "the row has no activity type."))
            continue
        if sport not in RUNNING_SPORTS:
            contents.not_runs += 1
            continue
        name = columns.get(row, columns.name)
        file = columns.get(row, columns.filename)
        if not file:
            manual = columns.manual_run(row, sport, name, f"{STRAVA_CSV} row {number}")
            if isinstance(manual, Activity):
                contents.activities.append(manual)
            else:
                contents.unreadable.append(manual)
            continue
        info = by_name.get(prefix + file)
        if info is None:
            contents.unreadable.append(Unreadable(file, "listed in activities.csv but missing from the archive."))
            continue
        jobs.append(Job(archive, info, file, sport, name))
    return jobs


class StravaColumns:
    """Where each field sits; the export repeats some names (the last "Distance" is in metres)."""

    def __init__(self, header: list[str]) -> None:
        names = [h.strip().lower() for h in header]

        def first(label: str) -> int | None:
            return names.index(label) if label in names else None

        def last(label: str) -> int | None:
            return len(names) - 1 - names[::-1].index(label) if label in names else None

        self.type, self.name, self.filename = first("activity type"), first("activity name"), first("filename")
        self.date, self.elapsed, self.moving = first("activity date"), first("elapsed time"), first("moving time")
        self.distance = last("distance")
        self.distance_in_km = names.count("distance") == 1

    @staticmethod
    def get(row: list[str], index: int | None) -> str | None:
        return row[index].strip() or None if index is not None and index < len(row) else None

    def manual_run(self, row: list[str], sport: str, name: str | None, where: str) -> Activity | Unreadable:
        try:
            start = datetime.strptime(self.get(row, self.date) or "", STRAVA_DATE).replace(tzinfo=UTC)
            distance = float(self.get(row, self.distance) or 0) * (1000 if self.distance_in_km else 1)
            seconds = float(self.get(row, self.moving) or self.get(row, self.elapsed) or 0)
        except ValueError:
            return Unreadable(where, "a manual entry without a readable date, distance or time.")
        if distance <= 0 or seconds <= 0:
            return Unreadable(where, "a manual entry without distance or time.")
        elapsed = float(self.get(row, self.elapsed) or seconds)
        return Activity(
            where, start, round(distance, 1), round(seconds), round(elapsed), sport, name, file_format="csv"
        )
