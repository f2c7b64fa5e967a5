"""The overdue list for people: one table per kind (tasks, duties, plan milestones), one
row per obligation with the units that missed it. `--json` keeps one item per unit."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.cli.render_plan import unit_run
from maogang_cli.domain.owed import group_overdue
from maogang_cli.domain.status import PairState
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.domain.models import TaskHead
    from maogang_cli.domain.owed import OverdueGroup, Owed
    from maogang_cli.i18n import Lang

# A unit's task state beside its name when it is not simply 未开始 (zh, en); no spaces, so
# a name and its note stay on one line.
_NOTES = {
    "in_progress": ("推进中", "doing"),
    "blocked": ("受阻", "blocked"),
    "cooperating": ("协办", "support"),
}
_SECTIONS = {
    "task": ("任务", "Tasks", "tasks"),
    "duty": ("职责", "Duties", "duties"),
    "plan_milestone": ("方案节点", "Plan milestones", "plan milestones"),
    "hazard": ("隐患", "Hazards", "hazards"),
}
_LATE = "bold red"


def _days(lang: Lang) -> Column:
    return Column("逾期天数" if lang == "zh" else "Days", justify="right", no_wrap=True)


def _unit(item: PairState | Owed, lang: Lang) -> str:
    if not isinstance(item, PairState):
        return item.unit
    notes = [
        _NOTES[key][0 if lang == "zh" else 1] for key in (item.role, item.status) if key in _NOTES
    ]
    if not notes:
        return item.unit
    return (
        f"{item.unit}（{'，'.join(notes)}）" if lang == "zh" else f"{item.unit}({','.join(notes)})"
    )


def _units(group: OverdueGroup, lang: Lang) -> str:
    return unit_run([_unit(i, lang) for i in group.items])


def _item_rows(groups: Sequence[OverdueGroup], lang: Lang) -> list[list[str | Cell]]:
    """A task or plan milestone a row: its id; its title over the units that missed it,
    led by 未完成： as in `agenda`, so a title's wrapped end never reads as a unit."""
    lead = "未完成：" if lang == "zh" else "Not done: "
    return [
        [g.id, f"{g.title}\n{lead}{_units(g, lang)}", str(g.due), Cell(str(g.days_overdue), _LATE)]
        for g in groups
    ]


def _hazard_rows(groups: Sequence[OverdueGroup], lang: Lang) -> list[list[str | Cell]]:
    """A hazard a row: its id; the business and hazard over its supervising department."""
    lead = "监管部门：" if lang == "zh" else "Supervised by: "
    return [
        [g.id, f"{g.title}\n{lead}{_units(g, lang)}", str(g.due), Cell(str(g.days_overdue), _LATE)]
        for g in groups
    ]


def _duty_rows(groups: Sequence[OverdueGroup], lang: Lang) -> list[list[str | Cell]]:
    """The duty named once (its id, as `duty done` takes it, and a short title), then one
    row per missed period."""
    order: dict[str, list[OverdueGroup]] = {}
    for g in groups:
        order.setdefault(g.id, []).append(g)
    rows: list[list[str | Cell]] = []
    for ident, periods in order.items():
        # The title's first clause, whole: it wraps (the full title is in `duty list`).
        title = re.split("[，；。]", periods[0].title, maxsplit=1)[0]
        rows.append(["", Cell(f"{ident}\n{title}", "bold"), ""])
        rows += [[g.period, _units(g, lang), Cell(str(g.days_overdue), _LATE)] for g in periods]
    return rows


def _columns(kind: str, lang: Lang) -> list[Column]:
    zh = lang == "zh"
    if kind == "duty":
        return [
            Column("期间" if zh else "Period", no_wrap=True),
            Column("职责 / 未完成单位" if zh else "Duty / not done by"),
            _days(lang),
        ]
    head = {
        "task": ("编号", "任务", "ID", "Task"),
        "plan_milestone": ("节点", "方案节点", "ID", "Milestone"),
        "hazard": ("编号", "隐患", "ID", "Hazard"),
    }[kind]
    return [
        Column(head[0] if zh else head[2], no_wrap=True),
        Column(head[1] if zh else head[3]),
        Column("时间节点" if zh else "Deadline", no_wrap=True),
        _days(lang),
    ]


_ROWS = {
    "task": _item_rows,
    "duty": _duty_rows,
    "plan_milestone": _item_rows,
    "hazard": _hazard_rows,
}


def overdue_table(
    late: Sequence[PairState | Owed], tasks: dict[str, TaskHead], day: date, lang: Lang
) -> None:
    zh = lang == "zh"
    if not late:
        output.print_text(f"截至 {day} 没有逾期事项。" if zh else f"Nothing overdue as of {day}.")
        return
    groups = group_overdue(late, tasks)
    output.print_lines([Cell(f"逾期事项（截至 {day}）" if zh else f"Overdue as of {day}", "bold")])
    counts: dict[str, int] = {}
    for kind in _SECTIONS:
        section = [g for g in groups if g.kind == kind]
        if not section:
            continue
        counts[kind] = sum(len(g.items) for g in section)
        zh_name, en_name, _ = _SECTIONS[kind]
        title = (
            f"{zh_name}（按单位计 {counts[kind]} 项）"
            if zh
            else f"{en_name}: {counts[kind]} items, one per unit"
        )
        output.print_lines([""])
        output.print_table(_columns(kind, lang), _ROWS[kind](section, lang), title=title)
    output.print_lines(
        [
            f"共 {len(late)} 项（按单位计）："
            + "，".join(f"{_SECTIONS[k][0]} {n}" for k, n in counts.items())
            + "。"
            if zh
            else f"{len(late)} items, one per unit: "
            + ", ".join(f"{_SECTIONS[k][2]} {n}" for k, n in counts.items())
            + ". Days: days overdue."
        ]
    )
