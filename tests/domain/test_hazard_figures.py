"""The plan's hazard targets judged from counts, and the statistics' counting, at their
boundaries: each verdict on its due day, the day before it, and later."""

from datetime import date

from maogang_cli.domain.hazard_figures import (
    DIMENSIONS,
    DynamicZero,
    Increment,
    Stock,
    count_keyed,
    count_ledger,
    dynamic_zero,
    increment,
    median_of,
    stock,
)

STOCK_DUE = date(2024, 12, 31)  # 2024年底前基本消除 (the plan's words, not the constant)
INCREMENT_DUE = date(2025, 12, 31)
DYNAMIC_ZERO_DUE = date(2026, 12, 31)


def test_the_stock_is_judged_on_its_due_day() -> None:
    # 3 found by 2023, 1 closed: 2 still open, so not met, judged on 2024-12-31 itself
    assert stock(3, 1, STOCK_DUE) == Stock(STOCK_DUE, STOCK_DUE, False, 3, 1, 2)
    assert stock(3, 3, date(2025, 3, 1)) == Stock(STOCK_DUE, STOCK_DUE, True, 3, 3, 0)
    # the day before: the figures so far, no verdict yet
    day_before = date(2024, 12, 30)
    assert stock(3, 1, day_before) == Stock(STOCK_DUE, day_before, None, 3, 1, 2)


def test_the_increment_is_met_by_fewer_or_none() -> None:
    after = date(2026, 1, 15)
    assert increment(4, 3, INCREMENT_DUE) == Increment(INCREMENT_DUE, INCREMENT_DUE, True, 4, 3)
    assert increment(4, 4, after).met is False  # as many is not contained
    assert increment(2, 5, after).met is False
    assert increment(0, 0, after).met is True  # nothing in either year: nothing to contain
    assert increment(0, 1, after).met is False
    assert increment(1, 1, date(2025, 12, 30)).met is None


def test_dynamic_zero_is_no_open_overdue_and_the_on_time_share_beside_it() -> None:
    met = dynamic_zero(0, 3, 2, DYNAMIC_ZERO_DUE)
    # 2 of 3 closed on time: 0.6667 to four places
    assert met == DynamicZero(DYNAMIC_ZERO_DUE, DYNAMIC_ZERO_DUE, True, 0, 3, 2, 0.6667)
    assert dynamic_zero(1, 0, 0, date(2027, 1, 1)).met is False
    assert dynamic_zero(2, 0, 0, DYNAMIC_ZERO_DUE).met is False
    assert dynamic_zero(0, 0, 0, date(2026, 12, 30)).met is None


def test_the_median_of_an_odd_and_an_even_count() -> None:
    assert median_of([(1, 1), (2, 1), (5, 1)]) == 2
    assert median_of([(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]) == 3
    assert median_of([(1, 1), (2, 1), (5, 1), (9, 1)]) == 3.5


def test_a_hazard_closed_the_day_it_was_found_took_zero_days() -> None:
    # (department, village, sector, source, level, month, code, days to close)
    rows = [
        ("jfb", "腰泾村", "冷库", "inspection", "major", "2024-06", 5, 0),  # closed on time
        ("jfb", "腰泾村", "冷库", "inspection", "major", "2024-06", 5, 0),
        ("jfb", "茹塘村", "冷库", "inspection", "major", "2024-07", 1, 12),  # closed late
        ("zf", "茹塘村", "粉尘涉爆", "other", "general", "2024-07", 2, None),  # open, overdue
    ]
    by, closing = count_ledger(rows)
    assert closing == [(0, 2), (12, 1)]
    # total, open, closed, overdue, closed on time
    assert by["department"] == {"jfb": [3, 0, 3, 0, 2], "zf": [1, 1, 0, 1, 0]}
    assert by["village"] == {"腰泾村": [2, 0, 2, 0, 2], "茹塘村": [2, 1, 1, 1, 0]}


def test_keys_are_counted_as_the_names_they_stand_for() -> None:
    # Two groups: (department 2 bits, level 1 bit) and (village 2 bits), each above three
    # bits of the standing code; the same four hazards as above, by number.
    groups = ((("department", 2), ("level", 1)), (("village", 2),))
    labels = {
        "department": {0: "jfb", 1: "zf"},
        "level": {0: "major", 1: "general"},
        "village": {2: "腰泾村", 3: "茹塘村"},
    }

    def key(code: int, department: int, level: int, village: int) -> int:
        return code | department << 3 | level << 5 | (code | village << 3) << 6

    rows = [
        (key(5, 0, 0, 2), 0),
        (key(5, 0, 0, 2), 0),
        (key(1, 0, 0, 3), 12),
        (key(2, 1, 1, 3), None),
    ]
    by, closing = count_keyed(rows, labels, groups)
    assert closing == [(0, 2), (12, 1)]
    assert by["department"] == {"jfb": [3, 0, 3, 0, 2], "zf": [1, 1, 0, 1, 0]}
    assert by["level"] == {"major": [3, 0, 3, 0, 2], "general": [1, 1, 0, 1, 0]}
    assert by["village"] == {"腰泾村": [2, 0, 2, 0, 2], "茹塘村": [2, 1, 1, 1, 0]}
    assert by["month"] == {}
    assert count_keyed([], labels, groups) == ({d: {} for d in DIMENSIONS}, [])


def test_every_group_is_read_at_its_own_place_and_each_value_adds_up() -> None:
    # Three groups, as store.hazard_ledger.KEY_GROUPS has: the third starts after the
    # first two (5 + 5 bits), not after the second alone; jfb's two overdue hazards differ
    # in level, so they are two values of the first group whose counts add up.
    groups = ((("department", 1), ("level", 1)), (("village", 2),), (("sector", 1),))
    labels = {
        "department": {0: "jfb", 1: "zf"},
        "level": {0: "major", 1: "general"},
        "village": {2: "腰泾村", 3: "茹塘村"},
        "sector": {0: "冷库", 1: "粉尘涉爆"},
    }

    def key(code: int, department: int, level: int, village: int, sector: int) -> int:
        first = code | department << 3 | level << 4
        return first | (code | village << 3) << 5 | (code | sector << 3) << 10

    rows = [
        (key(2, 0, 0, 2, 1), None),  # open, overdue
        (key(2, 0, 1, 3, 0), None),  # open, overdue
        (key(5, 1, 0, 2, 1), 3),  # closed on time after 3 days
    ]
    by, closing = count_keyed(rows, labels, groups)
    assert closing == [(3, 1)]
    # total, open, closed, overdue, closed on time
    assert by["department"] == {"jfb": [2, 2, 0, 2, 0], "zf": [1, 0, 1, 0, 1]}
    assert by["level"] == {"major": [2, 1, 1, 1, 1], "general": [1, 1, 0, 1, 0]}
    assert by["village"] == {"腰泾村": [2, 1, 1, 1, 1], "茹塘村": [1, 1, 0, 1, 0]}
    assert by["sector"] == {"粉尘涉爆": [2, 1, 1, 1, 1], "冷库": [1, 1, 0, 1, 0]}
