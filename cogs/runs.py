"""/run: log, history, edit, delete, stats, records, import."""

from __future__ import annotations

import asyncio
import io
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot
from bot.errors import UserError
from bot.importing.errors import display_name
from bot.running.chart import render_stats_chart
from bot.running.services import imports as import_service
from bot.running.services import runs as service
from bot.running.services import stats as stats_service
from bot.running.services.runs import RunForm
from cogs.ui import kit
from cogs.ui.autocomplete import active_shoe_autocomplete
from cogs.ui.embeds import history_embed, page_out_of_range, run_embed, run_line
from cogs.ui.imports import ImportProgress, ImportView, preview_embed, summary_embed
from cogs.ui.records import records_embed
from cogs.ui.run_log import log_reply_embed, private_embed, reading_notes
from cogs.ui.stats_embeds import CHART_FILE, stats_embed
from cogs.ui.views import ConfirmView, PagerView

PER_PAGE = 10
DEFAULT_UPLOAD_LIMIT = 25 * 1024 * 1024  # Discord's attachment size without server boosts
log = logging.getLogger(__name__)
TYPE_CHOICES = [app_commands.Choice(name=t, value=t) for t in service.RUN_TYPES]


def upload_limit(interaction: discord.Interaction) -> int:
    """The attachment size Discord allows here: the interaction's own limit (boosts included), else the
    server's, else the unboosted default."""
    limit = getattr(interaction, "filesize_limit", None)
    if not limit and interaction.guild is not None:
        limit = interaction.guild.filesize_limit
    return int(limit or DEFAULT_UPLOAD_LIMIT)


