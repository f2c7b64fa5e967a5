"""Monthly-report states: on time, late, missing, not due — and the boundaries between them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maogang_cli.domain.duties import Duty
from maogang_cli.domain.reports import (
    Submission,
    Totals,
    choose_periods,
    grid,
    instance_state,
    totals,
)

DUTY = Duty(
    id="monthly_report",
    title="月报",
    frequency="monthly",
    due_day=25,
    start="2024-05",
    end="2026-12",
    owners=["甲", "乙"],
    owner_units=["甲", "乙"],
)
DUE = date(2024, 6, 25)


def test_the_25th_itself_is_on_time() -> None:
    assert instance_state(DUE, [date(2024, 6, 25)], date(2024, 7, 1)) == (
        "on_time",
        date(2024, 6, 25),
        0,
    )


def test_the_26th_is_one_day_late() -> None:
    assert instance_state(DUE, [date(2024, 6, 26)], date(2024, 7, 1)) == (
        "late",
        date(2024, 6, 26),
        1,
    )


def test_not_due_until_the_due_day_has_passed() -> None:
    assert instance_state(DUE, [], date(2024, 6, 24))[0] == "not_due"
    assert instance_state(DUE, [], date(2024, 6, 25))[0] == "not_due"
    assert instance_state(DUE, [], date(2024, 6, 26)) == ("missing", None, 1)


def test_a_report_on_the_due_day_counts_what_arrived_by_then() -> None:
    """The monthly export's report day: from the due day on, not received is missing."""
    assert instance_state(DUE, [], date(2024, 6, 24), missing_on_due_day=True)[0] == "not_due"
    assert instance_state(DUE, [], DUE, missing_on_due_day=True) == ("missing", None, 0)
    assert instance_state(DUE, [], date(2024, 7, 1), missing_on_due_day=True) == (
        "missing",
        None,
        6,
    )
    late = [date(2024, 6, 27)]
    assert instance_state(DUE, late, DUE, missing_on_due_day=True) == ("missing", None, 0)
    assert instance_state(DUE, late, date(2024, 6, 27), missing_on_due_day=True) == (
        "late",
        date(2024, 6, 27),
        2,
    )
    assert instance_state(DUE, [DUE], DUE, missing_on_due_day=True)[0] == "on_time"


def test_missing_counts_days_since_the_due_day() -> None:
    assert instance_state(DUE, [], date(2024, 7, 5)) == ("missing", None, 10)


def test_records_after_the_as_of_day_are_ignored() -> None:
    # Submitted on the 28th, but as of the 26th it had not arrived: missing then.
    assert instance_state(DUE, [date(2024, 6, 28)], date(2024, 6, 26)) == ("missing", None, 1)
    assert instance_state(DUE, [date(2024, 6, 28)], date(2024, 6, 20))[0] == "not_due"


def test_the_first_submission_decides_and_a_correction_changes_nothing() -> None:
    dates = [date(2024, 6, 20), date(2024, 7, 3)]
    assert instance_state(DUE, dates, date(2024, 7, 10)) == ("on_time", date(2024, 6, 20), 0)
    late_then_again = [date(2024, 6, 27), date(2024, 6, 29)]
    assert instance_state(DUE, late_then_again, date(2024, 7, 10)) == (
        "late",
        date(2024, 6, 27),
        2,
    )


def test_an_early_report_counts_before_the_due_day() -> None:
    assert instance_state(DUE, [date(2024, 6, 3)], date(2024, 6, 10))[0] == "on_time"


@given(
    st.lists(st.dates(date(2024, 6, 1), date(2024, 8, 31)), max_size=4),
    st.dates(date(2024, 6, 1), date(2024, 8, 31)),
    st.lists(st.integers(1, 60), max_size=3),
)
def test_later_records_never_change_the_past(
    dates: list[date], as_of: date, later: list[int]
) -> None:
    extra = [as_of + timedelta(days=n) for n in later]
    assert instance_state(DUE, dates, as_of) == instance_state(DUE, dates + extra, as_of)


def test_grid_is_unit_by_unit_in_the_given_order() -> None:
    periods = DUTY.periods("2024-05", "2024-06")
    subs = [
        Submission("乙", "2024-05", date(2024, 5, 30)),
        Submission("甲", "2024-06", date(2024, 6, 25)),
        Submission("甲", "2024-06", date(2024, 6, 28)),
    ]
    cells = grid(DUTY, periods, ["乙", "甲"], subs, date(2024, 7, 1))
    assert [(c.unit, c.period.key, c.state, c.days_late, c.submissions) for c in cells] == [
        ("乙", "2024-05", "late", 5, 1),
        ("乙", "2024-06", "missing", 6, 0),
        ("甲", "2024-05", "missing", 37, 0),
        ("甲", "2024-06", "on_time", 0, 2),
    ]
    assert totals(cells, ["乙", "甲"]) == [
        Totals("乙", on_time=0, late=1, missing=1),
        Totals("甲", on_time=1, late=0, missing=1),
    ]


