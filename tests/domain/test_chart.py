"""The wall chart's rows: every colour is the `status` rule applied to a due day."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from maogang_cli.domain.chart import Mark, Row, judged, month_span, task_row, unit_rows, worst
from maogang_cli.domain.models import TaskInfo
from maogang_cli.domain.status import PairState, UnitSummary

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


AS_OF = date(2024, 6, 10)


def task(milestones: list[dict[str, str]]) -> TaskInfo:
    return TaskInfo(
        "2024-14", 2024, 14, "行动", "任务14", "", date(2024, 6, 30), "", [], [], False, False,
        [], [], [], milestones, False,
    )  # fmt: skip


def pair(
    task_id: str, unit: str, status: str, deadline: date, done_on: date | None = None
) -> PairState:
    return PairState(task_id, unit, "responsible", deadline, status, done_on, AS_OF, 15)


def test_a_task_row_marks_each_step_and_the_deadline() -> None:
    """As of 2024-06-10, warning 15 days: the step due 05-31 is red for the unit not done,
    the one due 06-15 yellow (5 days left), the deadline 06-30 green (20 days left)."""
    steps = [{"due": "2024-05-31", "text": "制定方案"}, {"due": "2024-06-15", "text": "完成排查"}]
    states = [
        pair("2024-14", "城运中心", "done", date(2024, 6, 30), date(2024, 5, 20)),
        pair("2024-14", "应急办", "in_progress", date(2024, 6, 30)),
    ]
    waiting = ("应急办",)
    assert task_row(task(steps), states) == Row(
        "task",
        "2024-14",
        "14. 任务14",
        "任务14",
        "green",
        "1/2",
        (
            Mark("task_step", "2024-14#1", date(2024, 5, 31), "red", False, 1, "制定方案", waiting),
            Mark(
                "task_step", "2024-14#2", date(2024, 6, 15), "yellow", False, 1, "完成排查", waiting
            ),
            Mark("task", "2024-14", date(2024, 6, 30), "green", False, 1, "任务14", waiting),
        ),
    )


def test_a_task_done_by_every_unit_has_every_mark_done() -> None:
    steps = [{"due": "2024-05-31", "text": "制定方案"}]
    states = [pair("2024-14", "城运中心", "done", date(2024, 6, 30), date(2024, 6, 1))]
    row = task_row(task(steps), states)
    assert [(m.ref, m.signal, m.done, m.waiting) for m in row.marks] == [
        ("2024-14#1", "green", True, ()),
        ("2024-14", "green", True, ()),
    ]
    assert (row.signal, row.figure) == ("green", "1/1")


def test_unit_rows_mark_each_month_with_tasks_due() -> None:
    """As of 2024-06-10: 应急办's 2024-09 (due 05-31) is overdue, its 2024-14 (due 06-20)
    yellow, its 2024-12 done; 城运中心 has done 2024-14; 经发办 has nothing due."""
    summaries = [
        UnitSummary("应急办", 3, done=1, in_progress=1, not_started=1, overdue=1, due_soon=1),
        UnitSummary("城运中心", 1, done=1),
        UnitSummary("经发办"),
    ]
    states = [
        pair("2024-14", "应急办", "in_progress", date(2024, 6, 20)),
        pair("2024-12", "应急办", "done", date(2024, 6, 5), date(2024, 6, 1)),
        pair("2024-09", "应急办", "not_started", date(2024, 5, 31)),
        pair("2024-14", "城运中心", "done", date(2024, 6, 20), date(2024, 6, 3)),
    ]
    titles = {"2024-14": "任务14", "2024-12": "任务12"}  # 2024-09 retired: no title
    assert unit_rows(summaries, states, titles) == [
        Row(
            "unit",
            "应急办",
            "应急办",
            "应急办",
            "red",
            "1/3",
            (
                Mark("unit_tasks", "应急办/2024-05", date(2024, 5, 31), "red", False, 1, "",
                     ("2024-09 ",)),
                Mark("unit_tasks", "应急办/2024-06", date(2024, 6, 20), "yellow", False, 2, "",
                     ("2024-14 任务14",)),
            ),
        ),
        Row(
            "unit",
            "城运中心",
            "城运中心",
            "城运中心",
            "green",
            "1/1",
            (Mark("unit_tasks", "城运中心/2024-06", date(2024, 6, 20), "green", True, 1, "", ()),),
        ),
        Row("unit", "经发办", "经发办", "经发办", "green", "0/0", ()),
    ]  # fmt: skip
