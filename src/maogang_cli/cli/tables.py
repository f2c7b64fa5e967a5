"""Catalogue tables for people, in the run's language; the data stays as written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.i18n import _, pgettext
from maogang_cli.output import Cell, Column
from maogang_cli.words import kind_word

if TYPE_CHECKING:
    from maogang_cli.domain.models import TaskInfo, UnitInfo


def _etc(etc: bool) -> str:
    return pgettext("unit list", " etc.") if etc else ""


def unit_list(names: list[str], etc: bool) -> str:
    """Names in a row, each kept whole where the row wraps (等 with the last one)."""
    shown = [*names[:-1], names[-1] + _etc(etc)] if names else []
    return pgettext("unit list", ", ").join(map(output.whole, shown))


def unit_lines(names: list[str], etc: bool) -> str:
    """One unit per line, so a narrow column never breaks a name in two."""
    return "\n".join(names) + _etc(etc)


def tasks_table(tasks: list[TaskInfo]) -> None:
    responsible = pgettext("table", "Responsible")
    columns = [
        Column(pgettext("table", "No."), justify="right", no_wrap=True),
        Column(
            pgettext("task list", "Task"),
            max_width=16,
            min_width=10,
            short=pgettext("table", "Task"),
        ),
        Column(pgettext("table", "Deadline"), no_wrap=True),
        # Names whole, one a line (各负有安全生产监管职责的部门 takes 28 cells): where both
        # unit columns do not fit, the cooperating units go under the responsible ones.
        Column(responsible, no_wrap=True),
        Column(pgettext("table", "Cooperating"), no_wrap=True, drop=1, under=responsible),
    ]
    rows: list[list[str | Cell]] = []
    for task in tasks:
        title = task.title + (f" [{kind_word('retired')}]" if task.retired else "")
        rows.append(
            [
                Cell(str(task.seq), "dim" if task.retired else ""),
                title,
                task.deadline.isoformat(),
                unit_lines(task.responsible, task.responsible_etc),
                unit_lines(task.cooperating, task.cooperating_etc) or "-",
            ]
        )
    years = "/".join(str(year) for year in sorted({task.year for task in tasks}))
    title = " ".join(filter(None, [pgettext("table title", "Tasks"), years]))
    caption = _("{n} tasks").format(n=len(tasks))
    output.print_table(columns, rows, title=title, caption=caption)


def units_table(units: list[UnitInfo]) -> None:
    name = pgettext("table", "Name")
    columns = [
        Column(name, no_wrap=True),
        # Names whole (各负有安全生产监管职责的部门: 28 cells; an alias: 30): where they do
        # not fit side by side, the kind goes, then the aliases go under the name.
        Column(pgettext("table", "Kind"), no_wrap=True, drop=2),
        Column(pgettext("table", "Aliases"), no_wrap=True, drop=1, under=name),
        Column(pgettext("table", "Members"), no_wrap=True),
    ]
    rows = [
        [
            unit.name,
            kind_word(unit.kind if not unit.retired else "retired"),
            "\n".join(unit.aliases) or "-",
            ("\n".join(unit.members) or pgettext("members", "none")) if unit.is_group else "",
        ]
        for unit in units
    ]
    output.print_table(columns, rows, title=pgettext("table title", "Units"))
