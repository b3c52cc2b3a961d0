"""Stride with one more extension: a test kind of scheduled post and `/testpost` to queue one
(tests/e2e/test_outbox.py). The extension is added from outside, before the cogs load."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

import discord
from discord import app_commands
from discord.ext import commands

from bot import client
from bot.__main__ import main
from bot.db.engine import Database
from bot.reminders.messages import Field, Outgoing
from bot.reminders.outbox import Post, Rendered, queue_post
from cogs.reminders.delivery import register_post_kind

KIND = "e2e_fanout"


class FanOut:
    """One DM to each member named in the payload and a results card in the channel; a follow-up card once."""

    async def render(self, db: Database, post: Post) -> Rendered:
        users: list[int] = post.payload["users"]
        messages = [Outgoing(content=f"📣 {post.key}: your results are in", dm_user_id=user) for user in users]
        card = Outgoing(
            content=f"🏁 {post.key}",
            title="Results",
            fields=(Field("Finishers", str(len(users)), inline=True), Field("Winner", f"<@{users[0]}>")),
            colour=0x2ECC71,
            channel_id=post.payload["channel"],
        )
        messages.append(card)
        follow_ups = []
        if not post.payload.get("last"):
            again = {**post.payload, "users": users[:1], "last": True}
            follow_ups.append((KIND, f"{post.key}/again", post.due + timedelta(seconds=1), again))
        return Rendered(messages, follow_ups)


class TestPosts(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        register_post_kind(self.bot, KIND, FanOut())

    @app_commands.command(name="testpost", description="Queue a test post")
    async def testpost(self, interaction: discord.Interaction, key: str, users: str, seconds: int = 0) -> None:
        due = datetime.now(UTC) + timedelta(seconds=seconds)
        payload = {"users": [int(u) for u in users.split(",")], "channel": interaction.channel_id}
        async with self.bot.store.transaction() as tx:  # type: ignore[attr-defined]
            queued = await queue_post(
                tx, guild_id=interaction.guild_id or 0, kind=KIND, key=key, due=due, payload=payload
            )
        await interaction.response.send_message("queued" if queued else "already queued", ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(TestPosts(bot))


if __name__ == "__main__":
    client.EXTENSIONS = (*client.EXTENSIONS, __spec__.name if __spec__ else "tests.e2e.bots.outbox_bot")
    sys.exit(main([]))
