"""How much an upload may hold before it is refused outright."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
# Track points in one activity: more than a day recorded every second (a marathon at 1 Hz has about 20,000).
MAX_POINTS = 100_000


@dataclass(frozen=True, slots=True)
class Limits:
    # Discord's attachment size for a server without boosts; the caller may raise it.
    max_upload_bytes: int = 25 * MB
    # Everything an archive expands to, gzipped entries included.
    max_uncompressed_bytes: int = 500 * MB
    max_entries: int = 10_000
    # GPX and TCX compress 10-20×; zip bombs reach 1,000×. Tiny entries may compress better harmlessly.
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * MB
    # One activity file once decompressed (a 24-hour 1 Hz GPX is about 15 MB).
    max_file_bytes: int = 100 * MB
    # Readers stop at the point after this one: a file under the size limit can still hold a million.
    max_points: int = MAX_POINTS
    # activities.csv of a Strava export (a row is about 1 KB).
    max_csv_bytes: int = 50 * MB
