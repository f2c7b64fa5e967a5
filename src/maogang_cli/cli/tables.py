"""Catalogue tables for people. Headings follow --lang; the data stays as written."""

from __future__ import annotations

from maogang_cli import output
from maogang_cli.domain.models import TaskInfo, UnitInfo
from maogang_cli.i18n import Lang, t
from maogang_cli.output import Cell, Column


def unit_list(names: list[str], etc: bool, lang: Lang) -> str:
    sep = "、" if lang == "zh" else ", "
    return sep.join(names) + (t("etc", lang) if etc else "")


def tasks_table(tasks: list[TaskInfo], lang: Lang) -> None:
    columns = [
        Column(t("seq", lang), justify="right", no_wrap=True),
        Column(t("title", lang)),
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
                unit_list(task.responsible, task.responsible_etc, lang),
                unit_list(task.cooperating, task.cooperating_etc, lang) or "—",
            ]
        )
    years = sorted({task.year for task in tasks})
    title = ("任务清单 " if lang == "zh" else "Tasks ") + "/".join(map(str, years))
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
    sep = "、" if lang == "zh" else ", "
    rows = [
        [
            unit.name,
            t(unit.kind if not unit.retired else "retired", lang),
            sep.join(unit.aliases) or "—",
            (sep.join(unit.members) or t("none", lang)) if unit.is_group else "",
        ]
        for unit in units
    ]
    output.print_table(columns, rows, title="单位" if lang == "zh" else "Units")