@app_commands.guild_only()
class Runs(commands.GroupCog, group_name="run", group_description="Log your runs and look back at them"):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot
        self.importer = import_service.Importer()

    async def cog_unload(self) -> None:
        self.importer.close()

    @app_commands.command(name="log", description="Log a run: distance and time, plus optional details")
    @app_commands.describe(
        distance="10k, 6.2mi, 5000m, half, marathon (a bare number uses your units)",
        time="52:30, 52.30, 1:45:30, 45m, 1h05m",
        date="today, yesterday, sat, last friday, 2 days ago, Nov 22 or 2026-11-21",
        type="what kind of run",
        effort="how hard it felt, 1-10",
        pain="anything that hurt, e.g. 'lower back spasms at mile 17'",
        shoe="one of your shoes (/shoes add)",
        notes="anything else (500 characters max)",
        public="show the reply to the channel (default: only you)",
    )
    @app_commands.choices(type=TYPE_CHOICES)
    @app_commands.autocomplete(shoe=active_shoe_autocomplete)
    async def log(
        self,
        interaction: discord.Interaction,
        distance: str,
        time: str,
        date: str | None = None,
        type: str | None = None,
        effort: app_commands.Range[int, 1, 10] | None = None,
        pain: app_commands.Range[str, None, service.PAIN_MAX] | None = None,
        shoe: str | None = None,
        notes: app_commands.Range[str, None, service.NOTES_MAX] | None = None,
        public: bool = False,
    ) -> None:
        form = RunForm(distance, time, date, type, effort, pain, shoe, notes)
        result = await service.log_run(
            self.bot.store, kit.guild_id(interaction), interaction.user.id, form, discord.utils.utcnow()
        )
        await interaction.response.send_message(embed=log_reply_embed(result, public), ephemeral=not public)
        private = private_embed(result) if public else None
        if private is not None:
            await interaction.followup.send(embed=private, ephemeral=True)
        await self.bot.runs_changed(kit.guild_id(interaction), interaction.user.id, in_challenge=result.in_challenge)

    @app_commands.command(name="history", description="Your runs, newest first")
    @app_commands.describe(page="page number (10 runs a page)")
    async def history(self, interaction: discord.Interaction, page: kit.Page = 1) -> None:
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id

        async def render(wanted: int) -> tuple[discord.Embed, int]:
            found = await service.history_page(self.bot.store, guild_id, user_id, wanted, PER_PAGE)
            return history_embed(found.runs, found.units, found.page, found.pages, found.total), found.pages

        embed, pages = await render(page)
        view = PagerView(user_id, render, min(page, pages), pages)
        await interaction.response.send_message(page_out_of_range(page, pages), embed=embed, view=view, ephemeral=True)

    @app_commands.command(name="edit", description="Change one of your runs")
    @app_commands.describe(id="the run's id from /run history")
    @app_commands.choices(type=TYPE_CHOICES)
    @app_commands.autocomplete(shoe=active_shoe_autocomplete)
    async def edit(
        self,
        interaction: discord.Interaction,
        id: kit.RecordId,
        distance: str | None = None,
        time: str | None = None,
        date: str | None = None,
        type: str | None = None,
        effort: app_commands.Range[int, 1, 10] | None = None,
        pain: app_commands.Range[str, None, service.PAIN_MAX] | None = None,
        shoe: str | None = None,
        notes: app_commands.Range[str, None, service.NOTES_MAX] | None = None,
    ) -> None:
        form = RunForm(distance, time, date, type, effort, pain, shoe, notes)
        edited = await service.edit_run(
            self.bot.store, kit.guild_id(interaction), interaction.user.id, id, form, discord.utils.utcnow()
        )
        embed = run_embed("Run updated", edited.run, edited.profile.units, edited.shoe)
        embed.description = reading_notes(edited.notes)
        await interaction.response.send_message(embed=embed, ephemeral=True)
        await self.bot.runs_changed(kit.guild_id(interaction), interaction.user.id)

    @app_commands.command(name="delete", description="Delete one of your runs (asks to confirm)")
    @app_commands.describe(id="the run's id from /run history")
    async def delete(self, interaction: discord.Interaction, id: kit.RecordId) -> None:
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id
        run = await service.find_own_run(self.bot.store, guild_id, user_id, id)
        profile = await service.member_profile(self.bot.store, guild_id, user_id)

        async def confirmed() -> str:
            gone = await service.delete_run(self.bot.store, guild_id, user_id, id)
            await self.bot.runs_changed(guild_id, user_id)
            return f"Run #{id} deleted." if gone else f"Run #{id} was already gone."

        view = ConfirmView(user_id, confirmed, "Delete")
        await interaction.response.send_message(
            f"Delete this run?\n{run_line(run, profile.units)}",
            view=view,
            ephemeral=True,
        )

    @app_commands.command(name="stats", description="Your totals, pace, streak and a chart by week or month")
    @app_commands.describe(period="which stretch of time (default: all time)", public="show it to the channel")
    @app_commands.choices(period=[app_commands.Choice(name=p, value=p) for p in stats_service.PERIODS])
    async def stats(self, interaction: discord.Interaction, period: str = "all", public: bool = False) -> None:
        # The numbers go out at once; the chart (a render in a worker thread, an upload) is edited in after.
        stats = await stats_service.member_stats(
            self.bot.store, kit.guild_id(interaction), interaction.user.id, period, discord.utils.utcnow()
        )
        await interaction.response.send_message(embed=stats_embed(stats, with_chart=False), ephemeral=not public)
        if stats.total_runs:
            await attach_stats_chart(interaction, stats)

    @app_commands.command(name="records", description="Your best 1 mile, 5K, 10K, half and marathon times")
    @app_commands.describe(public="show it to the channel (default: only you)")
    async def records(self, interaction: discord.Interaction, public: bool = False) -> None:
        records = await stats_service.member_records(self.bot.store, kit.guild_id(interaction), interaction.user.id)
        await interaction.response.send_message(embed=records_embed(records), ephemeral=not public)

    @app_commands.command(name="import", description="Import runs: GPX, TCX or FIT files, Strava or Garmin exports")
    @app_commands.describe(
        file="a .gpx, .tcx or .fit file (also gzipped), or the .zip of a Strava or Garmin export",
        public="show the result to the channel (default: only you)",
    )
    async def import_(self, interaction: discord.Interaction, file: discord.Attachment, public: bool = False) -> None:
        # Ephemeral: the progress, the preview and its buttons are the member's; a public result follows.
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id
        limit = upload_limit(interaction)
        if file.size > limit:
            raise UserError(
                f"`{display_name(file.filename)}` is {file.size / 1048576:.1f} MB; this server takes files up to "
                f"{limit / 1048576:.0f} MB. Split the export or send the activity files one by one.",
                "file",
            )
        progress = ImportProgress(interaction)

        async def download() -> bytes:  # once the upload's turn came: a member in line holds nothing
            progress.started(file.filename)
            return await file.read()

        try:
            contents = await self.importer.read(file.filename, download, limit, progress.report, progress.waiting)
        finally:
            await progress.finish()
        plan = await import_service.plan_import(self.bot.store, guild_id, user_id, file.filename, contents)
        if plan.is_single_file:
            result = await import_service.import_single_file(self.bot.store, guild_id, user_id, plan)
            await self.bot.runs_changed(guild_id, user_id)
            if public:
                await interaction.edit_original_response(
                    content="Imported; the run is posted in the channel.", embed=private_embed(result)
                )
                await interaction.followup.send(embed=log_reply_embed(result, public=True))
            else:
                await interaction.edit_original_response(content=None, embed=log_reply_embed(result))
            return
        if not plan.preview.runs:
            await interaction.edit_original_response(
                content="Nothing new to import: every run in it is already in your log.", embed=preview_embed(plan)
            )
            return

        async def write() -> import_service.ImportResult:
            result = await import_service.commit_import(self.bot.store, guild_id, user_id, plan, discord.utils.utcnow())
            await self.bot.runs_changed(guild_id, user_id)
            return result

        async def announce(result: import_service.ImportResult) -> None:
            if public and result.imported:
                await interaction.followup.send(embed=summary_embed(plan, result))

        view = ImportView(interaction, plan, write, announce)
        await interaction.edit_original_response(content=None, embed=preview_embed(plan), view=view)


async def attach_stats_chart(interaction: discord.Interaction, stats: stats_service.MemberStats) -> None:
    """Draw the chart off the event loop and edit it into the stats reply. A failure is only logged: the
    member keeps the numbers they already have, with no error message under them."""
    try:
        png = await asyncio.to_thread(render_stats_chart, stats)
        chart = discord.File(io.BytesIO(png), filename=CHART_FILE)
        await interaction.edit_original_response(embed=stats_embed(stats, with_chart=True), attachments=[chart])
    except Exception:
        log.warning("could not attach the stats chart for user %s", interaction.user.id, exc_info=True)


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(Runs(bot))
