"""Challenge cards, standings and lists as embeds, and the card's Join / Leave buttons.

The buttons are one `DynamicItem` over `stride:ch:<join|leave>:<challenge id>` (registered in
cogs/challenge.py), so a card keeps working after a restart and a crafted id still gets an answer.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import discord

from bot.club.challenges import Board, Challenge, Standing
from bot.club.goals import format_value, fraction
from bot.club.services.challenges import Listing
from bot.errors import is_record_id
from cogs.ui.embeds import plural, progress_bar
from cogs.ui.kit import BRAND

CUSTOM_ID = re.compile(r"stride:ch:(join|leave):([0-9]{1,19})")
ANY_CHALLENGE_ID = r"stride:ch:.{0,60}"
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def parse_button(custom_id: str) -> tuple[str, int] | None:
    match = CUSTOM_ID.fullmatch(custom_id)
    if match is None or not is_record_id(int(match.group(2))):
        return None
    return match.group(1), int(match.group(2))


def card_view(challenge_id: int, *, ended: bool = False) -> discord.ui.View:
    view = discord.ui.View(timeout=None)  # never stored: clicks reach ChallengeButton
    view.add_item(
        discord.ui.Button(label="Join", style=discord.ButtonStyle.success, custom_id=f"stride:ch:join:{challenge_id}",
                          disabled=ended)
    )  # fmt: skip
    view.add_item(
        discord.ui.Button(label="Leave", style=discord.ButtonStyle.secondary,
                          custom_id=f"stride:ch:leave:{challenge_id}", disabled=ended)
    )  # fmt: skip
    return view


def goal_text(challenge: Challenge, units: str | None = None) -> str:
    goal = format_value(challenge.metric, challenge.goal, units or challenge.units)
    return f"{goal} each" if challenge.mode == "individual" else f"{goal} together"


def dates_text(challenge: Challenge) -> str:
    return f"{challenge.start:%a %-d %b %Y} – {challenge.end:%a %-d %b %Y}"


def _status_text(challenge: Challenge, now: datetime, today: date) -> str:
    status = challenge.status(now, today)
    if status == "ended":
        return "🏁 Ended — results are final"
    if status == "upcoming":
        return f"Starts in {plural((challenge.start - today).days, 'day')}"
    return f"{plural(challenge.days_left(today), 'day')} left"


def card_embed(board: Board, now: datetime, today: date) -> discord.Embed:
    c = board.challenge
    embed = discord.Embed(title=f"🏁 {c.name}", colour=BRAND)
    embed.description = f"**Goal:** {goal_text(c)} ({c.metric}, {c.mode})\n**Dates:** {dates_text(c)}"
    embed.add_field(name="Participants", value=str(board.participants))
    embed.add_field(name="Status", value=_status_text(c, now, today))
    if c.mode == "club":
        share = fraction(c.total, c.goal)
        value = f"{progress_bar(share)} {format_value(c.metric, c.total, c.units)} ({share:.0%})"
    else:
        share = fraction(board.finishers, board.participants) if board.participants else 0.0
        value = f"{progress_bar(share)} {board.finishers} of {board.participants} at the goal"
    embed.add_field(name="Progress", value=value, inline=False)
    embed.set_footer(text=f"Join with the button or /challenge join · /challenge show for the standings · #{c.id}")
    return embed


def _line(challenge: Challenge, standing: Standing, units: str) -> str:
    value = format_value(challenge.metric, standing.value, units)
    share = fraction(standing.value, challenge.goal)
    done = ""
    if challenge.mode == "individual" and standing.done(challenge.goal):
        done = f" ✅ {standing.finished_on:%-d %b}" if standing.finished_on else " ✅"
    place = MEDALS.get(standing.rank, f"{standing.rank}.")
    return f"{place} <@{standing.user_id}> — {value} ({share:.0%}){done}"


def board_embed(board: Board, units: str, now: datetime, today: date) -> discord.Embed:
    c = board.challenge
    embed = discord.Embed(title=f"🏁 {c.name}", colour=BRAND)
    embed.description = f"**Goal:** {goal_text(c, units)} · {dates_text(c)}\n{_status_text(c, now, today)}"
    if c.mode == "club":
        share = fraction(c.total, c.goal)
        embed.add_field(
            name="Club total",
            value=f"{progress_bar(share)} {format_value(c.metric, c.total, units)} of "
            f"{format_value(c.metric, c.goal, units)} ({share:.0%})",
            inline=False,
        )
        title = "Top contributors"
    else:
        embed.add_field(name="At the goal", value=f"{board.finishers} of {board.participants}", inline=False)
        title = "Standings"
    lines = [_line(c, s, units) for s in board.leaders]
    if not lines:
        lines = ["Nobody yet: be the first with the Join button or `/challenge join`."]
    embed.add_field(name=title, value="\n".join(lines)[:1024], inline=False)
    if board.me is not None:
        mine = format_value(c.metric, board.me.value, units)
        embed.add_field(
            name="You",
            value=f"#{board.me.rank} of {board.participants} — {mine} ({fraction(board.me.value, c.goal):.0%})",
            inline=False,
        )
    else:
        embed.add_field(name="You", value="Not taking part. `/challenge join` to join.", inline=False)
    embed.set_footer(text=f"{plural(board.participants, 'participant')} · members off leaderboards are not listed")
    return embed


def _summary(challenge: Challenge) -> str:
    return f"**{discord.utils.escape_markdown(challenge.name)}** — {goal_text(challenge)} · {dates_text(challenge)}"


def list_embed(listing: Listing) -> discord.Embed:
    embed = discord.Embed(title="Challenges", colour=BRAND)
    sections = (
        ("Active", listing.active, lambda c: f"{plural(c.days_left(listing.today), 'day')} left"),
        ("Upcoming", listing.upcoming, lambda c: f"starts {c.start:%a %-d %b}"),
        ("Ended (last 30 days)", listing.ended, lambda c: f"ended {c.end:%-d %b}"),
    )
    for title, found, when in sections:
        if found:
            lines = [f"{_summary(c)} · {plural(c.participants, 'participant')} · {when(c)}" for c in found]
            embed.add_field(name=title, value="\n".join(lines)[:1024], inline=False)
    if not embed.fields:
        embed.description = "No challenges yet. A manager starts one with `/challenge create`."
    return embed
