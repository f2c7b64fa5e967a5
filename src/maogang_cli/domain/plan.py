"""The three-year plan as `maogang plan` shows it: its actions and measures, each with the
tasks that serve it and the state of its dated milestones (`domain.owed` judges those).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date

    from maogang_cli.domain.duties import PlanMilestone
    from maogang_cli.domain.models import TaskInfo
    from maogang_cli.domain.owed import Owed
    from maogang_cli.domain.status import PairState

MilestoneState = Literal["done", "open", "overdue"]


class Action(NamedTuple):
    number: int
    title: str


class Measure(NamedTuple):
    number: int
    action: int
    title: str
    summary: str


def milestone_state(due: date, owed: Sequence[Owed], as_of: date) -> MilestoneState:
    """done: every responsible unit has done it; overdue: the due day has passed and some
    unit has not; open: otherwise (a milestone with no responsible unit is never done)."""
    if owed and all(o.done for o in owed):
        return "done"
    return "overdue" if as_of > due else "open"


class TaskProgress(NamedTuple):
    """A task serving a measure: how many of its responsible units are done."""

    id: str
    title: str
    done: int
    units: int


class MilestoneView(NamedTuple):
    milestone: PlanMilestone
    state: MilestoneState
    owed: list[Owed]


class MeasureView(NamedTuple):
    measure: Measure
    tasks: list[TaskProgress]
    milestones: list[MilestoneView]


class ActionView(NamedTuple):
    action: Action
    measures: list[MeasureView]


def build_plan(
    actions: Sequence[Action],
    measures: Sequence[Measure],
    milestones: Sequence[PlanMilestone],
    owed: Iterable[Owed],
    tasks: Sequence[TaskInfo],
    states: Iterable[PairState],
    as_of: date,
) -> list[ActionView]:
    """Actions → measures, each with the tasks that cite it (list order) and its milestones
    with their state as of the day. `states` are the tasks' responsible pairs."""
    done: dict[str, list[bool]] = {}
    for state in states:
        done.setdefault(state.task_id, []).append(state.status == "done")
    by_milestone: dict[str, list[Owed]] = {}
    for o in owed:
        if o.kind == "plan_milestone":
            by_milestone.setdefault(o.id, []).append(o)
    views: dict[int, list[MeasureView]] = {a.number: [] for a in actions}
    for measure in measures:
        progress = [
            TaskProgress(t.id, t.title, sum(done.get(t.id, [])), len(done.get(t.id, [])))
            for t in tasks
            if measure.number in t.measures
        ]
        steps = [
            MilestoneView(
                m,
                milestone_state(m.due, by_milestone.get(m.id, []), as_of),
                by_milestone.get(m.id, []),
            )
            for m in milestones
            if m.measure == measure.number
        ]
        views.setdefault(measure.action, []).append(MeasureView(measure, progress, steps))
    return [ActionView(a, views[a.number]) for a in actions]
