"""Reminders on Discord: /remind, /server (the club ping), the buttons on delivered reminders, and
the dispatcher's Discord sender. One extension: `cogs.reminders`."""

from __future__ import annotations

from bot.client import StrideBot
from cogs.reminders.delivery import Delivery
from cogs.reminders.remind import RemindCog
from cogs.reminders.server import ServerCog
from cogs.reminders.views import ReminderButton


async def setup(bot: StrideBot) -> None:
    bot.add_dynamic_items(ReminderButton)
    await bot.add_cog(Delivery(bot))  # first, so the dispatcher runs before members can change schedules
    await bot.add_cog(RemindCog(bot))
    await bot.add_cog(ServerCog(bot))
