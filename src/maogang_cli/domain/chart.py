"""The 挂图作战 wall chart as plain data: rows of dated marks coloured in the 督办 colours.

Nothing here decides a colour by a rule of its own: a task mark takes its pairs' colours
(`PairState.signal`, the rule `status` uses), and every other mark — a task step, a plan
milestone, a duty period — is judged by that same rule with its own due day: red once the
day after it has come and it is not done, yellow when not done and due within the warning
window, green otherwise. A row or a month with several marks shows the worst of them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.status import PairState, Signal

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from maogang_cli.domain.duties import Duty, PlanMilestone
    from maogang_cli.domain.hazard_figures import Targets
    from maogang_cli.domain.models import TaskInfo
    from maogang_cli.domain.owed import Owed
    from maogang_cli.domain.plan import Action, Measure
    from maogang_cli.domain.status import UnitSummary

SEVERITY: dict[Signal, int] = {"green": 0, "yellow": 1, "red": 2}


def worst(signals: Iterable[Signal]) -> Signal:
    """The most urgent colour among them (green when there are none)."""
    found: Signal = "green"
    for signal in signals:
        if SEVERITY[signal] > SEVERITY[found]:
            found = signal
    return found


def judged(due: date, done: bool, as_of: date, warn_days: int) -> Signal:
    """The colour of anything due on `due`, by the rule of `PairState.signal`."""
    status = "done" if done else "not_started"
    return PairState("", "", "", due, status, None, as_of, warn_days).signal


class Mark(NamedTuple):
    """Something due on a day: a task deadline, a task step, a plan milestone or duty period."""

    kind: str  # task, task_step, plan_milestone, duty
    ref: str  # 2024-04, 2024-16#1, m03-2024, monthly_report/2024-05
    due: date
    signal: Signal
    done: bool  # every unit owing it has done it
    items: int = 1  # items merged into this mark (a unit's tasks due in one month)
    title: str = ""  # what is due, shown on hover
    waiting: tuple[str, ...] = ()  # the units (or a unit's tasks) not done yet
    label: str = ""  # the ref as people read it (月报/2024-05, 培树企业), shown on hover


class Row(NamedTuple):
    kind: str  # task, plan_milestones, duty, unit
    key: str  # task id, action number, duty id, unit name
    label: str
    title: str  # the full text, shown on hover
    signal: Signal
    figure: str  # a short figure after the label: done/units, or a completion rate
    marks: tuple[Mark, ...]


class Section(NamedTuple):
    key: str  # the action number, or the task list's own 行动 words for the rows before them
    title: str
    rows: tuple[Row, ...]


class Summary(NamedTuple):
    """The figures of the summary band; each equals what `status` or `rank` prints."""

    tasks: int
    done: int
    overdue: int
    done_late: int
    units_red: int
    units_yellow: int
    units_green: int
    reports_due: int
    reports_on_time: int

    @property
    def completion_rate(self) -> float | None:
        return self.done / self.tasks if self.tasks else None

    @property
    def report_rate(self) -> float | None:
        return self.reports_on_time / self.reports_due if self.reports_due else None


class HazardBand(NamedTuple):
    """The 重大事故隐患 ledger as `hazard stats --level major` and `hazard targets` count it."""

    found: int
    open: int
    overdue: int
    closed: int
    targets: Targets


class WallChart(NamedTuple):
    title: str
    document: str
    as_of: date
    months: tuple[str, ...]  # YYYY-MM across the chart
    filters: tuple[tuple[str, str], ...]  # (option, value) narrowing it
    sections: tuple[Section, ...]  # by action
    units: tuple[Row, ...]  # by unit
    summary: Summary
    hazards: HazardBand | None = None  # town-wide: left out when narrowed to a unit


def summarise(summaries: Sequence[UnitSummary], reports_due: int, on_time: int) -> Summary:
    """Totals over `status`'s rows, and the monthly reports `rank` counts."""
    colours = [s.signal for s in summaries]
    return Summary(
        tasks=sum(s.tasks for s in summaries),
        done=sum(s.done for s in summaries),
        overdue=sum(s.overdue for s in summaries),
        done_late=sum(s.done_late for s in summaries),
        units_red=colours.count("red"),
        units_yellow=colours.count("yellow"),
        units_green=colours.count("green"),
        reports_due=reports_due,
        reports_on_time=on_time,
    )


def task_row(task: TaskInfo, states: Sequence[PairState]) -> Row:
    """One task: a mark at its deadline and one at each step, over the pairs shown."""
    done = [s for s in states if s.status == "done"]
    waiting = tuple(s.unit for s in states if s.status != "done")
    marks = [
        Mark(
            "task_step",
            f"{task.id}#{k}",
            date.fromisoformat(step["due"]),
            worst(s._replace(deadline=date.fromisoformat(step["due"])).signal for s in states),
            len(done) == len(states),
            title=step["text"],
            waiting=waiting,
        )
        for k, step in enumerate(task.milestones, start=1)
    ]
    marks.append(
        Mark(
            "task",
            task.id,
            task.deadline,
            worst(s.signal for s in states),
            len(done) == len(states),
            title=task.title,
            waiting=waiting,
        )
    )
    return Row(
        "task",
        task.id,
        f"{task.seq}. {task.title}",
        task.title,
        worst(s.signal for s in states),
        f"{len(done)}/{len(states)}",
        tuple(sorted(marks, key=lambda m: m.due)),
    )


