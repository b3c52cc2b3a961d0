import struct
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from bot.running.chart import HEIGHT_PX, WIDTH_PX, render_weekly_chart

MONDAYS = [date(2026, 9, 7) + timedelta(weeks=i) for i in range(12)]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    return struct.unpack(">II", data[16:24])


def weeks(*km: float) -> list[tuple[date, float]]:
    return [(monday, k * 1000) for monday, k in zip(MONDAYS, km, strict=False)]


def test_png_at_discord_embed_size():
    data = render_weekly_chart(weeks(20, 25, 0, 31, 35.5, 40, 8, 42, 45, 30, 50, 7.5), "km", 40_000)
    assert png_size(data) == (WIDTH_PX, HEIGHT_PX) == (800, 400)
    assert data.endswith(b"IEND\xaeB`\x82")


def test_empty_weeks_and_no_weeks_still_render():
    assert png_size(render_weekly_chart(weeks(*[0] * 12), "mi", None)) == (800, 400)
    assert png_size(render_weekly_chart([], "km", None)) == (800, 400)


def test_goal_line_and_units_change_the_picture():
    data = weeks(*[10] * 12)
    plain = render_weekly_chart(data, "km", None)
    assert render_weekly_chart(data, "km", 30_000) != plain
    assert render_weekly_chart(data, "mi", None) != plain


def test_renders_concurrently_in_threads():
    data = weeks(*range(1, 13))
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda goal: render_weekly_chart(data, "km", goal), [None, 5000.0] * 4))
    assert all(png_size(r) == (800, 400) for r in results)
    assert results[0] == results[2] and results[1] == results[3]


def test_a_repeated_view_comes_from_the_cache_and_matches_a_fresh_render():
    from bot.running.chart import _render

    data = weeks(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8)
    first = render_weekly_chart(data, "km", 12_000)
    assert render_weekly_chart(list(data), "km", 12_000) is first
    assert _render(data, "km", 12_000, (False,) * 12, False) == first
    assert render_weekly_chart(data, "km", 13_000) != first


def test_jump_weeks_and_months_change_the_picture():
    from bot.running.chart import render_monthly_chart

    data = weeks(10, 10, 10, 10, 30, 10, 10, 10, 10, 10, 10, 10)
    plain = render_weekly_chart(data, "km", None)
    marked = render_weekly_chart(data, "km", None, [MONDAYS[4]])
    assert marked != plain and png_size(marked) == (800, 400)
    assert render_weekly_chart(data, "km", None, [MONDAYS[4]]) is marked  # cached by the marked weeks too
    months = [(date(2026, month, 1), 40_000.0) for month in range(1, 13)]
    by_month = render_monthly_chart(months, "km")
    assert png_size(by_month) == (800, 400) and by_month != render_weekly_chart(months, "km", None)


def test_the_stats_chart_follows_the_period() -> None:
    from bot.running.chart import render_monthly_chart, render_stats_chart
    from bot.running.insights import WeekJump
    from bot.running.models import Profile
    from bot.running.services.stats import MemberStats
    from bot.running.stats import Summary

    data = weeks(10, 10, 10, 10, 30, 10, 10, 10, 10, 10, 10, 10)
    months = [(date(2026, m, 1), 40_000.0) for m in range(1, 13)]
    summary = Summary(1, 10_000.0, 3000, 300.0, None, 1, 10_000.0)
    profile = Profile(1, 2, units="mi", weekly_goal_m=16_000.0)
    jump = WeekJump(MONDAYS[4], 30_000.0, 10_000.0, 4)

    def stats(period: str) -> MemberStats:
        return MemberStats(profile, period, MONDAYS[-1], None, summary, 3, [], data, 5, [jump], months)  # type: ignore[arg-type]

    assert render_stats_chart(stats("week")) == render_weekly_chart(data, "mi", 16_000.0, [MONDAYS[4]])
    assert render_stats_chart(stats("month")) == render_stats_chart(stats("week"))
    assert render_stats_chart(stats("year")) == render_monthly_chart(months, "mi")
    assert render_stats_chart(stats("all")) == render_stats_chart(stats("year"))


def test_what_the_picture_shows_bars_colours_goal_line_and_labels():
    import io

    from PIL import Image

    from bot.running import chart

    data = weeks(10, 10, 10, 10, 30, 10, 10, 10, 10, 10, 10, 5)
    picture = Image.open(io.BytesIO(render_weekly_chart(data, "km", 20_000, [MONDAYS[4]]))).convert("RGB")
    rgb = chart._rgb

    def column(index: int) -> int:  # the x of bar `index`'s centre
        return round(chart._LEFT + (chart._RIGHT - chart._LEFT) / 12 * (index + 0.5))

    near_bottom = chart._BOTTOM - 3
    assert picture.getpixel((column(0), near_bottom)) == rgb(chart._BAR)
    assert picture.getpixel((column(4), near_bottom)) == rgb(chart._BAR_JUMP)  # the mileage jump
    assert picture.getpixel((column(11), near_bottom)) == rgb(chart._BAR_CURRENT)  # this week, still running
    assert picture.getpixel((5, 5)) == rgb(chart._BACKGROUND)
    # The goal (20 km) is a dashed green line across the plot, between the 10 km bars and the 30 km one.
    greens = [y for y in range(chart._TOP, chart._BOTTOM) if picture.getpixel((chart._LEFT + 2, y)) == rgb(chart._GOAL)]
    assert len(greens) == 2  # 2 pixels thick
    assert picture.getpixel((column(1), greens[0])) != rgb(chart._BAR)  # above a 10 km bar
    assert picture.getpixel((column(4), greens[0] + 5)) == rgb(chart._BAR_JUMP)  # inside the 30 km bar
    # Text (the title, tick and value labels) is drawn in the text colour.
    assert rgb(chart._TEXT) in {colour for _, colour in picture.getcolors(256)}  # type: ignore[union-attr]


def test_tick_steps_are_round_numbers():
    from bot.running.chart import _tick_step

    assert [_tick_step(top) for top in (1, 5.9, 6.5, 11, 59, 61, 130, 1180)] == [1, 1, 2, 2, 10, 20, 50, 200]


def test_stats_charts_render_fast_enough_for_a_worker_thread():
    import time

    from bot.running.chart import _render

    data = weeks(*range(20, 32))
    _render(data, "mi", 40_000, (False,) * 12, False)  # fonts loaded, labels rasterized
    started = time.perf_counter()
    _render(data, "mi", 41_000, (True,) * 12, False)
    assert time.perf_counter() - started < 0.5  # about 5 ms idle; generous for a loaded CI machine
