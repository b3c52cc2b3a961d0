"""Plain records an import produces; small and picklable so they cross a process pool cheaply."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# The sports counted as runs, as `Activity.sport` names them.
RUNNING_SPORTS = frozenset({"run", "trail run", "treadmill", "virtual run", "track run"})


@dataclass(frozen=True, slots=True)
class BestEffort:
    """The fastest stretch of `distance_m` inside one activity."""

    distance_m: float
    seconds: float
    start_offset_m: float  # where the stretch starts, metres into the activity
    start_offset_s: float  # and when, seconds of timer time into the activity


@dataclass(frozen=True, slots=True)
class Activity:
    source: str  # the file name (inside the archive, if any)
    start: datetime  # UTC, aware
    distance_m: float
    duration_s: int  # timer time: pauses excluded when the file tells them
    elapsed_s: int  # first to last point, pauses included
    sport: str  # "run", "trail run", "treadmill", "virtual run", or the file's own word ("cycling")
    name: str | None = None
    elevation_gain_m: float | None = None
    avg_heart_rate: int | None = None
    avg_cadence_spm: int | None = None  # steps per minute (both feet)
    best_efforts: tuple[BestEffort, ...] = ()
    file_format: str = ""  # "gpx", "tcx", "fit", or "csv" for a Strava manual entry

    @property
    def is_run(self) -> bool:
        return self.sport in RUNNING_SPORTS


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file inside an archive that could not be imported, and why."""

    source: str
    reason: str


@dataclass(slots=True)
class ArchiveContents:
    """What an upload holds once every file is read; a single file gives one activity."""

    activities: list[Activity] = field(default_factory=list)
    not_runs: int = 0  # rides, walks, swims...: left out on purpose, not errors
    unreadable: list[Unreadable] = field(default_factory=list)
    kind: str = "file"  # "file", "strava" or "garmin"
