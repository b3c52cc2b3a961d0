"""/event: group runs with Going / Maybe / Can't go (any member creates; the organiser or a manager cancels)."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from datetime import timedelta
from typing import Any, TypedDict

import discord
from discord import app_commands
from discord.ext import commands
from discord.utils import MISSING

from bot.client import StrideBot, refuse_while_stopping, stride_bot
from bot.club import posts
from bot.club.events import ANSWER_WORDS, DETAILS_MAX, PLACE_MAX, REMIND_BEFORE, TITLE_MAX, Event, event_card
from bot.club.services import events as service
from bot.club.services.events import EventForm
from bot.errors import UserError, echo, is_record_id
from bot.running.units import format_distance
from cogs.reminders.delivery import register_post_kind
from cogs.ui import kit
from cogs.ui.club import card_buttons, card_embed, check_postable, edit_card
from cogs.ui.kit import BRAND, NO_MENTIONS, explain

log = logging.getLogger(__name__)
BUTTON_ID = re.compile(r"stride:ev:(going|maybe|no):([0-9]{1,19})")
MALFORMED = "This button isn't one Stride made, so nothing happened. Use the buttons on a group run's card."
EVENT_LENGTH = timedelta(hours=2)  # a Discord external event needs an end


class CardParts(TypedDict):
    embed: discord.Embed
    view: discord.ui.View | None  # None on an edit takes the buttons away


async def card_parts(bot: StrideBot, event: Event) -> CardParts:
    event, going = await service.card(bot.store, event)
    card = event_card(event, going)
    return {"embed": card_embed(card), "view": card_buttons(card)}


async def create_discord_event(bot: StrideBot, event: Event, channel_name: str | None) -> None:
    """The matching Discord scheduled event, once the caller knows Stride may manage events; a refusal is
    logged and changes nothing. One made while the group run was being cancelled is cancelled at once."""
    location = event.place or f"See #{channel_name or 'the card'}"
    try:
        made = await bot.http.create_guild_scheduled_event(
            event.guild_id,
            name=event.title[:100],
            description=(event.details or "A Stride group run.")[:1000],
            scheduled_start_time=event.starts_at.isoformat(),
            scheduled_end_time=(event.starts_at + EVENT_LENGTH).isoformat(),
            entity_type=3,  # external
            entity_metadata={"location": location[:100]},
            privacy_level=2,  # guild only
        )
    except discord.HTTPException as exc:
        log.info("no Discord event for group run %s: %s", event.id, exc)
        return
    current = await service.record_discord_event(bot.store, event, int(made["id"]))
    if current is not None and current.cancelled:
        await cancel_discord_event(bot, current)


async def cancel_discord_event(client: discord.Client, event: Event) -> None:
    if not event.discord_event_id:
        return
    try:
        await client.http.edit_scheduled_event(event.guild_id, event.discord_event_id, status=4)  # cancelled
    except discord.HTTPException as exc:
        log.info("could not cancel Discord event %s: %s", event.discord_event_id, exc)


class EventButton(discord.ui.DynamicItem[discord.ui.Button], template=r"stride:ev:.{0,60}"):
    def __init__(self, button: discord.ui.Button) -> None:
        super().__init__(button)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> EventButton:
        return cls(kit.button_again(item))

    async def callback(self, interaction: discord.Interaction) -> None:
        if await refuse_while_stopping(interaction):
            return
        started, outcome = time.perf_counter(), "ok"
        match = BUTTON_ID.fullmatch(self.item.custom_id or "")
        try:
            if match is None or interaction.guild_id is None or not is_record_id(int(match.group(2))):
                raise UserError(MALFORMED)
            answer, event_id = match.group(1), int(match.group(2))
            db = stride_bot(interaction).store
            now = discord.utils.utcnow()
            answered = await service.answer(db, interaction.guild_id, interaction.user.id, event_id, answer, now)
            event = answered.event
            if event.message_id is None and interaction.message is not None:
                await service.record_card(db, event.id, interaction.message.id)  # a card posted before ids were kept
            await interaction.response.edit_message(**await card_parts(stride_bot(interaction), event))
            text = f"You're down as **{ANSWER_WORDS[answer]}** for {echo(event.title, 60)}."
            if answered.dm_now:
                text += " It starts within the hour: the details are on their way to your DMs."
            elif answer == "going" and event.starts_at - REMIND_BEFORE > now:
                text += " I'll DM you an hour before the start."
            if not answered.changed:
                text = f"You were already down as **{ANSWER_WORDS[answer]}**."
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        except Exception as error:
            outcome, text = explain(error)
            if outcome == "error":
                log.exception("event button %s failed for user %s", self.item.custom_id, interaction.user.id)
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            else:
                await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        log.info("button user=%s guild=%s action=event:%s ms=%.1f outcome=%s", interaction.user.id,
                 interaction.guild_id, match.group(1) if match else "malformed",
                 (time.perf_counter() - started) * 1000, outcome)  # fmt: skip


@app_commands.guild_only()
class EventCog(commands.GroupCog, group_name="event", group_description="Group runs: gather, answer, get reminded"):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot
        self.tasks: set[asyncio.Task[None]] = set()  # Discord events being made for next weekly cards
        self.unloaded = False

    async def cog_load(self) -> None:
        for kind, handler in posts.event_kinds(self.next_card_out).items():
            register_post_kind(self.bot, kind, handler)

    async def cog_unload(self) -> None:
        self.unloaded = True  # the dispatcher may settle a card after this: no new Discord calls then
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    def next_card_out(self, event: Event) -> None:
        """The dispatcher posted a weekly series' next card: its Discord event too, where Stride may manage
        events (a server this process does not see is tried, and a refusal only logged)."""
        if self.unloaded:
            return
        guild = self.bot.get_guild(event.guild_id)
        me = guild.me if guild is not None else None
        if me is not None and not me.guild_permissions.manage_events:
            return
        channel = self.bot.get_channel(event.channel_id)
        task = asyncio.create_task(self._discord_event(event, getattr(channel, "name", None)))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _discord_event(self, event: Event, channel_name: str | None) -> None:
        try:
            await create_discord_event(self.bot, event, channel_name)
        except Exception:
            log.exception("could not make the Discord event of group run %s", event.id)

    @app_commands.command(name="create", description="Post a group run with Going / Maybe / Can't go buttons")
    @app_commands.describe(
        title="e.g. Saturday long run (100 characters max)",
        when="sat 08:00, tomorrow 7:00, Dec 12 18:30 or 2026-12-12 08:00 (your zone)",
        where="the meeting point, e.g. Park gates",
        distance="e.g. 10k, 6mi, half",
        pace="e.g. 5:30/km or 8:50/mi",
        details="anything else (500 characters max)",
        repeat="weekly: a new card every week once this one has started",
        channel="where the card goes (default: here)",
    )
    @app_commands.choices(repeat=[app_commands.Choice(name=r, value=r) for r in ("none", "weekly")])
    async def create(
        self,
        interaction: discord.Interaction,
        title: app_commands.Range[str, 1, TITLE_MAX],
        when: app_commands.Range[str, 1, 100],
        where: app_commands.Range[str, 1, PLACE_MAX] | None = None,
        distance: app_commands.Range[str, 1, 50] | None = None,
        pace: app_commands.Range[str, 1, 50] | None = None,
        details: app_commands.Range[str, 1, DETAILS_MAX] | None = None,
        repeat: str = "none",
        channel: discord.TextChannel | None = None,
    ) -> None:
        channel_id = check_postable(interaction, channel)
        guild_id, now = kit.guild_id(interaction), discord.utils.utcnow()
        form = EventForm(title, when, where, distance, pace, details, repeat)
        created = await service.create(self.bot.store, guild_id, interaction.user.id, channel_id, form, now)
        event = created.event
        try:
            parts = await card_parts(self.bot, event)
            card = await self.bot.get_partial_messageable(channel_id).send(
                embed=parts["embed"], view=parts["view"] or MISSING, allowed_mentions=NO_MENTIONS
            )
        except discord.HTTPException as exc:
            await service.cancel(self.bot.store, guild_id, interaction.user.id, event.id, False, True, now)
            raise UserError(
                f"Stride couldn't post the card in <#{channel_id}> ({exc.status}), so the group run was not created. "
                "Pick another channel with `channel:`.",
                "channel",
            ) from None
        await service.record_card(self.bot.store, event.id, card.id)
        await interaction.response.send_message(
            f"🏃 **{echo(event.title, 60)}** is posted in <#{channel_id}>: <t:{event.unix}:F> "
            f"(times read in {created.zone_source}). Group run #{event.id}.",
            ephemeral=True,
        )
        if interaction.app_permissions.manage_events:
            await create_discord_event(self.bot, event, getattr(interaction.channel, "name", None))

    @app_commands.command(name="cancel", description="Cancel a group run (its organiser or a server manager)")
    @app_commands.describe(id="the group run's id (from /event list or its card)", all="cancel the whole weekly series")
    async def cancel(self, interaction: discord.Interaction, id: kit.RecordId, all: bool = False) -> None:
        now = discord.utils.utcnow()
        cancelled = await service.cancel(self.bot.store, kit.guild_id(interaction), interaction.user.id, id, all,
                                         interaction.permissions.manage_guild, now)  # fmt: skip
        what = "the series" if all else f"group run #{id}"
        await interaction.response.send_message(
            f"❌ Cancelled {what}; members who were going get a DM.", ephemeral=True
        )
        for event in cancelled:
            await edit_card(self.bot, event.channel_id, event.message_id, **await card_parts(self.bot, event))
            await cancel_discord_event(self.bot, event)

    @app_commands.command(name="list", description="Upcoming group runs, soonest first")
    async def list_(self, interaction: discord.Interaction) -> None:
        found = await service.upcoming(self.bot.store, kit.guild_id(interaction), discord.utils.utcnow())
        embed = discord.Embed(title="Upcoming group runs", colour=BRAND)
        lines = []
        for event in found:
            extra = f" · {format_distance(event.distance_m, 'km')}" if event.distance_m else ""
            place = f" · {discord.utils.escape_markdown(event.place)}" if event.place else ""
            lines.append(f"`#{event.id}` **{discord.utils.escape_markdown(event.title)}** — <t:{event.unix}:F>"
                         f"{place}{extra} · {event.going} going")  # fmt: skip
        embed.description = "\n".join(lines)[:4000] if lines else "None planned. Start one with `/event create`."
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: StrideBot) -> None:
    bot.add_dynamic_items(EventButton)
    await bot.add_cog(EventCog(bot))
