"""The /run stats embed before and after its chart is attached."""

from datetime import date, timedelta

from bot.running.models import Profile
from bot.running.services.stats import MemberStats
from bot.running.stats import Summary
from cogs.ui.stats_embeds import CHART_FILE, stats_embed

TODAY = date(2026, 12, 2)
WEEKS = [(TODAY - timedelta(days=TODAY.weekday(), weeks=back), 10_000.0) for back in range(11, -1, -1)]


def member_stats(period: str = "week", count: int = 1, total_runs: int = 5) -> MemberStats:
    summary = Summary(count, 10_000.0 * count, 3000 * count, 300.0 if count else None, None, 1, 10_000.0)
    return MemberStats(Profile(1, 2), period, TODAY, TODAY, summary, 3, [], WEEKS, total_runs)  # type: ignore[arg-type]


def fields(embed) -> dict[str, str]:
    return {f.name: f.value for f in embed.fields}


def test_the_numbers_come_without_a_chart_and_the_edit_adds_it() -> None:
    first, charted = stats_embed(member_stats(), with_chart=False), stats_embed(member_stats(), with_chart=True)
    assert first.image.url is None and "Chart" not in fields(first)
    assert charted.image.url == f"attachment://{CHART_FILE}"
    assert fields(charted).pop("Chart") == "Distance by week, last 12 weeks"
    assert {k: v for k, v in fields(charted).items() if k != "Chart"} == fields(first)
    assert fields(first)["Distance"] == "10.00 km"


def test_a_quiet_period_promises_the_chart_only_once_it_is_there() -> None:
    quiet = member_stats(count=0)
    assert stats_embed(quiet, with_chart=False).description == "No runs in this period yet."
    assert "charted below" in (stats_embed(quiet, with_chart=True).description or "")


def test_no_runs_at_all_has_no_chart_either_way() -> None:
    nothing = member_stats(count=0, total_runs=0)
    for with_chart in (False, True):
        embed = stats_embed(nothing, with_chart)
        assert "No runs yet" in (embed.description or "") and embed.image.url is None
