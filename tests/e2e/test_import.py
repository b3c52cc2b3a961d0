"""/run import through the real bot and the fake Discord: a file logged at once, an archive with progress,
preview and owner-only buttons, records inside longer runs, and bad uploads refused with nothing written."""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest

from standin import FakeDiscord
from standin.client import Reply
from standin.state import Member
from tests.e2e.helpers import count_runs, newcomer, query
from tests.unit.importing.builders import START, gpx_text, iso, steady, zip_bytes
from tests.unit.importing.samples import strava_archive, ten_miler_gpx

pytestmark = pytest.mark.asyncio(loop_scope="module")


def stored_efforts(bot, member: Member) -> int:
    return query(bot.database, "SELECT count(*) FROM best_efforts WHERE user_id = ?", (member.id,))[0][0]


async def preview_of(fake: FakeDiscord, reply: Reply) -> Reply:
    """The archive's reply once the progress edits gave way to the preview (or to its final answer)."""

    def ready() -> Reply | None:
        current = fake.message(reply.id)
        return current if current.embeds else None

    return await fake.wait_until(ready, timeout=30, what="the import preview")


async def test_a_gpx_file_is_logged_at_once_like_run_log(fake, club, bot) -> None:
    member = newcomer(fake, club, "importer")
    reply = await fake.slash(member, "run import", file=fake.attachment("ten.gpx", ten_miler_gpx().encode()))
    assert reply.ephemeral
    text = reply.embed_text()
    assert "Run logged" in text and "16.09 km" in text and "imported it from `ten.gpx`" in text
    assert "New record" in text and "5K (a stretch inside this run)" in text
    rows = query(
        bot.database,
        "SELECT run_date, started_at, title, source FROM runs WHERE user_id = ?",
        (member.id,),
    )
    assert rows == [("2026-10-12", "2026-10-12T07:30:00+00:00", "Ten miles with a fast 5K", "import:gpx ten.gpx")]
    assert stored_efforts(bot, member) == 5
    exported = (await fake.slash(member, "me export")).files
    data = json.loads(exported["stride-data.json"])
    assert data["runs"][0]["started_at"] == "2026-10-12T07:30:00+00:00" and len(data["best_efforts"]) == 5
    assert "Ten miles with a fast 5K" in exported["stride-runs.csv"].decode()
    again = await fake.slash(member, "run import", file=fake.attachment("ten.gpx", ten_miler_gpx().encode()))
    assert again.ephemeral and "already in your log" in again.text()
    assert count_runs(bot.database, member.id) == 1


async def test_a_strava_archive_previews_imports_once_and_shows_records_inside_longer_runs(fake, club, bot) -> None:
    member, other = newcomer(fake, club, "importer"), newcomer(fake, club, "importer")
    await fake.slash(member, "profile set", units="mi")
    archive = strava_archive()
    first = await fake.slash(member, "run import", file=fake.attachment("export_1.zip", archive))
    preview = await preview_of(fake, first)
    assert preview.ephemeral
    assert "Reading 3 activities… 0/3" in preview.contents  # a progress edit came before the preview
    text = preview.embed_text()
    assert "Runs found:** 2" in text and "12 Oct 2026 – 13 Oct 2026" in text and "13.11 mi" in text
    assert "Duplicates skipped** (already in your log): 0" in text and "Not runs, left out:** 1" in text
    assert "`activities/4.gpx`: the GPX file is truncated" in text
    assert preview.button_labels() == ["Import", "Cancel"]
    assert count_runs(bot.database, member.id) == 0  # nothing before Import

    refused = await fake.click(other, preview, "Import", forged=True)
    assert "belong to someone else" in refused.content and refused.ephemeral
    assert count_runs(bot.database, member.id) == 0

    done = await fake.click(member, preview, "Import")
    summary = done.embed_text()
    assert "Imported:** 2 runs (13.11 mi)" in summary and "Skipped as duplicates:** 0" in summary
    assert "5K** 20:50 — inside your 10-mile run of 12 Oct 2026" in summary
    assert done.buttons() == []
    assert count_runs(bot.database, member.id) == 2 and stored_efforts(bot, member) == 9

    records = (await fake.slash(member, "run records")).embed_text()
    assert "**5K** — 27:47" in records  # the whole-run record keeps its wording
    assert "**5K** 20:50 — inside your 10-mile run of 12 Oct 2026" in records
    assert "**10K** 48:37 — inside your 10-mile run" in records
    assert "13.11 mi" in (await fake.slash(member, "run stats")).embed_text()  # the aggregates count them

    again = await preview_of(
        fake, await fake.slash(member, "run import", file=fake.attachment("export_1.zip", archive))
    )
    assert "Nothing new to import" in again.content and again.buttons() == []
    assert "Duplicates skipped** (already in your log): 2" in again.embed_text()
    assert count_runs(bot.database, member.id) == 2


async def test_a_public_import_posts_the_run_to_the_channel(fake, club, bot) -> None:
    member = newcomer(fake, club, "importer")
    reply = await fake.slash(
        member, "run import", file=fake.attachment("ten.gpx", ten_miler_gpx().encode()), public=True
    )
    assert reply.ephemeral and "posted in the channel" in reply.content
    posted = await fake.wait_until(
        lambda: next((m for m in fake.followups(reply) if not m.ephemeral), None), what="the public run"
    )
    assert "Run logged" in posted.embed_text() and "16.09 km" in posted.embed_text()


