from datetime import date

import pytest

from bot.running.models import Run
from bot.running.records import Record, best_efforts, new_records, scaled_time, shortest_counted, shown_records

DAY = date(2026, 11, 1)


def run(run_id: int, metres: float, seconds: int, day: date = DAY) -> Run:
    return Run(id=run_id, run_date=day, distance_m=metres, duration_s=seconds)


@pytest.mark.parametrize(
    ("metres", "counts"),
    [(4988, False), (4989, True), (4995, True), (5000, True), (5100, True), (5105, False), (5050, True)],
)
def test_five_k_window(metres, counts):
    # 5105 m is 102.1%; 3.1 mi is 4988.97 m, 99.78%
    assert (scaled_time(run(1, metres, 1500), 5000) is not None) is counts


@pytest.mark.parametrize("standard", [1609.344, 10000, 21097.5, 42195])
def test_window_edges_for_every_distance(standard):
    assert scaled_time(run(1, standard, 1000), standard) == pytest.approx(1000)
    assert scaled_time(run(1, standard * 1.02, 1000), standard) is not None
    assert scaled_time(run(1, standard * 1.021, 1000), standard) is None
    assert scaled_time(run(1, shortest_counted(standard), 1000), standard) is not None
    assert scaled_time(run(1, shortest_counted(standard) - 0.01, 1000), standard) is None


def test_time_is_scaled_to_the_standard_distance():
    record = best_efforts([run(7, 5100, 1530, date(2026, 10, 3))])["5K"]
    assert record.duration_s == pytest.approx(1500)
    assert (record.run_id, record.run_date, record.distance_m) == (7, date(2026, 10, 3), 5000)


def test_best_efforts_picks_fastest_and_earliest_on_tie():
    runs = [
        run(1, 5000, 1500, date(2026, 1, 1)),
        run(2, 5000, 1450, date(2026, 2, 1)),
        run(3, 5000, 1450, date(2026, 3, 1)),
        run(4, 10000, 3100),
        run(5, 42195, 14400),
        run(6, 3000, 600),
    ]
    best = best_efforts(runs)
    assert set(best) == {"5K", "10K", "Marathon"}
    assert best["5K"].run_id == 2
    assert best["10K"].duration_s == 3100


def test_best_efforts_mile_and_half():
    best = best_efforts([run(1, 1609.344, 400), run(2, 21097.5, 6000)])
    assert set(best) == {"1 mile", "Half marathon"}


def test_new_records():
    previous = [run(1, 5000, 1500), run(2, 10000, 3100)]
    assert new_records(previous, run(3, 5000, 1499)) == ["5K"]
    assert new_records(previous, run(3, 5000, 1500)) == []  # equal is not better
    assert new_records(previous, run(3, 10200, 3150)) == ["10K"]  # scaled: 3088 s
    assert new_records(previous, run(3, 7000, 1000)) == []


def test_first_run_at_a_distance_is_a_record():
    assert new_records([], run(1, 21097.5, 6000)) == ["Half marathon"]


def test_new_run_in_previous_is_ignored():
    new = run(3, 5000, 1400)
    assert new_records([run(1, 5000, 1500), new], new) == ["5K"]


@pytest.mark.parametrize(("miles", "label"), [(3.1, "5K"), (6.2, "10K"), (13.1, "Half marathon"), (26.2, "Marathon")])
def test_miles_runners_standard_distances_count(miles, label):
    metres = miles * 1609.344
    record = best_efforts([run(3, metres, 3 * 3600)])[label]
    assert record.run_distance_m == pytest.approx(metres)
    assert record.duration_s == pytest.approx(3 * 3600 * record.distance_m / metres)
    assert record.duration_s > 3 * 3600  # scaled up to the slightly longer standard distance


@pytest.mark.parametrize(
    ("standard", "miles"), [(1609.344, 1.0), (5000, 3.1), (10000, 6.2), (21097.5, 13.1), (42195, 26.2)]
)
def test_the_shortest_run_counted_is_the_distance_in_miles_to_one_decimal(standard, miles):
    assert shortest_counted(standard) == pytest.approx(miles * 1609.344)
    assert shortest_counted(standard) <= standard


def test_a_run_of_the_exact_distance_notes_no_other_distance():
    assert best_efforts([run(1, 5000, 1500)])["5K"].run_distance_m is None
    assert scaled_time(run(1, 21097.5 * 0.9991, 6000), 21097.5) is None


def test_a_record_inside_a_longer_run_shows_only_when_faster_than_the_whole_run_one():
    whole = Record("5K", 5000, 1300, DAY, 1)
    faster_inside = Record("5K", 5000, 1250, DAY, 2, 16093, inside_run=True)
    slower_inside = Record("10K", 10000, 2800, DAY, 2, 16093, inside_run=True)
    whole_10k = Record("10K", 10000, 2700, DAY, 3)
    only_inside = Record("400 m", 400, 90, DAY, 2, 16093, inside_run=True)
    assert shown_records([whole, faster_inside, slower_inside, whole_10k, only_inside]) == [
        whole, faster_inside, whole_10k, only_inside,
    ]  # fmt: skip
