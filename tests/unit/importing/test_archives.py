"""Strava and Garmin exports: runs only, names from the CSV, per-file failures collected, progress."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from bot.importing import ImportRefused, LimitExceeded, read_upload
from bot.importing.pool import import_pool
from tests.unit.importing.builders import (
    START,
    StravaRow,
    gpx_text,
    gz,
    steady,
    strava_csv,
    tcx_text,
    zip_bytes,
)

DAY = timedelta(days=1)


def run_gpx(day: int, seconds: int = 600) -> str:
    return gpx_text([steady(seconds, 3.0)], start=START + day * DAY, name="from the file")


@pytest.fixture
def strava(fit_run, fit_ride) -> bytes:
    rows = [
        StravaRow(1, "Run", "Sunday long run", "activities/1.gpx", START),
        StravaRow(2, "Trail Run", "Hills", "activities/2.tcx.gz", START + DAY),
        StravaRow(3, "Run", "Intervals", "activities/3.fit.gz", START + 2 * DAY),
        StravaRow(4, "Ride", "Commute", "activities/4.fit.gz", START + 3 * DAY),
        StravaRow(5, "Virtual Run", "Zwift", "activities/5.gpx", START + 4 * DAY),
        StravaRow(6, "Run", "Lost file", "activities/6.gpx", START + 5 * DAY),
        StravaRow(7, "Run", "Broken", "activities/7.gpx", START + 6 * DAY),
        StravaRow(8, "Run", "Treadmill by hand", "", START + 7 * DAY, elapsed_s=1800, distance_m=5000),
        StravaRow(9, "Walk", "Dog", "activities/9.gpx", START + 8 * DAY),
    ]
    return zip_bytes(
        [
            ("activities.csv", strava_csv(rows)),
            ("activities/1.gpx", run_gpx(0)),
            ("activities/2.tcx.gz", gz(tcx_text([steady(600, 3.0)], start=START + DAY))),
            ("activities/3.fit.gz", gz(fit_run)),
            ("activities/4.fit.gz", gz(fit_ride)),
            ("activities/5.gpx", run_gpx(4)),
            ("activities/7.gpx", run_gpx(6)[:500]),
            ("activities/9.gpx", run_gpx(8)),
            ("profile.csv", "name\nJo\n"),
        ]
    )


def test_strava_export_keeps_runs_with_csv_names_and_types(strava):
    contents = read_upload("export_123.zip", strava)
    assert contents.kind == "strava"
    by_name = {a.name: a for a in contents.activities}
    assert sorted(by_name) == ["Hills", "Intervals", "Sunday long run", "Treadmill by hand", "Zwift"]
    assert by_name["Hills"].sport == "trail run"
    assert by_name["Zwift"].sport == "virtual run"
    assert by_name["Sunday long run"].distance_m == pytest.approx(1800)
    assert by_name["Intervals"].file_format == "fit"
    assert len(by_name["Sunday long run"].best_efforts) == 3
    manual = by_name["Treadmill by hand"]
    assert (manual.start, manual.distance_m, manual.duration_s, manual.best_efforts) == (
        START + 7 * DAY,
        5000,
        1800,
        (),
    )
    assert contents.not_runs == 2  # the ride and the walk: left out, not errors
    reasons = {u.source: u.reason for u in contents.unreadable}
    assert set(reasons) == {"activities/6.gpx", "activities/7.gpx"}
    assert "missing from the archive" in reasons["activities/6.gpx"]
    assert "truncated" in reasons["activities/7.gpx"]
    assert [a.start for a in contents.activities] == sorted(a.start for a in contents.activities)


def test_strava_export_inside_a_top_folder(fit_run):
    rows = [StravaRow(1, "Run", "Easy", "activities/1.fit.gz")]
    data = zip_bytes([("export/activities.csv", strava_csv(rows)), ("export/activities/1.fit.gz", gz(fit_run))])
    assert [a.name for a in read_upload("e.zip", data).activities] == ["Easy"]


def test_treadmill_from_the_file_survives_strava_calling_it_a_run():
    from tests.unit.importing.builders import fit_bytes

    treadmill = fit_bytes([steady(120, 3.0)], sub_sport="TREADMILL", positions=False)
    rows = [StravaRow(1, "Run", "Belt", "activities/1.fit")]
    data = zip_bytes([("activities.csv", strava_csv(rows)), ("activities/1.fit", treadmill)])
    assert read_upload("e.zip", data).activities[0].sport == "treadmill"


def test_progress_is_reported_for_every_file(strava):
    calls: list[tuple[int, int]] = []
    read_upload("e.zip", strava, on_progress=lambda done, total: calls.append((done, total)))
    # Five run files to read: the ride and the walk are never opened, one run's file is missing, one is manual.
    assert calls == [(n, 5) for n in range(6)]


@pytest.mark.parametrize("pool", [lambda: ThreadPoolExecutor(2), lambda: import_pool(2)], ids=["threads", "processes"])
def test_a_pool_gives_the_same_result(strava, pool):
    alone = read_upload("e.zip", strava)
    with pool() as executor:
        pooled = read_upload("e.zip", strava, executor=executor)
    assert pooled == alone


def test_a_limit_broken_in_a_worker_refuses_the_archive():
    bomb = gz(b"<gpx>" + b" " * (3 * 2**20))
    data = zip_bytes([(f"{n}.gpx", run_gpx(n)) for n in range(20)] + [("bomb.gpx.gz", bomb)])
    with import_pool(2) as executor, pytest.raises(LimitExceeded, match=r"bomb\.gpx\.gz"):
        read_upload("e.zip", data, executor=executor)


def test_garmin_export_of_fit_files_keeps_running_sports(fit_run, fit_ride, fit_with_pause):
    data = zip_bytes(
        [
            ("DI_CONNECT/run.fit", fit_run),
            ("DI_CONNECT/ride.fit", fit_ride),
            ("DI_CONNECT/paused.fit.gz", gz(fit_with_pause)),
            ("DI_CONNECT/broken.fit", fit_run[:300]),
            ("DI_CONNECT/summary.json", "{}"),
        ]
    )
    contents = read_upload("garmin.zip", data)
    assert contents.kind == "garmin"
    assert [a.source for a in contents.activities] == ["DI_CONNECT/run.fit", "DI_CONNECT/paused.fit.gz"]
    assert contents.not_runs == 1
    assert [u.source for u in contents.unreadable] == ["DI_CONNECT/broken.fit"]


def test_garmin_export_nests_its_uploads_in_inner_zips(fit_run):
    inner = zip_bytes([("UploadedFiles_0-_Part1/a.fit", fit_run)])
    data = zip_bytes([("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner)])
    assert [a.source for a in read_upload("garmin.zip", data).activities] == ["UploadedFiles_0-_Part1/a.fit"]


def test_non_activity_fit_files_are_left_out_quietly(fit_run):
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.profile_type import FileType

    builder = FitFileBuilder(auto_define=True)
    message = FileIdMessage()
    message.type = FileType.SETTINGS
    builder.add(message)
    data = zip_bytes([("a.fit", fit_run), ("settings.fit", builder.build().to_bytes())])
    contents = read_upload("garmin.zip", data)
    assert (len(contents.activities), contents.not_runs, contents.unreadable) == (1, 1, [])


def test_an_archive_of_gpx_files_works_like_a_garmin_export():
    data = zip_bytes([(f"runs/{d}.gpx", run_gpx(d)) for d in range(3)])
    assert len(read_upload("mine.zip", data).activities) == 3


def test_an_archive_without_runs_is_refused_with_the_reason(fit_ride):
    with pytest.raises(ImportRefused, match="no running activity"):
        read_upload("rides.zip", zip_bytes([("ride.fit", fit_ride)]))
    with pytest.raises(ImportRefused, match="no activity files"):
        read_upload("photos.zip", zip_bytes([("a.jpg", b"\xff\xd8\xff")]))
    with pytest.raises(ImportRefused) as refused:
        read_upload("broken.zip", zip_bytes([("a.gpx", "<gpx>"), ("b.tcx", "nope")]))
    assert "no run could be read: 2 file(s) not understood" in refused.value.message
    assert "broken.zip" in refused.value.message


def test_strava_export_with_only_rides_is_refused(fit_ride):
    rows = [StravaRow(1, "Ride", "Commute", "activities/1.fit")]
    data = zip_bytes([("activities.csv", strava_csv(rows)), ("activities/1.fit", fit_ride)])
    with pytest.raises(ImportRefused, match=r"no running activity \(1 other"):
        read_upload("e.zip", data)


def test_strava_csv_without_an_activity_type_column_is_refused():
    with pytest.raises(ImportRefused, match="Activity Type"):
        read_upload("e.zip", zip_bytes([("activities.csv", "Activity ID,Filename\n1,a.gpx\n")]))


def test_pool_workers_run_at_a_lower_priority_than_the_bot():
    import os

    with import_pool(1) as pool:
        assert pool.submit(os.nice, 0).result() == min(19, os.nice(0) + 10)
    with import_pool(1, niceness=0) as pool:
        assert pool.submit(os.nice, 0).result() == os.nice(0)
