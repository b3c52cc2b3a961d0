"""/advice: curated tips for a question or topic, red flags first."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.advice.models import Tip
from bot.advice.services import catalog
from bot.advice.services.search import QUESTION_MAX, advise
from bot.client import StrideBot, explain, refuse_while_stopping, send_ephemeral, stride_bot
from bot.errors import UserError
from cogs.ui import kit
from cogs.ui.autocomplete import topic_autocomplete
from cogs.ui.kit import DISCLAIMER
from cogs.ui.tips import advice_reply_text, tip_embed


class VoteButton(discord.ui.DynamicItem[discord.ui.Button], template=r"vote:(?P<tip>[0-9]{1,20}):(?P<value>-?1)"):
    """👍 / 👎 under a tip; one vote per member per tip (a new vote replaces the old one).

    A dynamic item: registered once (`cog_load`), it answers by its custom id, so a reply's buttons cost no
    per-message view and keep working after a restart."""

    def __init__(self, tip_id: int, value: int) -> None:
        emoji = "👍" if value > 0 else "👎"
        super().__init__(discord.ui.Button(label=f"{emoji} #{tip_id}", custom_id=f"vote:{tip_id}:{value}"))
        self.tip_id, self.value = tip_id, value

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> VoteButton:
        return cls(int(match["tip"]), int(match["value"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        if await refuse_while_stopping(interaction):
            return
        try:
            await catalog.vote(
                stride_bot(interaction).store, kit.guild_id(interaction), interaction.user.id, self.tip_id, self.value
            )
        except UserError as error:
            await send_ephemeral(interaction, explain(error)[1])
            return
        verdict = "helpful" if self.value > 0 else "not helpful"
        await interaction.response.send_message(
            f"Thanks! Noted tip #{self.tip_id} as {verdict}; it shapes what the club sees first.", ephemeral=True
        )


def vote_buttons(tips: list[Tip]) -> discord.ui.View:
    return _vote_buttons(tuple(tip.id for tip in tips))


@lru_cache(maxsize=1024)
def _vote_buttons(tip_ids: tuple[int, ...]) -> discord.ui.View:
    """One stopped view per set of tips, sent again as it is: a stopped view is never stored per message (six
    buttons cost more to build than the answer, once it is remembered)."""
    view = discord.ui.View(timeout=None)
    for tip_id in tip_ids:
        for value in (1, -1):
            view.add_item(VoteButton(tip_id, value))
    view.stop()  # nothing to keep per message: VoteButton answers every click by its custom id
    return view


@app_commands.guild_only()
class AdviceCog(commands.Cog):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(VoteButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(VoteButton)

    @app_commands.command(name="advice", description="Tips from runners and coaches for a question or topic")
    @app_commands.describe(
        topic="a topic such as back, core, stretching, shoes, load",
        question=f"what's going on, e.g. 'back spasms at mile 17 of my long run' ({QUESTION_MAX} chars max)",
        public="show the answer to the channel (default: only you)",
    )
    @app_commands.autocomplete(topic=topic_autocomplete)
    async def advice(
        self,
        interaction: discord.Interaction,
        topic: str | None = None,
        question: app_commands.Range[str, None, QUESTION_MAX] | None = None,
        public: bool = False,
    ) -> None:
        if not (topic or question):
            topics = ", ".join(t for t, _ in await catalog.topics(self.bot.store, kit.guild_id(interaction)))
            await interaction.response.send_message(
                f"Ask a question or pick a topic, e.g. `/advice question: back spasms on long runs`.\nTopics: {topics}",
                ephemeral=True,
            )
            return
        answer = await advise(self.bot.store, kit.guild_id(interaction), topic, question)
        content = advice_reply_text(answer.banner, answer.suggestions if not answer.tips else None)
        if not answer.tips:
            await interaction.response.send_message(content, ephemeral=not public)
            return
        embeds = [tip_embed(tip) for tip in answer.tips]
        embeds[-1].set_footer(text=DISCLAIMER)
        await interaction.response.send_message(
            content=content,
            embeds=embeds,
            view=vote_buttons(answer.tips),
            ephemeral=not public,
        )


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(AdviceCog(bot))
