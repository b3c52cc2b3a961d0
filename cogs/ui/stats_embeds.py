"""Embeds for /run stats, /run records and /leaderboard. Pure rendering: numbers in, discord.Embed out."""

from __future__ import annotations

import discord

from bot.running.insights import WeekJump, jump_size, week_label
from bot.running.records import Record
from bot.running.services.stats import ClubBoard, MemberStats
from bot.running.units import format_distance, format_duration, format_pace

from .embeds import BRAND, plural

CHART_FILE = "weekly.png"
NO_RUNS_YET = "No runs yet. Log one with `/run log distance: 5k time: 28:00`."
MEDALS = ("🥇", "🥈", "🥉")
MAX_JUMPS_LISTED = 4


def period_title(stats: MemberStats) -> str:
    if stats.period == "week":
        return f"this week (since {stats.since:%a %d %b})" if stats.since else "this week"
    if stats.period == "month":
        return f"{stats.today:%B %Y}"
    if stats.period == "year":
        return f"{stats.today:%Y}"
    return "all time"


def jump_size_line(jump: WeekJump, units: str) -> str:
    """'Week of 10 Nov: 52.00 mi, 2.6× the 4 weeks before'."""
    label = week_label(jump.monday)
    return f"{label[0].upper()}{label[1:]}: {jump_size(jump, units)}"


def chart_caption(stats: MemberStats) -> str:
    if stats.chart_by_month:
        return f"Distance by month, last {plural(len(stats.months), 'month')}"
    caption = f"Distance by week, last {plural(len(stats.weeks), 'week')}"
    return caption + (" · red: a mileage jump" if stats.jumps else "")


def record_line(record: Record, units: str) -> str:
    pace = format_pace(record.distance_m, record.duration_s, units)
    ran = f" of {format_distance(record.run_distance_m, units)}" if record.run_distance_m else ""
    return (
        f"**{record.label}** — {format_duration(record.duration_s)} ({pace}) · "
        f"{record.run_date.isoformat()} · run #{record.run_id}{ran}"
    )


def stats_embed(stats: MemberStats, with_chart: bool) -> discord.Embed:
    """The numbers; `with_chart` adds the chart's caption and shows the attached CHART_FILE."""
    units, summary = stats.profile.units, stats.summary
    embed = discord.Embed(title=f"Your running — {period_title(stats)}", colour=BRAND)
    if stats.total_runs == 0:
        embed.description = NO_RUNS_YET
        return embed
    if summary.count == 0:
        # The chart follows the numbers (an edit of the reply): promise it only once it is there.
        embed.description = "No runs in this period yet." + (
            " Your recent distance is charted below." if with_chart else ""
        )
    else:
        embed.add_field(name="Runs", value=str(summary.count))
        embed.add_field(name="Distance", value=format_distance(summary.distance_m, units))
        embed.add_field(name="Time", value=format_duration(summary.duration_s))
        embed.add_field(name="Average pace", value=format_pace(summary.distance_m, summary.duration_s, units))
        if summary.longest is not None:
            longest = summary.longest
            embed.add_field(
                name="Longest run",
                value=f"{format_distance(longest.distance_m, units)} on {longest.run_date.isoformat()}",
            )
        if stats.period != "week":
            weeks = plural(summary.weeks, "week")
            average = format_distance(summary.weekly_avg_m, units)
            embed.add_field(name="Weekly average", value=f"{average} over {weeks}")
    streak = stats.weekly_streak
    embed.add_field(name="Weekly streak", value=f"{plural(streak, 'week')} in a row with a run")
    if stats.records:
        embed.add_field(
            name="Best efforts", value="\n".join(record_line(r, units) for r in stats.records), inline=False
        )
    elif summary.count:
        embed.add_field(name="Best efforts", value="None in this period: see `/run records` for all time.")
    if stats.jumps:
        lines = [f"📈 {jump_size_line(jump, units)}" for jump in stats.jumps[:MAX_JUMPS_LISTED]]
        embed.add_field(name="Mileage jumps (recent weeks)", value="\n".join(lines), inline=False)
    if with_chart:
        embed.add_field(name="Chart", value=chart_caption(stats), inline=False)
        embed.set_image(url=f"attachment://{CHART_FILE}")
    embed.set_footer(text=f"Weeks start on Monday · dates in {stats.profile.timezone}")
    return embed


def standing_line(rank: int, user_id: int, distance_m: float, runs: int, units: str) -> str:
    place = MEDALS[rank - 1] if rank <= len(MEDALS) else f"`{rank}.`"
    return f"{place} <@{user_id}> — **{format_distance(distance_m, units)}** · {plural(runs, 'run')}"


def board_zone_line(board: ClubBoard) -> str:
    """'Weeks start Monday, Europe/Berlin' (months and years start on the 1st)."""
    if board.period == "week":
        return f"Weeks start Monday, {board.zone}"
    return f"{'Months' if board.period == 'month' else 'Years'} start on the 1st, {board.zone}"


def board_footer(board: ClubBoard) -> str:
    where = "the server's reminder zone" if board.zone_is_servers else "the server has no reminder zone"
    return (
        f"{board_zone_line(board)} ({where}) · since {board.since:%a %d %b %Y} · by distance · "
        "leave with /profile set leaderboard: off"
    )


def leaderboard_embed(board: ClubBoard) -> discord.Embed:
    label = {"week": "this week", "month": "this month", "year": "this year"}.get(board.period, board.period)
    embed = discord.Embed(title=f"🏆 Leaderboard — {label}", colour=BRAND)
    if board.standings:
        embed.description = "\n".join(
            standing_line(s.rank, s.user_id, s.distance_m, s.runs, board.units) for s in board.standings
        )
    else:
        embed.description = f"No runs logged {label} yet. Be the first with `/run log`."
    me = board.viewer
    if me is not None and all(s.user_id != board.viewer_id for s in board.standings):
        embed.add_field(name="You", value=standing_line(me.rank, me.user_id, me.distance_m, me.runs, board.units))
    if board.viewer_hidden:
        embed.add_field(name="You", value="You're hidden from the board. Join with `/profile set leaderboard: on`.")
    embed.set_footer(text=board_footer(board))
    return embed
