"""The 通报's figures: status's rows added up, each task's lead units done and waiting, and
the overdue tasks grouped by unit in catalogue order. Expected values worked out by hand."""

from __future__ import annotations

from datetime import date

from maogang_cli.domain.bulletin import (
    TaskProgress,
    Totals,
    UnitOverdue,
    overdue_by_unit,
    task_progress,
    totals,
)
from maogang_cli.domain.models import TaskInfo
from maogang_cli.domain.status import PairState, UnitSummary

AS_OF = date(2024, 6, 20)


def task(id: str, seq: int, deadline: date) -> TaskInfo:
    return TaskInfo(
        id, 2024, seq, "行动", f"任务{seq}", "", deadline, "", [], [], False, False, [], [], [],
        [], False,
    )  # fmt: skip


def pair(task_id: str, unit: str, status: str, deadline: date) -> PairState:
    return PairState(task_id, unit, "responsible", deadline, status, None, AS_OF)


def test_totals_add_up_status_rows_and_sort_units_by_colour() -> None:
    summaries = [
        # red: one overdue
        UnitSummary("城运中心", 3, done=1, in_progress=1, blocked=1, overdue=1, done_late=1),
        # yellow: one due within the warning days
        UnitSummary("应急办", 2, in_progress=1, not_started=1, due_soon=1),
        UnitSummary("规建办", 1, done=1),  # green
        UnitSummary("经发办"),  # green: nothing to do
    ]
    got = totals(summaries)
    assert got == Totals(
        pairs=6,
        done=2,
        in_progress=2,
        not_started=1,
        blocked=1,
        overdue=1,
        done_late=1,
        red=("城运中心",),
        yellow=("应急办",),
        green=("规建办", "经发办"),
    )
    assert got.completion_rate == 2 / 6
    assert totals([UnitSummary("经发办")]).completion_rate is None


def test_task_progress_counts_each_tasks_lead_units_in_list_order() -> None:
    tasks = [
        task("2024-01", 1, date(2024, 5, 31)),
        task("2024-02", 2, date(2024, 6, 15)),  # no lead pair shown: left out
        task("2024-03", 3, date(2024, 6, 30)),
    ]
    states = [
        pair("2024-03", "应急办", "not_started", date(2024, 6, 30)),
        pair("2024-01", "城运中心", "done", date(2024, 5, 31)),
        pair("2024-01", "规建办", "in_progress", date(2024, 5, 31)),
        pair("2024-01", "应急办", "done", date(2024, 5, 31)),
        pair("2024-03", "城运中心", "done", date(2024, 6, 30)),
    ]
    assert task_progress(tasks, states) == [
        TaskProgress("2024-01", 1, "任务1", date(2024, 5, 31), 2, 3, ("规建办",)),
        TaskProgress("2024-03", 3, "任务3", date(2024, 6, 30), 1, 2, ("应急办",)),
    ]


def test_overdue_units_in_catalogue_order_then_by_name_most_overdue_first() -> None:
    late = [
        pair("2024-03", "城运中心", "in_progress", date(2024, 6, 15)),  # 5 days
        pair("2024-01", "泖港派出所", "not_started", date(2024, 5, 31)),  # 20 days
        pair("2024-01", "城运中心", "blocked", date(2024, 5, 31)),  # 20 days
        pair("2024-04", "党政办", "not_started", date(2024, 6, 17)),  # 3 days
        pair("2024-01", "规建办", "not_started", date(2024, 5, 31)),  # 20 days
    ]
    titles = {"2024-01": "任务1", "2024-03": "任务3"}  # 2024-04 retired: no title
    # the catalogue puts 规建办 before 城运中心 (by name it would be after); 党政办 and
    # 泖港派出所 are not in it: after, by name (党 U+515A before 泖 U+6CD6)
    assert overdue_by_unit(late, titles, ["规建办", "城运中心"]) == [
        UnitOverdue("规建办", (("2024-01", "任务1", 20, "not_started"),)),
        UnitOverdue(
            "城运中心",
            (("2024-01", "任务1", 20, "blocked"), ("2024-03", "任务3", 5, "in_progress")),
        ),
        UnitOverdue("党政办", (("2024-04", "", 3, "not_started"),)),
        UnitOverdue("泖港派出所", (("2024-01", "任务1", 20, "not_started"),)),
    ]
