"""What a new club's operator hits first: commands that appear on a fresh install, a wrong server id in
DEV_GUILD_ID or `stride sync --guild`, and a METRICS_HOST that is no address. Each bot and CLI call is a
real process against the fake Discord; each test has a fake of its own, so "no commands yet" is true."""

from __future__ import annotations

from pathlib import Path

import pytest

from standin import FakeDiscord, bot_environment
from tests.e2e.test_operations import stride
from tests.fakediscord.bots import start_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")


def global_puts(fake: FakeDiscord) -> int:
    path = f"/applications/{fake.world.application_id}/commands"
    return sum(1 for r in fake.requests if r.method == "PUT" and r.path == path)


def one_line(out: str) -> str:
    """The line the operator reads: the last one, after the INFO log of the start-up (no traceback)."""
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines and "Traceback" not in out, out
    assert not any(" ERROR " in line or " WARNING " in line for line in lines), out
    return lines[-1]


async def test_a_fresh_install_publishes_its_commands_once(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild("New club")
        member = fake.add_member(guild, "first")
        assert fake.commands() == []  # the application has no commands at all
        bot = await start_bot(fake, workdir=tmp_path)  # as the README sets up: no DEV_GUILD_ID
        try:
            await fake.wait_until(lambda: fake.commands(), what="commands published globally")
            names = {c["name"] for c in fake.commands()}
            assert {"run", "profile", "remind", "help", "advice"} <= names
            assert fake.commands(guild) == []  # published globally, not copied to a server
            await fake.wait_until(lambda: "first start" in bot.log(), what="the log line")
            assert f"published {len(fake.commands())} globally" in bot.log()
            reply = await fake.slash(member, "run log", guild=guild, distance="5k", time="25:00")
            assert "Run logged" in reply.embed_text()
        finally:
            assert await bot.stop(timeout=10) == 0
        assert global_puts(fake) == 1

        first_log = bot.log_size()
        again = await start_bot(fake, workdir=tmp_path)  # an ordinary start: never a global sync
        try:
            reply = await fake.slash(member, "run history", guild=guild)
            assert "5" in reply.embed_text()
        finally:
            assert await again.stop(timeout=10) == 0
        assert global_puts(fake) == 1
        assert "at schema version" in again.log(first_log) and "first start" not in again.log(first_log)


@pytest.mark.parametrize("invited", [False, True], ids=["no such server", "bot not invited"])
async def test_a_wrong_dev_guild_id_is_one_line_and_exit_2(tmp_path: Path, invited: bool) -> None:
    async with FakeDiscord() as fake:
        fake.add_guild("Club")
        wrong = fake.add_guild("Elsewhere", with_bot=False).id if invited else 123
        env = bot_environment(fake, tmp_path, env={"DEV_GUILD_ID": str(wrong)})
        code, out = await stride("run", env=env)
        assert code == 2, out
        line = one_line(out)
        assert line.startswith(f"DEV_GUILD_ID={wrong} is not a server Stride can add its commands to"), line
        assert ("404 Unknown Guild" if not invited else "403 Missing Access") in line
        assert "applications.commands" in line
        assert fake.identify_count == 0  # never went on to the gateway

        code, out = await stride("check", "--online", env=env)
        assert code == 1 and f"- DEV_GUILD_ID={wrong} is not a server" in out and "Traceback" not in out, out
        assert global_puts(fake) == 0


async def test_check_online_confirms_a_good_dev_guild_id(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Club")
        code, out = await stride("check", "--online", env=bot_environment(fake, tmp_path))
        assert code == 0 and "no slash commands are published yet" in out, out
        code, out = await stride("check", "--online", env=bot_environment(fake, tmp_path, guild=guild))
        assert code == 0 and f"DEV_GUILD_ID={guild.id} takes commands" in out, out


async def test_sync_to_a_wrong_guild_is_one_line_and_exit_2(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Club")
        code, out = await stride("sync", "--guild", "123", env=bot_environment(fake, tmp_path))
        assert code == 2, out
        assert one_line(out).startswith("--guild 123 is not a server Stride can add its commands to (Discord: 404")
        code, out = await stride("sync", "--guild", str(guild.id), env=bot_environment(fake, tmp_path))
        assert code == 0 and {"run", "remind"} <= {c["name"] for c in fake.commands(guild)}, out


@pytest.mark.parametrize(
    ("host", "needle"),
    [
        ("not-an-address", "METRICS_HOST must be an IP address of this machine"),
        ("192.0.2.1", "METRICS_HOST=192.0.2.1 is not an address of this machine"),
    ],
)
async def test_a_bad_metrics_host_exits_2(tmp_path: Path, host: str, needle: str) -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Club")
        env = bot_environment(fake, tmp_path, guild=guild, env={"METRICS_PORT": "9", "METRICS_HOST": host})
        code, out = await stride("run", env=env)
        assert code == 2, out
        assert needle in one_line(out)
