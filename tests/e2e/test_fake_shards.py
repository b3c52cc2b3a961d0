"""The fake Discord's shards: IDENTIFY with [shard_id, shard_count], events routed to the owning connection.

These drive the fake's gateway with raw websocket clients (no bot process), so each test sees exactly
which frames every connection received.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from standin import FakeDiscord
from standin.server import event_guild_id, shard_owns

QUIET = 0.3  # seconds without a frame after which a connection is taken to have received everything


class RawConnection:
    """One gateway connection, as a bot's shard would open it."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.session_id = ""

    async def send(self, op: int, d: Any) -> None:
        await self.ws.send_str(json.dumps({"op": op, "d": d}))

    async def frames(self) -> list[dict[str, Any]]:
        """Every frame that arrives until the connection stays quiet."""
        got: list[dict[str, Any]] = []
        while True:
            try:
                msg = await self.ws.receive(timeout=QUIET)
            except TimeoutError:
                return got
            if msg.type is not aiohttp.WSMsgType.TEXT:
                got.append({"op": "closed", "code": self.ws.close_code})
                return got
            got.append(json.loads(msg.data))

    async def events(self) -> list[tuple[str, dict[str, Any]]]:
        return [(f["t"], f["d"]) for f in await self.frames() if f.get("op") == 0]


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        yield server


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def connect(fake: FakeDiscord, http: aiohttp.ClientSession, shard: list[int] | None) -> RawConnection:
    """Open a connection and IDENTIFY (with `shard` when not None); READY and GUILD_CREATEs are left unread."""
    conn = RawConnection(await http.ws_connect(fake.gateway_url))
    hello = json.loads((await conn.ws.receive(timeout=5)).data)
    assert hello["op"] == 10
    identify: dict[str, Any] = {"token": fake.token, "intents": 1, "properties": {}}
    if shard is not None:
        identify["shard"] = shard
    await conn.send(2, identify)
    return conn


def guild_ids(events: list[tuple[str, dict[str, Any]]], name: str) -> list[int]:
    return [int(d["id"]) for t, d in events if t == name]


def test_ownership_rule() -> None:
    on_0, on_1 = (4 << 22) | 7, (5 << 22) | 7
    assert shard_owns((0, 2), on_0) and not shard_owns((1, 2), on_0)
    assert shard_owns((1, 2), on_1) and not shard_owns((0, 2), on_1)
    assert shard_owns((0, 2), None) and not shard_owns((1, 2), None)  # DMs and the like: shard 0
    assert shard_owns(None, on_0) and shard_owns(None, on_1) and shard_owns(None, None)
    assert shard_owns((0, 1), on_1)
    assert event_guild_id("GUILD_CREATE", {"id": "42"}) == 42
    assert event_guild_id("INTERACTION_CREATE", {"guild_id": "43"}) == 43
    assert event_guild_id("INTERACTION_CREATE", {"user": {}}) is None


async def test_guilds_can_be_placed_on_a_shard(fake: FakeDiscord) -> None:
    placed = [fake.add_guild(f"G{i}", shard=(i % 3, 3)) for i in range(6)]
    assert [(g.id >> 22) % 3 for g in placed] == [0, 1, 2, 0, 1, 2]
    assert len({g.id for g in placed}) == 6


