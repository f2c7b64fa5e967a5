"""Periods of recurring duties: keys, spans, due days, and refusing keys that do not exist."""

from __future__ import annotations

from datetime import date

import pytest

from maogang_cli.domain.dates import month_end
from maogang_cli.domain.periods import Period, parse_period, period_of, periods_between


@pytest.mark.parametrize(
    ("frequency", "day", "key", "first", "last"),
    [
        ("monthly", date(2024, 2, 10), "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("quarterly", date(2024, 5, 31), "2024-Q2", date(2024, 4, 1), date(2024, 6, 30)),
        ("quarterly", date(2024, 10, 1), "2024-Q4", date(2024, 10, 1), date(2024, 12, 31)),
        ("half_yearly", date(2024, 6, 30), "2024-H1", date(2024, 1, 1), date(2024, 6, 30)),
        ("half_yearly", date(2024, 7, 1), "2024-H2", date(2024, 7, 1), date(2024, 12, 31)),
        ("yearly", date(2025, 3, 3), "2025", date(2025, 1, 1), date(2025, 12, 31)),
    ],
)
def test_period_of(frequency: str, day: date, key: str, first: date, last: date) -> None:
    assert period_of(frequency, day) == Period(first, last, key)


def test_due_day_is_in_the_last_month_and_clamped_to_its_length() -> None:
    q2 = parse_period("quarterly", "2024-Q2")
    assert q2.due(None) == date(2024, 6, 30)
    assert q2.due(25) == date(2024, 6, 25)
    assert q2.due(31) == date(2024, 6, 30)
    assert parse_period("monthly", "2025-02").due(30) == date(2025, 2, 28)
    assert parse_period("monthly", "2024-02").due(30) == date(2024, 2, 29)


def test_periods_between_overlap_the_months_given() -> None:
    keys = [p.key for p in periods_between("quarterly", "2024-04", "2026-12")]
    assert keys[:3] == ["2024-Q2", "2024-Q3", "2024-Q4"]
    assert keys[-1] == "2026-Q4"
    assert len(keys) == 11
    # a span starting mid-period still includes that period
    assert [p.key for p in periods_between("half_yearly", "2024-04", "2024-12")] == [
        "2024-H1",
        "2024-H2",
    ]
    assert [p.key for p in periods_between("yearly", "2024-04", "2026-12")] == [
        "2024",
        "2025",
        "2026",
    ]
    assert len(periods_between("monthly", "2024-05", "2026-12")) == 32


def test_parse_period_accepts_each_frequency_key() -> None:
    assert parse_period("monthly", "2024-05").first == date(2024, 5, 1)
    assert parse_period("quarterly", "2024-q3").key == "2024-Q3"
    assert parse_period("half_yearly", " 2025-H2 ").last == date(2025, 12, 31)
    assert parse_period("yearly", "2026").key == "2026"


@pytest.mark.parametrize(
    ("frequency", "text", "message"),
    [
        ("quarterly", "2024-Q5", "“2024-Q5”不是每季度的期次（应写作 2024-Q2）"),
        ("quarterly", "2024-05", "“2024-05”不是每季度的期次（应写作 2024-Q2）"),
        ("half_yearly", "2024-H3", "“2024-H3”不是每半年的期次（应写作 2024-H1）"),
        ("monthly", "2024-13", "“2024-13”不是实际存在的月份"),
        ("monthly", "2024-Q1", "“2024-Q1”不是每月的期次（应写作 2024-05）"),
        ("yearly", "24", "“24”不是每年的期次（应写作 2024）"),
    ],
)
def test_parse_period_refuses_keys_that_do_not_exist(
    frequency: str, text: str, message: str
) -> None:
    with pytest.raises(ValueError) as exc:
        parse_period(frequency, text)
    assert str(exc.value) == message


@pytest.mark.parametrize(
    ("year", "month", "last"),
    [
        (2024, 2, date(2024, 2, 29)),  # leap year
        (2025, 2, date(2025, 2, 28)),
        (2100, 2, date(2100, 2, 28)),  # a century that is not a leap year
        (2000, 2, date(2000, 2, 29)),
        (2024, 4, date(2024, 4, 30)),
        (2024, 12, date(2024, 12, 31)),  # the year turns
        (2024, 1, date(2024, 1, 31)),
    ],
)
def test_month_end(year: int, month: int, last: date) -> None:
    assert month_end(year, month) == last
