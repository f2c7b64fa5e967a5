"""The agenda: everything that falls due in a window of days, one item per owing unit.

Kinds, and when an item is done as of the as-of day:

- `task`: a task's deadline, owed by each responsible (主办) unit; done when that unit's
  latest status is done.
- `task_milestone`: a dated step of a task (2024-16#1 is its first); progress is recorded
  per task, not per step, so a unit's step is done exactly when its task is done.
- `plan_milestone`: a dated milestone of the plan, owed by each responsible unit; done
  when recorded with `maogang duty done` on or before the day.
- `duty`: one period of a recurring duty, owed by each owning unit; done likewise.

Items are sorted by due day, then kind in the order above, then catalogue order (task list
order, then step; plan order of milestones and duties), then unit order.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.dates import month_end, parse_day, parse_month
from maogang_cli.i18n import _
from maogang_cli.words import names

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from maogang_cli.domain.models import TaskInfo
    from maogang_cli.domain.owed import Owed
    from maogang_cli.domain.status import PairState

KINDS = ("task", "task_milestone", "plan_milestone", "duty", "hazard")


class AgendaItem(NamedTuple):
    kind: str
    ref: str
    title: str
    due: date
    unit: str
    done: bool
    order: tuple[int, ...] = ()  # catalogue order, for sorting (task list, step; plan)


class Window(NamedTuple):
    """The days first..last, both included."""

    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    @property
    def first_month(self) -> str:
        return f"{self.first.year:04d}-{self.first.month:02d}"

    @property
    def last_month(self) -> str:
        return f"{self.last.year:04d}-{self.last.month:02d}"


def choose_window(
    as_of: date,
    *,
    month: str | None = None,
    first: str | None = None,
    last: str | None = None,
    year: int | None = None,
) -> Window:
    """One `month` (YYYY-MM); or the days `first`..`last` (YYYY-MM-DD, both needed); or all
    of `year`; by default the as-of day's month. ValueError when malformed or contradictory."""
    given = [name for name, value in (("--month", month), ("--year", year)) if value is not None]
    if first is not None or last is not None:
        given.append("--from/--to")
    if len(given) > 1:
        raise ValueError(_("give only one of {options}").format(options=names(given)))
    if month is not None:
        try:
            y, m = parse_month(month)
        except ValueError as exc:
            raise ValueError(f"--month: {exc}") from None
        return Window(date(y, m, 1), month_end(y, m))
    if year is not None:
        if not 1900 <= year <= 9999:
            raise ValueError(_("--year {year} is not a real year").format(year=year))
        return Window(date(year, 1, 1), date(year, 12, 31))
    if first is not None or last is not None:
        if first is None or last is None:
            raise ValueError(_("--from and --to go together: give both days"))
        lo, hi = _day("--from", first), _day("--to", last)
        if lo > hi:
            raise ValueError(_("--from {first} is after --to {last}").format(first=lo, last=hi))
        return Window(lo, hi)
    return Window(date(as_of.year, as_of.month, 1), month_end(as_of.year, as_of.month))


def _day(option: str, text: str) -> date:
    try:
        return parse_day(text)
    except ValueError as exc:
        raise ValueError(f"{option}: {exc}") from None


def task_items(
    tasks: Sequence[TaskInfo], states: Iterable[PairState], window: Window
) -> list[AgendaItem]:
    """Task deadlines and task milestones in the window, one per (task, reporting unit)."""
    index = {task.id: (i, task) for i, task in enumerate(tasks)}
    items: list[AgendaItem] = []
    for state in states:
        if state.task_id not in index:
            continue
        i, task = index[state.task_id]
        done = state.status == "done"
        if state.deadline in window:
            items.append(
                AgendaItem("task", task.id, task.title, state.deadline, state.unit, done, (i, 0))
            )
        for k, step in enumerate(task.milestones, start=1):
            due = date.fromisoformat(step["due"])
            if due in window:
                items.append(
                    AgendaItem(
                        "task_milestone",
                        f"{task.id}#{k}",
                        step["text"],
                        due,
                        state.unit,
                        done,
                        (i, k),
                    )
                )
    return items


def owed_items(owed: Iterable[Owed], window: Window) -> list[AgendaItem]:
    """Duty instances and plan milestones in the window; `owed` comes in plan order."""
    rank: dict[str, int] = {}
    items = []
    for o in owed:
        position = rank.setdefault(o.id, len(rank))
        if o.due in window:
            items.append(AgendaItem(o.kind, o.ref, o.title, o.due, o.unit, o.done, (position,)))
    return items


def sort_agenda(items: Iterable[AgendaItem], unit_rank: Mapping[str, int]) -> list[AgendaItem]:
    return sorted(
        items,
        key=lambda item: (
            item.due,
            KINDS.index(item.kind),
            item.order,
            unit_rank.get(item.unit, len(unit_rank)),
            item.unit,
        ),
    )