async def test_each_shard_gets_only_its_guilds(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    even = fake.add_guild("Even", shard=(0, 2))
    odd = fake.add_guild("Odd", shard=(1, 2))
    first, second = await connect(fake, http, [0, 2]), await connect(fake, http, [1, 2])
    first_events, second_events = await first.events(), await second.events()
    ready_0 = next(d for t, d in first_events if t == "READY")
    ready_1 = next(d for t, d in second_events if t == "READY")
    assert [int(g["id"]) for g in ready_0["guilds"]] == [even.id]
    assert [int(g["id"]) for g in ready_1["guilds"]] == [odd.id]
    assert (ready_0["shard"], ready_1["shard"]) == ([0, 2], [1, 2])
    assert guild_ids(first_events, "GUILD_CREATE") == [even.id]
    assert guild_ids(second_events, "GUILD_CREATE") == [odd.id]
    assert sorted(fake.connected_shards) == [(0, 2), (1, 2)]


async def test_guild_events_and_interactions_go_to_the_owner(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    first, second = await connect(fake, http, [0, 2]), await connect(fake, http, [1, 2])
    await first.frames(), await second.frames()
    joined = fake.add_guild("Joined later", shard=(1, 2))
    await fake.announce_guild(joined)
    await fake.dispatch("INTERACTION_CREATE", {"id": "1", "guild_id": str(joined.id)})
    await fake.dispatch("INTERACTION_CREATE", {"id": "2", "user": {"id": "9"}})  # in a DM
    first_events, second_events = await first.events(), await second.events()
    assert [(t, d.get("id")) for t, d in first_events] == [("INTERACTION_CREATE", "2")]
    assert [t for t, _ in second_events] == ["GUILD_CREATE", "INTERACTION_CREATE"]
    assert second_events[1][1]["id"] == "1"


async def test_a_connection_without_shard_gets_everything(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    a, b = fake.add_guild("A", shard=(0, 2)), fake.add_guild("B", shard=(1, 2))
    conn = await connect(fake, http, None)
    events = await conn.events()
    assert guild_ids(events, "GUILD_CREATE") == [a.id, b.id]
    assert "shard" not in events[0][1]  # READY
    await fake.dispatch("INTERACTION_CREATE", {"id": "1", "guild_id": str(b.id)})
    await fake.dispatch("INTERACTION_CREATE", {"id": "2"})
    assert [d["id"] for _, d in await conn.events()] == ["1", "2"]
    assert fake.connected_shards == [None]


async def test_an_event_no_connected_shard_owns_is_an_error(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    orphan = fake.add_guild("Orphan", shard=(1, 2))
    await (await connect(fake, http, [0, 2])).frames()
    with pytest.raises(RuntimeError, match="no connected shard owns it"):
        await fake.dispatch("INTERACTION_CREATE", {"id": "1", "guild_id": str(orphan.id)})


@pytest.mark.parametrize("shard", [[2, 2], [0, 0], [-1, 2], [0], "0,2"])
async def test_an_invalid_shard_is_closed_with_4010(fake: FakeDiscord, http: aiohttp.ClientSession, shard) -> None:
    conn = await connect(fake, http, shard)
    frames = await conn.frames()
    assert frames == [{"op": "closed", "code": 4010}]
    assert fake.identify_count == 0


async def test_resume_keeps_the_shard(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    odd = fake.add_guild("Odd", shard=(1, 2))
    conn = await connect(fake, http, [1, 2])
    ready = next(d for t, d in await conn.events() if t == "READY")
    await conn.ws.close()
    again = RawConnection(await http.ws_connect(fake.gateway_url))
    await again.ws.receive(timeout=5)  # HELLO
    await again.send(6, {"token": fake.token, "session_id": ready["session_id"], "seq": 2})
    assert [t for t, _ in await again.events()] == ["RESUMED"]
    assert fake.connected_shards == [(1, 2)]
    await fake.dispatch("INTERACTION_CREATE", {"id": "7", "guild_id": str(odd.id)})
    assert [d["id"] for _, d in await again.events()] == ["7"]


async def test_gateway_bot_recommends_the_configured_shard_count(
    fake: FakeDiscord, http: aiohttp.ClientSession
) -> None:
    fake.recommended_shards = 3
    headers = {"Authorization": f"Bot {fake.token}"}
    async with http.get(fake.api_base + "/gateway/bot", headers=headers) as response:
        body = await response.json()
    assert body["shards"] == 3 and body["url"] == fake.gateway_url
