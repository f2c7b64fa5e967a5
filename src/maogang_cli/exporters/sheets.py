"""The monthly report as two tables (summary, detail) with headings in the chosen language.

Cells keep their type (text, whole number, date, rate) so each format can write them its
own way: CSV as text, XLSX as real numbers and dates, Markdown as text.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

from maogang_cli.i18n import Lang, t
from maogang_cli.marks import pair_signal_word

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from maogang_cli.domain.export import ExportRow, ExportSummary, MonthlyExport, ReportArrival
    from maogang_cli.domain.hazards import HazardView

T = TypeVar("T")
Kind = Literal["text", "int", "date", "rate"]
Value = str | int | float | date | None


class Column(NamedTuple):
    key: str  # the i18n key of its heading (col_…)
    kind: Kind
    max_width: int = 40  # for spreadsheets: wider text wraps
    fill_in: bool = False  # left empty for the unit to fill in (spreadsheets only)


class Sheet(NamedTuple):
    name: str
    headings: list[str]
    columns: list[Column]
    rows: list[list[Value]]


def yes_no(value: bool, lang: Lang) -> str:
    return t("yes" if value else "no", lang)


def report_text(report: ReportArrival | None, lang: Lang) -> str:
    if report is None:
        return t("not_owed", lang)
    if report.state == "late":
        return t("late_days", lang, n=report.days_late)
    return t(report.state, lang)


def month_progress(row: ExportRow, lang: Lang) -> str:
    """The month's records of a pair, one line each: date, status, percent, note."""
    lines = []
    for m in row.month_records:
        parts = [m.date.isoformat(), t(m.status, lang)]
        if m.percent is not None:
            parts.append(f"{m.percent}%")
        if m.note:
            parts.append(m.note)
        lines.append(" ".join(parts))
    return "\n".join(lines)


_DETAIL: list[tuple[Column, Callable[[ExportRow, Lang], Value]]] = [
    (Column("col_task", "text"), lambda r, _: r.task),
    (Column("col_seq", "int"), lambda r, _: r.seq),
    (Column("col_title", "text"), lambda r, _: r.title),
    (Column("col_unit", "text"), lambda r, _: r.unit),
    (Column("col_role", "text"), lambda r, lang: t(r.role, lang)),
    (Column("col_deadline", "date"), lambda r, _: r.deadline),
    (Column("col_last_update", "date"), lambda r, _: r.last_update),
    (Column("col_status", "text"), lambda r, lang: t(r.status, lang)),
    # Empty: the day of any new progress the unit writes in this row (`import` reads it)
    (Column("col_date", "date", fill_in=True), lambda r, _: None),
    (Column("col_percent", "int"), lambda r, _: r.percent),
    (Column("col_note", "text"), lambda r, _: r.note),
    (Column("col_done_on", "date"), lambda r, _: r.done_on),
    (Column("col_overdue", "text"), lambda r, lang: yes_no(r.overdue, lang)),
    (Column("col_days_overdue", "int"), lambda r, _: r.days_overdue),
    (Column("col_done_late", "text"), lambda r, lang: yes_no(r.done_late, lang)),
    (Column("col_records_this_month", "int"), lambda r, _: len(r.month_records)),
    (Column("col_progress_this_month", "text", 60), month_progress),
    (Column("col_report", "text"), lambda r, lang: report_text(r.report, lang)),
    (Column("col_report_date", "date"), lambda r, _: r.report.submitted_on if r.report else None),
    # 督办 as `status --unit` shows it: the colour, and 阻 for a blocked pair, due or not
    (Column("col_signal", "text"), lambda r, lang: pair_signal_word(r.signal, r.status, lang)),
]

_SUMMARY: list[tuple[Column, Callable[[ExportSummary, Lang], Value]]] = [
    (Column("col_unit", "text"), lambda s, _: s.unit),
    # 主办 pairs, counted as `status` and `rank` count them
    (Column("col_lead_tasks", "int"), lambda s, _: s.lead.tasks),
    (Column("col_done", "int"), lambda s, _: s.lead.done),
    (Column("col_in_progress", "int"), lambda s, _: s.lead.in_progress),
    (Column("col_not_started", "int"), lambda s, _: s.lead.not_started),
    (Column("col_blocked", "int"), lambda s, _: s.lead.blocked),
    (Column("col_overdue_count", "int"), lambda s, _: s.lead.overdue),
    (Column("col_done_late_count", "int"), lambda s, _: s.lead.done_late),
    (Column("col_completion_rate", "rate"), lambda s, _: s.completion_rate),
    # 协办 pairs, in columns of their own
    (Column("col_support_tasks", "int"), lambda s, _: s.support.tasks),
    (Column("col_support_done", "int"), lambda s, _: s.support.done),
    (Column("col_support_overdue", "int"), lambda s, _: s.support.overdue),
    (Column("col_records_this_month", "int"), lambda s, _: s.records_this_month),
    (Column("col_report", "text"), lambda s, lang: report_text(s.report, lang)),
    (Column("col_report_date", "date"), lambda s, _: s.report.submitted_on if s.report else None),
]


