"""The 通报 ranking rule and shared ranks."""

from __future__ import annotations

from maogang_cli.domain.rank import rank_text, rank_units
from maogang_cli.domain.reports import Totals
from maogang_cli.domain.status import UnitSummary

ORDER = ["甲", "乙", "丙", "丁", "戊"]


def test_rule_order_and_ties_share_a_rank() -> None:
    summaries = [
        UnitSummary("甲", tasks=4, done=2, overdue=1),  # 50%
        UnitSummary("乙", tasks=2, done=1, overdue=0),  # 50%, fewer overdue
        UnitSummary("丙", tasks=4, done=2, overdue=1),  # same as 甲 ...
        UnitSummary("丁", tasks=4, done=4),  # 100%
    ]
    reports = [
        Totals("甲", on_time=1, late=1),
        Totals("丙", on_time=1, late=1),  # ... on every figure: shares 甲's rank
        Totals("乙", on_time=0, missing=2),
    ]
    rows = rank_units(summaries, reports, ORDER)
    assert [(r.rank, r.unit) for r in rows] == [(1, "丁"), (2, "乙"), (3, "甲"), (3, "丙")]


def test_done_late_then_report_rate_break_ties() -> None:
    summaries = [
        UnitSummary("甲", tasks=2, done=1, done_late=1),
        UnitSummary("乙", tasks=2, done=1),
        UnitSummary("丙", tasks=2, done=1),
    ]
    reports = [Totals("乙", on_time=1, late=1), Totals("丙", on_time=2)]
    rows = rank_units(summaries, reports, ORDER)
    assert [(r.rank, r.unit) for r in rows] == [(1, "丙"), (2, "乙"), (3, "甲")]


def test_a_unit_owing_no_report_is_not_compared_on_reports() -> None:
    """Tester T40: 甲 owes no monthly report. Counted as 100% it won every tie with units
    equal on their tasks; now it shares the place of the best of them, and ranks above none."""
    summaries = [UnitSummary("甲", tasks=1), UnitSummary("乙", tasks=1)]
    rows = rank_units(summaries, [Totals("乙", missing=1)], ORDER)
    assert [(r.rank, r.unit, r.report_rate) for r in rows] == [(1, "甲", None), (1, "乙", 0.0)]
    tie = rank_units(summaries, [Totals("乙", on_time=1)], ORDER)
    assert [(r.rank, r.unit) for r in tie] == [(1, "甲"), (1, "乙")]


def test_a_unit_owing_no_report_shares_the_best_place_of_its_equals() -> None:
    # 乙 and 丁 (the same tasks as 甲) owe reports: 丁 sent 1 of 2, 乙 none; 甲 owes none and
    # ties with 丁, the best of them; 丙 (more overdue) and 戊 (owes none) rank apart.
    summaries = [
        UnitSummary("甲", tasks=2, done=1, overdue=1),
        UnitSummary("乙", tasks=2, done=1, overdue=1),
        UnitSummary("丙", tasks=2, done=1, overdue=2),
        UnitSummary("丁", tasks=4, done=2, overdue=1),
        UnitSummary("戊", tasks=2, done=1, overdue=2),
    ]
    reports = [
        Totals("乙", missing=2),
        Totals("丙", on_time=1),
        Totals("丁", on_time=1, late=1),
    ]
    rows = rank_units(summaries, reports, ORDER)
    assert [(r.rank, r.unit) for r in rows] == [
        (1, "甲"),
        (1, "丁"),
        (3, "乙"),
        (4, "丙"),
        (4, "戊"),  # alone with 丙 on its tasks: ties with 丙's 100%
    ]
    # The best, not the last one met: 乙 (all on time) before 丙 (none) in unit order.
    equals = [UnitSummary(u, tasks=1) for u in ("甲", "乙", "丙")]
    best = rank_units(equals, [Totals("乙", on_time=2), Totals("丙", missing=2)], ORDER)
    assert [(r.rank, r.unit) for r in best] == [(1, "甲"), (1, "乙"), (3, "丙")]
    # Units equal on their tasks that all owe none tie with one another.
    alone = rank_units([UnitSummary("甲", tasks=1), UnitSummary("乙", tasks=1)], [], ORDER)
    assert [(r.rank, r.unit) for r in alone] == [(1, "甲"), (1, "乙")]


def test_units_without_tasks_are_ranked_on_their_reports_after_those_with_tasks() -> None:
    """Tester T7: 经发公司 (no 主办 task, 0 of 2 reports on time) ranked first, because a
    missing completion rate counted as 100%. Now units with tasks come first, however
    little they did, and units without follow, compared on their reports only."""
    summaries = [
        UnitSummary("甲", tasks=18, done=1, overdue=2),  # 6%
        UnitSummary("乙", tasks=1, overdue=1),  # 0%
    ]
    reports = [
        Totals("甲", on_time=1, missing=1),
        Totals("乙", missing=2),
        Totals("丙", missing=2),  # no task, missed both reports: 经发公司
        Totals("丁", on_time=2),  # no task, both reports on time
        Totals("戊", late=1, on_time=1),  # no task, one late: 50%, as 己
        Totals("己", on_time=1, missing=1),
    ]
    rows = rank_units(summaries, reports, [*ORDER, "己"])
    assert [(r.rank, r.unit, r.completion_rate, r.report_rate) for r in rows] == [
        (1, "甲", 1 / 18, 0.5),
        (2, "乙", 0.0, 0.0),
        (3, "丁", None, 1.0),  # ranks run on from the units with tasks
        (4, "戊", None, 0.5),
        (4, "己", None, 0.5),
        (6, "丙", None, 0.0),
    ]


def test_units_with_nothing_due_are_listed_last_unranked() -> None:
    # 丙: no task, no report due yet (one not due): listed after 乙, who missed its report.
    rows = rank_units(
        [UnitSummary("甲", tasks=1, done=1)],
        [Totals("甲"), Totals("丙", not_due=1), Totals("乙", missing=1), Totals("丁")],
        ORDER,
    )
    assert [(r.rank, r.unit) for r in rows] == [(1, "甲"), (2, "乙"), (None, "丙"), (None, "丁")]


def test_nothing_due_and_no_task_is_nothing_to_rank() -> None:
    """A year with no task list and no report due: every unit would tie on nothing."""
    assert rank_units([], [Totals("甲", not_due=2), Totals("乙")], ORDER) == []
    early = rank_units([], [Totals("甲", on_time=1, not_due=1), Totals("乙")], ORDER)
    assert [(r.rank, r.unit) for r in early] == [(1, "甲"), (None, "乙")]  # a report came early


def test_the_key_puts_the_group_first() -> None:
    summaries = [UnitSummary("乙", tasks=2, done=1, overdue=1, done_late=1)]
    reports = [Totals("甲", on_time=1), Totals("乙", on_time=1, late=3)]
    rows = rank_units(summaries, reports, ORDER)
    assert [(r.rank, r.unit, r.completion_rate) for r in rows] == [(1, "乙", 0.5), (2, "甲", None)]
    assert [r.task_key() for r in rows] == [(0, -0.5, 1, 1), (1, -0.0, 0, 0)]


def test_rank_text() -> None:
    assert [rank_text(1), rank_text(12), rank_text(None)] == ["1", "12", "-"]
