"""The distance chart for /run stats (by week, or by month for a year or all time): a PNG bar chart,
sized for a Discord embed.

Rendering takes tens of milliseconds of CPU: call the `render_*` functions off the event loop
(`asyncio.to_thread`). It builds a `Figure` on the Agg canvas directly, without pyplot's global
state, so concurrent renders in worker threads do not share a figure manager.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from bot.running.units import metres_per_unit

if TYPE_CHECKING:
    from bot.running.stats_service import MemberStats

WIDTH_PX, HEIGHT_PX, DPI = 800, 400, 100
_BACKGROUND = "#2b2d31"  # Discord's dark embed colour: reads well in both Discord themes
_TEXT = "#e3e5e8"
_GRID = "#4e5058"
_BAR = "#ff6b35"  # the bot's brand colour
_BAR_CURRENT = "#ffa47a"  # this (unfinished) week
_GOAL = "#57f287"
_BAR_JUMP = "#ed4245"  # a week over 1.3x the 4 weeks before (Discord's red)


def _number(value: float) -> str:
    """'42' from 10 on, '7.5' below (one decimal, none when it is zero)."""
    return f"{value:.0f}" if value >= 10 else f"{round(value, 1):g}"


CACHED_CHARTS = 256  # about 30 KB each


def render_stats_chart(stats: MemberStats) -> bytes:
    """The chart of a /run stats answer: by month for a year or all time, else by week (with the weekly
    goal and the mileage jumps)."""
    if stats.chart_by_month:
        return render_monthly_chart(stats.months, stats.profile.units)
    jumps = [jump.monday for jump in stats.jumps]
    return render_weekly_chart(stats.weeks, stats.profile.units, stats.profile.weekly_goal_m, jumps)


def render_weekly_chart(
    weeks: list[tuple[date, float]],
    units: str,
    weekly_goal_m: float | None = None,
    jumps: Iterable[date] = (),
) -> bytes:
    """PNG bytes of one bar per (Monday, metres) week, oldest first, in the member's units.
    The last week is drawn lighter (it is still running); weeks in `jumps` (Mondays of mileage jumps)
    get the warning colour and a legend; a dashed line marks the weekly goal.
    A member looking at their stats again before logging a run gets the same picture from a cache."""
    marked = frozenset(jumps)
    return _render_cached(
        tuple(weeks), units, weekly_goal_m, tuple(monday in marked for monday, _ in weeks), by_month=False
    )


def render_monthly_chart(months: list[tuple[date, float]], units: str) -> bytes:
    """PNG bytes of one bar per (1st of the month, metres), oldest first; the last month is drawn lighter."""
    return _render_cached(tuple(months), units, None, (False,) * len(months), by_month=True)


@functools.lru_cache(maxsize=CACHED_CHARTS)  # thread-safe; the bytes are immutable
def _render_cached(
    bars: tuple[tuple[date, float], ...],
    units: str,
    weekly_goal_m: float | None,
    jumped: tuple[bool, ...],
    by_month: bool,
) -> bytes:
    return _render(list(bars), units, weekly_goal_m, jumped, by_month)


def _render(
    bars_data: list[tuple[date, float]],
    units: str,
    weekly_goal_m: float | None,
    jumped: tuple[bool, ...],
    by_month: bool,
) -> bytes:
    per_unit = metres_per_unit(units)
    label = "mi" if units == "mi" else "km"
    values = [metres / per_unit for _, metres in bars_data]
    if by_month:
        # The year is shown where it starts (and on the first bar) so 12 months read without guessing.
        ticks = [d.strftime("%b %y" if d.month == 1 or i == 0 else "%b") for i, (d, _) in enumerate(bars_data)]
    else:
        ticks = [monday.strftime("%b %d").replace(" 0", " ") for monday, _ in bars_data]

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor=_BACKGROUND)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_facecolor(_BACKGROUND)
    colours = [_BAR_JUMP if jump else _BAR for jump in jumped]
    if colours and not jumped[-1]:
        colours[-1] = _BAR_CURRENT
    positions = range(len(values))
    bars = axes.bar(positions, values, color=colours, width=0.7, zorder=2)
    for bar, value in zip(bars, values, strict=True):
        if value > 0:
            axes.annotate(
                _number(value),
                (bar.get_x() + bar.get_width() / 2, value),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=10,
                color=_TEXT,
                zorder=4,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": _BACKGROUND, "edgecolor": "none"},
            )

    top = max([*values, 0.0])
    handles: list[Artist] = []
    if any(jumped):
        handles.append(Patch(color=_BAR_JUMP, label="mileage jump (over 1.3× the 4 weeks before)"))
    if weekly_goal_m and not by_month:
        goal = weekly_goal_m / per_unit
        goal_label = f"goal {_number(goal)} {label}"
        handles.append(axes.axhline(goal, color=_GOAL, linestyle="--", linewidth=2, zorder=3, label=goal_label))
        top = max(top, goal)
    if handles:
        axes.legend(
            handles=handles, loc="lower right", bbox_to_anchor=(1, 1), frameon=False, labelcolor=_TEXT, fontsize=10
        )
    axes.set_ylim(0, top * 1.18 if top > 0 else 1)

    axes.set_xticks(list(positions), ticks, rotation=0, fontsize=10)
    title = (
        f"Monthly distance ({label}), last {len(values)} months"
        if by_month
        else (f"Weekly distance ({label}), last {len(values)} weeks")
    )
    axes.set_title(title, color=_TEXT, fontsize=14, loc="left", pad=12)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    axes.tick_params(colors=_TEXT, labelsize=10, length=0)
    axes.grid(axis="y", color=_GRID, linewidth=0.8, zorder=1)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(_GRID)
    # Fixed margins rather than tight_layout(), which measures every label and doubles the render time.
    figure.subplots_adjust(left=0.06, right=0.985, top=0.86, bottom=0.09)

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor=_BACKGROUND)
    return buffer.getvalue()
