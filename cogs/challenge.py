"""/challenge: shared goals for the club (create, end and delete are for managers, checked in code)."""

from __future__ import annotations

import logging
import re
import time
from datetime import datetime
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import origins
from bot.client import StrideBot, refuse_while_stopping, stride_bot
from bot.club.challenges import NAME_MAX, Challenge
from bot.club.goals import METRICS, MODES, format_value
from bot.club.services import challenges as service
from bot.club.services.challenges import ChallengeForm
from bot.errors import UserError, echo
from cogs.ui import kit
from cogs.ui.autocomplete import MAX_CHOICES
from cogs.ui.challenges import ANY_CHALLENGE_ID, board_embed, card_embed, card_view, list_embed, parse_button
from cogs.ui.club import check_postable, edit_card, require_manager
from cogs.ui.kit import NO_MENTIONS, explain
from cogs.ui.views import ConfirmView

log = logging.getLogger(__name__)
MALFORMED = "This button isn't one Stride made, so nothing happened. Use the buttons on a challenge card."


async def refresh_card(client: StrideBot, challenge: Challenge, now: datetime) -> None:
    if not challenge.message_id:
        return
    db = client.store
    _, today = await service.server_today(db, challenge.guild_id, now)
    board = await service.board(db, challenge, None)
    ended = challenge.ends_at <= now
    await edit_card(client, challenge.channel_id, challenge.message_id, embed=card_embed(board, now, today),
                    view=card_view(challenge.id, ended=ended))  # fmt: skip


async def publish_card(
    bot: StrideBot, challenge: Challenge, user_id: int, now: datetime, *, via: str = origins.DISCORD
) -> None:
    """Post a new challenge's card in its channel; when Discord refuses, the challenge is deleted again and a
    UserError (field "channel") says why. The dashboard creates challenges through this too."""
    _, today = await service.server_today(bot.store, challenge.guild_id, now)
    board = await service.board(bot.store, challenge, None)
    try:
        card = await bot.get_partial_messageable(challenge.channel_id).send(
            embed=card_embed(board, now, today), view=card_view(challenge.id), allowed_mentions=NO_MENTIONS
        )
    except discord.HTTPException as exc:
        await service.delete(bot.store, challenge.guild_id, user_id, challenge.id, via=via)
        raise UserError(
            f"Stride couldn't post the card in <#{challenge.channel_id}> ({exc.status}), so no challenge was created. "
            "Check its permissions there, or pick another channel with `channel:`.",
            "channel",
        ) from None
    await service.attach_card(bot.store, challenge.id, card.id)


def joined_text(joined: service.Joined) -> str:
    c = joined.challenge
    value = format_value(c.metric, joined.value, joined.units)
    if joined.already:
        return f"You're already in **{echo(c.name, 60)}** ({value} so far)."
    counted = f" Your runs since {c.start:%-d %b} count: {value} so far." if joined.value else ""
    return f"🏁 You're in **{echo(c.name, 60)}**!{counted}"


async def name_autocomplete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    found = await service.names(
        stride_bot(interaction).store, kit.guild_id(interaction), discord.utils.utcnow(), current
    )
    return [app_commands.Choice(name=n, value=n) for n in found][:MAX_CHOICES]


class ChallengeButton(discord.ui.DynamicItem[discord.ui.Button], template=ANY_CHALLENGE_ID):
    def __init__(self, button: discord.ui.Button) -> None:
        super().__init__(button)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ChallengeButton:
        return cls(kit.button_again(item))

    async def callback(self, interaction: discord.Interaction) -> None:
        if await refuse_while_stopping(interaction):
            return
        started, outcome = time.perf_counter(), "ok"
        parsed = parse_button(self.item.custom_id or "")
        try:
            if parsed is None or interaction.guild_id is None:
                raise UserError(MALFORMED)
            await self._press(interaction, *parsed)
        except Exception as error:
            outcome, text = explain(error)
            if outcome == "error":
                log.exception("challenge button %s failed for user %s", parsed, interaction.user.id)
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            else:
                await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        log.info("button user=%s guild=%s action=challenge:%s ms=%.1f outcome=%s", interaction.user.id,
                 interaction.guild_id, parsed[0] if parsed else "malformed", (time.perf_counter() - started) * 1000,
                 outcome)  # fmt: skip

    async def _press(self, interaction: discord.Interaction, action: str, challenge_id: int) -> None:
        db, now = stride_bot(interaction).store, discord.utils.utcnow()
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id
        challenge = await service.by_id(db, guild_id, challenge_id)
        if action == "join":
            joined = await service.join(db, guild_id, user_id, challenge, now)
            text, challenge = joined_text(joined), joined.challenge
        else:
            challenge, left = await service.leave(db, guild_id, user_id, challenge, now)
            text = f"You left **{echo(challenge.name, 60)}**." if left else "You're not taking part in this one."
        _, today = await service.server_today(db, guild_id, now)
        board = await service.board(db, challenge, None)
        await interaction.response.edit_message(embed=card_embed(board, now, today), view=card_view(challenge.id))
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


