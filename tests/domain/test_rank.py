"""The 通报 ranking rule and shared ranks."""

from __future__ import annotations

from maogang_cli.domain.rank import rank_units
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


def test_no_basis_counts_as_full_marks() -> None:
    # 甲 owes no monthly report; 乙 missed one: equal otherwise, 甲 ranks first.
    summaries = [UnitSummary("甲", tasks=1), UnitSummary("乙", tasks=1)]
    rows = rank_units(summaries, [Totals("乙", missing=1)], ORDER)
    assert [(r.rank, r.unit, r.report_rate) for r in rows] == [(1, "甲", None), (2, "乙", 0.0)]
    # Units with reports but no tasks: completion rate None, not 0, so it does not decide;
    # their reports do (丁 missed its one, so it comes after 丙 and 戊, who tie).
    only_reports = rank_units(
        [], [Totals("戊", on_time=1), Totals("丁", missing=1), Totals("丙", on_time=1)], ORDER
    )
    assert [(r.rank, r.unit, r.completion_rate, r.report_rate) for r in only_reports] == [
        (1, "丙", None, 1.0),
        (1, "戊", None, 1.0),
        (3, "丁", None, 0.0),
    ]


def test_nothing_due_and_no_task_is_nothing_to_rank() -> None:
    """A year with no task list and no report due: every unit would tie on nothing."""
    assert rank_units([], [Totals("甲", not_due=2), Totals("乙")], ORDER) == []
    early = rank_units([], [Totals("甲", on_time=1, not_due=1), Totals("乙")], ORDER)
    assert [(r.rank, r.unit) for r in early] == [(1, "甲"), (1, "乙")]  # a report came early


def test_a_unit_with_no_task_counts_as_all_done() -> None:
    """No task is 100% done, ahead of a unit half done (as 0% it would come last)."""
    summaries = [UnitSummary("乙", tasks=2, done=1)]
    reports = [Totals("甲", on_time=1), Totals("乙", on_time=1)]
    rows = rank_units(summaries, reports, ORDER)
    assert [(r.rank, r.unit, r.completion_rate) for r in rows] == [(1, "甲", None), (2, "乙", 0.5)]
    assert rows[0].key() == (-1.0, 0, 0, -1.0)
