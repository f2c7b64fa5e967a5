"""The 通报 ranking: units ordered by how well they keep to the plan.

Rule, in order: completion rate (higher first), overdue items (fewer first), items done
late (fewer first), on-time monthly-report rate (higher first). Units equal on all four
share a rank (1, 2, 2, 4 …). A rate a unit has no basis for (no tasks, or no report due)
counts as 100%: a unit is not marked down for what it was not asked to do. When no unit has
a task or a report due (a year with no task list), there is nothing to rank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.rates import ratio
from maogang_cli.domain.reports import Totals
from maogang_cli.domain.status import UnitSummary, in_unit_order

if TYPE_CHECKING:
    from collections.abc import Sequence


class RankRow(NamedTuple):
    rank: int
    unit: str
    tasks: int
    done: int
    overdue: int
    done_late: int
    reports_due: int
    reports_on_time: int

    @property
    def completion_rate(self) -> float | None:
        return ratio(self.done, self.tasks)

    @property
    def report_rate(self) -> float | None:
        return ratio(self.reports_on_time, self.reports_due)

    def key(self) -> tuple[float, int, int, float]:
        done = 1.0 if self.completion_rate is None else self.completion_rate
        reports = 1.0 if self.report_rate is None else self.report_rate
        return (-done, self.overdue, self.done_late, -reports)


def rank_units(
    summaries: Sequence[UnitSummary], reports: Sequence[Totals], unit_order: Sequence[str]
) -> list[RankRow]:
    """Every unit with tasks or reports, best first; ties keep `unit_order`. Empty when no
    unit has a task or a report due: all would tie on nothing."""
    by_unit = {s.unit: s for s in summaries}
    totals = {t.unit: t for t in reports}
    rows = []
    for unit in in_unit_order({*by_unit, *totals}, unit_order):
        s = by_unit.get(unit, UnitSummary(unit))
        t = totals.get(unit, Totals(unit))
        rows.append(RankRow(0, unit, s.tasks, s.done, s.overdue, s.done_late, t.due, t.on_time))
    if not any(row.tasks or row.reports_due for row in rows):
        return []
    rows.sort(key=RankRow.key)  # stable: equal rows stay in unit order
    ranked: list[RankRow] = []
    for i, row in enumerate(rows):
        tied = ranked and ranked[-1].key() == row.key()
        rank = ranked[-1].rank if tied else i + 1
        ranked.append(row._replace(rank=rank))
    return ranked
