"""Every kind of bad upload ends in one error naming the file and the problem; nothing else escapes."""

from __future__ import annotations

import contextlib
import io
import re
import struct
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import UserError
from bot.importing import ImportRefused, LimitExceeded, Limits, read_upload
from bot.importing.errors import display_name
from tests.unit.importing.builders import StravaRow, gpx_text, gz, steady, strava_csv, tcx_text, zip_bytes

GPX = gpx_text([steady(300, 3.0)])
TCX = tcx_text([steady(300, 3.0)])

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<gpx version="1.1"><trk><name>&lol3;</name></trk></gpx>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<TrainingCenterDatabase><Activities><Activity Sport="Running"><Notes>&secret;</Notes></Activity></Activities>
</TrainingCenterDatabase>"""


def refused(filename: str, data: bytes | str, **kwargs) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read_upload(filename, data.encode() if isinstance(data, str) else data, **kwargs)
    error = caught.value
    assert isinstance(error, UserError)  # the cog shows `message` as is
    assert error.message.startswith(f"`{display_name(filename)}`:"), error.message
    return error


def test_unknown_format():
    assert "send a .gpx, .tcx or .fit file" in refused("notes.txt", "just some words").message
    assert "empty" in refused("empty.gpx", b"").message


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("cut.gpx", GPX[: len(GPX) // 2]),
        ("cut.tcx", TCX[: len(TCX) // 2]),
        ("cut.gpx.gz", gz(GPX)[:200]),
        ("bad.gpx", GPX.replace("<trkseg>", "<trkseg><trkpt", 1)),
    ],
)
def test_truncated_or_malformed_xml(filename, data):
    assert "truncated" in refused(filename, data).message


def test_truncated_or_damaged_fit(fit_run):
    assert "truncated or damaged" in refused("cut.fit", fit_run[: len(fit_run) // 2]).message
    assert "truncated or damaged" in refused("bad.fit", fit_run[:14] + b"\xff" * 200).message


def test_no_running_activity():
    route = GPX.replace("<trk>", "<rte>").replace("</trk>", "</rte>")
    assert "no recorded track" in refused("route.gpx", route).message
    untimed = re.sub(r"<time>[^<]*</time>", "", GPX)
    assert "no timestamps" in refused("plan.gpx", untimed).message
    course = (
        TCX.replace("Activities>", "Courses>").replace("<Activity ", "<Course ").replace("</Activity>", "</Course>")
    )
    assert "holds no activity" in refused("course.tcx", course).message


def test_xml_bomb_and_external_entities_are_refused_before_expansion():
    assert "DTD" in refused("bomb.gpx", BILLION_LAUGHS).message
    assert "DTD" in refused("xxe.tcx", EXTERNAL_ENTITY).message
    assert "DTD" in refused("bomb.gpx.gz", gz(BILLION_LAUGHS)).message


def test_upload_over_the_size_limit():
    error = refused("big.gpx", GPX, limits=Limits(max_upload_bytes=1000))
    assert isinstance(error, LimitExceeded)
    assert "larger than" in error.message


def test_gzip_bomb():
    bomb = gz(b"<gpx>" + b" " * (3 * 2**20))
    assert "compression bomb" in refused("bomb.gpx.gz", bomb).message
    assert "more than 1 MB" in refused("big.gpx.gz", bomb, limits=Limits(max_file_bytes=2**20)).message


class TestArchiveLimits:
    def test_too_many_entries(self):
        data = zip_bytes([(f"{n}.gpx", GPX) for n in range(6)])
        error = refused("many.zip", data, limits=Limits(max_entries=5))
        assert isinstance(error, LimitExceeded)
        assert "more than 5 files" in error.message

    def test_too_many_entries_refused_from_the_end_record_alone(self, monkeypatch):
        data = zip_bytes([(f"{n}.txt", b"") for n in range(12)])

        def never(*args, **kwargs):
            raise AssertionError("the entries were listed")

        monkeypatch.setattr(zipfile, "ZipFile", never)
        assert "more than 10 files" in refused("many.zip", data, limits=Limits(max_entries=10)).message

    def test_zip64_end_record_count(self):
        from bot.importing.zipsafe import declared_entries

        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", allowZip64=True) as zf:
            for n in range(3):
                zf.writestr(f"{n}.txt", b"x")
        plain = out.getvalue()
        assert declared_entries(plain) == 3
        # The same end records, as a zip64 writer sets them: 0xFFFF, then the real count in the zip64 record.
        eocd = plain.rfind(b"PK\x05\x06")
        zip64 = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, 70_000, 70_000, 0, 0)
        locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, eocd, 1)
        end = bytearray(plain[eocd:])
        end[8:12] = b"\xff\xff\xff\xff"
        assert declared_entries(plain[:eocd] + zip64 + locator + bytes(end)) == 70_000

    def test_uncompressed_total(self):
        data = zip_bytes([(f"{n}.gpx", GPX) for n in range(3)])
        assert "expands to more than 0 MB" in refused("big.zip", data, limits=Limits(max_uncompressed_bytes=1)).message

    def test_zip_bomb_entry_refuses_the_whole_archive(self):
        data = zip_bytes([("a.gpx", GPX), ("b.gpx", b" " * (5 * 2**20))])
        assert "zip bomb" in refused("bomb.zip", data).message

    def test_gzip_bomb_inside_an_archive_refuses_the_whole_archive(self):
        bomb = gz(b"<gpx>" + b" " * (3 * 2**20))
        data = zip_bytes([("a.gpx", GPX), ("b.gpx.gz", bomb)], compression=zipfile.ZIP_STORED)
        error = refused("nested.zip", data)
        assert "b.gpx.gz" in error.message
        assert "The whole archive was refused" in error.message

    @pytest.mark.parametrize("name", ["../evil.gpx", "/etc/evil.gpx", "runs/../../evil.gpx", "C:\\evil.gpx"])
    def test_path_traversal(self, name):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr("ok.gpx", GPX)
            zf.writestr(zipfile.ZipInfo(name), GPX)
        error = refused("trick.zip", out.getvalue())
        assert "unsafe entry name" in error.message

    def test_damaged_archive(self):
        data = zip_bytes([("a.gpx", GPX)])
        assert "damaged or truncated" in refused("cut.zip", data[: len(data) // 2]).message

    def test_damaged_entry_is_collected_not_fatal(self):
        data = bytearray(zip_bytes([("a.gpx", GPX), ("b.gpx", GPX.replace("Morning", "Evening"))], compression=0))
        position = data.index(b"Evening")
        data[position : position + 7] = b"EVENING"  # the CRC no longer matches
        contents = read_upload("crc.zip", bytes(data))
        assert len(contents.activities) == 1
        assert [u.source for u in contents.unreadable] == ["b.gpx"]
        assert "checksum" in contents.unreadable[0].reason

    def test_strava_csv_over_its_limit(self):
        rows = [StravaRow(n, "Run", "x" * 50, f"activities/{n}.gpx") for n in range(50)]
        data = zip_bytes([("activities.csv", strava_csv(rows))])
        assert "larger than 0 MB" in refused("e.zip", data, limits=Limits(max_csv_bytes=100)).message

    def test_nothing_is_written_to_disk(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        read_upload("a.zip", zip_bytes([("a.gpx", GPX)]))
        assert list(tmp_path.iterdir()) == []


def test_file_names_are_shown_safely():
    error = refused("evil`\n@everyone" + "x" * 200 + ".txt", "words")
    shown = error.message.split("`")[1]
    assert error.message.count("`") == 2
    assert "\n" not in shown
    assert len(shown) <= 80
    assert shown.endswith("xxx.txt")
    assert display_name("\x00\n") == "the file"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["a.gpx", "a.fit", "a.zip", "a.tcx.gz"]))
def test_random_bytes_only_ever_raise_import_refused(data, filename):
    with contextlib.suppress(ImportRefused):
        read_upload(filename, data)


@st.composite
def damaged(draw, originals: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(originals)))
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(1, len(data)))])


SMALL = [steady(40, 3.0)]


@pytest.fixture(scope="module")
def originals():
    from tests.unit.importing.builders import fit_bytes

    gpx, tcx, fit = gpx_text(SMALL).encode(), tcx_text(SMALL).encode(), fit_bytes(SMALL)
    rows = [StravaRow(1, "Run", "r", "activities/1.fit.gz")]
    strava = zip_bytes([("activities.csv", strava_csv(rows)), ("activities/1.fit.gz", gz(fit))])
    return [gpx, tcx, fit, gz(gpx), gz(fit), strava, zip_bytes([("a.gpx", gpx), ("b.fit", fit)])]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_real_files_only_ever_raise_import_refused(originals, data):
    with contextlib.suppress(ImportRefused):
        read_upload("damaged", data.draw(damaged(originals)))


class TestNestedArchives:
    def test_entry_count_adds_up_over_nested_zips(self):
        inner = zip_bytes([(f"{n}.gpx", GPX) for n in range(3)])
        data = zip_bytes([("part1.zip", inner), ("part2.zip", inner)])
        assert "more than 7 files" in refused("garmin.zip", data, limits=Limits(max_entries=7)).message
        assert len(read_upload("garmin.zip", data, limits=Limits(max_entries=8)).activities) == 6

    def test_zip_bomb_inside_a_nested_zip(self):
        inner = zip_bytes([("b.gpx", b" " * (5 * 2**20))])
        data = zip_bytes([("a.gpx", GPX), ("part.zip", inner)], compression=zipfile.ZIP_STORED)
        assert "zip bomb" in refused("garmin.zip", data).message

    def test_traversal_inside_a_nested_zip(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr(zipfile.ZipInfo("../../evil.fit"), b"x")
        data = zip_bytes([("a.gpx", GPX), ("part.zip", out.getvalue())])
        assert "unsafe entry name" in refused("garmin.zip", data).message

    def test_a_damaged_nested_zip_is_collected(self):
        data = zip_bytes([("a.gpx", GPX), ("part.zip", b"PK\x03\x04 not really")])
        contents = read_upload("garmin.zip", data)
        assert len(contents.activities) == 1
        assert [(u.source, u.reason) for u in contents.unreadable] == [
            ("part.zip", "this inner zip archive is damaged."),
        ]