@app_commands.guild_only()
class ChallengeCog(commands.GroupCog, group_name="challenge", group_description="Shared goals for the club"):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    @app_commands.command(name="create", description="Start a challenge (server managers)")
    @app_commands.describe(
        name="up to 60 characters, e.g. December 100k",
        metric="what counts: distance, time, runs or elevation",
        goal="per metric: 100k / 62mi, 20h / 30h30m, 20 (runs), 2000m / 6500ft",
        start="first day: today, Dec 1, 2026-12-01",
        end="last day (at most 366 days after the start): Dec 31, 2026-12-31",
        mode="individual: each member aims for the goal; club: everyone's sum does",
        channel="where the card goes (default: here)",
    )
    @app_commands.choices(
        metric=[app_commands.Choice(name=m, value=m) for m in METRICS],
        mode=[app_commands.Choice(name=m, value=m) for m in MODES],
    )
    async def create(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, NAME_MAX],
        metric: str,
        goal: app_commands.Range[str, 1, 50],
        start: app_commands.Range[str, 1, 50],
        end: app_commands.Range[str, 1, 50],
        mode: str = "individual",
        channel: discord.TextChannel | None = None,
    ) -> None:
        require_manager(interaction, "create challenges")
        channel_id = check_postable(interaction, channel)
        guild_id, now = kit.guild_id(interaction), discord.utils.utcnow()
        form = ChallengeForm(name, metric, goal, start, end, mode)
        challenge = await service.create(self.bot.store, guild_id, interaction.user.id, channel_id, form, now)
        await publish_card(self.bot, challenge, interaction.user.id, now)
        await interaction.response.send_message(
            f"🏁 **{echo(challenge.name, 60)}** is on: the card is in <#{channel_id}>.", ephemeral=True
        )

    @app_commands.command(name="join", description="Take part in a challenge")
    @app_commands.describe(name="the challenge (pick from the list)")
    @app_commands.autocomplete(name=name_autocomplete)
    async def join(self, interaction: discord.Interaction, name: str) -> None:
        guild_id, now = kit.guild_id(interaction), discord.utils.utcnow()
        challenge = await service.find(self.bot.store, guild_id, name, now)
        joined = await service.join(self.bot.store, guild_id, interaction.user.id, challenge, now)
        await interaction.response.send_message(joined_text(joined), ephemeral=True)
        if not joined.already:
            await refresh_card(self.bot, joined.challenge, now)

    @app_commands.command(name="leave", description="Stop taking part in a challenge")
    @app_commands.describe(name="the challenge (pick from the list)")
    @app_commands.autocomplete(name=name_autocomplete)
    async def leave(self, interaction: discord.Interaction, name: str) -> None:
        guild_id, now = kit.guild_id(interaction), discord.utils.utcnow()
        challenge = await service.find(self.bot.store, guild_id, name, now)
        challenge, left = await service.leave(self.bot.store, guild_id, interaction.user.id, challenge, now)
        text = f"You left **{echo(challenge.name, 60)}**." if left else "You're not taking part in that one."
        await interaction.response.send_message(text, ephemeral=True)
        if left:
            await refresh_card(self.bot, challenge, now)

    @app_commands.command(name="show", description="A challenge's standings")
    @app_commands.describe(name="the challenge (default: the only active one)", public="show it to the channel")
    @app_commands.autocomplete(name=name_autocomplete)
    async def show(self, interaction: discord.Interaction, name: str | None = None, public: bool = False) -> None:
        now = discord.utils.utcnow()
        board, units, today = await service.show(
            self.bot.store, kit.guild_id(interaction), interaction.user.id, name, now
        )
        await interaction.response.send_message(embed=board_embed(board, units, now, today), ephemeral=not public)

    @app_commands.command(name="list", description="Active, upcoming and recently ended challenges")
    async def list_(self, interaction: discord.Interaction) -> None:
        listing = await service.listing(self.bot.store, kit.guild_id(interaction), discord.utils.utcnow())
        await interaction.response.send_message(embed=list_embed(listing), ephemeral=True)

    @app_commands.command(name="end", description="End a challenge now and post its results (server managers)")
    @app_commands.describe(name="the challenge (pick from the list)")
    @app_commands.autocomplete(name=name_autocomplete)
    async def end(self, interaction: discord.Interaction, name: str) -> None:
        require_manager(interaction, "end challenges")
        now = discord.utils.utcnow()
        challenge = await service.end(self.bot.store, kit.guild_id(interaction), interaction.user.id, name, now)
        await interaction.response.send_message(
            f"🏁 **{echo(challenge.name, 60)}** has ended; the results are posted in <#{challenge.channel_id}>.",
            ephemeral=True,
        )
        await refresh_card(self.bot, challenge, now)

    @app_commands.command(name="delete", description="Delete a challenge and its standings (server managers)")
    @app_commands.describe(name="the challenge (pick from the list)")
    @app_commands.autocomplete(name=name_autocomplete)
    async def delete(self, interaction: discord.Interaction, name: str) -> None:
        require_manager(interaction, "delete challenges")
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id
        challenge = await service.find(self.bot.store, guild_id, name, discord.utils.utcnow())

        async def confirmed() -> str:
            gone = await service.delete(self.bot.store, guild_id, user_id, challenge.id)
            if gone is None:
                return "That challenge was already deleted."
            await edit_card(self.bot, gone.channel_id, gone.message_id, content="🗑️ This challenge was deleted.",
                            embed=None, view=None)  # fmt: skip
            return f"Deleted **{echo(gone.name, 60)}** and its standings."

        await interaction.response.send_message(
            f"Delete **{echo(challenge.name, 60)}** ({plural_people(challenge.participants)}, goal "
            f"{format_value(challenge.metric, challenge.goal, challenge.units)})? Its standings go with it.",
            view=ConfirmView(user_id, confirmed, "Delete"),
            ephemeral=True,
        )


def plural_people(count: int) -> str:
    return f"{count} participant" + ("" if count == 1 else "s")


async def setup(bot: StrideBot) -> None:
    bot.add_dynamic_items(ChallengeButton)
    await bot.add_cog(ChallengeCog(bot))