def _hazard_word(key: str, lang: Lang) -> str:
    from maogang_cli.hazard_words import WORDS

    zh, en = WORDS.get(key, (key, key))
    return zh if lang == "zh" else en


# The headings are ones `hazard import` reads, so the sheet goes back in as it is (its
# hazards, found by their ids, are skipped as already registered).
_HAZARDS: list[tuple[Column, Callable[[HazardView, Lang], Value]]] = [
    (Column("col_hazard_id", "text"), lambda h, _: h.id),
    (Column("col_hazard_state", "text"), lambda h, lang: _hazard_word(h.state, lang)),
    (Column("col_found_on", "date"), lambda h, _: h.found_on),
    (Column("col_hazard_deadline", "date"), lambda h, _: h.deadline),
    (Column("col_overdue", "text"), lambda h, lang: yes_no(h.overdue, lang)),
    (Column("col_days_overdue", "int"), lambda h, _: h.days_overdue),
    (Column("col_closed_on", "date"), lambda h, _: h.closed_on),
    (Column("col_department", "text"), lambda h, _: h.department),
    (Column("col_village", "text"), lambda h, _: h.village),
    (Column("col_sector", "text"), lambda h, _: h.sector),
    (Column("col_source", "text"), lambda h, lang: _hazard_word(h.source, lang)),
    (Column("col_level", "text"), lambda h, lang: _hazard_word(h.level, lang)),
    (Column("col_entity", "text"), lambda h, _: h.entity),
    (Column("col_description", "text", 60), lambda h, _: h.description),
]


def _sheet(
    name: str,
    spec: Sequence[tuple[Column, Callable[[T, Lang], Value]]],
    items: Sequence[T],
    lang: Lang,
) -> Sheet:
    return Sheet(
        name=name,
        headings=[t(column.key, lang) for column, _ in spec],
        columns=[column for column, _ in spec],
        rows=[[get(item, lang) for _, get in spec] for item in items],
    )


def detail_sheet(export: MonthlyExport, lang: Lang) -> Sheet:
    return _sheet(t("sheet_detail", lang), _DETAIL, export.rows, lang)


def summary_sheet(export: MonthlyExport, lang: Lang) -> Sheet:
    return _sheet(t("sheet_summary", lang), _SUMMARY, export.summary, lang)


def hazard_sheet(export: MonthlyExport, lang: Lang) -> Sheet:
    """The hazard ledger: open on the report day, or closed within the month."""
    return _sheet(t("sheet_hazards", lang), _HAZARDS, export.hazards, lang)


def title(export: MonthlyExport, lang: Lang) -> str:
    scope = "" if export.year is None else f" {export.year}"
    if lang == "zh":
        return f"治本攻坚月报 {export.month}{scope}（截至 {export.as_of}）"
    return f"Monthly report {export.month}{scope} (as of {export.as_of})"


def about(export: MonthlyExport, lang: Lang) -> list[tuple[str, Value]]:
    """What a reader of the file needs to know about it, as (label, value) lines; days are
    dates and the task year a number, so a spreadsheet keeps them as such."""
    zh = lang == "zh"
    return [
        ("标题" if zh else "Title", title(export, lang)),
        ("月份" if zh else "Month", export.month),
        ("截至" if zh else "As of", export.as_of),
        (
            "任务年度" if zh else "Task year",
            export.year or ("全部" if zh else "all"),
        ),
        ("月报截止" if zh else "Report due", export.report_due or t("not_owed", lang)),
        (
            "说明" if zh else "Notes",
            "汇总中的任务数、完成、推进中、未开始、受阻、逾期、逾期完成和完成率只计主办任务，"
            "与 status、rank 的统计一致；协办任务、协办完成、协办逾期另列。"
            "完成率＝已完成÷主办任务，按四舍五入取整数百分比。"
            "状态为截至日的状态；本月进展为本月内（截至日前）的进展记录；"
            "月报截止日当天或之前报送为按时，之后为迟报；截至日在截止日当天或之后时，"
            "截至日仍未收到的为未报，截至日在截止日之前时为未到期。"
            "明细中“最近记录日期”为已有最近一条记录的日期；填报新进展（状态、进度或备注有变化）时，"
            "请在“日期”列填写进展发生的日期。"
            if zh
            else "In the summary, the task, done, in progress, not started, blocked, overdue, "
            "done late and done % figures count lead (主办) tasks only, as status and rank do; "
            "support (协办) tasks, done and overdue have columns of their own. "
            "Done % = done / lead tasks, rounded half up to a whole percent. "
            "Status is as of the as-of day; progress this month lists the month's "
            "records up to it; a report is on time when it arrives on or before the due day, "
            "late after it; from the due day on, a report not received by the as-of day is "
            "missing; before the due day it is not due. In the detail sheet, Last update is "
            "the day of the latest record; a unit reporting new progress (a changed status, "
            "percent or note) writes the day it happened under Date.",
        ),
    ]
