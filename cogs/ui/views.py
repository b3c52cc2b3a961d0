"""Buttons shared by the cogs: only the member who ran the command may press them."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import discord

from bot.client import explain, refuse_while_stopping, send_ephemeral

log = logging.getLogger(__name__)


class OwnerView(discord.ui.View):
    def __init__(self, owner_id: int, *, timeout: float = 300) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if await refuse_while_stopping(interaction):
            return False
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "These buttons belong to someone else's command. Run it yourself to get your own.",
            ephemeral=True,
        )
        return False

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item, /) -> None:
        # Without this a failed press gets no answer at all ("This interaction failed").
        outcome, message = explain(error)
        if outcome == "error":
            log.error("button %s failed for user %s", type(item).__name__, interaction.user.id, exc_info=error)
        try:
            await send_ephemeral(interaction, message)
        except discord.HTTPException:
            log.warning("could not tell user %s about a failed button", interaction.user.id)


class ConfirmView(OwnerView):
    """Confirm / Cancel; `on_confirm` returns the text that replaces the prompt."""

    def __init__(self, owner_id: int, on_confirm: Callable[[], Awaitable[str]], confirm_label: str) -> None:
        super().__init__(owner_id, timeout=120)
        self._on_confirm = on_confirm
        self.confirm.label = confirm_label

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.stop()
        text = await self._on_confirm()
        await interaction.response.edit_message(content=text, embed=None, view=None)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        self.stop()
        await interaction.response.edit_message(content="Cancelled, nothing was changed.", embed=None, view=None)


class PagerView(OwnerView):
    """Prev / Next over pages rendered on demand by `render(page) -> (embed, page_count)`."""

    def __init__(
        self,
        owner_id: int,
        render: Callable[[int], Awaitable[tuple[discord.Embed, int]]],
        page: int,
        pages: int,
    ) -> None:
        super().__init__(owner_id)
        self._render = render
        self.page = page
        self.pages = pages
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.prev.disabled = self.page <= 1
        self.next.disabled = self.page >= self.pages

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        embed, self.pages = await self._render(page)
        self.page = max(1, min(page, self.pages))
        self._sync_buttons()
        # content=None: a note about the page first asked for ("only 2 pages") no longer applies.
        await interaction.response.edit_message(content=None, embed=embed, view=self)

    @discord.ui.button(label="Prev", style=discord.ButtonStyle.secondary)
    async def prev(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button) -> None:
        await self._show(interaction, self.page + 1)