def test_grid_is_the_running_view_unless_told_otherwise() -> None:
    """On the due day itself a report can still come in time: the grid (reports, rank,
    overdue) shows it not due yet; only a report *on* that day counts it missing."""
    june = DUTY.periods("2024-06", "2024-06")
    running = grid(DUTY, june, ["甲"], [], DUE)
    assert [(c.state, c.days_late) for c in running] == [("not_due", 0)]
    on_the_day = grid(DUTY, june, ["甲"], [], DUE, missing_on_due_day=True)
    assert [(c.state, c.days_late) for c in on_the_day] == [("missing", 0)]


def test_grid_counts_a_record_dated_the_as_of_day() -> None:
    june = DUTY.periods("2024-06", "2024-06")
    subs = [
        Submission("甲", "2024-06", date(2024, 6, 20)),
        Submission("甲", "2024-06", date(2024, 6, 26)),  # a correction, on the as-of day
        Submission("甲", "2024-06", date(2024, 6, 27)),  # after it: not yet
    ]
    [cell] = grid(DUTY, june, ["甲"], subs, date(2024, 6, 26))
    assert (cell.state, cell.submitted_on, cell.submissions) == ("on_time", date(2024, 6, 20), 2)


def test_totals_rate_is_on_time_over_due_and_none_when_nothing_is_due() -> None:
    assert Totals("甲", on_time=3, late=1, missing=0, not_due=5).on_time_rate == 0.75
    assert Totals("甲", not_due=2).on_time_rate is None


def test_duty_period_refuses_months_outside_its_span() -> None:
    assert DUTY.period("2024-05").key == "2024-05"
    with pytest.raises(ValueError, match=r"^2024-04 不在该职责的期次范围内（2024-05至2026-12）$"):
        DUTY.period("2024-04")
    with pytest.raises(ValueError, match=r"^2027-01 不在该职责的期次范围内（2024-05至2026-12）$"):
        DUTY.period("2027-01")
    with pytest.raises(ValueError, match="不是实际存在的月份"):
        DUTY.period("2024-13")


@pytest.mark.parametrize(
    ("kwargs", "as_of", "first", "last"),
    [
        ({}, date(2024, 10, 1), "2024-05", "2024-10"),  # this year up to the as-of month
        ({}, date(2025, 3, 1), "2025-01", "2025-03"),
        ({}, date(2027, 3, 1), "2026-01", "2026-12"),  # after the end: its last year
        ({"year": 2025}, date(2024, 10, 1), "2025-01", "2025-12"),
        ({"year": 2024}, date(2024, 10, 1), "2024-05", "2024-12"),  # clipped to the start
        ({"month": "2024-07"}, date(2024, 10, 1), "2024-07", "2024-07"),
        ({"first": "2024-01", "last": "2024-06"}, date(2024, 10, 1), "2024-05", "2024-06"),
        ({"first": "2024-08"}, date(2024, 10, 1), "2024-08", "2024-10"),
        ({"last": "2024-06"}, date(2024, 10, 1), "2024-05", "2024-06"),
        ({"first": "2024-06", "last": "2024-06"}, date(2024, 10, 1), "2024-06", "2024-06"),
    ],
)
def test_choose_periods(kwargs: dict[str, object], as_of: date, first: str, last: str) -> None:
    periods = choose_periods(DUTY, as_of, **kwargs)  # type: ignore[arg-type]
    assert (periods[0].key, periods[-1].key) == (first, last)


def test_choose_periods_before_the_duty_starts_is_empty() -> None:
    assert choose_periods(DUTY, date(2024, 3, 1)) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"month": "2024-07", "year": 2024}, "--month 不能与"),
        ({"month": "2024-07", "first": "2024-06"}, "--month 不能与"),
        ({"month": "2024-07", "last": "2024-08"}, "--month 不能与"),
        ({"year": 2024, "first": "2024-06"}, "--year 不能与"),
        ({"first": "2024-09", "last": "2024-06"}, "晚于--to"),
        ({"first": "2024-9"}, "不是月份"),
    ],
)
def test_choose_periods_refuses_contradictions(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        choose_periods(DUTY, date(2024, 10, 1), **kwargs)  # type: ignore[arg-type]
