"""Each format, gzipped or not: what the member's run is made of once read."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.importing import ImportRefused, read_upload
from tests.unit.importing.builders import START, Sample, fit_bytes, gpx_text, gz, steady, tcx_text

TRACK = [steady(1200, 3.0)]  # 20 minutes at 3 m/s: 3.6 km
PAUSED = [steady(600, 3.0), steady(600, 3.0, t0=900, d0=1800)]  # a 5-minute pause halfway


def only(filename: str, data: bytes | str):
    contents = read_upload(filename, data.encode() if isinstance(data, str) else data)
    assert contents.kind == "file"
    assert len(contents.activities) == 1
    return contents.activities[0]


def assert_steady_run(activity) -> None:
    assert activity.start == START
    assert activity.start.tzinfo is not None
    assert activity.distance_m == pytest.approx(3600, rel=0.001)
    assert activity.duration_s == 1200
    assert activity.elapsed_s == 1200
    assert activity.sport == "run"
    assert activity.avg_heart_rate == 150
    assert activity.avg_cadence_spm == 170  # 85 strides a minute as recorded
    assert [round(e.distance_m) for e in activity.best_efforts] == [400, 1000, 1609]
    assert activity.best_efforts[1].seconds == pytest.approx(1000 / 3, abs=0.05)


def test_gpx():
    activity = only("Morning.gpx", gpx_text(TRACK, name="Canal loop"))
    assert_steady_run(activity)
    assert activity.name == "Canal loop"
    assert activity.file_format == "gpx"
    # 35 + 5·sin(t/120) over 1200 s climbs from 35 to 40, falls to 30, climbs to 40: 15 m.
    assert activity.elevation_gain_m == pytest.approx(15, abs=0.2)


def test_tcx():
    activity = only("run.tcx", tcx_text(TRACK))
    assert_steady_run(activity)
    assert activity.file_format == "tcx"


def test_fit(fit_run):
    activity = only("run.fit", fit_run)
    assert_steady_run(activity)
    assert activity.elevation_gain_m == 12  # the session's total ascent wins over the track
    assert activity.file_format == "fit"


@pytest.mark.parametrize("kind", ["gpx", "tcx", "fit"])
def test_gzipped_variants_read_the_same(kind, fit_run):
    plain = {"gpx": gpx_text(TRACK).encode(), "tcx": tcx_text(TRACK).encode(), "fit": fit_run}[kind]
    zipped, raw = only(f"a.{kind}.gz", gz(plain)), only(f"a.{kind}", plain)
    assert zipped.source == f"a.{kind}.gz"
    assert replace(zipped, source=raw.source) == raw


def test_format_is_recognised_by_content_not_name(fit_run):
    assert only("export.bin", gpx_text(TRACK)).file_format == "gpx"
    assert only("activity.gpx", fit_run).file_format == "fit"


class TestPauses:
    """The pause is left out of the time when the file tells it: GPX segments, TCX tracks, FIT timer events."""

    def check(self, activity) -> None:
        assert activity.duration_s == 1200
        assert activity.elapsed_s == 1500
        assert activity.distance_m == pytest.approx(3600, rel=0.001)
        # The best 1 km is 333 s: the pause never makes a stretch slower or faster than running it.
        assert activity.best_efforts[1].seconds == pytest.approx(1000 / 3, abs=0.05)

    def test_gpx_segments(self):
        self.check(only("a.gpx", gpx_text(PAUSED)))

    def test_tcx_tracks_and_laps(self):
        self.check(only("a.tcx", tcx_text(PAUSED)))

    def test_tcx_without_lap_totals_uses_the_track(self):
        self.check(only("a.tcx", tcx_text(PAUSED, laps=False)))

    def test_fit_timer_events(self, fit_with_pause):
        self.check(only("a.fit", fit_with_pause))

    def test_a_gap_the_format_does_not_mark_counts_as_time(self):
        one_segment = [PAUSED[0] + PAUSED[1]]
        activity = only("a.gpx", gpx_text(one_segment))
        assert activity.duration_s == 1500  # a GPX with one segment says nothing about pauses


def test_fit_without_session_totals_reads_the_track():
    activity = only("a.fit", fit_bytes([steady(300, 3.0)], totals=False))
    assert activity.distance_m == pytest.approx(900)
    assert activity.duration_s == 300
    assert activity.sport == "run"  # the file does not say; a single file is taken as the member's run


def test_fit_treadmill_without_positions_keeps_its_sport_and_efforts():
    activity = only("t.fit", fit_bytes([steady(400, 3.0)], sub_sport="TREADMILL", positions=False))
    assert activity.sport == "treadmill"
    assert activity.distance_m == pytest.approx(1200)
    assert [round(e.distance_m) for e in activity.best_efforts] == [400, 1000]


def test_trail_run_sub_sport():
    assert only("t.fit", fit_bytes([steady(60, 3.0)], sub_sport="TRAIL")).sport == "trail run"


def test_gpx_without_type_name_or_heart_rate():
    track = [steady(300, 3.0, hr=None)]
    activity = only("a.gpx", gpx_text(track, kind=None, name=""))
    assert activity.sport == "run"
    assert activity.name is None
    assert activity.avg_heart_rate is None
    assert activity.avg_cadence_spm is None


def test_gpx_time_zone_offsets_are_converted_to_utc():
    text = gpx_text([steady(50, 3.0)]).replace("T07:30:", "T09:30:").replace("Z</time>", "+02:00</time>")
    assert only("a.gpx", text).start == START


def test_strava_tcx_with_leading_spaces():
    activity = only("a.tcx", "          " + tcx_text(TRACK))
    assert activity.distance_m == pytest.approx(3600)


@pytest.mark.parametrize(
    ("filename", "data", "problem"),
    [
        ("ride.gpx", gpx_text([steady(60, 8.0)], kind="cycling"), "records cycling, not a run"),
        ("ride.tcx", tcx_text([steady(60, 8.0)], sport="Biking"), "records cycling, not a run"),
    ],
)
def test_a_single_file_that_is_not_a_run_is_refused(filename, data, problem):
    with pytest.raises(ImportRefused) as refused:
        read_upload(filename, data.encode())
    assert problem in refused.value.message
    assert filename in refused.value.message


def test_a_fit_ride_is_refused(fit_ride):
    with pytest.raises(ImportRefused, match="not a run"):
        read_upload("ride.fit", fit_ride)


def test_start_time_is_utc_aware_for_every_format(fit_run):
    later = START + timedelta(hours=5)
    for name, data in [("a.gpx", gpx_text(TRACK, start=later)), ("a.tcx", tcx_text(TRACK, start=later))]:
        activity = only(name, data)
        assert activity.start == later
        assert activity.start.utcoffset() == timedelta(0)
    assert only("a.fit", fit_run).start == datetime(2026, 10, 12, 7, 30, tzinfo=UTC)


@st.composite
def tracks(draw) -> list[list[Sample]]:
    """One to three segments of points 1-10 s apart at 1-6 m/s, with a pause between segments."""
    segments, t, d = [], 0.0, 0.0
    for _ in range(draw(st.integers(1, 3))):
        samples = []
        for _ in range(draw(st.integers(2, 40))):
            samples.append(Sample(t, d, draw(st.floats(-50, 3000)), draw(st.none() | st.integers(60, 200))))
            dt = draw(st.integers(1, 10))
            t, d = t + dt, d + dt * draw(st.floats(1.0, 6.0))
        segments.append(samples)
        t += draw(st.integers(1, 600))
    return segments


@settings(max_examples=60, deadline=None)
@given(tracks(), st.sampled_from(["gpx", "tcx"]))
def test_written_tracks_read_back(track, kind):
    text = gpx_text(track) if kind == "gpx" else tcx_text(track)
    activity = only(f"a.{kind}", text)
    moving = sum(seg[-1].t - seg[0].t for seg in track)
    covered = sum(seg[-1].d - seg[0].d for seg in track)
    assert activity.duration_s == round(moving)
    assert activity.elapsed_s == round(track[-1][-1].t - track[0][0].t)
    assert activity.distance_m == pytest.approx(covered, rel=1e-3, abs=0.2)
    assert activity.start == START
    for effort in activity.best_efforts:
        assert effort.distance_m <= covered + 0.5
        assert 0 < effort.seconds <= moving + 0.01


def test_impossible_totals_are_refused():
    honest = tcx_text([steady(60, 3.0)])
    forged = honest.replace("<TotalTimeSeconds>60.0</TotalTimeSeconds>", "<TotalTimeSeconds>1e12</TotalTimeSeconds>")
    assert forged != honest
    with pytest.raises(ImportRefused, match="impossible"):
        read_upload("forged.tcx", forged.encode())
