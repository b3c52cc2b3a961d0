"""/help: what Stride does and every command a member can use, with its options, in one embed.

Each command is one line below: its path and what it is for. The options are read from the command itself,
so they are never out of date. A command missing from the lines still shows, under "More", with its own
description (a test makes sure none does). Managers see their commands too.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import StrideBot
from cogs.ui.kit import BRAND

Section = tuple[str, tuple[tuple[str, str], ...]]

MEMBERS: tuple[Section, ...] = (
    ("🏃 Your runs", (
        ("run log", "log a run"),
        ("run history", "your runs, newest first, with their ids"),
        ("run edit", "change one of your runs"),
        ("run delete", "delete one of your runs"),
        ("run stats", "totals, pace, streak and a weekly chart"),
        ("run records", "best 1 mile, 5K, 10K, half and marathon"),
        ("run import", "GPX, TCX or FIT files, a Strava or Garmin export"),
        ("pace", "pace, time or distance from the other two; race estimates"),
    )),
    ("👤 You", (
        ("profile set", "units, time zone, goals, summary, leaderboard and feed"),
        ("profile show", "your settings, goal countdown and week"),
        ("shoes add", "a pair to track"),
        ("shoes list", "distance and wear per pair"),
        ("shoes retire", "retire a pair (kept in your history)"),
        ("me export", "all your data as JSON and CSV"),
        ("me forget", "erase your data in this server"),
    )),
    ("💡 Advice", (
        ("advice", "curated, sourced tips from runners and coaches (not medical advice)"),
    )),
    ("⏰ Reminders", (
        ("remind set", "daily stretch or core work, or your own message"),
        ("remind list", "your reminders with their ids"),
        ("remind pause", "stop one until you resume it"),
        ("remind resume", "start a paused one again"),
        ("remind skip", "skip the next one"),
        ("remind remove", "delete one"),
    )),
    ("🏆 Club", (
        ("leaderboard", "top 10 by distance"),
        ("challenge join", "join a challenge"),
        ("challenge leave", "leave a challenge"),
        ("challenge show", "standings and days left"),
        ("challenge list", "active, upcoming and recent challenges"),
        ("event create", "a group run with Going / Maybe / Can't go"),
        ("event list", "upcoming group runs"),
        ("event cancel", "cancel your group run"),
        ("race add", "a race you're running"),
        ("race list", "the club's races, or yours"),
        ("race remove", "remove one of your races"),
        ("race result", "log your race time"),
    )),
)  # fmt: skip

MANAGERS: tuple[Section, ...] = (
    ("🛠️ Managers: tips", (
        ("tips add", "add a tip"),
        ("tips edit", "change a tip"),
        ("tips remove", "remove a tip (can be restored)"),
        ("tips restore", "bring a removed tip back"),
        ("tips hide", "hide a built-in tip here"),
        ("tips unhide", "show a hidden built-in tip again"),
        ("tips list", "the tips members see"),
        ("tips topics", "topics and their tip counts"),
        ("tips export", "this server's tips as JSON"),
        ("tips import", "add or update tips from JSON"),
        ("tips log", "recent changes"),
    )),
    ("🛠️ Managers: server and challenges", (
        ("server reminders set", "a daily club ping with the tip of the day"),
        ("server reminders off", "stop the club ping"),
        ("server show", "this server's Stride settings"),
        ("server digest set", "a weekly club round-up"),
        ("server digest off", "stop the round-up"),
        ("server feed set", "a channel for members' runs"),
        ("server feed off", "stop the feed"),
        ("challenge create", "a shared goal with a card to join"),
        ("challenge end", "end a challenge and post its results"),
        ("challenge delete", "delete a challenge"),
    )),
)  # fmt: skip

NOT_LISTED = frozenset({"help"})
INTRO = "Replies about your own data are only visible to you unless you choose `public: True`."
OPTIONAL_OPEN, OPTIONAL_CLOSE = "[", "]"


def leaf_commands(tree: app_commands.CommandTree) -> dict[str, app_commands.Command]:
    """Every slash command by its full path ("server reminders set")."""
    found: dict[str, app_commands.Command] = {}

    def walk(item: app_commands.Command | app_commands.Group, prefix: str) -> None:
        path = f"{prefix}{item.name}"
        if isinstance(item, app_commands.Group):
            for child in item.commands:
                walk(child, f"{path} ")
        else:
            found[path] = item

    for top in tree.get_commands(type=discord.AppCommandType.chat_input):
        walk(top, "")
    return found


def usage(path: str, command: app_commands.Command | None) -> str:
    """'/run log distance time [date type effort …]': required options, then the optional ones."""
    if command is None:
        return f"/{path}"
    required = [p.name for p in command.parameters if p.required]
    optional = [p.name for p in command.parameters if not p.required]
    parts = [f"/{path}", *required]
    if optional:
        parts.append(f"{OPTIONAL_OPEN}{' '.join(optional)}{OPTIONAL_CLOSE}")
    return " ".join(parts)


def help_sections(tree: app_commands.CommandTree, manager: bool) -> list[tuple[str, str]]:
    """(field name, lines) of /help for a member, or for a manager (who sees their commands too)."""
    commands_by_path = leaf_commands(tree)
    sections = [*MEMBERS, *(MANAGERS if manager else ())]
    listed = {path for _, lines in (*MEMBERS, *MANAGERS) for path, _ in lines} | NOT_LISTED
    fields = [
        (name, "\n".join(f"`{usage(path, commands_by_path.get(path))}` — {what}" for path, what in lines))
        for name, lines in sections
    ]
    more = [(path, cmd) for path, cmd in commands_by_path.items() if path not in listed]
    if more:
        fields.append(("📎 More", "\n".join(f"`{usage(path, cmd)}` — {cmd.description}" for path, cmd in more)))
    return fields


@app_commands.guild_only()
class HelpCog(commands.Cog):
    def __init__(self, bot: StrideBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What Stride does and its commands")
    async def help(self, interaction: discord.Interaction) -> None:
        embed = discord.Embed(
            title="Stride — your running club's log, coach's notebook and stretch reminder",
            description=f"{INTRO} Options in [brackets] are optional.",
            colour=BRAND,
        )
        for name, value in help_sections(self.bot.tree, interaction.permissions.manage_guild):
            embed.add_field(name=name, value=value, inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: StrideBot) -> None:
    await bot.add_cog(HelpCog(bot))
