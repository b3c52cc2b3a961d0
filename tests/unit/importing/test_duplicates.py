"""Duplicates against the member's log and within one upload; the preview built from what is left."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.importing import Activity, ArchiveContents, KnownRun, Unreadable, build_preview, read_upload, split_duplicates
from tests.unit.importing.builders import START, StravaRow, gpx_text, steady, strava_csv, zip_bytes

PARIS = ZoneInfo("Europe/Paris")
LA = ZoneInfo("America/Los_Angeles")


def activity(start=START, distance=10_000.0, sport="run", source="a.gpx") -> Activity:
    return Activity(source, start, distance, 3000, 3000, sport)


def test_same_start_within_two_minutes_and_distance_within_two_percent():
    known = [KnownRun(date(2026, 10, 12), 10_000, START)]
    close = activity(START + timedelta(minutes=2), 10_190)
    assert split_duplicates([close], known, PARIS) == ([], [close])
    for other in (activity(START + timedelta(minutes=2, seconds=1)), activity(distance=10_210)):
        assert split_duplicates([other], known, PARIS) == ([other], [])


def test_a_run_logged_without_a_time_matches_on_the_local_date():
    late = START.replace(hour=23, minute=30)  # 23:30 UTC: already the 13th in Paris, still the 12th in LA
    known = [KnownRun(date(2026, 10, 13), 9_900)]
    candidate = activity(late)
    assert split_duplicates([candidate], known, PARIS) == ([], [candidate])
    assert split_duplicates([candidate], known, LA) == ([candidate], [])


def test_start_times_across_midnight_still_match():
    known = [KnownRun(date(2026, 10, 12), 10_000, START.replace(hour=21, minute=59))]  # 23:59 in Paris
    candidate = activity(START.replace(hour=22, minute=1))  # 00:01 the next day in Paris
    assert split_duplicates([candidate], known, PARIS) == ([], [candidate])


def test_duplicates_within_one_upload_keep_the_first():
    first, again, other = (
        activity(source="1.fit"),
        activity(START + timedelta(seconds=30), source="1.gpx"),
        activity(START + timedelta(hours=5)),
    )
    assert split_duplicates([first, again, other], [], PARIS) == ([first, other], [again])


def test_importing_the_same_archive_twice_adds_nothing():
    rows = [StravaRow(n, "Run", f"Run {n}", f"activities/{n}.gpx") for n in range(3)]
    files = [(f"activities/{n}.gpx", gpx_text([steady(300, 3.0)], start=START + timedelta(days=n))) for n in range(3)]
    data = zip_bytes([("activities.csv", strava_csv(rows)), *files])
    first = build_preview(read_upload("e.zip", data), [], PARIS)
    assert len(first.runs) == 3
    stored = [KnownRun(r.start.astimezone(PARIS).date(), r.distance_m, r.start) for r in first.runs]
    second = build_preview(read_upload("e.zip", data), stored, PARIS)
    assert (second.runs, len(second.duplicates)) == ((), 3)


def test_preview_summarises_what_will_be_imported():
    runs = [
        activity(START + timedelta(days=2), 5_000),
        activity(START, 10_000),
        activity(START + timedelta(days=2, seconds=20), 5_050),  # the same run from another file
        activity(START + timedelta(days=9), 21_100, sport="trail run"),
    ]
    contents = ArchiveContents(runs, not_runs=4, unreadable=[Unreadable("x.fit", "damaged")], kind="strava")
    known = [KnownRun(date(2026, 10, 12), 10_100)]  # logged by hand, no time
    preview = build_preview(contents, known, PARIS)
    assert [r.distance_m for r in preview.runs] == [5_000, 21_100]
    assert len(preview.duplicates) == 2
    assert preview.total_distance_m == 26_100
    assert (preview.first_date, preview.last_date) == (date(2026, 10, 14), date(2026, 10, 21))
    assert preview.not_runs == 4
    assert preview.unreadable == (Unreadable("x.fit", "damaged"),)


def test_preview_of_nothing_new():
    preview = build_preview(ArchiveContents([activity()]), [KnownRun(date(2026, 10, 12), 10_000, START)], PARIS)
    assert (preview.runs, preview.first_date, preview.last_date, preview.total_distance_m) == ((), None, None, 0)
