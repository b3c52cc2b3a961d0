"""A stop signal while members keep sending: every interaction the bot received is answered, and it exits quickly.

Each test starts its own bot process. Members send commands and click buttons as fast as the bot answers
them, from before the signal until the bot has left the gateway. The fake numbers what it sends on the
gateway and the bot logs the number of the last event it read: every interaction up to that one must be
answered (its result, or "Stride is restarting") within Discord's 3 s. The few the fake sent while the bot's
goodbye was on the wire never reached the bot (Discord answers those "did not respond" itself); they are
counted, and bounded by one a member, since each member waits for an answer before sending again.
"""

from __future__ import annotations

import asyncio
import re
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.client import RESTARTING
from standin import FakeDiscord
from standin.client import Reply
from standin.state import Guild, Member
from tests.e2e.helpers import query
from tests.fakediscord.bots import start_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")

MEMBERS = 40
# Discord's REST round trip: an answer is in flight that long, so under a flood some always are.
REST_LATENCY_S = 0.1
FLOOD_BEFORE_SIGNAL_S = 1.5
QUICK_EXIT_S = 5.0  # the commands in progress take milliseconds; the stop must not wait on the flood
LAST_EVENT = re.compile(r"left the gateway after event #(\d+)")


async def attempt(action) -> Reply | None:
    """One interaction; None when it was not answered or never reached the bot (the records tell which)."""
    try:
        return await action()
    except (RuntimeError, ConnectionResetError, TimeoutError, AssertionError):
        return None


async def member_flood(fake: FakeDiscord, member: Member, guild: Guild, tag: str, logged: set[str]) -> None:
    """Log a run, page through the history with its button, ask for help, type a time zone; again, until the
    bot has gone."""
    for i in range(100_000):
        if not fake.bot_connected:
            return
        note = f"{tag}-{i}"
        reply = await attempt(
            lambda note=note: fake.slash(
                member, "run log", guild=guild, distance="5k", time="25:00", notes=note, timeout=4
            )
        )
        if reply is not None and RESTARTING not in reply.text():
            assert "Run logged" in reply.embed_text(), reply.text()
            logged.add(note)
        history = await attempt(lambda: fake.slash(member, "run history", guild=guild, timeout=4))
        if history is not None and any(b.get("label") == "Next" and not b.get("disabled") for b in history.buttons()):
            await attempt(lambda page=history: fake.click(member, page, "Next", timeout=4))
        await attempt(lambda: fake.slash(member, "help", guild=guild, timeout=4))
        await attempt(lambda: fake.autocomplete(member, "profile set", "timezone", "Europe/Be", guild=guild, timeout=4))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_stop_under_a_flood_answers_every_interaction_and_exits_quickly(
    fake: FakeDiscord, tmp_path: Path, signum: signal.Signals
) -> None:
    guild = fake.add_guild(f"Flood {signum.name}")
    members = [fake.add_member(guild, f"flooder{i}") for i in range(MEMBERS)]
    bot = await start_bot(fake, guild=guild, workdir=tmp_path)
    logged: set[str] = set()
    fake.rest_latency = REST_LATENCY_S
    floods = [asyncio.create_task(member_flood(fake, m, guild, f"f{i}", logged)) for i, m in enumerate(members)]
    try:
        await asyncio.sleep(FLOOD_BEFORE_SIGNAL_S)
        bot.proc.send_signal(signum)
        started = time.monotonic()
        code = await bot.wait_exit(timeout=20)
        elapsed = time.monotonic() - started
        await asyncio.wait_for(asyncio.gather(*floods), timeout=20)
    finally:
        fake.rest_latency = 0.0
        for task in floods:
            task.cancel()
        await bot.stop()
    assert code == 0, bot.tail()
    found = LAST_EVENT.search(bot.log())
    assert found, bot.tail()
    last_read = int(found.group(1))
    sent = [r for r in fake.world.interactions.values() if r.guild_id == guild.id and r.seq is not None]
    received = [r for r in sent if r.seq <= last_read]
    unanswered = [f"{r.name} by {r.user.name}: {r.error or 'no answer'}" for r in received if not r.answered or r.error]
    restarting = sum(RESTARTING in fake.message(r.answer_id).content for r in received if r.answer_id)
    on_the_wire = len(sent) - len(received)
    print(
        f"drill {signum.name} under a flood of {MEMBERS} members: exit {code} in {elapsed:.2f} s; "
        f"{len(received)} interactions reached the bot, {restarting} answered 'restarting', "
        f"{len(unanswered)} unanswered; {on_the_wire} sent while the bot was leaving the gateway"
    )
    assert unanswered == [], (Counter(u.split(" by ")[0] for u in unanswered), unanswered[:3])
    assert restarting > 0 and len(received) > restarting, "the flood never met the stop: nothing was tested"
    assert on_the_wire <= MEMBERS
    assert elapsed < QUICK_EXIT_S, f"took {elapsed:.1f} s to stop"
    stored = {row[0] for row in query(bot.database, "SELECT notes FROM runs WHERE notes IS NOT NULL")}
    assert logged <= stored, f"acknowledged but lost: {sorted(logged - stored)[:5]}"
    assert "Traceback" not in bot.log(), bot.tail()
