"""What an import would record, for --dry-run, and its counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.i18n import Lang, _, t
from maogang_cli.output import Column

if TYPE_CHECKING:
    from maogang_cli.app.importing import StagedImport


def import_counts(staged: StagedImport) -> str:
    parts = [_("{n} new record(s)").format(n=len(staged.records))]
    if staged.unchanged:
        parts.append(_("{n} row(s) skipped as already recorded").format(n=len(staged.unchanged)))
    if staged.unfilled:
        parts.append(_("{n} row(s) skipped as not filled in").format(n=len(staged.unfilled)))
    return _(", ").join(parts)


def import_preview(staged: StagedImport, lang: Lang) -> None:
    zh = lang == "zh"
    if not staged.records:
        output.print_text(
            f"{staged.file} 没有需要新增的记录。"
            if zh
            else f"Nothing new to record from {staged.file}."
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
        for number, r in staged.records
    ]
    where = f"{staged.file} [{staged.sheet}]" if staged.sheet else staged.file
    title = f"将从 {where} 导入的记录" if zh else f"Records to import from {where}"
    output.print_table(columns, rows, title=title)
