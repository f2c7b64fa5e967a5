"""What an import would record, for --dry-run, and its counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.i18n import Lang, t
from maogang_cli.output import Column

if TYPE_CHECKING:
    from maogang_cli.importing import ImportPlan


def import_counts(plan: ImportPlan) -> str:
    parts = [f"{len(plan.records)} new record(s)"]
    if plan.unchanged:
        parts.append(f"{len(plan.unchanged)} row(s) skipped as already recorded")
    if plan.unfilled:
        parts.append(f"{len(plan.unfilled)} row(s) skipped as not filled in")
    return ", ".join(parts)


def import_preview(plan: ImportPlan, lang: Lang) -> None:
    zh = lang == "zh"
    if not plan.records:
        output.print_text(
            f"{plan.file} 没有需要新增的记录。"
            if zh
            else f"Nothing new to record from {plan.file}."
        )
        return
    columns = [
        Column("行" if zh else "Row", justify="right", no_wrap=True),
        Column(t("col_task", lang), no_wrap=True),
        Column(t("unit", lang)),
        Column(t("status", lang), no_wrap=True),
        Column(t("date", lang), no_wrap=True),
        Column(t("percent", lang), justify="right", no_wrap=True),
        Column(t("note", lang)),
    ]
    rows = [
        [
            str(number),
            r.task_id,
            r.unit,
            t(r.status, lang),
            r.happened_on.isoformat(),
            "" if r.percent is None else f"{r.percent}%",
            r.note,
        ]
        for number, r in plan.records
    ]
    where = f"{plan.file} [{plan.sheet}]" if plan.sheet else plan.file
    title = f"将从 {where} 导入的记录" if zh else f"Records to import from {where}"
    output.print_table(columns, rows, title=title)
