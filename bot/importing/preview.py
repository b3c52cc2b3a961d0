"""What the member sees before confirming an import: counts, date range, distance, what was left out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from bot.importing.duplicates import KnownRun, split_duplicates
from bot.importing.models import Activity, ArchiveContents, Unreadable


@dataclass(frozen=True, slots=True)
class ImportPreview:
    runs: tuple[Activity, ...]  # to import, oldest first
    duplicates: tuple[Activity, ...]
    not_runs: int
    unreadable: tuple[Unreadable, ...]
    first_date: date | None  # local dates of the runs to import
    last_date: date | None

    @property
    def total_distance_m(self) -> float:
        return sum(run.distance_m for run in self.runs)

    @property
    def best_effort_count(self) -> int:
        return sum(len(run.best_efforts) for run in self.runs)


def build_preview(contents: ArchiveContents, known: Sequence[KnownRun], tz: tzinfo) -> ImportPreview:
    """Duplicates removed (against the log and within the upload); `tz` is the member's time zone."""
    runs = sorted((a for a in contents.activities if a.is_run), key=lambda a: a.start)
    new, duplicates = split_duplicates(runs, known, tz)
    dates = [run.start.astimezone(tz).date() for run in new]
    return ImportPreview(
        runs=tuple(new),
        duplicates=tuple(duplicates),
        not_runs=contents.not_runs,
        unreadable=tuple(contents.unreadable),
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
    )
