"""The dashboard's window on the running bot (cogs.dashboard.BotBackend): servers from discord.py's cache with
the channels Stride can post in and the roles it may mention, the shards this process owns, users' names."""

from __future__ import annotations

from types import SimpleNamespace

import discord

from cogs.dashboard import BotBackend


def _channel(cid: int, name: str, position: int, can_post: bool) -> SimpleNamespace:
    perms = SimpleNamespace(send_messages=can_post)
    return SimpleNamespace(id=cid, name=name, position=position, permissions_for=lambda me: perms)


def _role(rid: int, name: str, *, default: bool = False, managed: bool = False) -> SimpleNamespace:
    return SimpleNamespace(id=rid, name=name, is_default=lambda: default, managed=managed)


class StubBot:
    def __init__(self, guilds: dict[int, object], shard_count: int | None = None, shard_ids: list[int] | None = None):
        self.guilds_by_id, self.shard_count, self.shard_ids = guilds, shard_count, shard_ids
        self.fetched: list[int] = []

    def get_guild(self, guild_id: int) -> object | None:
        return self.guilds_by_id.get(guild_id)

    def get_user(self, user_id: int) -> None:
        return None

    async def fetch_user(self, user_id: int) -> SimpleNamespace:
        self.fetched.append(user_id)
        if user_id == 404:
            raise discord.NotFound(SimpleNamespace(status=404, reason="Not Found"), "Unknown User")
        return SimpleNamespace(display_name=f"user-{user_id}")


async def test_a_cached_server_with_its_channels_and_roles() -> None:
    guild = SimpleNamespace(
        id=1 << 22,
        name="Club",
        me=object(),
        text_channels=[_channel(11, "runs", 2, True), _channel(10, "general", 1, True), _channel(12, "mods", 3, False)],
        roles=[
            _role(1 << 22, "@everyone", default=True),
            _role(5, "Member"),
            _role(6, "Stride", managed=True),
            _role(7, "Captains"),
        ],
    )
    backend = BotBackend(StubBot({guild.id: guild}))  # type: ignore[arg-type]
    info = await backend.guild(guild.id)
    assert info is not None and info.name == "Club"
    assert [(c.name, c.can_post) for c in info.channels] == [("general", True), ("runs", True), ("mods", False)]
    assert [r.name for r in info.roles] == ["Captains", "Member"]  # highest first; no @everyone, no bot role
    assert await backend.guild(999 << 22) is None  # not in the cache of an unsharded bot: Stride is not there


def test_which_servers_this_process_sees() -> None:
    assert BotBackend(StubBot({}))._owns(123 << 22)  # type: ignore[arg-type]
    sharded = BotBackend(StubBot({}, shard_count=2, shard_ids=[1]))  # type: ignore[arg-type]
    assert sharded._owns(1 << 22) and not sharded._owns(2 << 22)


async def test_names_are_fetched_once_and_unknown_users_left_out() -> None:
    bot = StubBot({})
    backend = BotBackend(bot)  # type: ignore[arg-type]
    assert await backend.user_names({1, 404}) == {1: "user-1"}
    assert await backend.user_names({1}) == {1: "user-1"}
    assert sorted(bot.fetched) == [1, 404]
