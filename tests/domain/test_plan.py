"""What `overdue --kind` asks for, how the overdue items group into obligations, and the
plan as `maogang plan` shows it (domain/plan.py)."""

from __future__ import annotations

from datetime import date

import pytest

from maogang_cli.domain.duties import PlanMilestone
from maogang_cli.domain.models import TaskHead, TaskInfo
from maogang_cli.domain.owed import Owed, OwedKind, group_overdue, merge_overdue, parse_kinds
from maogang_cli.domain.plan import (
    Action,
    ActionView,
    Measure,
    MeasureView,
    MilestoneView,
    TaskProgress,
    build_plan,
)
from maogang_cli.domain.reports import InstanceState
from maogang_cli.domain.status import PairState
from maogang_cli.i18n import set_language

AS_OF = date(2024, 7, 1)


def pair(task_id: str, unit: str, deadline: date) -> PairState:
    return PairState(task_id, unit, "responsible", deadline, "not_started", None, AS_OF)


def missed(kind: OwedKind, ident: str, period: str, unit: str, due: date) -> Owed:
    days = (AS_OF - due).days
    return Owed(kind, ident, period, f"{ident} title", unit, due, "missing", None, days)


@pytest.mark.parametrize(
    ("values", "kinds"),
    [
        ([], ("task", "duty", "plan_milestone", "hazard")),
        (["duty"], ("duty",)),
        (["plan_milestone,task"], ("task", "plan_milestone")),
        (["duty", "task", "duty"], ("task", "duty")),
        ([" duty , "], ("duty",)),
        # the words the help gives, in either language (tester T10: 任务 was refused)
        (["任务"], ("task",)),
        (["隐患、方案节点"], ("plan_milestone", "hazard")),
        (["常态工作，task"], ("task", "duty")),
    ],
)
def test_parse_kinds(values: list[str], kinds: tuple[str, ...]) -> None:
    assert parse_kinds(values) == kinds


def test_parse_kinds_names_the_unknown_one() -> None:
    with pytest.raises(ValueError) as refused:
        parse_kinds(["duty,milestone"])
    assert str(refused.value) == "未知类别“milestone”；可选：任务、常态工作、方案节点、隐患"
    set_language("en")
    with pytest.raises(ValueError) as refused:
        parse_kinds(["节点"])
    assert str(refused.value) == (
        "unknown kind '节点'; choose from: task, duty, plan_milestone, hazard"
    )


def test_group_overdue_one_group_per_task_duty_period_and_milestone() -> None:
    june, may = date(2024, 6, 30), date(2024, 5, 25)
    items = merge_overdue(
        [
            pair("2024-04", "镇安委办", date(2024, 4, 30)),
            pair("2024-16", "镇安委办", june),
            pair("2024-16", "经发办", june),
        ],
        [
            missed("duty", "monthly_report", "2024-05", "农办", may),
            missed("duty", "monthly_report", "2024-05", "规建办", may),
            missed("duty", "quarterly_review", "2024-Q2", "镇安委办", june),
            missed("plan_milestone", "m03-2024", "2024-06", "农办", june),
            missed("duty", "quarterly_review", "2024-Q2", "镇监察办", june),
        ],
    )
    heads = {t: TaskHead(t, 2024, int(t[-2:]), f"task {t}") for t in ("2024-04", "2024-16")}
    groups = group_overdue(items, heads)
    assert [
        (g.kind, g.id, g.period, g.days_overdue, [i.unit for i in g.items]) for g in groups
    ] == [
        ("task", "2024-04", "", 62, ["镇安委办"]),
        ("duty", "monthly_report", "2024-05", 37, ["农办", "规建办"]),
        ("task", "2024-16", "", 1, ["镇安委办", "经发办"]),
        ("duty", "quarterly_review", "2024-Q2", 1, ["镇安委办", "镇监察办"]),
        ("plan_milestone", "m03-2024", "", 1, ["农办"]),
    ]
    assert (groups[0].title, groups[0].due) == ("task 2024-04", date(2024, 4, 30))
    assert (groups[1].title, groups[1].due) == ("monthly_report title", may)


# --- the plan page (domain/plan.py) ---------------------------------------------------


def milestone(ident: str, measure: int, due: date, units: list[str]) -> PlanMilestone:
    return PlanMilestone(ident, measure, due, f"节点{ident}", units, units)


def owes(ident: str, unit: str, due: date, state: InstanceState) -> Owed:
    period = f"{due:%Y-%m}"
    return Owed("plan_milestone", ident, period, f"节点{ident}", unit, due, state, None, 0)


def serving(task_id: str, measures: list[int]) -> TaskInfo:
    return TaskInfo(
        task_id, 2024, int(task_id[-2:]), "行动", f"任务{task_id}", "", date(2024, 12, 31),
        "2024-12", [], [], False, False, [], [], measures, [], False,
    )  # fmt: skip


def test_plan_nests_measures_tasks_and_milestones_with_their_states() -> None:
    june, may, march, dec = (
        date(2024, 6, 30),
        date(2024, 5, 31),
        date(2024, 3, 31),
        date(2024, 12, 31),
    )
    actions = [Action(1, "行动一"), Action(2, "行动二")]
    # measure 3 belongs to action 1 but is listed after measure 2
    measures = [
        Measure(1, 1, "措施一", ""),
        Measure(2, 2, "措施二", ""),
        Measure(3, 1, "措施三", ""),
    ]
    m01 = milestone("m01", 1, june, ["甲", "乙"])
    m02 = milestone("m02", 2, may, ["丙"])
    m03 = milestone("m03", 3, dec, ["甲"])
    m09 = milestone("m09", 1, march, [])  # nobody answers for it: never done
    owed = [
        owes("m01", "甲", june, "on_time"),
        owes("m01", "乙", june, "missing"),
        owes("m02", "丙", may, "late"),
        owes("m03", "甲", dec, "not_due"),
        Owed(
            "duty",
            "monthly_report",
            "2024-06",
            "月报",
            "甲",
            date(2024, 6, 25),
            "missing",
            None,
            15,
        ),
    ]
    tasks = [serving("2024-01", [1, 3]), serving("2024-02", [2]), serving("2024-03", [1])]
    states = [
        pair("2024-01", "甲", dec)._replace(status="done"),
        pair("2024-01", "乙", dec)._replace(status="in_progress"),
        pair("2024-02", "丙", dec)._replace(status="done"),
    ]
    views = build_plan(actions, measures, [m01, m02, m03, m09], owed, tasks, states, AS_OF)
    one, three = (
        TaskProgress("2024-01", "任务2024-01", 1, 2),
        TaskProgress("2024-03", "任务2024-03", 0, 0),
    )
    assert (
        views
        == [
            ActionView(
                actions[0],
                [
                    MeasureView(
                        measures[0],
                        [one, three],
                        [
                            MilestoneView(m01, "overdue", owed[0:2]),  # 乙 has not done it
                            MilestoneView(m09, "overdue", []),
                        ],
                    ),
                    MeasureView(measures[2], [one], [MilestoneView(m03, "open", owed[3:4])]),
                ],
            ),
            ActionView(
                actions[1],
                [
                    MeasureView(
                        measures[1],
                        [TaskProgress("2024-02", "任务2024-02", 1, 1)],
                        [MilestoneView(m02, "done", owed[2:3])],  # late, but done
                    )
                ],
            ),
        ]
    )
