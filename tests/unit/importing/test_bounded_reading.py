"""Reading is bounded: too many points are refused at the first one over the limit, naming the file and the
limit; the tree of an XML file never holds more than a chunk of it; a pool's task keeps nothing afterwards."""

from __future__ import annotations

import re

import pytest

from bot.importing import ImportRefused, Limits, read_upload, safexml
from bot.importing.files import read_one
from tests.unit.importing.builders import fit_bytes, gpx_text, gz, steady, tcx_text, zip_bytes

CAP = Limits(max_points=500)
OVER = [steady(600, 3.0)]  # 601 points
UNDER = [steady(400, 3.0)]  # 401 points


def refusal(filename: str, data: bytes, limits: Limits = CAP) -> str:
    with pytest.raises(ImportRefused) as caught:
        read_upload(filename, data, limits=limits)
    return caught.value.message


@pytest.mark.parametrize("kind", ["gpx", "tcx", "gpx.gz", "tcx.gz", "fit", "fit.gz"])
def test_an_activity_over_the_point_limit_is_refused_naming_the_file_and_the_limit(kind: str) -> None:
    text = {"gpx": gpx_text, "tcx": tcx_text}
    over = fit_bytes(OVER) if kind.startswith("fit") else text[kind[:3]](OVER).encode()
    under = fit_bytes(UNDER) if kind.startswith("fit") else text[kind[:3]](UNDER).encode()
    if kind.endswith(".gz"):
        over, under = gz(over), gz(under)
    message = refusal(f"long.{kind}", over)
    assert message.startswith(f"`long.{kind}`: the activity has more than 500 track points")
    assert "a marathon recorded every second has about 20,000" in message
    assert read_upload(f"fine.{kind}", under, limits=CAP).activities[0].distance_m == pytest.approx(1200, rel=0.01)


def test_the_default_limit_is_far_above_a_marathon() -> None:
    assert Limits().max_points == 100_000  # more than a day at one point a second


@pytest.mark.parametrize("kind", ["gpx", "tcx"])
def test_reading_stops_at_the_limit_without_reading_on(kind: str) -> None:
    """Past the limit the file is broken: had the reader gone on, it would have said so."""
    text = (gpx_text if kind == "gpx" else tcx_text)([steady(3000, 3.0)])
    cut = text[: len(text) * 2 // 3] + "<<< not XML"
    message = refusal(f"long.{kind}", cut.encode())
    assert "more than 500 track points" in message
    assert "not well-formed" in refusal(f"short.{kind}", cut.encode(), Limits())


def test_a_gzipped_file_is_inflated_only_as_far_as_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    inflated: list[int] = []
    real = safexml.DefusedXMLParser.feed

    def feed(self, chunk) -> None:
        inflated.append(len(chunk))
        real(self, chunk)

    monkeypatch.setattr(safexml.DefusedXMLParser, "feed", feed)
    data = gpx_text([steady(40_000, 3.0)]).encode()  # about 9 MB, 36 chunks
    assert "more than 500 track points" in refusal("long.gpx.gz", gz(data))
    assert sum(inflated) <= safexml.CHUNK < len(data) / 10


def test_an_archive_lists_an_activity_over_the_limit_and_imports_the_others() -> None:
    archive = zip_bytes([("long.gpx", gpx_text(OVER)), ("fine.tcx", tcx_text(UNDER))])
    contents = read_upload("export.zip", archive, limits=CAP)
    assert [a.source for a in contents.activities] == ["fine.tcx"]
    assert [u.source for u in contents.unreadable] == ["long.gpx"]
    assert "more than 500 track points" in contents.unreadable[0].reason


def test_the_tree_keeps_little_besides_the_points(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safexml, "CHUNK", 4096)
    kept: list[int] = []
    real = safexml._drained

    def drained(root, drain, source, kind, *, final) -> None:
        real(root, drain, source, kind, final=final)
        kept.append(sum(1 for _ in root.iter()))

    monkeypatch.setattr(safexml, "_drained", drained)
    gpx = gpx_text([steady(2000, 3.0)])  # 2,001 points of 6 elements each
    waypoints = "".join(f'<wpt lat="48.8" lon="2.3"><name>w{n}</name></wpt>' for n in range(3000))
    activity = read_upload("a.gpx", gpx.replace("<trk>", waypoints + "<trk>").encode()).activities[0]
    assert activity.distance_m == pytest.approx(6000, rel=0.01)
    assert max(kept) < 100  # metadata, the track, a point in the making: the points and waypoints went


def test_a_file_of_anything_but_points_is_refused() -> None:
    junk = "".join(f"<note>{n}</note>" for n in range(20_000))
    gpx = gpx_text(UNDER).replace("<metadata>", f"<metadata><extensions>{junk}</extensions>")
    assert "more than 10,000 elements besides its track points" in refusal("junk.gpx", gpx.encode())


def test_only_the_first_tcx_activity_is_read_and_the_others_are_not_kept() -> None:
    first = tcx_text(UNDER)
    second = re.search(r"<Activity .*</Activity>", tcx_text([steady(3000, 3.0)]), re.S).group(0)
    both = first.replace("</Activity>", "</Activity>" + second, 1)
    activity = read_upload("two.tcx", both.encode(), limits=Limits(max_points=1000)).activities[0]
    assert activity.distance_m == pytest.approx(1200, rel=0.01)


def test_a_pool_task_leaves_nothing_behind() -> None:
    """A pool's worker keeps its last task's exception until the next task: it must not reach the frames that
    read the points (a traceback keeps every frame's locals)."""
    with pytest.raises(ImportRefused) as caught:
        read_one("long.gpx", gpx_text(OVER).encode(), CAP)
    refused = caught.value
    assert "more than 500 track points" in refused.message
    assert refused.__context__ is None and refused.__cause__ is None
    frames, tb = [], refused.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    assert frames[1:] == ["read_one"]
