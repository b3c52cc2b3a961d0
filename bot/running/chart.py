"""The distance chart for /run stats (by week, or by month for a year or all time): a PNG bar chart,
sized for a Discord embed, drawn with Pillow.

A few milliseconds of CPU; call it off the event loop (`asyncio.to_thread`) anyway. The picture is a
palette image: a dozen flat colours plus anti-aliasing shades of the text colour over the background
(all text sits on the background), so the PNG is small and quick to compress. Renders in worker threads
share only the fonts (used under a lock) and the rasterized labels (read-only once made).
"""

from __future__ import annotations

import functools
import io
import math
import threading
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from bot.running.units import metres_per_unit

if TYPE_CHECKING:
    from bot.running.services.stats import MemberStats

WIDTH_PX, HEIGHT_PX = 800, 400
_BACKGROUND = "#2b2d31"  # Discord's dark embed colour: reads well in both Discord themes
_TEXT = "#e3e5e8"
_GRID = "#4e5058"
_BAR = "#ff6b35"  # the bot's brand colour
_BAR_CURRENT = "#ffa47a"  # this (unfinished) week
_GOAL = "#57f287"
_BAR_JUMP = "#ed4245"  # a week over 1.3x the 4 weeks before (Discord's red)

# Palette indices: 0 the background, 1.._SHADES the text colour blended over it (anti-aliased text), then
# the flat colours.
_SHADES = 15
_GRID_I, _BAR_I, _BAR_CURRENT_I, _GOAL_I, _BAR_JUMP_I = range(_SHADES + 1, _SHADES + 6)
_COVERED = [0] + [255] * 255  # coverage layer -> paste mask: wherever there is any text

# The plot area (pixels): room on the left for the distance ticks, above for the title and the legend.
_LEFT, _RIGHT, _TOP, _BOTTOM = 50, WIDTH_PX - 12, 64, HEIGHT_PX - 34
_TEXT_PX, _TITLE_PX = 14, 19


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _palette() -> list[int]:
    background, text = _rgb(_BACKGROUND), _rgb(_TEXT)
    colours = [
        tuple(round(b + (t - b) * level / _SHADES) for b, t in zip(background, text, strict=True))
        for level in range(_SHADES + 1)
    ]
    colours += [_rgb(c) for c in (_GRID, _BAR, _BAR_CURRENT, _GOAL, _BAR_JUMP)]
    return [channel for colour in colours for channel in colour]


