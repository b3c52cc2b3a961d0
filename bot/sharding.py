"""Sharding rules: which gateway shards a process owns, and which process runs the reminder dispatcher.

Discord puts each guild on shard `(guild_id >> 22) % shard_count`. `SHARD_COUNT` and `SHARD_IDS`
(bot/config.py) let several processes split the shards between them; without them Stride keeps one
unsharded gateway connection (Discord requires shards past 2,500 servers). The bot class that owns the
shards is `ShardedStrideBot` in bot/client.py, chosen by `make_bot` there.

Reminder dispatchers: on PostgreSQL every process runs one; they claim due slots with leases in the
database (bot/db/reminders.py), so each slot is sent by exactly one of them, and share Discord's global rate
limit (bot/reminders/pacing.py). On SQLite (one database file, one writer) only the process that owns
shard 0 runs the dispatcher.
"""

from __future__ import annotations

from bot.config import Config


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord delivers a guild's events on."""
    return (guild_id >> 22) % shard_count


def owned_shards(config: Config) -> tuple[int, ...] | None:
    """The shards this process owns, or None when it runs unsharded."""
    if config.shard_count is None:
        return None
    if config.shard_ids is None:
        return tuple(range(config.shard_count))
    return config.shard_ids


def runs_dispatcher(config: Config) -> bool:
    """Whether this process delivers reminders: every process on PostgreSQL; on SQLite the unsharded one,
    or the owner of shard 0."""
    if config.database_url:
        return True
    shards = owned_shards(config)
    return shards is None or 0 in shards


def describe(config: Config) -> str:
    """For logs: 'unsharded' or 'shards 0, 1 of 2'."""
    shards = owned_shards(config)
    if shards is None:
        return "unsharded"
    label = "shard" if len(shards) == 1 else "shards"
    return f"{label} {', '.join(map(str, shards))} of {config.shard_count}"