async def test_cancel_writes_nothing(fake, club, bot) -> None:
    member = newcomer(fake, club, "importer")
    preview = await preview_of(
        fake, await fake.slash(member, "run import", file=fake.attachment("export.zip", strava_archive()))
    )
    cancelled = await fake.click(member, preview, "Cancel")
    assert cancelled.content == "Cancelled, nothing was imported." and cancelled.buttons() == []
    assert count_runs(bot.database, member.id) == 0


def _traversal_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("ok.gpx", gpx_text([steady(300, 3.0)]))
        zf.writestr(zipfile.ZipInfo("../../evil.gpx"), gpx_text([steady(300, 3.0)], start=START))
    return out.getvalue()


@pytest.mark.parametrize(
    ("filename", "data", "problem"),
    [
        ("bomb.zip", zip_bytes([("a.gpx", gpx_text([steady(300, 3.0)])), ("b.gpx", b" " * (5 * 2**20))]), "zip bomb"),
        ("notes.txt", b"just some words", "send a .gpx, .tcx or .fit file"),
        ("trick.zip", _traversal_zip(), "unsafe entry name"),
        ("ride.gpx", gpx_text([steady(300, 8.0)], kind="cycling").encode(), "not a run"),
    ],
)
async def test_bad_uploads_are_refused_by_name_and_write_nothing(fake, club, bot, filename, data, problem) -> None:
    member = newcomer(fake, club, "importer")
    reply = await fake.slash(member, "run import", file=fake.attachment(filename, data))
    assert reply.ephemeral
    assert reply.text().startswith(f"`{filename}`:") and problem in reply.text()
    assert reply.allowed_mentions is not None and reply.allowed_mentions.get("parse") == []
    assert count_runs(bot.database, member.id) == 0 and stored_efforts(bot, member) == 0


def long_gpx_gz(points: int) -> bytes:
    """A 1 Hz track of `points` bare points (position, altitude, time), gzipped: far over the point limit."""
    rows = "".join(
        f'<trkpt lat="{48.85 + i * 2.7e-5:.7f}" lon="2.35"><ele>35</ele><time>{iso(START, i)}</time></trkpt>\n'
        for i in range(points)
    )
    return gzip.compress(
        (
            '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
            f"<trk><trkseg>{rows}</trkseg></trk></gpx>"
        ).encode(),
        1,
    )


def bot_memory_mb(bot, field: str) -> float:
    for line in Path(f"/proc/{bot.proc.pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no {field} for the bot process")


def reset_peak(bot) -> bool:
    """Start the bot's resident high-water mark (VmHWM) again from now; False where that is not allowed."""
    try:
        Path(f"/proc/{bot.proc.pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


async def final_answer(fake: FakeDiscord, reply: Reply) -> Reply:
    """The reply once the lines about waiting and reading gave way to the result."""

    def done() -> Reply | None:
        now = fake.message(reply.id)
        return now if now.embeds or now.content.startswith("`") else None

    return await fake.wait_until(done, timeout=60, what="the import's answer")


async def test_an_activity_far_over_the_point_limit_is_refused_by_name_outside_the_bot(fake, club, bot) -> None:
    member = newcomer(fake, club, "importer")
    upload = long_gpx_gz(150_000)  # 13 MB of XML: as a tree in the bot's process, some 200 MB
    idle = bot_memory_mb(bot, "VmRSS")
    measured = reset_peak(bot)
    reply = await fake.slash(member, "run import", file=fake.attachment("week.gpx.gz", upload), timeout=60)
    assert reply.ephemeral
    assert reply.text().startswith("`week.gpx.gz`: the activity has more than 100,000 track points")
    assert reply.allowed_mentions is not None and reply.allowed_mentions.get("parse") == []
    assert count_runs(bot.database, member.id) == 0 and stored_efforts(bot, member) == 0
    if measured:
        assert bot_memory_mb(bot, "VmHWM") - idle < 60, "the file was read in the bot's own process"


async def test_uploads_past_two_at_once_wait_their_turn_and_are_told_so(fake, club, bot) -> None:
    long_ones = [newcomer(fake, club, "importer") for _ in range(2)]
    patient = newcomer(fake, club, "importer")
    upload = long_gpx_gz(120_000)
    sent = [
        fake.slash(m, "run import", file=fake.attachment(f"long{n}.gpx.gz", upload), timeout=60)
        for n, m in enumerate(long_ones)
    ]
    replies = await asyncio.gather(
        *sent, fake.slash(patient, "run import", file=fake.attachment("ten.gpx", ten_miler_gpx().encode()), timeout=60)
    )
    for reply in replies[:2]:
        assert "more than 100,000 track points" in (await final_answer(fake, reply)).text()
    answer = await final_answer(fake, replies[2])
    assert answer.contents[:2] == (
        "Other members' imports are being read; yours is next. It starts by itself, no need to send it again.",
        "Your turn: reading `ten.gpx`…",
    )
    assert "Run logged" in answer.embed_text() and "16.09 km" in answer.embed_text()
    assert count_runs(bot.database, patient.id) == 1
