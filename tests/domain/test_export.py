"""The monthly report as data: its rows, its 汇总 per unit, its report day, its narrowing.
Expected values are worked out by hand from the pairs below (as of 2024-06-25)."""

from __future__ import annotations

from datetime import date

from maogang_cli.domain.export import (
    ExportRow,
    ExportSummary,
    MonthlyExport,
    MonthRecord,
    ReportArrival,
    build_export,
    default_as_of,
    for_units,
    units_with_rows,
)
from maogang_cli.domain.hazards import HazardView
from maogang_cli.domain.models import TaskInfo
from maogang_cli.domain.periods import parse_period
from maogang_cli.domain.reports import Instance, InstanceState
from maogang_cli.domain.status import PairState, UnitSummary

JUNE = parse_period("monthly", "2024-06")
AS_OF = date(2024, 6, 25)  # the monthly report's due day


def task(task_id: str, title: str, deadline: date) -> TaskInfo:
    return TaskInfo(
        id=task_id,
        year=2024,
        seq=int(task_id[-2:]),
        action="行动",
        title=title,
        description="",
        deadline=deadline,
        deadline_text=f"{deadline:%Y-%m}",
        responsible=[],
        cooperating=[],
        responsible_etc=False,
        cooperating_etc=False,
        responsible_units=[],
        cooperating_units=[],
        measures=[],
        milestones=[],
        retired=False,
    )


APRIL, END_OF_JUNE = date(2024, 4, 30), date(2024, 6, 30)
TASKS = {
    "2024-04": task("2024-04", "安全培训", APRIL),
    "2024-16": task("2024-16", "隐患排查", END_OF_JUNE),
}
STATES = [
    # done ten days after its deadline
    PairState(
        "2024-04", "甲", "responsible", APRIL, "done", date(2024, 5, 10), AS_OF, 15, "已培训", 100
    ),
    # 协办, 56 days past the deadline (31 to May 31st, 25 more to June 25th)
    PairState("2024-04", "乙", "cooperating", APRIL, "in_progress", None, AS_OF, 15, "", 40),
    # 5 days left, within the 15 days' warning: yellow
    PairState("2024-16", "乙", "responsible", END_OF_JUNE, "not_started", None, AS_OF),
    PairState("2024-16", "丙", "responsible", END_OF_JUNE, "done", date(2024, 6, 20), AS_OF),
]
IN_PROGRESS = MonthRecord(date(2024, 6, 3), "in_progress", 40, "进行中")
HALF, DONE = (
    MonthRecord(date(2024, 6, 10), "in_progress", 50),
    MonthRecord(date(2024, 6, 20), "done", 100, "完成"),
)


def instance(unit: str, state: InstanceState, submitted_on: date | None) -> Instance:
    return Instance(unit, JUNE, AS_OF, state, submitted_on)


REPORTS = {
    "甲": instance("甲", "on_time", date(2024, 6, 20)),
    "乙": instance("乙", "missing", None),
    "丁": instance("丁", "on_time", date(2024, 6, 24)),  # reports, owes no task
}
# The catalogue's order, not the order the units first appear in.
ORDER = ["丁", "丙", "乙", "甲"]


def export() -> MonthlyExport:
    return build_export(
        month=JUNE,
        as_of=AS_OF,
        year=2024,
        states=STATES,
        tasks=TASKS,
        last_updates={("2024-04", "甲"): date(2024, 5, 10), ("2024-04", "乙"): date(2024, 6, 3)},
        month_records={("2024-04", "乙"): [IN_PROGRESS], ("2024-16", "丙"): [HALF, DONE]},
        reports=REPORTS,
        report_due=AS_OF,
        unit_order=ORDER,
    )


JIA_ON_TIME = ReportArrival("on_time", date(2024, 6, 20), 0)
YI_MISSING = ReportArrival("missing", None, 0)