def owed_marks(
    kind: str,
    instances: Sequence[Owed],
    as_of: date,
    warn_days: int,
    short_names: Mapping[str, str] | None = None,
) -> list[Mark]:
    """One mark per duty period or plan milestone, over the units that owe it, labelled by
    its short name where it has one (月报/2024-05), as overdue and agenda name it."""
    grouped: dict[str, list[Owed]] = {}
    for o in instances:
        grouped.setdefault(o.ref, []).append(o)
    marks = []
    for ref, owed in grouped.items():
        ident, slash, period = ref.partition("/")
        label = (short_names or {}).get(ident, ident) + slash + period
        marks.append(
            Mark(
                kind,
                ref,
                owed[0].due,
                worst(judged(o.due, o.done, as_of, warn_days) for o in owed),
                all(o.done for o in owed),
                title=owed[0].title,
                waiting=tuple(o.unit for o in owed if not o.done),
                label=label,
            )
        )
    return marks


def action_sections(
    actions: Sequence[Action],
    measures: Sequence[Measure],
    tasks: Sequence[TaskInfo],
    states: Iterable[PairState],
    milestones: Sequence[PlanMilestone],
    owed: Sequence[Owed],
    as_of: date,
    warn_days: int,
    short_names: Mapping[str, str] | None = None,
) -> list[Section]:
    """The tasks under the plan's actions (by the measures they serve; a task serving none
    stays under its list's own 行动 words, before the nine), each action closed by a row
    of its plan milestones."""
    by_task: dict[str, list[PairState]] = {}
    for state in states:
        by_task.setdefault(state.task_id, []).append(state)
    action_of = {m.number: m.action for m in measures}
    sections: dict[str, tuple[str, list[Row]]] = {}
    for task in tasks:
        if task.id not in by_task:
            continue
        served = [action_of[n] for n in task.measures if n in action_of]
        key = str(served[0]) if served else task.action
        sections.setdefault(key, (task.action, []))[1].append(task_row(task, by_task[task.id]))
    milestone_action = {m.id: action_of.get(m.measure) for m in milestones}
    owed_by_action: dict[int, list[Owed]] = {}
    for o in owed:
        number = milestone_action.get(o.id) if o.kind == "plan_milestone" else None
        if number is not None:
            owed_by_action.setdefault(number, []).append(o)
    out = [Section(key, title, tuple(rows)) for key, (title, rows) in sections.items()]
    out = [s for s in out if not s.key.isdigit()]
    for action in actions:
        rows = list(sections.get(str(action.number), ("", []))[1])
        instances = owed_by_action.get(action.number, [])
        if instances:
            marks = owed_marks("plan_milestone", instances, as_of, warn_days, short_names)
            rows.append(
                Row(
                    "plan_milestones",
                    str(action.number),
                    "",  # the renderer names it, in the chart's language
                    "\n".join(m.title for m in marks),
                    worst(m.signal for m in marks),
                    f"{sum(m.done for m in marks)}/{len(marks)}",
                    tuple(sorted(marks, key=lambda m: m.due)),
                )
            )
        if rows:
            out.append(Section(str(action.number), action.title, tuple(rows)))
    return out


def duty_section(
    duties: Sequence[Duty],
    owed: Sequence[Owed],
    as_of: date,
    warn_days: int,
    short_names: Mapping[str, str] | None = None,
) -> Section | None:
    """The plan's recurring duties (保障措施): one row each, a mark per period."""
    by_duty: dict[str, list[Owed]] = {}
    for o in owed:
        if o.kind == "duty":
            by_duty.setdefault(o.id, []).append(o)
    rows = []
    for duty in duties:
        instances = by_duty.get(duty.id, [])
        if not instances:
            continue
        marks = owed_marks("duty", instances, as_of, warn_days, short_names)
        due = [m for m in marks if m.due <= as_of]
        rows.append(
            Row(
                "duty",
                duty.id,
                duty.title,
                duty.title,
                worst(m.signal for m in marks),
                f"{sum(m.done for m in due)}/{len(due)}",
                tuple(marks),
            )
        )
    return Section("duties", "", tuple(rows)) if rows else None  # titled by the renderer


def unit_rows(
    summaries: Sequence[UnitSummary],
    states: Iterable[PairState],
    titles: Mapping[str, str],
) -> list[Row]:
    """One row per unit of `status`, in its order and colour; a mark per month in which the
    unit has tasks due, in the worst colour of them, with how many."""
    by_unit: dict[str, dict[str, list[PairState]]] = {}
    for state in states:
        month = f"{state.deadline.year:04d}-{state.deadline.month:02d}"
        by_unit.setdefault(state.unit, {}).setdefault(month, []).append(state)
    rows = []
    for summary in summaries:
        marks = []
        for month, due in sorted(by_unit.get(summary.unit, {}).items()):
            waiting = [s for s in due if s.status != "done"]
            marks.append(
                Mark(
                    "unit_tasks",
                    f"{summary.unit}/{month}",
                    max(s.deadline for s in due),
                    worst(s.signal for s in due),
                    not waiting,
                    len(due),
                    "",
                    tuple(f"{s.task_id} {titles.get(s.task_id, '')}" for s in waiting),
                )
            )
        rows.append(
            Row(
                "unit",
                summary.unit,
                summary.unit,
                summary.unit,
                summary.signal,
                f"{summary.done}/{summary.tasks}",
                tuple(marks),
            )
        )
    return rows


def month_span(first: str, last: str, days: Iterable[date]) -> tuple[str, ...]:
    """Every month from `first` to `last` (YYYY-MM), widened to take in every day given."""
    keys = [first, last, *(f"{d.year:04d}-{d.month:02d}" for d in days)]
    lo, hi = min(keys), max(keys)
    year, month = int(lo[:4]), int(lo[5:])
    out = []
    while True:
        key = f"{year:04d}-{month:02d}"
        out.append(key)
        if key >= hi:
            return tuple(out)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
