"""Catalogue tables for people. Headings follow --lang; the data stays as written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.i18n import Lang, t
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from maogang_cli.domain.models import TaskInfo, UnitInfo


def unit_list(names: list[str], etc: bool, lang: Lang) -> str:
    sep = "、" if lang == "zh" else ", "
    return sep.join(names) + (t("etc", lang) if etc else "")


def unit_lines(names: list[str], etc: bool, lang: Lang) -> str:
    """One unit per line, so a narrow column never breaks a name in two."""
    return "\n".join(names) + (t("etc", lang) if etc else "")


def tasks_table(tasks: list[TaskInfo], lang: Lang) -> None:
    columns = [
        Column(t("seq", lang), justify="right", no_wrap=True),
        # At 80 columns this leaves 20 cells to each unit column: enough for the usual
        # names (镇安委会有关成员单位) to stay whole, one per line.
        Column(t("title", lang), max_width=16),
        Column(t("deadline", lang), no_wrap=True),
        Column(t("responsible_units", lang)),
        Column(t("cooperating_units", lang)),
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
    columns = [
        Column(t("name", lang), no_wrap=True),
        Column(t("kind", lang), no_wrap=True),
        Column(t("aliases", lang)),
        Column(t("members", lang)),
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
