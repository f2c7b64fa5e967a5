"""The overdue table: late task pairs, missed duty instances and missed plan milestones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.cli.render_plan import owed_row
from maogang_cli.domain.status import PairState
from maogang_cli.i18n import Lang, t
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.domain.models import TaskHead
    from maogang_cli.domain.plan import Owed


def overdue_table(
    late: Sequence[PairState | Owed], tasks: dict[str, TaskHead], day: date, lang: Lang
) -> None:
    zh = lang == "zh"
    if not late:
        output.print_text(f"截至 {day} 没有逾期事项。" if zh else f"Nothing overdue as of {day}.")
        return
    columns = [
        Column(t("seq", lang), justify="right", no_wrap=True),
        Column(t("task", lang)),
        Column(t("unit", lang)),
        Column(t("role", lang), no_wrap=True),
        Column(t("deadline", lang), no_wrap=True),
        Column("逾期天数" if zh else "Days", justify="right", no_wrap=True),
        Column(t("status", lang), no_wrap=True),
    ]
    rows: list[list[str | Cell]] = [
        [
            str(tasks[s.task_id].seq),
            tasks[s.task_id].title,
            s.unit,
            t(s.role, lang),
            str(s.deadline),
            Cell(str(s.days_overdue), "bold red"),
            t(s.status, lang),
        ]
        if isinstance(s, PairState)
        else owed_row(s, lang)
        for s in late
    ]
    title = f"逾期事项（截至 {day}）" if zh else f"Overdue as of {day}"
    caption = f"共 {len(late)} 项（●红）" if zh else f"{len(late)} items (RED)"
    output.print_table(columns, rows, title=title, caption=caption)
