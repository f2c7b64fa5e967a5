"""Catalogue tables for people. Headings follow --lang; the data stays as written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.i18n import Lang, t
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from maogang_cli.domain.models import TaskInfo, UnitInfo


def unit_list(names: list[str], etc: bool, lang: Lang) -> str:
    """Names in a row, each kept whole where the row wraps (等 with the last one)."""
    sep = "、" if lang == "zh" else ", "
    shown = [*names[:-1], names[-1] + (t("etc", lang) if etc else "")] if names else []
    return sep.join(map(output.whole, shown))


def unit_lines(names: list[str], etc: bool, lang: Lang) -> str:
    """One unit per line, so a narrow column never breaks a name in two."""
    return "\n".join(names) + (t("etc", lang) if etc else "")


def tasks_table(tasks: list[TaskInfo], lang: Lang) -> None:
    responsible = t("responsible_units", lang)
    columns = [
        Column(t("seq", lang), justify="right", no_wrap=True),
        Column(t("title", lang), max_width=16, min_width=10, short=t("task", lang)),
        Column(t("deadline", lang), no_wrap=True),
        # Names whole, one a line (各负有安全生产监管职责的部门 takes 28 cells): where both
        # unit columns do not fit, the cooperating units go under the responsible ones.
        Column(responsible, no_wrap=True),
        Column(t("cooperating_units", lang), no_wrap=True, drop=1, under=responsible),
    ]
    rows: list[list[str | Cell]] = []
    for task in tasks:
        title = task.title + (f" [{t('retired', lang)}]" if task.retired else "")
        rows.append(
            [
                Cell(str(task.seq), "dim" if task.retired else ""),
                title,
                task.deadline.isoformat(),
                unit_lines(task.responsible, task.responsible_etc, lang),
                unit_lines(task.cooperating, task.cooperating_etc, lang) or "-",
            ]
        )
    years = "/".join(str(year) for year in sorted({task.year for task in tasks}))
    title = " ".join(filter(None, ["任务清单" if lang == "zh" else "Tasks", years]))
    output.print_table(
        columns,
        rows,
        title=title,
        caption=(f"共 {len(tasks)} 项" if lang == "zh" else f"{len(tasks)} tasks"),
    )


def units_table(units: list[UnitInfo], lang: Lang) -> None:
    name = t("name", lang)
    columns = [
        Column(name, no_wrap=True),
        # Names whole (各负有安全生产监管职责的部门: 28 cells; an alias: 30): where they do
        # not fit side by side, the kind goes, then the aliases go under the name.
        Column(t("kind", lang), no_wrap=True, drop=2),
        Column(t("aliases", lang), no_wrap=True, drop=1, under=name),
        Column(t("members", lang), no_wrap=True),
    ]
    rows = [
        [
            unit.name,
            t(unit.kind if not unit.retired else "retired", lang),
            "\n".join(unit.aliases) or "-",
            ("\n".join(unit.members) or t("none", lang)) if unit.is_group else "",
        ]
        for unit in units
    ]
    output.print_table(columns, rows, title="单位" if lang == "zh" else "Units")
