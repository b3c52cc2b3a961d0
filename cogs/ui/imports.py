"""/run import on Discord: progress edits, the preview with its Import / Cancel buttons, the summary."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date

import discord

from bot.client import REPLACES_PROGRESS
from bot.importing.errors import display_name
from bot.running.records import Record
from bot.running.services.imports import ImportPlan, ImportResult
from bot.running.units import format_distance, format_duration, metres_per_unit

from .embeds import plural
from .kit import BRAND, explain
from .views import OwnerView

log = logging.getLogger(__name__)

PROGRESS_EVERY_S = 3.0  # Discord allows about five edits in five seconds a message; a few seconds apart reads well
MAX_UNREADABLE_SHOWN = 10


def progress_text(done: int, total: int) -> str:
    return f"Reading {plural(total, 'activity', 'activities')}… {done}/{total}"


def waiting_text(position: int) -> str:
    place = "yours is next" if position <= 1 else f"yours is number {position} in line"
    return f"Other members' imports are being read; {place}. It starts by itself, no need to send it again."


def reading_text(filename: str) -> str:
    return f"Your turn: reading `{display_name(filename)}`…"


class ImportProgress:
    """Edits the deferred reply while an upload waits its turn and while it is read.

    `report` is what `read_upload` calls from its worker thread: it only hops to the loop; those counts
    are shown at most every `every` seconds, and dropped while an edit is in flight. A place in line
    (`waiting`) and the turn coming (`started`) are always shown, after the edit in flight. The edits
    are serialised, and `finish` waits for the last one so that it never lands after the preview.
    """

    def __init__(self, interaction: discord.Interaction, every: float = PROGRESS_EVERY_S) -> None:
        self._interaction = interaction
        self._loop = asyncio.get_running_loop()
        self._every = every
        self._last_edit = float("-inf")
        self._edit_task: asyncio.Task[None] | None = None
        self._next: str | None = None  # a line to show once the edit in flight is done
        self._waited = False
        self._closed = False

    def report(self, done: int, total: int) -> None:
        self._loop.call_soon_threadsafe(self._update, done, total)

    def waiting(self, position: int) -> None:
        self._waited = True
        self._show(waiting_text(position))

    def started(self, filename: str) -> None:
        """The upload's turn came: replace the place in line, if one was shown."""
        if self._waited:
            self._show(reading_text(filename))

    def _busy(self) -> bool:
        return self._edit_task is not None and not self._edit_task.done()

    def _update(self, done: int, total: int) -> None:
        if self._closed or self._busy():
            return
        if self._loop.time() - self._last_edit >= self._every:
            self._start(progress_text(done, total))

    def _show(self, text: str) -> None:
        if self._closed:
            return
        if self._busy():
            self._next = text
        else:
            self._start(text)

    def _start(self, text: str) -> None:
        self._interaction.extras[REPLACES_PROGRESS] = True  # an error then replaces the line, not below it
        self._edit_task = self._loop.create_task(self._edit(text))

    async def _edit(self, text: str | None) -> None:
        while text is not None:
            self._last_edit = self._loop.time()
            try:
                await self._interaction.edit_original_response(content=text)
            except discord.HTTPException:  # a missed progress edit is harmless: the preview follows
                log.debug("import progress edit failed", exc_info=True)
            text, self._next = (None if self._closed else self._next), None

    async def finish(self) -> None:
        self._closed = True
        if self._edit_task is not None:
            await self._edit_task


def _day(plan_date: date) -> str:
    return f"{plan_date:%-d %b %Y}"


def _unreadable_lines(plan: ImportPlan) -> list[str]:
    files = plan.preview.unreadable
    lines = [f"• `{display_name(u.source)}`: {u.reason}" for u in files[:MAX_UNREADABLE_SHOWN]]
    if len(files) > MAX_UNREADABLE_SHOWN:
        lines.append(f"…and {len(files) - MAX_UNREADABLE_SHOWN} more")
    return lines