def test_rows_follow_the_pairs_with_their_figures() -> None:
    d = date
    assert export().rows == (
        ExportRow(
            "2024-04", 2024, 4, "安全培训", "甲", "responsible", APRIL, "done",
            d(2024, 5, 10), 100, "已培训", d(2024, 5, 10), False, 0, True, 10, (),
            JIA_ON_TIME, "green",
        ),
        ExportRow(
            "2024-04", 2024, 4, "安全培训", "乙", "cooperating", APRIL, "in_progress",
            d(2024, 6, 3), 40, "", None, True, 56, False, 0, (IN_PROGRESS,),
            YI_MISSING, "red",
        ),
        ExportRow(
            "2024-16", 2024, 16, "隐患排查", "乙", "responsible", END_OF_JUNE, "not_started",
            None, None, "", None, False, 0, False, 0, (),
            YI_MISSING, "yellow",
        ),
        ExportRow(
            "2024-16", 2024, 16, "隐患排查", "丙", "responsible", END_OF_JUNE, "done",
            None, None, "", d(2024, 6, 20), False, 0, False, 0, (HALF, DONE),
            None, "green",
        ),
    )  # fmt: skip


def test_summary_counts_lead_and_support_apart_in_catalogue_order() -> None:
    assert export().summary == (
        ExportSummary(
            "丁",
            UnitSummary("丁"),
            UnitSummary("丁"),
            0,
            ReportArrival("on_time", date(2024, 6, 24), 0),
        ),
        ExportSummary("丙", UnitSummary("丙", tasks=1, done=1), UnitSummary("丙"), 2, None),
        ExportSummary(
            "乙",
            UnitSummary("乙", tasks=1, not_started=1, due_soon=1),
            UnitSummary("乙", tasks=1, in_progress=1, overdue=1),
            1,
            YI_MISSING,
        ),
        ExportSummary(
            "甲", UnitSummary("甲", tasks=1, done=1, done_late=1), UnitSummary("甲"), 0, JIA_ON_TIME
        ),
    )
    rates = [s.completion_rate for s in export().summary]
    assert rates == [None, 1.0, 0.0, 1.0]


def test_the_export_keeps_its_month_day_and_year() -> None:
    whole = export()
    assert (whole.month, whole.as_of, whole.year, whole.report_due, whole.hazards) == (
        "2024-06",
        AS_OF,
        2024,
        AS_OF,
        (),
    )


def test_a_unit_outside_the_catalogue_order_comes_last() -> None:
    reports = {**REPORTS, "戊": instance("戊", "not_due", None)}
    whole = build_export(
        month=JUNE,
        as_of=AS_OF,
        year=None,
        states=[],
        tasks={},
        last_updates={},
        month_records={},
        reports=reports,
        report_due=AS_OF,
        unit_order=["乙", "甲"],
    )
    assert [s.unit for s in whole.summary] == ["乙", "甲", "丁", "戊"]
    assert [s.report.state if s.report else None for s in whole.summary] == [
        "missing",
        "on_time",
        "on_time",
        "not_due",
    ]


def test_the_report_day_is_the_due_day_else_the_month_end_never_after_today() -> None:
    assert default_as_of(JUNE, AS_OF, date(2024, 7, 10)) == AS_OF
    assert default_as_of(JUNE, None, date(2024, 7, 10)) == date(2024, 6, 30)
    assert default_as_of(JUNE, AS_OF, date(2024, 6, 20)) == date(2024, 6, 20)
    assert default_as_of(JUNE, None, date(2024, 6, 29)) == date(2024, 6, 29)


def hazard(number: str, department: str) -> HazardView:
    day = date(2024, 6, 1)
    return HazardView(
        number, day, "一般", "自查", department, "泖港村", "工贸", "某公司", "通道堵塞",
        "open", END_OF_JUNE, day, False, 0,
    )  # fmt: skip


def test_narrowed_to_units_keeps_their_rows_lines_and_hazards_only() -> None:
    whole = export()._replace(hazards=(hazard("YH-2024-0001", "甲"), hazard("YH-2024-0002", "乙")))
    narrowed = for_units(whole, ["乙", "丁"])
    assert [s.unit for s in narrowed.summary] == ["丁", "乙"]
    assert narrowed.summary == (whole.summary[0], whole.summary[2])
    assert narrowed.rows == whole.rows[1:3]
    assert [h.id for h in narrowed.hazards] == ["YH-2024-0002"]
    assert (narrowed.month, narrowed.as_of) == ("2024-06", AS_OF)


def test_units_with_rows_in_the_summary_order() -> None:
    assert units_with_rows(export()) == ["丙", "乙", "甲"]  # 丁 only reports
