"""A database with one damaged page (a real one of 3,000 runs, one page overwritten with garbage at several
places in the file): `stride check` lists what is damaged and exits 1; `stride run` either stops at start-up
with one line and exit 3, or starts, and a command that reads the damage gets the apology while the log
says once that the database is damaged and to run `stride check`. Never a traceback."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_asyncio

from standin import BotProcess, FakeDiscord, Guild, Member, bot_environment
from tests.e2e.damaged import club_database, damage, leaf_pages
from tests.e2e.test_operations import stride
from tests.fakediscord.bots import start_bot
from tests.postgres import on_postgres

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.skipif(on_postgres(), reason="about the SQLite file; the suite runs on PostgreSQL"),
]
FRACTIONS = (0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0)  # where in the file the damaged page is
DAMAGE_LOGGED = "The database is damaged"


class Club:
    def __init__(self, fake: FakeDiscord) -> None:
        self.guild: Guild = fake.add_guild("Damaged")
        self.members: list[Member] = [fake.add_member(self.guild, f"runner{i}") for i in range(20)]


@pytest.fixture(scope="module")
def club(fake: FakeDiscord) -> Club:
    return Club(fake)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def sound(club: Club, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The undamaged database, built once: 3,000 runs of the club's 20 members."""
    path = tmp_path_factory.mktemp("sound") / "stride.db"
    return await club_database(path, club.guild.id, [m.id for m in club.members])


def check_output_is_a_list(out: str) -> list[str]:
    lines = [line for line in out.splitlines() if line.strip()]
    assert "Traceback" not in out, out
    assert lines[0] == "Stride check found problems:", out
    assert all(line.startswith("- ") for line in lines[1:]), out
    return lines[1:]


@pytest.mark.parametrize("fraction", FRACTIONS)
async def test_check_names_the_damage_in_one_line_per_problem(
    fake: FakeDiscord, sound: Path, tmp_path: Path, fraction: float
) -> None:
    page = damage(sound, tmp_path / "stride.db", fraction, seed=int(fraction * 100))
    before = (tmp_path / "stride.db").read_bytes()
    code, out = await stride("check", env=bot_environment(fake, tmp_path))
    assert code == 1, out
    problems = check_output_is_a_list(out)
    assert any("damaged" in p for p in problems), (page, out)
    assert (tmp_path / "stride.db").read_bytes() == before  # looking changes nothing


async def start_or_refuse(fake: FakeDiscord, guild: Guild, workdir: Path) -> BotProcess | None:
    """The bot on the damaged file: None when it refused to start (exit 3, one line, no traceback)."""
    bot = await start_bot(fake, guild=guild, workdir=workdir, wait=False)
    while not (fake.is_bot_ready(guild) and bot.log().count("logged in as")):
        if bot.returncode is not None:
            assert bot.returncode == 3, bot.log()
            lines = [line for line in bot.log().splitlines() if line.strip()]
            assert "Traceback" not in bot.log(), bot.log()
            assert lines[-1].startswith("Stride cannot start: ") and "damaged" in lines[-1], lines[-1]
            assert "stride check" in lines[-1] or "Restore it from a backup" in lines[-1], lines[-1]
            return None
        await asyncio.sleep(0.05)
    return bot


@pytest.mark.parametrize("fraction", FRACTIONS)
async def test_run_stops_in_one_line_or_apologises_and_logs_it_once(
    fake: FakeDiscord, club: Club, sound: Path, tmp_path: Path, fraction: float
) -> None:
    page = damage(sound, tmp_path / "stride.db", fraction, seed=int(fraction * 100))
    fake.world.guild_commands.pop(club.guild.id, None)  # ready means synced by this bot
    bot = await start_or_refuse(fake, club.guild, tmp_path)
    if bot is None:
        print(f"damaged page {page}: stride run refused to start (exit 3, one line)")
        return
    apologies = 0
    try:
        for member in club.members[:3]:
            for command in ("me export", "run history", "run stats"):
                reply = await fake.slash(member, command, guild=club.guild)
                if reply.content.startswith("Sorry, something went wrong"):
                    assert reply.ephemeral
                    apologies += 1
    finally:
        assert await bot.stop(timeout=10) == 0, bot.tail()
    assert "Traceback" not in bot.log(), bot.tail()
    assert bot.log().count(DAMAGE_LOGGED) == (1 if apologies else 0), bot.log()
    print(f"damaged page {page}: stride run started; {apologies} of 9 commands got the apology")


@pytest.mark.parametrize("table", ["record_distances", "members"])
async def test_damage_that_start_up_reads_stops_it_in_one_line_with_exit_3(
    fake: FakeDiscord, club: Club, sound: Path, tmp_path: Path, table: str
) -> None:
    pages = leaf_pages(sound, table)
    if not pages:
        pytest.skip("this SQLite has no dbstat table to find a table's pages")
    damage(sound, tmp_path / "stride.db", 0, page=pages[0])
    fake.world.guild_commands.pop(club.guild.id, None)
    bot = await start_or_refuse(fake, club.guild, tmp_path)
    if bot is not None:
        await bot.stop(timeout=10)
        pytest.fail(f"started on a damaged {table} table")


async def test_a_damaged_runs_page_fails_each_command_that_reads_it_and_is_logged_once(
    fake: FakeDiscord, club: Club, sound: Path, tmp_path: Path
) -> None:
    pages = leaf_pages(sound, "runs")
    if not pages:
        pytest.skip("this SQLite has no dbstat table to find the runs table's pages")
    damage(sound, tmp_path / "stride.db", 0, page=pages[len(pages) // 2])
    fake.world.guild_commands.pop(club.guild.id, None)
    bot = await start_bot(fake, guild=club.guild, workdir=tmp_path)  # nothing at start-up reads runs
    try:
        for member in club.members[:4]:  # each member has runs on every page of the table
            reply = await fake.slash(member, "me export", guild=club.guild)
            assert reply.ephemeral and reply.content.startswith("Sorry, something went wrong"), reply.content
        await fake.wait_until(lambda: bot.log().count("outcome=damaged") == 4, what="four damaged outcomes")
        other = await fake.slash(club.members[0], "shoes list", guild=club.guild)  # reads no runs
        assert not other.content.startswith("Sorry"), other.content
    finally:
        assert await bot.stop(timeout=10) == 0, bot.tail()
    log = bot.log()
    assert log.count(DAMAGE_LOGGED) == 1 and "run `stride check`" in log, log
    assert "Traceback" not in log, log
    code, out = await stride("check", env=bot_environment(fake, tmp_path))
    assert code == 1 and any(p.startswith(f"- {tmp_path / 'stride.db'}: table runs") for p in out.splitlines()), out