_PALETTE = _palette()
_FONT_LOCK = threading.Lock()


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled font (Aileron) at `size` pixels: no system fonts needed."""
    return ImageFont.load_default(size=size)


@functools.lru_cache(maxsize=1024)  # labels repeat from chart to chart: rasterize each once
def _word(text: str, size: int, anchor: str) -> tuple[Image.Image, int, int]:
    """`text` as a coverage mask of values 0.._SHADES (read-only once cached), and where its top left
    corner is relative to the anchor point."""
    font = _font(size)
    with _FONT_LOCK:  # one FreeType face per size, shared by the worker threads
        left, top, right, bottom = (round(v) for v in font.getbbox(text, anchor=anchor))
        mask = Image.new("L", (max(right - left, 1), max(bottom - top, 1)), 0)
        ImageDraw.Draw(mask).text((-left, -top), text, fill=_SHADES, font=font, anchor=anchor)
    return mask, left, top


def _number(value: float) -> str:
    """'42' from 10 on, '7.5' below (one decimal, none when it is zero)."""
    return f"{value:.0f}" if value >= 10 else f"{round(value, 1):g}"


def _tick_step(top: float) -> int:
    """An integer step of 1, 2 or 5 times a power of ten giving at most 6 intervals up to `top`."""
    step = 1
    while top / step > 6:
        step = _next_step(step)
    return step


def _next_step(step: int) -> int:
    """1, 2, 5, 10, 20, 50, ..."""
    digits = 10 ** int(math.log10(step))
    lead = step // digits
    return {1: 2, 2: 5}.get(lead, 10) * digits


CACHED_CHARTS = 256  # a few KB each


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
    goal = weekly_goal_m / per_unit if weekly_goal_m and not by_month else None

    image = Image.new("P", (WIDTH_PX, HEIGHT_PX), 0)
    image.putpalette(_PALETTE)
    draw = ImageDraw.Draw(image)
    # All text goes on a separate coverage layer first, written in at the end: drawn with the value
    # _SHADES on black, a pixel's value is its palette index (0 background .. _SHADES full text colour).
    words = Image.new("L", (WIDTH_PX, HEIGHT_PX), 0)

    def write(xy: tuple[int, int], text: str, anchor: str, size: int = _TEXT_PX) -> tuple[int, int, int, int]:
        mask, left, top = _word(text, size, anchor)
        x0, y0 = xy[0] + left, xy[1] + top
        words.paste(mask, (x0, y0))
        return x0, y0, x0 + mask.width, y0 + mask.height

    top = max([*values, goal or 0.0, 0.0])
    y_max = top * 1.18 if top > 0 else 1.0

    def y_of(value: float) -> int:
        return round(_BOTTOM - value / y_max * (_BOTTOM - _TOP))

    step = _tick_step(y_max)
    for tick in range(0, int(y_max) + 1, step):
        y = y_of(tick)
        if tick:
            draw.line([(_LEFT, y), (_RIGHT, y)], fill=_GRID_I, width=1)
        write((_LEFT - 8, y), str(tick), "rm")
    draw.line([(_LEFT, _BOTTOM), (_RIGHT, _BOTTOM)], fill=_GRID_I, width=1)

    slot = (_RIGHT - _LEFT) / max(len(values), 1)
    colours = [_BAR_JUMP_I if jump else _BAR_I for jump in jumped]
    if colours and not jumped[-1]:
        colours[-1] = _BAR_CURRENT_I
    centres = [round(_LEFT + slot * (i + 0.5)) for i in range(len(values))]
    half = slot * 0.35
    for centre, value, colour in zip(centres, values, colours, strict=True):
        if y_of(value) < _BOTTOM:
            draw.rectangle([round(centre - half), y_of(value), round(centre + half) - 1, _BOTTOM - 1], fill=colour)
    if goal is not None:
        y = y_of(goal)
        for x in range(_LEFT, _RIGHT, 13):  # dashes of 8 pixels, gaps of 5
            draw.line([(x, y), (min(x + 7, _RIGHT), y)], fill=_GOAL_I, width=2)
    for centre, value in zip(centres, values, strict=True):
        if value > 0:  # over the bar, on a patch of background (it hides the goal line under it)
            x0, y0, x1, y1 = write((centre, y_of(value) - 4), _number(value), "md")
            draw.rectangle([x0 - 2, y0 - 2, x1 + 1, y1 + 1], fill=0)
    for centre, tick_label in zip(centres, ticks, strict=True):
        write((centre, _BOTTOM + 8), tick_label, "mt")

    title = (
        f"Monthly distance ({label}), last {len(values)} months"
        if by_month
        else f"Weekly distance ({label}), last {len(values)} weeks"
    )
    write((_LEFT - 30, 22), title, "lm", _TITLE_PX)
    legend: list[tuple[int, str]] = []
    if any(jumped):
        legend.append((_BAR_JUMP_I, "mileage jump (over 1.3x the 4 weeks before)"))
    if goal is not None:
        legend.append((_GOAL_I, f"goal {_number(goal)} {label}"))
    for row, (colour, key) in enumerate(legend):  # right-aligned rows above the plot
        y = 14 + row * 22
        start = write((_RIGHT, y), key, "rm")[0]
        if colour == _GOAL_I:
            draw.line([(start - 36, y), (start - 26, y)], fill=colour, width=2)
            draw.line([(start - 20, y), (start - 10, y)], fill=colour, width=2)
        else:
            draw.rectangle([start - 30, y - 6, start - 10, y + 5], fill=colour)

    image.paste(Image.frombytes("P", words.size, words.tobytes()), mask=words.point(_COVERED))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()