def preview_embed(plan: ImportPlan) -> discord.Embed:
    preview, units = plan.preview, plan.profile.units
    lines = [f"**Runs found:** {len(preview.runs)}"]
    first, last = preview.first_date, preview.last_date  # None only when there are no runs
    if preview.runs and first and last:
        lines.append(f"**Dates:** {_day(first)} – {_day(last)}")
        lines.append(f"**Total distance:** {format_distance(preview.total_distance_m, units)}")
        lines.append(f"**Best efforts found inside them:** {preview.best_effort_count}")
    lines.append(f"**Duplicates skipped** (already in your log): {len(preview.duplicates)}")
    if preview.not_runs:
        lines.append(f"**Not runs, left out:** {preview.not_runs}")
    if preview.unreadable:
        lines.append(f"**Files not understood:** {len(preview.unreadable)}")
        lines += _unreadable_lines(plan)
    embed = discord.Embed(
        title=f"Import `{display_name(plan.filename)}`?", description="\n".join(lines)[:4000], colour=BRAND
    )
    embed.set_footer(text="Nothing is written until you press Import.")
    return embed


def _run_size(metres: float, units: str) -> str:
    """'10-mile' or '16.1 km': how a runner names a run's length."""
    value = f"{metres / metres_per_unit(units):.1f}".removesuffix(".0")
    return f"{value}-mile" if units == "mi" else f"{value} km"


def inside_run_line(record: Record, units: str) -> str:
    """'**5K** 22:41 — inside your 10-mile run of 12 Oct 2026'."""
    ran = _run_size(record.run_distance_m or record.distance_m, units)
    return (
        f"**{record.label}** {format_duration(record.duration_s)} — inside your {ran} run of "
        f"{_day(record.run_date)} (run #{record.run_id})"
    )


def new_record_line(record: Record, units: str) -> str:
    if record.inside_run:
        return "🏅 " + inside_run_line(record, units)
    return f"🏅 **{record.label}** {format_duration(record.duration_s)} — {_day(record.run_date)}"


def summary_embed(plan: ImportPlan, result: ImportResult) -> discord.Embed:
    units = plan.profile.units
    lines = [f"**Imported:** {plural(result.imported, 'run', 'runs')} ({format_distance(result.distance_m, units)})"]
    lines.append(f"**Skipped as duplicates:** {result.duplicates}")
    if result.not_runs:
        lines.append(f"**Not runs, left out:** {result.not_runs}")
    if result.unreadable:
        lines.append(f"**Files not understood:** {result.unreadable}")
    if result.best_efforts:
        lines.append(f"**Best efforts stored:** {result.best_efforts}")
    if result.new_records:
        lines.append("\n**New records**")
        lines += [new_record_line(r, units) for r in result.new_records]
    embed = discord.Embed(title="Import done", description="\n".join(lines)[:4000], colour=BRAND)
    if result.imported:
        embed.set_footer(text="/run history, /run stats and /run records include them now.")
    else:
        embed.set_footer(text="Nothing new went into your log: it already had these runs.")
    return embed


class ImportView(OwnerView):
    """Import / Cancel under the preview; only the member who uploaded may press them."""

    def __init__(
        self,
        interaction: discord.Interaction,
        plan: ImportPlan,
        on_import: Callable[[], Awaitable[ImportResult]],
        on_done: Callable[[ImportResult], Awaitable[None]] | None = None,
    ) -> None:
        super().__init__(interaction.user.id, timeout=600)
        self._interaction = interaction
        self._plan = plan
        self._on_import = on_import
        self._on_done = on_done

    @discord.ui.button(label="Import", style=discord.ButtonStyle.success)
    async def import_runs(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.stop()
        await interaction.response.defer()
        try:
            result = await self._on_import()
        except Exception as error:  # the member reads what happened; nothing was written
            outcome, message = explain(error)
            if outcome == "error":
                log.exception("import failed")
            await interaction.edit_original_response(content=message, embed=None, view=None)
            return
        await interaction.edit_original_response(content=None, embed=summary_embed(self._plan, result), view=None)
        if self._on_done is not None:
            await self._on_done(result)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.stop()
        await interaction.response.edit_message(content="Cancelled, nothing was imported.", embed=None, view=None)

    async def on_timeout(self) -> None:
        try:
            await self._interaction.edit_original_response(
                content="This preview expired, nothing was imported. Run `/run import` again.", embed=None, view=None
            )
        except discord.HTTPException:
            log.debug("could not mark the import preview expired", exc_info=True)
