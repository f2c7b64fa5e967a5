"""The overdue list grouped by obligation, for the table and the bulletin (domain/owed.py
gives both names too); `overdue --json` lists items without loading this."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import NamedTuple

from maogang_cli.domain.models import TaskHead
from maogang_cli.domain.owed import Owed
from maogang_cli.domain.status import PairState


class OverdueGroup(NamedTuple):
    """One obligation on the overdue list, with every unit that missed it: a task, one
    period of a duty, or a plan milestone. Its items share the due day and lateness."""

    kind: str  # task, duty or plan_milestone
    id: str  # the task, duty or milestone id
    period: str  # a duty's period; "" otherwise
    title: str
    due: date
    days_overdue: int
    items: tuple[PairState | Owed, ...]


def group_overdue(
    items: Iterable[PairState | Owed], tasks: Mapping[str, TaskHead]
) -> list[OverdueGroup]:
    """Items of the same task, duty period or plan milestone together, in the order each
    first appears (most overdue first, as `merge_overdue` gives them)."""
    groups: dict[tuple[str, str, str], list[PairState | Owed]] = {}
    for item in items:
        if isinstance(item, PairState):
            key = ("task", item.task_id, "")
        else:
            key = (item.kind, item.id, item.period if item.kind == "duty" else "")
        groups.setdefault(key, []).append(item)
    out = []
    for (kind, ident, period), members in groups.items():
        first = members[0]
        if isinstance(first, PairState):
            title, due = tasks[ident].title, first.deadline
        else:
            title, due = first.title, first.due
        out.append(
            OverdueGroup(kind, ident, period, title, due, first.days_overdue, tuple(members))
        )
    return out
