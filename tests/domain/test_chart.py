"""The wall chart's rows: every colour is the `status` rule applied to a due day."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from maogang_cli.domain.chart import (
    Mark,
    Row,
    Section,
    action_sections,
    duty_section,
    judged,
    month_span,
    task_row,
    unit_rows,
    worst,
)
from maogang_cli.domain.duties import Duty, PlanMilestone
from maogang_cli.domain.models import TaskInfo
from maogang_cli.domain.owed import Owed, OwedKind
from maogang_cli.domain.plan import Action, Measure
from maogang_cli.domain.reports import InstanceState
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


def owed(
    kind: OwedKind, ident: str, period: str, unit: str, due: date, done_on: date | None = None
) -> Owed:
    state: InstanceState = "on_time" if done_on else "missing" if due < AS_OF else "not_due"
    title = "月度报告" if kind == "duty" else ident
    return Owed(kind, ident, period, title, unit, due, state, done_on, 0)


REPORTS = Duty("monthly_report", "月度报告", "monthly", 5, "2024-04", "2026-12", [], [])


def test_a_duty_row_marks_each_period_and_counts_those_due() -> None:
    """As of 2024-06-10: 2024-04 (due 05-05) done by both, 2024-05 (due 06-05) missing
    from 应急办, 2024-06 (due 07-05, 25 days off) not due. Of the two periods due, one is
    done: 1/2."""
    instances = [
        owed("duty", "monthly_report", "2024-04", "城运中心", date(2024, 5, 5), date(2024, 5, 3)),
        owed("duty", "monthly_report", "2024-04", "应急办", date(2024, 5, 5), date(2024, 5, 5)),
        owed("duty", "monthly_report", "2024-05", "城运中心", date(2024, 6, 5), date(2024, 6, 4)),
        owed("duty", "monthly_report", "2024-05", "应急办", date(2024, 6, 5)),
        owed("duty", "monthly_report", "2024-06", "城运中心", date(2024, 7, 5)),
        owed("plan_milestone", "monthly_report", "", "应急办", date(2024, 5, 1)),  # not a duty
    ]
    meeting = Duty("meeting", "调度会", "quarterly", None, "2024-04", "2026-12", [], [])
    section = duty_section([meeting, REPORTS], instances, AS_OF, 15, {"monthly_report": "月报"})
    assert section == Section(
        "duties",
        "",
        (
            Row(
                "duty",
                "monthly_report",
                "月度报告",
                "月度报告",
                "red",
                "1/2",
                (
                    Mark("duty", "monthly_report/2024-04", date(2024, 5, 5), "green", True, 1,
                         "月度报告", (), "月报/2024-04"),
                    Mark("duty", "monthly_report/2024-05", date(2024, 6, 5), "red", False, 1,
                         "月度报告", ("应急办",), "月报/2024-05"),
                    Mark("duty", "monthly_report/2024-06", date(2024, 7, 5), "green", False, 1,
                         "月度报告", ("城运中心",), "月报/2024-06"),
                ),
            ),
        ),
    )  # fmt: skip
    assert duty_section([meeting, REPORTS], [], AS_OF, 15) is None


def test_a_period_due_on_the_day_counts_as_due() -> None:
    """As of 06-05, the 2024-05 report due that day is counted (0/1) and yellow, not red;
    without short names a mark is labelled by its id."""
    instances = [owed("duty", "monthly_report", "2024-05", "应急办", date(2024, 6, 5))]
    section = duty_section([REPORTS], instances, date(2024, 6, 5), 15)
    assert section is not None
    (row,) = section.rows
    assert (row.signal, row.figure) == ("yellow", "0/1")
    assert [m.label for m in row.marks] == ["monthly_report/2024-05"]


def test_action_sections_put_tasks_under_the_actions_of_their_measures() -> None:
    def info(ident: str, seq: int, action: str, measures: list[int]) -> TaskInfo:
        return task([])._replace(id=ident, seq=seq, action=action, measures=measures)

    actions = [Action(1, "强化责任"), Action(2, "排查整治"), Action(3, "宣传培训")]
    measures = [
        Measure(1, 1, "措施一", ""),
        Measure(2, 2, "措施二", ""),
        Measure(3, 3, "措施三", ""),
    ]
    tasks = [
        info("2024-00", 0, "（一）落实责任", [1]),  # no pair shown: no row
        info("2024-01", 1, "（一）落实责任", [2]),  # measure 2: action 2
        info("2024-02", 2, "（二）专项整治", []),  # no measure: under its own 行动 words
        info("2024-03", 3, "（二）专项整治", [9]),  # a measure not in the plan: likewise
    ]
    states = [
        pair("2024-01", "城运中心", "done", date(2024, 6, 30), date(2024, 6, 1)),
        pair("2024-02", "应急办", "in_progress", date(2024, 6, 30)),
        pair("2024-03", "应急办", "not_started", date(2024, 5, 31)),
    ]
    milestones = [
        PlanMilestone("m01-2024", 1, date(2024, 6, 20), "培树企业", [], []),
        PlanMilestone("m01-2025", 1, date(2024, 5, 31), "制定方案", [], []),
    ]
    instances = [
        owed("plan_milestone", "m01-2024", "2024-06", "城运中心", date(2024, 6, 20)),
        owed("plan_milestone", "m01-2025", "2024-05", "城运中心", date(2024, 5, 31), AS_OF),
        # a duty may share a milestone's id (the catalogue allows it): not a milestone
        owed("duty", "m01-2024", "2024-05", "应急办", date(2024, 6, 5)),
    ]
    sections = action_sections(
        actions, measures, tasks, states, milestones, instances, AS_OF, 15, {"m01-2024": "培树"}
    )
    assert [(s.key, s.title, [(r.kind, r.key, r.signal, r.figure) for r in s.rows])
            for s in sections] == [
        ("（二）专项整治", "（二）专项整治",
         [("task", "2024-02", "green", "0/1"), ("task", "2024-03", "red", "0/1")]),
        ("1", "强化责任", [("plan_milestones", "1", "yellow", "1/2")]),
        ("2", "排查整治", [("task", "2024-01", "green", "1/1")]),
    ]  # fmt: skip
    # 06-20 is 10 days off: yellow; m01-2025 done; in date order, titled in list order
    assert sections[1].rows[0] == Row(
        "plan_milestones",
        "1",
        "",
        "m01-2024\nm01-2025",
        "yellow",
        "1/2",
        (
            Mark("plan_milestone", "m01-2025", date(2024, 5, 31), "green", True, 1, "m01-2025",
                 (), "m01-2025"),
            Mark("plan_milestone", "m01-2024", date(2024, 6, 20), "yellow", False, 1, "m01-2024",
                 ("城运中心",), "培树"),
        ),
    )  # fmt: skip
