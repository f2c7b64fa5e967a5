"""The monthly 通报 as plain data: what `status`, `rank`, `reports` and `overdue` say on
the day, gathered for one month. Nothing is counted by a rule of its own: the totals add
up `status`'s rows, the ranking is `rank`'s, the overdue tasks are `overdue`'s."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from maogang_cli.domain.hazard_figures import Targets
    from maogang_cli.domain.models import TaskInfo
    from maogang_cli.domain.owed import OverdueGroup
    from maogang_cli.domain.periods import Period
    from maogang_cli.domain.rank import RankRow
    from maogang_cli.domain.reports import Instance
    from maogang_cli.domain.status import PairState, UnitSummary


class Totals(NamedTuple):
    """`status`'s rows added up: (task, lead unit) pairs, as `status` counts them."""

    pairs: int
    done: int
    in_progress: int
    not_started: int
    blocked: int
    overdue: int
    done_late: int
    red: tuple[str, ...]  # units in each 督办 colour, in status order
    yellow: tuple[str, ...]
    green: tuple[str, ...]

    @property
    def completion_rate(self) -> float | None:
        return self.done / self.pairs if self.pairs else None


class TaskProgress(NamedTuple):
    """One task: how many of its lead units have done it."""

    id: str
    seq: int
    title: str
    deadline: date
    done: int
    units: int
    waiting: tuple[str, ...]  # lead units not done


class UnitOverdue(NamedTuple):
    """A unit's overdue tasks, most overdue first (as `overdue` lists them)."""

    unit: str
    items: tuple[tuple[str, str, int, str], ...]  # task id, title, days overdue, status


class HazardLine(NamedTuple):
    """Major hazards found by the day, as `hazard stats --level major` counts them (the
    whole ledger, or one supervising department)."""

    name: str
    found: int
    open: int
    closed: int
    overdue: int
    closed_on_time: int


class HazardSection(NamedTuple):
    total: HazardLine
    median_days_to_close: float | None
    departments: tuple[HazardLine, ...]  # those with any major hazard, catalogue order
    targets: Targets  # as `hazard targets`


class Bulletin(NamedTuple):
    title: str  # the plan's
    document: str
    month: Period
    as_of: date
    totals: Totals
    tasks_due: tuple[TaskProgress, ...]  # every task due by the as-of day
    month_tasks: tuple[TaskProgress, ...]  # the tasks due within the month
    ranking: tuple[RankRow, ...]
    overdue: tuple[UnitOverdue, ...]
    report_due: date | None  # the month's monthly report, when one is owed
    reports: tuple[Instance, ...]
    missed: tuple[OverdueGroup, ...]  # duties and plan milestones missed, as `overdue`
    hazards: HazardSection


def totals(summaries: Sequence[UnitSummary]) -> Totals:
    return Totals(
        pairs=sum(s.tasks for s in summaries),
        done=sum(s.done for s in summaries),
        in_progress=sum(s.in_progress for s in summaries),
        not_started=sum(s.not_started for s in summaries),
        blocked=sum(s.blocked for s in summaries),
        overdue=sum(s.overdue for s in summaries),
        done_late=sum(s.done_late for s in summaries),
        red=tuple(s.unit for s in summaries if s.signal == "red"),
        yellow=tuple(s.unit for s in summaries if s.signal == "yellow"),
        green=tuple(s.unit for s in summaries if s.signal == "green"),
    )


def task_progress(tasks: Sequence[TaskInfo], states: Iterable[PairState]) -> list[TaskProgress]:
    """Each task with lead pairs, in list order: its lead units done and not done."""
    by_task: dict[str, list[PairState]] = {}
    for state in states:
        by_task.setdefault(state.task_id, []).append(state)
    out = []
    for task in tasks:
        pairs = by_task.get(task.id)
        if not pairs:
            continue
        waiting = tuple(s.unit for s in pairs if s.status != "done")
        out.append(
            TaskProgress(
                task.id,
                task.seq,
                task.title,
                task.deadline,
                len(pairs) - len(waiting),
                len(pairs),
                waiting,
            )
        )
    return out


def overdue_by_unit(
    late: Iterable[PairState], titles: dict[str, str], unit_order: Sequence[str]
) -> list[UnitOverdue]:
    """The overdue pairs grouped by unit (units in catalogue order), each unit's most
    overdue first."""
    by_unit: dict[str, list[PairState]] = {}
    for state in late:
        by_unit.setdefault(state.unit, []).append(state)
    rank = {unit: i for i, unit in enumerate(unit_order)}
    out = []
    for unit in sorted(by_unit, key=lambda u: (rank.get(u, len(rank)), u)):
        items = sorted(by_unit[unit], key=lambda s: -s.days_overdue)
        out.append(
            UnitOverdue(
                unit,
                tuple(
                    (s.task_id, titles.get(s.task_id, ""), s.days_overdue, s.status) for s in items
                ),
            )
        )
    return out
