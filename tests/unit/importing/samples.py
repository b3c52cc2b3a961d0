"""Ready-made uploads for the import tests of storage, service and end to end (built with `builders`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.unit.importing.builders import START, StravaRow, gpx_text, gz, steady, strava_csv, tcx_text, zip_bytes
from tests.unit.importing.builders import with_fast_segment as fast_segment

TEN_MILES_M = 16093.44
# A 10-mile run at 3 m/s with one 5K stretch at 4 m/s: the fastest 5K inside it is 1,250 s (20:50).
FAST_5K_S = 1250
_SLOW_S = round((TEN_MILES_M - 5000) / 3.0)


def ten_miler_gpx(start: datetime = START, name: str = "Ten miles with a fast 5K") -> str:
    return gpx_text([fast_segment(_SLOW_S + FAST_5K_S, 3.0, 1200, FAST_5K_S, 4.0)], start=start, name=name)


def easy_5k_tcx(start: datetime) -> str:
    """5,001 m at 3 m/s: a whole-run 5K of 27:47."""
    return tcx_text([steady(1667, 3.0)], start=start)


def strava_archive(start: datetime = START) -> bytes:
    """Two runs (the 10-miler, an easy 5K a day later), a ride left out, and a truncated file."""
    day = timedelta(days=1)
    rows = [
        StravaRow(1, "Run", "Ten miles", "activities/1.gpx", start),
        StravaRow(2, "Run", "Easy 5K", "activities/2.tcx.gz", start + day),
        StravaRow(3, "Ride", "Commute", "activities/3.gpx", start + 2 * day),
        StravaRow(4, "Run", "Broken watch", "activities/4.gpx", start + 3 * day),
    ]
    return zip_bytes(
        [
            ("activities.csv", strava_csv(rows)),
            ("activities/1.gpx", ten_miler_gpx(start)),
            ("activities/2.tcx.gz", gz(easy_5k_tcx(start + day))),
            ("activities/3.gpx", gpx_text([steady(600, 8.0)], start=start + 2 * day, kind="cycling")),
            ("activities/4.gpx", gpx_text([steady(600, 3.0)], start=start + 3 * day)[:400]),
        ]
    )
