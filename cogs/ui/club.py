"""Small pieces every club cog uses: the manager check in code, whether Stride may post in a channel,
and editing a card message after a change (best effort: a deleted card never fails a command)."""

from __future__ import annotations

import logging

import discord
from discord.utils import MISSING

from bot.club.cards import Card
from bot.errors import UserError
from cogs.ui.kit import NO_MENTIONS

log = logging.getLogger(__name__)

NEEDED = ("view_channel", "send_messages", "embed_links")


def require_manager(interaction: discord.Interaction, what: str) -> None:
    """Managers only, checked in code (a server may show the command to anyone)."""
    if not interaction.permissions.manage_guild:
        raise UserError(f"Only server managers (Manage Server) can {what}.", "permissions")


def check_postable(interaction: discord.Interaction, channel: discord.abc.GuildChannel | discord.Thread | None,
                   field: str = "channel") -> int:  # fmt: skip
    """The channel's id when Stride may post embeds there; UserError naming the option otherwise."""
    if channel is None or channel.id == interaction.channel_id:
        permissions = interaction.app_permissions
        target_id = interaction.channel_id or 0
        mention = f"<#{target_id}>"
    else:
        guild = interaction.guild
        me = guild.me if guild is not None else None
        if me is None or not isinstance(channel, discord.TextChannel | discord.Thread):
            raise UserError(f"Stride can't post in {channel.mention}. Pick a text channel, e.g. #general.", field)
        permissions = channel.permissions_for(me)
        target_id, mention = channel.id, channel.mention
    missing = [name.replace("_", " ") for name in NEEDED if not getattr(permissions, name)]
    if missing:
        raise UserError(
            f"Stride can't post in {mention} (it lacks: {', '.join(missing)}). Give it those permissions there, "
            f"or pick another channel with `{field}:`, e.g. #general.",
            field,
        )
    return target_id


async def edit_card(
    client: discord.Client,
    channel_id: int,
    message_id: int | None,
    *,
    embed: discord.Embed | None,
    view: discord.ui.View | None,
    content: str | None = MISSING,  # MISSING: the text stays as it is
) -> None:
    if not message_id:
        return
    message = client.get_partial_messageable(channel_id).get_partial_message(message_id)
    try:
        await message.edit(content=content, embed=embed, view=view, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.info("could not edit card %s in channel %s: %s", message_id, channel_id, exc)


STYLES = {
    "primary": discord.ButtonStyle.primary,
    "success": discord.ButtonStyle.success,
    "danger": discord.ButtonStyle.danger,
}


def card_embed(card: Card) -> discord.Embed:
    embed = discord.Embed(title=card.title[:256], description=card.description[:4000] or None,
                          colour=discord.Colour(card.colour))  # fmt: skip
    for name, value, inline in card.fields:
        embed.add_field(name=name[:256], value=value[:1024], inline=inline)
    if card.footer:
        embed.set_footer(text=card.footer)
    return embed


def card_buttons(card: Card) -> discord.ui.View | None:
    if not card.buttons:
        return None
    view = discord.ui.View(timeout=None)  # never stored: clicks reach the cogs' DynamicItems
    for button in card.buttons:
        style = STYLES.get(button.style, discord.ButtonStyle.secondary)
        view.add_item(
            discord.ui.Button(label=button.label, custom_id=button.custom_id, style=style, disabled=button.disabled)
        )
    return view
