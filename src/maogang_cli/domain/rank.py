"""The 通报 ranking: units ordered by how well they keep to the plan.

Rule (the one place it is decided; `rank`'s rule line and docs/rules.md say it in words):
1. Units with 主办 tasks come first, compared in order on completion rate (higher first),
   overdue items (fewer first), items done late (fewer first) and on-time monthly-report
   rate (higher first). That last figure is compared only between units that owe reports:
   a unit owing none shares the place of the best unit equal to it on the task figures. It
   is not marked down for what it was not asked to do, nor ranked above a unit that did the
   same work (counted as 100%, 镇党政班子成员 won every such tie early in a year: tester T40).
2. Units with no 主办 task but monthly reports due follow, compared on their on-time
   report rate only: with no task they have no completion rate, and counting it as 100%
   put a unit that missed every report above units that completed work (tester T7).
3. Units with nothing due (no task, no report due) are listed last, unranked (rank None).
Units equal on everything they are compared on share a rank (1, 2, 2, 4 …); ranks run on
from the first group into the second. When no unit has a task or a report due (a year
with no task list), there is nothing to rank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.rates import ratio
from maogang_cli.domain.reports import Totals
from maogang_cli.domain.status import UnitSummary, in_unit_order

if TYPE_CHECKING:
    from collections.abc import Sequence

# The groups of the rule, in the order they are listed.
WITH_TASKS, REPORTS_ONLY, NOTHING_DUE = 0, 1, 2


class RankRow(NamedTuple):
    rank: int | None  # None: nothing due, listed after the ranked units
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

    @property
    def group(self) -> int:
        if self.tasks:
            return WITH_TASKS
        return REPORTS_ONLY if self.reports_due else NOTHING_DUE

    def task_key(self) -> tuple[int, float, int, int]:
        """Smaller is better, on everything but the reports. Outside the first group the
        task figures are all zero (no task, nothing overdue)."""
        done = 0.0 if self.completion_rate is None else self.completion_rate
        return (self.group, -done, self.overdue, self.done_late)


def rank_text(rank: int | None) -> str:
    """A unit with nothing due has no rank: shown as "-", as a rate with no basis is."""
    return "-" if rank is None else str(rank)


def rank_units(
    summaries: Sequence[UnitSummary], reports: Sequence[Totals], unit_order: Sequence[str]
) -> list[RankRow]:
    """Every unit with tasks or reports, best first, those with nothing due last; ties
    keep `unit_order`. Empty when no unit has a task or a report due: all would tie on
    nothing."""
    by_unit = {s.unit: s for s in summaries}
    totals = {t.unit: t for t in reports}
    rows = []
    for unit in in_unit_order({*by_unit, *totals}, unit_order):
        s = by_unit.get(unit, UnitSummary(unit))
        t = totals.get(unit, Totals(unit))
        rows.append(RankRow(0, unit, s.tasks, s.done, s.overdue, s.done_late, t.due, t.on_time))
    if not any(row.group != NOTHING_DUE for row in rows):
        return []
    # The best report rate among the units that owe reports, per task figures: a unit
    # owing none takes it, so it ties with the best of its equals and beats none of them.
    best: dict[tuple[int, float, int, int], float] = {}
    for row in rows:
        if row.report_rate is not None:
            figures = row.task_key()
            best[figures] = max(best.get(figures, 0.0), row.report_rate)

    def key(row: RankRow) -> tuple[int, float, int, int, float]:
        reports = row.report_rate
        return (*row.task_key(), -(best.get(row.task_key(), 0.0) if reports is None else reports))

    rows.sort(key=key)  # stable: equal rows stay in unit order
    ranked: list[RankRow] = []
    for i, row in enumerate(rows):
        if row.group == NOTHING_DUE:
            rank = None
        elif ranked and key(ranked[-1]) == key(row):
            rank = ranked[-1].rank
        else:
            rank = i + 1
        ranked.append(row._replace(rank=rank))
    return ranked
