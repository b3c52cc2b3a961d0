"""/profile: settings and a summary of where the member stands."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot
from bot.running.services.profile import GOAL_RACE_MAX, ProfileSummary, profile_summary, set_profile
from bot.running.timezones import resolve_timezone
from bot.running.units import format_distance
from cogs.reminders.delivery import wake_dispatcher
from cogs.ui import kit
from cogs.ui.autocomplete import timezone_autocomplete
from cogs.ui.embeds import plural, progress_bar
from cogs.ui.kit import BRAND


def profile_embed(summary: ProfileSummary) -> discord.Embed:
    p = summary.profile
    embed = discord.Embed(title="Your profile", colour=BRAND)
    embed.add_field(name="Units", value=p.units)
    embed.add_field(name="Time zone", value=p.timezone)
    embed.add_field(name="Leaderboard", value="on" if p.leaderboard else "off")
    embed.add_field(name="Weekly summary", value="on (Mondays 08:00)" if p.weekly_summary else "off")
    embed.add_field(name="Feed", value="on" if summary.in_feed else "off")
    embed.add_field(name="Kudos this month", value=f"👏 {summary.kudos_this_month}")
    if summary.next_race is not None:
        race = summary.next_race
        days = (race.race_date - summary.today).days
        countdown = " — race day!" if days == 0 else f" — in {plural(days, 'day')}"
        embed.add_field(name="Goal race", value=f"{race.name} ({race.race_date.isoformat()}){countdown}", inline=False)
    elif p.goal_race or p.goal_date:
        countdown = ""
        if summary.days_to_goal is not None:
            countdown = " — race day!" if summary.days_to_goal == 0 else f" — in {plural(summary.days_to_goal, 'day')}"
        when = p.goal_date.isoformat() if p.goal_date else "date not set"
        embed.add_field(name="Goal race", value=f"{p.goal_race or 'Goal'} ({when}){countdown}", inline=False)
    this_week = format_distance(summary.week_distance_m, p.units)
    if p.weekly_goal_m:
        fraction = summary.week_distance_m / p.weekly_goal_m
        goal = format_distance(p.weekly_goal_m, p.units)
        embed.add_field(
            name="This week",
            value=f"{progress_bar(fraction)} {this_week} of {goal} ({fraction:.0%})",
            inline=False,
        )
    else:
        embed.add_field(
            name="This week",
            value=f"{this_week} (set a goal with `/profile set weekly_goal: 40k`)",
            inline=False,
        )
    embed.add_field(name="Weekly streak", value=f"{plural(summary.weekly_streak, 'week')} in a row with a run")
    done = plural(summary.reminder_streak, "day")
    embed.add_field(name="Reminder streak", value=f"{done} in a row with a reminder done")
    return embed


@app_commands.guild_only()
class ProfileCog(commands.GroupCog, group_name="profile", group_description="Your units, time zone and goals"):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    @app_commands.command(name="set", description="Change your settings; leave out what stays the same")
    @app_commands.describe(
        units="km or mi",
        timezone="your time zone: a city zone like Europe/Berlin (pick from the list)",
        goal_race="the race you're training for (or 'none')",
        goal_date="race day as YYYY-MM-DD (or 'none')",
        weekly_goal="weekly distance goal, e.g. 40k or 25mi (or 'none')",
        leaderboard="appear on /leaderboard",
        weekly_summary="a DM every Monday morning with last week's running",
        feed="post your runs to the server's feed channel (never pain or health notes)",
    )
    @app_commands.choices(
        units=[app_commands.Choice(name="km", value="km"), app_commands.Choice(name="mi", value="mi")],
        leaderboard=[
            app_commands.Choice(name="on", value="on"),
            app_commands.Choice(name="off", value="off"),
        ],
        feed=[app_commands.Choice(name="on", value="on"), app_commands.Choice(name="off", value="off")],
        weekly_summary=[
            app_commands.Choice(name="on", value="on"),
            app_commands.Choice(name="off", value="off"),
        ],
    )
    @app_commands.autocomplete(timezone=timezone_autocomplete)
    async def set_(
        self,
        interaction: discord.Interaction,
        units: str | None = None,
        timezone: str | None = None,
        goal_race: app_commands.Range[str, None, GOAL_RACE_MAX] | None = None,
        goal_date: str | None = None,
        weekly_goal: str | None = None,
        leaderboard: str | None = None,
        weekly_summary: str | None = None,
        feed: str | None = None,
    ) -> None:
        guild_id, user_id = kit.guild_id(interaction), interaction.user.id
        saved_profile = await set_profile(
            self.bot.store,
            guild_id,
            user_id,
            discord.utils.utcnow(),
            units=units,
            timezone=timezone,
            goal_race=goal_race,
            goal_date=goal_date,
            weekly_goal=weekly_goal,
            leaderboard=None if leaderboard is None else leaderboard == "on",
            weekly_summary=None if weekly_summary is None else weekly_summary == "on",
            feed=None if feed is None else feed == "on",
        )
        if weekly_summary is not None or timezone is not None:
            wake_dispatcher(self.bot)  # the Monday summary's schedule changed
        summary = await profile_summary(self.bot.store, guild_id, user_id, discord.utils.utcnow())
        saved = "Saved."
        zone_note = resolve_timezone(timezone).note if timezone is not None else None
        if zone_note:
            saved += f" Time zone {zone_note}."
        if saved_profile.reminders_moved:
            moved = saved_profile.reminders_moved
            saved += (
                f" {plural(moved, 'reminder')} set without a time zone of {'its' if moved == 1 else 'their'} own "
                f"{'follows' if moved == 1 else 'follow'} it: same time of day in {saved_profile.profile.timezone}."
            )
        await interaction.response.send_message(saved, embed=profile_embed(summary), ephemeral=True)

    @app_commands.command(name="show", description="Your settings, goal countdown and this week's progress")
    @app_commands.describe(public="show it to the channel (default: only you)")
    async def show(self, interaction: discord.Interaction, public: bool = False) -> None:
        summary = await profile_summary(
            self.bot.store, kit.guild_id(interaction), interaction.user.id, discord.utils.utcnow()
        )
        await interaction.response.send_message(embed=profile_embed(summary), ephemeral=not public)


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(ProfileCog(bot))
