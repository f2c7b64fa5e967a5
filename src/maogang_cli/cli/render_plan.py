"""Tables for the plan, the agenda and the recurring duties. Headings follow --lang; the
data stays as the plan writes it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from maogang_cli import output
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.domain.agenda import AgendaItem, Window
    from maogang_cli.domain.duties import Duty
    from maogang_cli.domain.plan import ActionView
    from maogang_cli.i18n import Lang

_WORDS: dict[str, tuple[str, str]] = {
    # agenda kinds
    "task": ("任务", "task"),
    "task_milestone": ("任务节点", "step"),
    "plan_milestone": ("方案节点", "milestone"),
    "duty": ("职责", "duty"),
    "hazard": ("隐患", "hazard"),  # not closed (销号) by the supervising department listed
    # milestone states
    "done": ("已完成", "done"),
    "open": ("未到期", "open"),
    "overdue": ("逾期", "overdue"),
    # frequencies
    "monthly": ("每月", "monthly"),
    "quarterly": ("每季度", "quarterly"),
    "half_yearly": ("每半年", "half-yearly"),
    "yearly": ("每年", "yearly"),
}
_CHINESE_NUMBERS = "一二三四五六七八九十"
_MEASURE = 24  # cells of the plan table's measure column


def w(key: str, lang: Lang) -> str:
    zh, en = _WORDS.get(key, (key, key))
    return zh if lang == "zh" else en


def _action_number(number: int, lang: Lang) -> str:
    if lang == "zh" and 1 <= number <= len(_CHINESE_NUMBERS):
        return f"（{_CHINESE_NUMBERS[number - 1]}）"
    return f"{number}. "


def unit_run(names: Sequence[str], lang: Lang) -> str:
    """Unit names in a row that wraps only between names, the separator ending the line:
    as many names a line as the column has room for, so it grows with the terminal
    (cli.tables.unit_lines puts one a line: right for a catalogue, too tall for 19 units).
    """
    return ("、 " if lang == "zh" else ", ").join(names)


def brief(title: str, cells: int = 48) -> str:
    """A duty's title cut for a heading: its first clause, at most `cells` wide ('...' marks
    a cut). The whole title is in `duty list` and `--json`."""
    from rich.cells import cell_len, set_cell_size

    clause = re.split("[，；。]", title, maxsplit=1)[0]
    if cell_len(clause) <= cells:
        return clause
    return set_cell_size(clause, cells - 3).rstrip() + "..."


def plan_tables(
    views: Sequence[ActionView], targets: Sequence[tuple[date, str]], day: date, lang: Lang
) -> None:
    zh = lang == "zh"
    head: list[str | Cell] = [
        Cell(f"三年行动计划（截至 {day}）" if zh else f"The three-year plan as of {day}", "bold")
    ]
    for due, text in targets:
        head.append(f"{'目标' if zh else 'Target'} {due}  {text}")
    output.print_lines(head)
    from rich.cells import chop_cells

    for view in views:
        rows: list[list[str | Cell]] = []
        for m in view.measures:
            tasks = "\n".join(f"{t.id} {t.done}/{t.units}" for t in m.tasks) or "-"
            steps = "\n".join(
                f"{s.milestone.id} {s.milestone.due} "
                f"{w(s.state, lang)} {sum(o.done for o in s.owed)}/{len(s.owed)}"
                for s in m.milestones
            )
            style = "red" if any(s.state == "overdue" for s in m.milestones) else ""
            measure = "\n".join(chop_cells(m.measure.title, _MEASURE))
            rows.append([str(m.measure.number), measure, tasks, Cell(steps or "-", style)])
        # The first three columns have fixed widths, so the nine tables line up; they do
        # not wrap (a measure is cut into lines here), so only the milestones column
        # narrows on a small terminal and its words (ids, dates) stay whole.
        columns = [
            Column("序号" if zh else "No.", justify="right", no_wrap=True, min_width=4),
            Column("措施" if zh else "Measure", no_wrap=True, min_width=_MEASURE),
            Column("任务" if zh else "Tasks", no_wrap=True, min_width=12),
            Column("方案节点" if zh else "Milestones", max_width=33),
        ]
        title = f"{_action_number(view.action.number, lang)}{view.action.title}"
        output.print_table(columns, rows, title=title)
    output.print_text(
        "n/m：已完成的单位数/责任单位数（任务按主办单位计）。"
        if zh
        else "n/m: units done / units owing (a task's lead units)."
    )


def agenda_table(items: Sequence[AgendaItem], window: Window, day: date, lang: Lang) -> None:
    """One row per (due, kind, ref): what it is, the units that have not done it, and
    done/units. The units sit under the item, in a column as wide as the terminal allows,
    so a duty id (up to 37 characters) stays whole at 60 columns."""
    zh = lang == "zh"
    span = f"{window.first} 至 {window.last}" if zh else f"{window.first} to {window.last}"
    if not items:
        output.print_text(f"{span} 没有到期事项。" if zh else f"Nothing falls due {span}.")
        return
    groups: list[list[AgendaItem]] = []
    for item in items:
        if groups and (groups[-1][0].due, groups[-1][0].kind, groups[-1][0].ref) == (
            item.due,
            item.kind,
            item.ref,
        ):
            groups[-1].append(item)
        else:
            groups.append([item])
    rows: list[list[str | Cell]] = []
    for group in groups:
        first = group[0]
        owing = [i.unit for i in group if not i.done]
        done = len(group) - len(owing)
        lines = [f"{w(first.kind, lang)} {first.ref.replace('/', ' ')}", first.title]
        if owing:
            lines.append(("未完成：" if zh else "Not done: ") + unit_run(owing, lang))
        rows.append(
            [
                str(first.due),
                Cell("\n".join(lines), "red" if owing and first.due < day else ""),
                Cell(f"{done}/{len(group)}", "green" if not owing else ""),
            ]
        )
    columns = [
        Column("到期" if zh else "Due", no_wrap=True),
        Column("事项" if zh else "Item"),
        Column("完成" if zh else "Done", justify="right", no_wrap=True),
    ]
    open_items = sum(not i.done for i in items)
    title = f"到期事项 {span}（截至 {day}）" if zh else f"Due {span} (as of {day})"
    output.print_table(columns, rows, title=title)
    output.print_lines(
        [
            f"共 {len(items)} 项（按单位计），未完成 {open_items} 项",
            "完成：已完成的单位/应完成的单位",
        ]
        if zh
        else [
            f"{len(items)} items (one per unit), {open_items} not done",
            "Done: units done / units owing",
        ]
    )


def duty_table(
    duties: Sequence[Duty], counts: dict[str, dict[str, Any]], day: date, lang: Lang
) -> None:
    """One row per duty: its id, title and owners in one column as wide as the terminal
    allows (an id stays whole at 60 columns); the rule and span; done of due."""
    zh = lang == "zh"
    rows: list[list[str | Cell]] = []
    for duty in duties:
        rule = w(duty.frequency, lang)
        if duty.due_day:
            rule += f"{duty.due_day}日前" if zh else f"\nby day {duty.due_day}"
        c = counts[duty.id]
        owners = ("责任单位：" if zh else "Owed by: ") + unit_run(duty.owners, lang)
        if not c["in_overdue"]:
            owners += " *"
        span = f"{duty.start} 至\n{duty.end}" if zh else f"{duty.start} to\n{duty.end}"
        rows.append(
            [
                f"{duty.id}\n{duty.title}\n{owners}",
                f"{rule}\n{span}",
                Cell(f"{c['done']}/{c['due']}", "red" if c["missing"] else ""),
            ]
        )
    columns = [
        Column("职责" if zh else "Duty"),
        Column("频次 起止" if zh else "When", no_wrap=True),
        Column("完成" if zh else "Done", justify="right", no_wrap=True),
    ]
    title = f"经常性职责（截至 {day}）" if zh else f"Recurring duties as of {day}"
    output.print_table(columns, rows, title=title)
    output.print_lines(
        [
            "完成：已到期的（周期，单位）中，已记录完成的/全部",
            "* 只由无具体成员的集合（各生产经营单位等）承担，",
            "  overdue 默认不列出（--all-duties 列出）",
        ]
        if zh
        else [
            "Done: instances (period, unit) due so far: done / all",
            "* Owed only by collectives with no named members:",
            "  overdue leaves it out unless --all-duties",
        ]
    )
