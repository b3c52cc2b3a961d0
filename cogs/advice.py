"""/advice: curated tips for a question or topic, red flags first."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.advice import catalog
from bot.advice.models import Tip
from bot.advice.search import QUESTION_MAX, advise
from bot.client import StrideBot, refuse_while_stopping
from cogs.ui import kit
from cogs.ui.autocomplete import topic_autocomplete
from cogs.ui.kit import DISCLAIMER
from cogs.ui.tips import advice_reply_text, tip_embed


class VoteView(discord.ui.View):
    """👍 / 👎 per tip; one vote per member per tip (a new vote replaces the old one)."""

    def __init__(self, bot: StrideBot, tips: list[Tip]) -> None:
        super().__init__(timeout=900)
        self.bot = bot
        for tip in tips:
            for value, emoji in ((1, "👍"), (-1, "👎")):
                button = discord.ui.Button(label=f"{emoji} #{tip.id}", custom_id=f"vote:{tip.id}:{value}")
                button.callback = self._voter(tip, value)
                self.add_item(button)

    def _voter(self, tip: Tip, value: int):
        async def callback(interaction: discord.Interaction) -> None:
            if await refuse_while_stopping(interaction):
                return
            await catalog.vote(self.bot.db, kit.guild_id(interaction), interaction.user.id, tip.id, value)
            verdict = "helpful" if value > 0 else "not helpful"
            await interaction.response.send_message(
                f"Thanks! Noted tip #{tip.id} as {verdict}; it shapes what the club sees first.",
                ephemeral=True,
            )

        return callback


@app_commands.guild_only()
class AdviceCog(commands.Cog):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

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
        question: str | None = None,
        public: bool = False,
    ) -> None:
        if not (topic or question):
            topics = ", ".join(t for t, _ in await catalog.topics(self.bot.db, kit.guild_id(interaction)))
            await interaction.response.send_message(
                f"Ask a question or pick a topic, e.g. `/advice question: back spasms on long runs`.\nTopics: {topics}",
                ephemeral=True,
            )
            return
        answer = await advise(self.bot.db, kit.guild_id(interaction), topic, question)
        content = advice_reply_text(answer.banner, answer.suggestions if not answer.tips else None)
        if not answer.tips:
            await interaction.response.send_message(content, ephemeral=not public)
            return
        embeds = [tip_embed(tip) for tip in answer.tips]
        embeds[-1].set_footer(text=DISCLAIMER)
        await interaction.response.send_message(
            content=content,
            embeds=embeds,
            view=VoteView(self.bot, answer.tips),
            ephemeral=not public,
        )


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(AdviceCog(bot))
