"""Challenge progress kept by the runs triggers, against a recompute from the runs themselves: logs,
edits, deletes, imports, late joins, leaving, the end; on the engine the suite runs on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.club.services import challenges as service
from bot.club.services.challenges import ChallengeForm
from bot.db.store import Store
from bot.errors import UserError
from bot.running.services import runs
from bot.running.services.runs import RunForm

GUILD, ADMIN, ANA, BEN = 1, 10, 42, 43
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


async def create(db: Store, name: str = "December 100k", **kw: str) -> service.Challenge:
    form = ChallengeForm(name=name, metric=kw.get("metric", "distance"), goal=kw.get("goal", "100k"),
                         start=kw.get("start", "2026-12-01"), end=kw.get("end", "2026-12-31"),
                         mode=kw.get("mode", "individual"))  # fmt: skip
    return await service.create(db, GUILD, ADMIN, 555, form, NOW)


async def log(db: Store, user: int, distance: str, time: str, day: str) -> int:
    result = await runs.log_run(db, GUILD, user, RunForm(distance, time, day), NOW)
    return result.run.id


async def progress(db: Store, challenge_id: int, user: int) -> tuple[float, str | None]:
    row = await db.fetchone(
        "SELECT value, finished_on FROM challenge_members WHERE challenge_id = ? AND user_id = ? AND active = 1",
        (challenge_id, user),
    )
    return (float(row[0]), row[1]) if row else (0.0, None)


async def total(db: Store, challenge_id: int) -> float:
    return float((await db.fetchone("SELECT total FROM challenges WHERE id = ?", (challenge_id,)))[0])


async def test_runs_in_the_window_count_however_they_change(db: Store) -> None:
    challenge = await create(db)
    await log(db, ANA, "10k", "50:00", "2026-11-30")  # before the window
    inside = await log(db, ANA, "12k", "60:00", "2026-12-02")
    joined = await service.join(db, GUILD, ANA, challenge, NOW)
    assert joined.value == 12000 and not joined.already  # a late join counts runs already in the window
    await log(db, ANA, "8k", "40:00", "2026-12-03")
    assert await progress(db, challenge.id, ANA) == (20000, None)
    await runs.edit_run(db, GUILD, ANA, inside, RunForm(distance="15k"), NOW)
    assert (await progress(db, challenge.id, ANA))[0] == 23000
    await runs.edit_run(db, GUILD, ANA, inside, RunForm(date="2026-11-29"), NOW)  # moved out of the window
    assert (await progress(db, challenge.id, ANA))[0] == 8000
    await runs.delete_run(db, GUILD, ANA, inside)
    assert (await progress(db, challenge.id, ANA))[0] == 8000
    assert await total(db, challenge.id) == 0  # an individual challenge keeps no total


async def test_goal_reached_once_even_when_an_edit_drops_below_and_back(db: Store) -> None:
    challenge = await create(db, goal="20k")
    await service.join(db, GUILD, BEN, challenge, NOW)
    first = await log(db, BEN, "15k", "75:00", "2026-12-04")
    await log(db, BEN, "6k", "30:00", "2026-12-05")
    assert await progress(db, challenge.id, BEN) == (21000, "2026-12-05")
    await runs.edit_run(db, GUILD, BEN, first, RunForm(distance="10k", time="50:00"), NOW)
    await runs.edit_run(db, GUILD, BEN, first, RunForm(distance="15k", time="75:00"), NOW)
    assert await progress(db, challenge.id, BEN) == (21000, "2026-12-05")  # the first day stays
    owed = await db.fetchall("SELECT user_id FROM challenge_members WHERE finished_on IS NOT NULL")
    assert [row[0] for row in owed] == [BEN]


async def test_each_metric_counts_its_own_amount(db: Store) -> None:
    by_metric = {"time": "20h", "runs": "20", "elevation": "2000m"}
    made = {m: await create(db, f"{m} challenge", metric=m, goal=g) for m, g in by_metric.items()}
    for challenge in made.values():
        await service.join(db, GUILD, ANA, challenge, NOW)
    await log(db, ANA, "10k", "50:00", "2026-12-02")
    await log(db, ANA, "5k", "25:00", "2026-12-03")
    assert (await progress(db, made["time"].id, ANA))[0] == 4500
    assert (await progress(db, made["runs"].id, ANA))[0] == 2
    assert (await progress(db, made["elevation"].id, ANA))[0] == 0  # logged runs have no climb


async def test_club_mode_sums_everyone_and_leaving_takes_a_share_out(db: Store) -> None:
    challenge = await create(db, "Club 30k", goal="30k", mode="club")
    for member in (ANA, BEN):
        await service.join(db, GUILD, member, challenge, NOW)
        await log(db, member, "10k", "50:00", "2026-12-02")
    assert await total(db, challenge.id) == 20000
    await service.leave(db, GUILD, BEN, challenge, NOW)
    assert await total(db, challenge.id) == 10000
    await log(db, BEN, "10k", "50:00", "2026-12-03")  # not counted: BEN left
    assert await total(db, challenge.id) == 10000
    await service.join(db, GUILD, BEN, challenge, NOW)  # back: both of BEN's runs count again
    assert await total(db, challenge.id) == 30000
    row = await db.fetchone("SELECT reached_on FROM challenges WHERE id = ?", (challenge.id,))
    assert row[0] == "2026-12-07"


async def test_an_ended_challenge_keeps_its_results(db: Store) -> None:
    challenge = await create(db)
    await service.join(db, GUILD, ANA, challenge, NOW)
    await log(db, ANA, "10k", "50:00", "2026-12-02")
    await service.end(db, GUILD, ADMIN, "december 100K", datetime.now(UTC) - timedelta(seconds=1))
    await log(db, ANA, "10k", "50:00", "2026-12-03")
    assert (await progress(db, challenge.id, ANA))[0] == 10000
    with pytest.raises(UserError, match="has ended"):
        await service.join(db, GUILD, BEN, await service.find(db, GUILD, "December 100k", NOW), datetime.now(UTC))


async def test_the_board_ranks_and_leaves_out_members_who_opted_out(db: Store) -> None:
    from bot.running.services.profile import set_profile

    challenge = await create(db, goal="15k")
    for member, km in ((ANA, 20), (BEN, 12), (44, 30)):
        await service.join(db, GUILD, member, challenge, NOW)
        await log(db, member, f"{km}k", f"{km * 5}:00", "2026-12-02")
    await set_profile(db, GUILD, 44, NOW, leaderboard=False)
    board = await service.board(db, await service.by_id(db, GUILD, challenge.id), BEN)
    assert [(s.user_id, s.value) for s in board.leaders] == [(ANA, 20000), (BEN, 12000)]
    assert (board.participants, board.finishers) == (3, 2)
    assert board.me is not None and board.me.rank == 3  # everyone counts for a place


async def test_refusals_write_nothing(db: Store) -> None:
    for i in range(10):
        await create(db, f"c{i}")
    cases = [
        ({"name": "x" * 61}, "61 characters"),
        ({"name": "C1"}, "already an active"),
        ({"name": "eleventh"}, "already has 10"),
        ({"name": "n", "goal": "lots"}, "Couldn't read the distance goal"),
        ({"name": "n", "start": "2026-12-10", "end": "2026-12-01"}, "before the start"),
        ({"name": "n", "start": "2026-01-01", "end": "2027-01-03"}, "at most 366"),
        ({"name": "n", "start": "someday"}, "Couldn't read the start"),
    ]
    for change, message in cases:
        fields = {"metric": "distance", "goal": "100k", "start": "2026-12-01", "end": "2026-12-31", **change}
        name = fields.pop("name")
        with pytest.raises(UserError, match=message):
            await create(db, name, **fields)
    assert (await db.fetchone("SELECT count(*) FROM challenges"))[0] == 10


def test_window_dates_are_the_servers() -> None:
    from bot.club.challenges import counting_stops

    assert counting_stops(date(2026, 12, 31), "Europe/Berlin") == datetime(2026, 12, 31, 23, tzinfo=UTC)


async def test_the_servers_weekly_totals_follow_every_change(db: Store) -> None:
    """guild_weeks (the digest's club totals) against a recompute from member_weeks."""
    ids = [await log(db, member, "10k", "50:00", day) for member, day in
           ((ANA, "2026-11-30"), (ANA, "2026-12-01"), (BEN, "2026-12-02"), (BEN, "2026-11-25"))]  # fmt: skip
    await runs.edit_run(db, GUILD, ANA, ids[1], RunForm(date="2026-11-24"), NOW)  # moves to the week before
    await runs.delete_run(db, GUILD, BEN, ids[2])
    await runs.edit_run(db, GUILD, ANA, ids[0], RunForm(distance="12k", time="60:00"), NOW)
    expected = await db.fetchall(
        "SELECT guild_id, week_start, count(*), sum(runs), sum(distance_m), sum(duration_s) FROM member_weeks"
        " GROUP BY guild_id, week_start ORDER BY week_start"
    )
    stored = await db.fetchall("SELECT * FROM guild_weeks ORDER BY week_start")
    assert [tuple(r) for r in stored] == [tuple(r) for r in expected]
    assert [(r[1], r[2]) for r in stored] == [("2026-11-23", 2), ("2026-11-30", 1)]
