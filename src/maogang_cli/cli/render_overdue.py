"""The overdue list for people: one table per kind (tasks, duties, plan milestones), one
row per obligation with the units that missed it. `--json` keeps one item per unit."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.cli.render_plan import unit_run
from maogang_cli.domain.owed import group_overdue
from maogang_cli.domain.status import PairState
from maogang_cli.i18n import NC_, _, pgettext
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from maogang_cli.domain.models import TaskHead
    from maogang_cli.domain.owed import OverdueGroup, Owed

# A unit's task state beside its name when it is not simply 未开始; one word each, so a
# name and its note stay on one line.
_NOTES = {
    "in_progress": NC_("overdue unit", "doing"),
    "blocked": NC_("overdue unit", "blocked"),
    "cooperating": NC_("overdue unit", "support"),
}
# Each kind's section: its title, and its name in the closing count.
_SECTIONS = {
    "task": (NC_("overdue title", "Tasks"), NC_("overdue count", "tasks")),
    "duty": (NC_("overdue title", "Duties"), NC_("overdue count", "duties")),
    "plan_milestone": (
        NC_("overdue title", "Plan milestones"),
        NC_("overdue count", "plan milestones"),
    ),
    "hazard": (NC_("overdue title", "Hazards"), NC_("overdue count", "hazards")),
}
_LATE = "bold red"


def _days() -> Column:
    return Column(pgettext("overdue", "Days"), justify="right", no_wrap=True)


def _unit(item: PairState | Owed) -> str:
    if not isinstance(item, PairState):
        return item.unit
    notes = [
        pgettext("overdue unit", _NOTES[key]) for key in (item.role, item.status) if key in _NOTES
    ]
    if not notes:
        return item.unit
    return _("{unit}({notes})").format(
        unit=item.unit, notes=pgettext("overdue unit", ",").join(notes)
    )


def _units(group: OverdueGroup) -> str:
    return unit_run([_unit(i) for i in group.items])


def _item_rows(groups: Sequence[OverdueGroup]) -> list[list[str | Cell]]:
    """A task or plan milestone a row: its id; its title over the units that missed it,
    led by 未完成： as in `agenda`, so a title's wrapped end never reads as a unit."""
    lead = _("Not done: ")
    return [
        [g.id, f"{g.title}\n{lead}{_units(g)}", str(g.due), Cell(str(g.days_overdue), _LATE)]
        for g in groups
    ]


def _hazard_rows(groups: Sequence[OverdueGroup]) -> list[list[str | Cell]]:
    """A hazard a row: its id; the business and hazard over its supervising department."""
    lead = _("Supervised by: ")
    return [
        [g.id, f"{g.title}\n{lead}{_units(g)}", str(g.due), Cell(str(g.days_overdue), _LATE)]
        for g in groups
    ]


def _duty_rows(
    groups: Sequence[OverdueGroup], short_names: Mapping[str, str]
) -> list[list[str | Cell]]:
    """The duty named once (its short name, else its id: `duty done` takes either; and the
    title's first clause), then one row per missed period."""
    order: dict[str, list[OverdueGroup]] = {}
    for g in groups:
        order.setdefault(g.id, []).append(g)
    rows: list[list[str | Cell]] = []
    for ident, periods in order.items():
        # The title's first clause, whole: it wraps (the full title is in `duty list`).
        title = re.split("[，；。]", periods[0].title, maxsplit=1)[0]
        rows.append(["", Cell(f"{short_names.get(ident, ident)}\n{title}", "bold"), ""])
        rows += [[g.period, _units(g), Cell(str(g.days_overdue), _LATE)] for g in periods]
    return rows


def _columns(kind: str) -> list[Column]:
    if kind == "duty":
        return [
            Column(pgettext("overdue", "Period"), no_wrap=True),
            Column(pgettext("overdue", "Duty / not done by")),
            _days(),
        ]
    ident, title = {
        "task": (pgettext("overdue", "ID"), pgettext("overdue", "Task")),
        "plan_milestone": (pgettext("overdue milestone", "ID"), pgettext("overdue", "Milestone")),
        "hazard": (pgettext("overdue", "ID"), pgettext("overdue", "Hazard")),
    }[kind]
    return [
        Column(ident, no_wrap=True),
        Column(title),
        Column(pgettext("overdue", "Deadline"), no_wrap=True),
        _days(),
    ]


_ROWS = {
    "task": _item_rows,
    "plan_milestone": _item_rows,
    "hazard": _hazard_rows,
}


def overdue_table(
    late: Sequence[PairState | Owed],
    tasks: dict[str, TaskHead],
    day: date,
    duty_names: Mapping[str, str],
) -> None:
    if not late:
        output.print_text(_("Nothing overdue as of {day}.").format(day=day))
        return
    groups = group_overdue(late, tasks)
    output.print_lines([Cell(_("Overdue as of {day}").format(day=day), "bold")])
    counts: dict[str, int] = {}
    for kind, (section_title, _count_word) in _SECTIONS.items():
        section = [g for g in groups if g.kind == kind]
        if not section:
            continue
        counts[kind] = sum(len(g.items) for g in section)
        title = _("{section}: {n} items, one per unit").format(
            section=pgettext("overdue title", section_title), n=counts[kind]
        )
        output.print_lines([""])
        rows = _duty_rows(section, duty_names) if kind == "duty" else _ROWS[kind](section)
        output.print_table(_columns(kind), rows, title=title)
    each = [
        _("{section} {n}").format(section=pgettext("overdue count", _SECTIONS[k][1]), n=n)
        for k, n in counts.items()
    ]
    total = _("{n} items, one per unit: {counts}. Days: days overdue.")
    output.print_lines(
        [total.format(n=len(late), counts=pgettext("overdue count", ", ").join(each))]
    )
