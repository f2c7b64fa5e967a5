"""The wall chart's rows: every colour is the `status` rule applied to a due day."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from maogang_cli.domain.chart import judged, month_span, worst
from maogang_cli.domain.status import PairState

DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@given(DAYS, DAYS, st.booleans(), st.integers(0, 365))
def test_judged_is_the_status_rule(due: date, as_of: date, done: bool, warn: int) -> None:
    state = PairState(
        "t", "u", "responsible", due, "done" if done else "in_progress", None, as_of, warn
    )
    assert judged(due, done, as_of, warn) == state.signal


def test_judged_on_the_edges() -> None:
    due = date(2024, 6, 30)
    assert judged(due, False, date(2024, 6, 30), 15) == "yellow"  # the due day is not late
    assert judged(due, False, date(2024, 7, 1), 15) == "red"
    assert judged(due, False, date(2024, 6, 15), 15) == "yellow"
    assert judged(due, False, date(2024, 6, 14), 15) == "green"
    assert judged(due, True, date(2025, 1, 1), 15) == "green"


def test_worst() -> None:
    assert worst([]) == "green"
    assert worst(["green", "yellow", "green"]) == "yellow"
    assert worst(["yellow", "red", "green"]) == "red"


def test_month_span_takes_in_every_day() -> None:
    assert month_span("2024-04", "2024-06", []) == ("2024-04", "2024-05", "2024-06")
    assert month_span("2024-11", "2024-12", [date(2025, 1, 31), date(2024, 10, 1)]) == (
        "2024-10",
        "2024-11",
        "2024-12",
        "2025-01",
    )
