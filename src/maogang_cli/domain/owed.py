"""What each unit owes under the plan as of a day, and the list of what is overdue.

Two kinds of obligation live beside the tasks, both recorded with `maogang duty done` in
the same append-only duty records and judged by the same rule (`reports.instance_state`:
the earliest record dated on or before the as-of day decides on time or late; with none,
missing once the due day has passed):

- a recurring duty: one instance per (period, owing unit), due per `Period.due(due_day)`;
- a dated plan milestone: a one-off duty, one instance per responsible unit, due on its
  date and stored under its due month as the period (m03-2024 → period 2024-12).

Task milestones are steps of a task, which has progress records of its own; they are
judged in `domain.agenda`.
"""

import re
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from maogang_cli.domain.duties import Duty, PlanMilestone
from maogang_cli.domain.periods import Period
from maogang_cli.domain.reports import InstanceState, Submission, instance_state
from maogang_cli.domain.status import PairState
from maogang_cli.i18n import NC_, _, pgettext
from maogang_cli.words import names

if TYPE_CHECKING:
    from maogang_cli.domain.overdue_groups import OverdueGroup as OverdueGroup
    from maogang_cli.domain.overdue_groups import group_overdue as group_overdue

OwedKind = Literal["duty", "plan_milestone", "hazard"]  # hazard: see app.hazard_ledger


class Owed(NamedTuple):
    """One unit's instance of a duty (one period) or of a plan milestone, as of a day."""

    kind: OwedKind
    id: str  # the duty or milestone id, as `duty done` takes it
    period: str
    title: str
    unit: str
    due: date
    state: InstanceState
    done_on: date | None
    days_overdue: int  # missing: days since the due day; 0 otherwise

    @property
    def ref(self) -> str:
        """DUTY/PERIOD for a duty instance (monthly_report/2024-05); the id for a milestone."""
        return f"{self.id}/{self.period}" if self.kind == "duty" else self.id

    @property
    def done(self) -> bool:
        return self.state in ("on_time", "late")

    @property
    def missing(self) -> bool:
        return self.state == "missing"


def _owed(
    kind: OwedKind,
    ident: str,
    period: str,
    title: str,
    unit: str,
    due: date,
    dates: Iterable[date],
    as_of: date,
) -> Owed:
    state, first, days = instance_state(due, dates, as_of)
    # By position: a NamedTuple built by keyword parses them at each of ~700 instances.
    return Owed(kind, ident, period, title, unit, due, state, first, _days_overdue(state, days))


def _days_overdue(state: InstanceState, days: int) -> int:
    """An instance's days overdue: those since its due day while missing, else none."""
    return days if state == "missing" else 0


def _done_dates(records: Iterable[Submission]) -> dict[tuple[str, str], list[date]]:
    out: dict[tuple[str, str], list[date]] = {}
    for record in records:
        out.setdefault((record.unit, record.period), []).append(record.done_on)
    return out


def duty_owed(
    duty: Duty,
    periods: Sequence[Period],
    records: Iterable[Submission],
    as_of: date,
    *,
    units: Collection[str] | None = None,
) -> list[Owed]:
    """Every (period, owing unit) instance of a duty: period by period, units in plan order."""
    done = _done_dates(records)
    owing = [unit for unit in duty.owner_units if units is None or unit in units]
    out: list[Owed] = []
    for period in periods:
        due, key = duty.due(period), period.key  # once a period, not once an instance
        # Most instances have no record: judged once a period, as the rule judges none.
        state, first, days = instance_state(due, (), as_of)
        late = _days_overdue(state, days)
        for unit in owing:
            dates = done.get((unit, key))
            if dates:
                out.append(_owed("duty", duty.id, key, duty.title, unit, due, dates, as_of))
            else:
                out.append(Owed("duty", duty.id, key, duty.title, unit, due, state, first, late))
    return out


def milestone_owed(
    milestone: PlanMilestone,
    records: Iterable[Submission],
    as_of: date,
    *,
    units: Collection[str] | None = None,
) -> list[Owed]:
    """One instance per responsible unit of a plan milestone."""
    done = _done_dates(records)
    return [
        _owed(
            "plan_milestone",
            milestone.id,
            milestone.period,
            milestone.text,
            unit,
            milestone.due,
            done.get((unit, milestone.period), []),
            as_of,
        )
        for unit in milestone.responsible_units
        if units is None or unit in units
    ]


def chased(owner_units: Iterable[str], memberless: Collection[str]) -> bool:
    """Whether `overdue` lists this obligation's missed instances by default.

    Not when every owing unit is a collective with no named members (各生产经营单位): no one
    in particular can be chased for it, and the four duties of the town's businesses
    (inspections, drills) would otherwise fill the list every month. `overdue
    --all-duties`, or naming the unit with `--unit`, lists them too.
    """
    return any(unit not in memberless for unit in owner_units)


def merge_overdue(tasks: Sequence[PairState], owed: Sequence[Owed]) -> list[PairState | Owed]:
    """Late task pairs and missed instances together, most overdue first; for the same
    lateness tasks come first, each in the order given."""
    merged: list[PairState | Owed] = [*tasks, *owed]
    # A stable sort keeps the equally late in the order merged (tasks first), reversed too.
    return sorted(merged, key=attrgetter("days_overdue"), reverse=True)


OVERDUE_KINDS = ("task", "duty", "plan_milestone", "hazard")
# What `--kind` also accepts, in either language: the words its help gives (任务 …), as
# `--status 推进中` is accepted. Shown in a refusal through pgettext("overdue kind", key).
KIND_WORDS = {"任务": "task", "常态工作": "duty", "方案节点": "plan_milestone", "隐患": "hazard"}
_KIND_NAMES = (
    NC_("overdue kind", "task"),
    NC_("overdue kind", "duty"),
    NC_("overdue kind", "plan_milestone"),
    NC_("overdue kind", "hazard"),
)


def parse_kinds(values: Iterable[str]) -> tuple[str, ...]:
    """The kinds `overdue --kind` asks for, in `OVERDUE_KINDS` order: each value one kind or
    a list (`task,duty`, `任务、常态工作`); every kind when none is given. ValueError names an
    unknown one."""
    asked = {
        KIND_WORDS.get(k.strip(), k.strip())
        for value in values
        for k in re.split("[,，、]", value)
        if k.strip()
    }
    unknown = sorted(asked - set(OVERDUE_KINDS))
    if unknown:
        raise ValueError(
            _("unknown kind '{kind}'; choose from: {kinds}").format(
                kind=unknown[0], kinds=names(pgettext("overdue kind", k) for k in _KIND_NAMES)
            )
        )
    return tuple(k for k in OVERDUE_KINDS if not asked or k in asked)


def __getattr__(name: str) -> Any:
    """OverdueGroup and group_overdue (the table's and the bulletin's grouping) live in
    domain/overdue_groups.py: `overdue --json` lists items without them."""
    if name in ("OverdueGroup", "group_overdue"):
        from maogang_cli.domain import overdue_groups

        return getattr(overdue_groups, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
