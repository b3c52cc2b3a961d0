"""Pytest fixtures for end-to-end tests, registered as a plugin in tests/conftest.py.

One fake Discord and one bot process are shared by all tests of a module (starting a bot takes a
second or so), so every e2e test module needs

    pytestmark = pytest.mark.asyncio(loop_scope="module")     # or: pytestmark = module_loop

Override `bot_module` (default "bot") / `bot_env` in a conftest or test module to start another bot.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import pytest
import pytest_asyncio

from standin import BotProcess, Channel, FakeDiscord, Guild, Member

from .bots import start_bot

module_loop = pytest.mark.asyncio(loop_scope="module")


@dataclass(frozen=True)
class Club:
    """The default world: guild "Club" (#general, #runs) with an admin and two members, and a
    second guild "Other" (with its own member) for isolation tests."""

    guild: Guild
    general: Channel
    runs: Channel
    admin: Member  # "boss", has MANAGE_GUILD
    alice: Member
    bob: Member
    other_guild: Guild
    stranger: Member  # member of "Other" only


def build_club(fake: FakeDiscord) -> Club:
    guild = fake.add_guild("Club", channels=("general", "runs"))
    other = fake.add_guild("Other", channels=("lobby",))
    return Club(
        guild=guild,
        general=guild.channel("general"),
        runs=guild.channel("runs"),
        admin=fake.add_member(guild, "boss", admin=True),
        alice=fake.add_member(guild, "alice"),
        bob=fake.add_member(guild, "bob"),
        other_guild=other,
        stranger=fake.add_member(other, "stranger"),
    )


@pytest.fixture(scope="module")
def bot_module() -> str:
    """The module started with `python -m`; override per conftest/module."""
    return "bot"


@pytest.fixture(scope="module")
def bot_env() -> dict[str, str]:
    """Extra environment for the bot process."""
    return {}


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        yield server
        if server.unknown_routes:
            print(f"fake Discord had no route for: {sorted(set(server.unknown_routes))}")


@pytest.fixture(scope="module")
def club(fake: FakeDiscord) -> Club:
    return build_club(fake)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bot_process(
    fake: FakeDiscord,
    club: Club,
    bot_module: str,
    bot_env: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[BotProcess]:
    """The bot, started once per module, commands synced to the Club guild."""
    workdir = tmp_path_factory.mktemp(bot_module.replace(".", "_"))
    process = await start_bot(fake, module=bot_module, guild=club.guild, workdir=workdir, env=bot_env)
    yield process
    await process.stop()


@pytest.fixture
def bot(bot_process: BotProcess, fake: FakeDiscord, request: pytest.FixtureRequest) -> Iterator[BotProcess]:
    """Per-test view of the shared bot: fails early if it died, prints its log when the test fails."""
    if bot_process.returncode is not None:
        pytest.fail(f"the bot exited with {bot_process.returncode}:\n{bot_process.tail()}")
    failed_before, log_from = request.session.testsfailed, bot_process.log_size()
    unknown_before = len(fake.unknown_routes)
    yield bot_process
    if request.session.testsfailed > failed_before:
        print(f"---- bot log during {request.node.name} ({bot_process.log_path}) ----")
        print(bot_process.log(log_from)[-20000:])
        if fake.unknown_routes[unknown_before:]:
            print(f"---- fake Discord had no route for: {fake.unknown_routes[unknown_before:]}")
