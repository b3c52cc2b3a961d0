"""/tips: server managers curate the tip list (Manage Server, hidden from members and checked in code)."""

from __future__ import annotations

import asyncio
import io

import discord
from discord import app_commands
from discord.ext import commands

from bot.advice.services import admin, catalog
from bot.client import StrideBot
from bot.errors import UserError
from cogs.ui import kit
from cogs.ui.autocomplete import topic_autocomplete
from cogs.ui.embeds import page_out_of_range, plural
from cogs.ui.kit import BRAND
from cogs.ui.managers import ManagersOnly
from cogs.ui.tips import audit_sentence, tip_embed, tip_line
from cogs.ui.views import PagerView

PER_PAGE = 15
KIND_CHOICES = [app_commands.Choice(name=k, value=k) for k in admin.KINDS]
IMPORT_ERRORS_SHOWN = 15
IMPORT_NOTES_SHOWN = 5  # each up to ~250 characters: the message stays under Discord's 2000


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class TipsCog(
    ManagersOnly, commands.GroupCog, group_name="tips", group_description="Curate this server's tips (Manage Server)"
):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    @app_commands.command(name="add", description="Add a tip to this server's list")
    @app_commands.describe(
        topic="e.g. back, core, stretching (new topics are fine)",
        title="short headline (100 chars max)",
        body="the tip itself (1500 chars max)",
        source="where it comes from: a study, a coaching body, a physio (300 chars max)",
        tags="comma-separated search words, e.g. spasm, lower back",
        kind="stretch and core tips also feed the daily reminders",
    )
    @app_commands.autocomplete(topic=topic_autocomplete)
    @app_commands.choices(kind=KIND_CHOICES)
    async def add(
        self,
        interaction: discord.Interaction,
        topic: str,
        title: app_commands.Range[str, None, admin.TITLE_MAX],
        body: app_commands.Range[str, None, admin.BODY_MAX],
        source: app_commands.Range[str, None, admin.SOURCE_MAX] | None = None,
        tags: str | None = None,
        kind: str | None = None,
    ) -> None:
        fields = admin.clean_fields(topic, title, body, source, tags, kind)
        tip_id = await admin.add_tip(self.bot.store, kit.guild_id(interaction), interaction.user.id, fields)
        tip = await catalog.tip(self.bot.store, kit.guild_id(interaction), tip_id)
        await self._reply(interaction, f"Added tip #{tip_id}.", embed=tip_embed(tip) if tip else None)

    @app_commands.command(name="edit", description="Change one of this server's tips")
    @app_commands.autocomplete(topic=topic_autocomplete)
    @app_commands.choices(kind=KIND_CHOICES)
    async def edit(
        self,
        interaction: discord.Interaction,
        id: kit.RecordId,
        topic: str | None = None,
        title: app_commands.Range[str, None, admin.TITLE_MAX] | None = None,
        body: app_commands.Range[str, None, admin.BODY_MAX] | None = None,
        source: app_commands.Range[str, None, admin.SOURCE_MAX] | None = None,
        tags: str | None = None,
        kind: str | None = None,
    ) -> None:
        tip = await admin.edit_tip(
            self.bot.store,
            kit.guild_id(interaction),
            interaction.user.id,
            id,
            topic=topic,
            title=title,
            body=body,
            source=source,
            tags=tags,
            kind=kind,
        )
        await self._reply(interaction, f"Updated tip #{id}.", embed=tip_embed(tip))

    @app_commands.command(name="remove", description="Remove one of this server's tips (can be restored)")
    async def remove(self, interaction: discord.Interaction, id: kit.RecordId) -> None:
        tip = await admin.set_removed(self.bot.store, kit.guild_id(interaction), interaction.user.id, id, True)
        await self._reply(interaction, f"Removed tip #{id} ({tip.title}). `/tips restore id: {id}` brings it back.")

    @app_commands.command(name="restore", description="Bring back a removed tip")
    async def restore(self, interaction: discord.Interaction, id: kit.RecordId) -> None:
        tip = await admin.set_removed(self.bot.store, kit.guild_id(interaction), interaction.user.id, id, False)
        await self._reply(interaction, f"Restored tip #{id} ({tip.title}).")

    @app_commands.command(name="hide", description="Hide a built-in tip in this server")
    async def hide(self, interaction: discord.Interaction, id: kit.RecordId) -> None:
        tip = await admin.set_hidden(self.bot.store, kit.guild_id(interaction), interaction.user.id, id, True)
        await self._reply(interaction, f"Hid built-in tip #{id} ({tip.title}) in this server.")

    @app_commands.command(name="unhide", description="Show a hidden built-in tip again")
    async def unhide(self, interaction: discord.Interaction, id: kit.RecordId) -> None:
        tip = await admin.set_hidden(self.bot.store, kit.guild_id(interaction), interaction.user.id, id, False)
        await self._reply(interaction, f"Built-in tip #{id} ({tip.title}) is shown again.")

    @app_commands.command(name="list", description="The tips members see, by topic")
    @app_commands.autocomplete(topic=topic_autocomplete)
    async def list_(self, interaction: discord.Interaction, topic: str | None = None, page: kit.Page = 1) -> None:
        guild_id = kit.guild_id(interaction)

        async def render(wanted: int) -> tuple[discord.Embed, int]:
            shown = await catalog.page(self.bot.store, guild_id, topic, wanted, PER_PAGE)
            embed = discord.Embed(title=f"Tips{f' on {topic}' if topic else ''}", colour=BRAND)
            embed.description = (
                "\n".join(tip_line(t) for t in shown.tips) or "No tips here yet. Add one with `/tips add`."
            )
            embed.set_footer(text=f"Page {shown.page}/{shown.pages} · {plural(shown.total, 'tip')}")
            return embed, shown.pages

        embed, pages = await render(page)
        view = PagerView(interaction.user.id, render, min(page, pages), pages)
        await self._reply(interaction, page_out_of_range(page, pages) or "", embed=embed, view=view)

    @app_commands.command(name="topics", description="Topics and how many tips each has")
    async def topics(self, interaction: discord.Interaction) -> None:
        topics = await catalog.topics(self.bot.store, kit.guild_id(interaction))
        lines = [f"`{topic}` · {plural(count, 'tip')}" for topic, count in topics]
        embed = discord.Embed(title="Topics", description="\n".join(lines) or "No topics.", colour=BRAND)
        await self._reply(interaction, "", embed=embed)

    @app_commands.command(name="export", description="Download this server's tips as JSON")
    @app_commands.describe(include_builtin="also include the built-in library")
    async def export(self, interaction: discord.Interaction, include_builtin: bool = False) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        body = await admin.export_tips(self.bot.store, kit.guild_id(interaction), include_builtin)
        await interaction.followup.send(
            "Here are the tips. Edit and send them back with `/tips import`.",
            file=discord.File(io.BytesIO(body), filename="stride-tips.json"),
            ephemeral=True,
        )

    @app_commands.command(name="import", description="Add or update tips from a JSON file (all or nothing)")
    @app_commands.describe(file="a JSON file in the format /tips export writes")
    async def import_(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        if file.size > admin.IMPORT_BYTES_MAX:
            raise UserError(f"The file is {file.size // 1024} KB; the limit is 2 MB.", "file")
        await interaction.response.defer(ephemeral=True, thinking=True)
        raw = await file.read()
        entries, lines = await asyncio.to_thread(admin.parse_import, raw)
        guild_id = kit.guild_id(interaction)
        plan = await admin.plan_import(self.bot.store, guild_id, entries, lines)
        if plan.errors:
            shown = "\n".join(f"- {e}" for e in plan.errors[:IMPORT_ERRORS_SHOWN])
            more = len(plan.errors) - IMPORT_ERRORS_SHOWN
            extra = f"\n…and {more} more." if more > 0 else ""
            await interaction.followup.send(
                f"Nothing was imported: fix these and try again.\n{shown}{extra}",
                ephemeral=True,
            )
            return
        await admin.apply_import(self.bot.store, guild_id, interaction.user.id, plan)
        notes = "".join(f"\n- {note}" for note in plan.notes[:IMPORT_NOTES_SHOWN])
        more = len(plan.notes) - IMPORT_NOTES_SHOWN
        notes += f"\n…and {more} more." if more > 0 else ""
        await interaction.followup.send(
            f"Imported: {len(plan.added)} added, {len(plan.updated)} updated, {plan.skipped} skipped.{notes}",
            ephemeral=True,
        )

    @app_commands.command(name="log", description="Recent changes to this server's tips")
    async def log(self, interaction: discord.Interaction) -> None:
        entries = await catalog.changes(self.bot.store, kit.guild_id(interaction))
        lines = [audit_sentence(e) for e in entries]
        embed = discord.Embed(
            title="Changes to tips and settings", description="\n".join(lines) or "No changes yet.", colour=BRAND
        )
        embed.set_footer(text="Newest first · times in your own time zone")
        await self._reply(interaction, "", embed=embed)


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(TipsCog(bot))
