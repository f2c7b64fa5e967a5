"""The monthly report as two tables (summary, detail) with headings in the chosen language.

Cells keep their type (text, whole number, date, rate) so each format can write them its
own way: CSV as text, XLSX as real numbers and dates, Markdown as text.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

from maogang_cli.hazard_words import word
from maogang_cli.i18n import NC_, _, pgettext
from maogang_cli.marks import pair_signal_word
from maogang_cli.words import report_word, role_word, status_word, yes_no

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from maogang_cli.domain.export import ExportRow, ExportSummary, MonthlyExport, ReportArrival
    from maogang_cli.domain.hazards import HazardView

T = TypeVar("T")
Kind = Literal["text", "int", "date", "rate"]
Value = str | int | float | date | None
# A heading is a word of its own context: the sheets' "Deadline" (时间节点 of a task,
# 整改期限 of a hazard) differs from the terminal's. What `import` reads back is the
# importer's own list (domain/imports.py, domain/hazard_sheet.py), tested against these.
COLUMN = "sheet column"
HAZARD_COLUMN = "hazard sheet column"  # as domain/hazard_sheet.py heads its fields


class Column(NamedTuple):
    heading: str  # English; shown through pgettext(COLUMN or HAZARD_COLUMN, heading)
    kind: Kind
    max_width: int = 40  # for spreadsheets: wider text wraps
    fill_in: bool = False  # left empty for the unit to fill in (spreadsheets only)


class Sheet(NamedTuple):
    name: str
    headings: list[str]
    columns: list[Column]
    rows: list[list[Value]]


def report_text(report: ReportArrival | None) -> str:
    if report is None:
        return report_word("not_owed")
    return report_word(report.state, report.days_late)


def month_progress(row: ExportRow) -> str:
    """The month's records of a pair, one line each: date, status, percent, note."""
    lines = []
    for m in row.month_records:
        parts = [m.date.isoformat(), status_word(m.status)]
        if m.percent is not None:
            parts.append(f"{m.percent}%")
        if m.note:
            parts.append(m.note)
        lines.append(" ".join(parts))
    return "\n".join(lines)


_DETAIL: list[tuple[Column, Callable[[ExportRow], Value]]] = [
    (Column(NC_("sheet column", "Task ID"), "text"), lambda r: r.task),
    (Column(NC_("sheet column", "No."), "int"), lambda r: r.seq),
    (Column(NC_("sheet column", "Title"), "text"), lambda r: r.title),
    (Column(NC_("sheet column", "Unit"), "text"), lambda r: r.unit),
    (Column(NC_("sheet column", "Role"), "text"), lambda r: role_word(r.role)),
    (Column(NC_("sheet column", "Deadline"), "date"), lambda r: r.deadline),
    (Column(NC_("sheet column", "Last update"), "date"), lambda r: r.last_update),
    (Column(NC_("sheet column", "Status"), "text"), lambda r: status_word(r.status)),
    # Empty: the day of any new progress the unit writes in this row (`import` reads it)
    (Column(NC_("sheet column", "Date"), "date", fill_in=True), lambda r: None),
    (Column(NC_("sheet column", "Percent"), "int"), lambda r: r.percent),
    (Column(NC_("sheet column", "Note"), "text"), lambda r: r.note),
    (Column(NC_("sheet column", "Done on"), "date"), lambda r: r.done_on),
    (Column(NC_("sheet column", "Overdue?"), "text"), lambda r: yes_no(r.overdue)),
    (Column(NC_("sheet column", "Days overdue"), "int"), lambda r: r.days_overdue),
    (Column(NC_("sheet column", "Done late"), "text"), lambda r: yes_no(r.done_late)),
    (Column(NC_("sheet column", "Records this month"), "int"), lambda r: len(r.month_records)),
    (Column(NC_("sheet column", "Progress this month"), "text", 60), month_progress),
    (Column(NC_("sheet column", "Monthly report"), "text"), lambda r: report_text(r.report)),
    (
        Column(NC_("sheet column", "Report submitted"), "date"),
        lambda r: r.report.submitted_on if r.report else None,
    ),
    # 督办 as `status --unit` shows it: the colour, and 阻 for a blocked pair, due or not
    (Column(NC_("sheet column", "Flag"), "text"), lambda r: pair_signal_word(r.signal, r.status)),
]

_SUMMARY: list[tuple[Column, Callable[[ExportSummary], Value]]] = [
    (Column(NC_("sheet column", "Unit"), "text"), lambda s: s.unit),
    # 主办 pairs, counted as `status` and `rank` count them
    (Column(NC_("sheet column", "Lead tasks"), "int"), lambda s: s.lead.tasks),
    (Column(NC_("sheet column", "Done"), "int"), lambda s: s.lead.done),
    (Column(NC_("sheet column", "In progress"), "int"), lambda s: s.lead.in_progress),
    (Column(NC_("sheet column", "Not started"), "int"), lambda s: s.lead.not_started),
    (Column(NC_("sheet column", "Blocked"), "int"), lambda s: s.lead.blocked),
    (Column(NC_("sheet column", "Overdue"), "int"), lambda s: s.lead.overdue),
    (Column(NC_("sheet column", "Done late"), "int"), lambda s: s.lead.done_late),
    (Column(NC_("sheet column", "Done %"), "rate"), lambda s: s.completion_rate),
    # 协办 pairs, in columns of their own
    (Column(NC_("sheet column", "Support tasks"), "int"), lambda s: s.support.tasks),
    (Column(NC_("sheet column", "Support done"), "int"), lambda s: s.support.done),
    (Column(NC_("sheet column", "Support overdue"), "int"), lambda s: s.support.overdue),
    (Column(NC_("sheet column", "Records this month"), "int"), lambda s: s.records_this_month),
    (Column(NC_("sheet column", "Monthly report"), "text"), lambda s: report_text(s.report)),
    (
        Column(NC_("sheet column", "Report submitted"), "date"),
        lambda s: s.report.submitted_on if s.report else None,
    ),
]


# The headings are ones `hazard import` reads, so the sheet goes back in as it is (its
# hazards, found by their ids, are skipped as already registered).
_HAZARDS: list[tuple[Column, Callable[[HazardView], Value]]] = [
    (Column(NC_("hazard sheet column", "Hazard ID"), "text"), lambda h: h.id),
    (Column(NC_("hazard sheet column", "State"), "text"), lambda h: word(h.state)),
    (Column(NC_("hazard sheet column", "Found on"), "date"), lambda h: h.found_on),
    (Column(NC_("hazard sheet column", "Deadline"), "date"), lambda h: h.deadline),
    (Column(NC_("hazard sheet column", "Overdue?"), "text"), lambda h: yes_no(h.overdue)),
    (Column(NC_("hazard sheet column", "Days overdue"), "int"), lambda h: h.days_overdue),
    (Column(NC_("hazard sheet column", "Closed on"), "date"), lambda h: h.closed_on),
    (Column(NC_("hazard sheet column", "Department"), "text"), lambda h: h.department),
    (Column(NC_("hazard sheet column", "Village"), "text"), lambda h: h.village),
    (Column(NC_("hazard sheet column", "Sector"), "text"), lambda h: h.sector),
    (Column(NC_("hazard sheet column", "Source"), "text"), lambda h: word(h.source)),
    (Column(NC_("hazard sheet column", "Level"), "text"), lambda h: word(h.level)),
    (Column(NC_("hazard sheet column", "Business"), "text"), lambda h: h.entity),
    (Column(NC_("hazard sheet column", "Description"), "text", 60), lambda h: h.description),
]


def _sheet(
    name: str,
    spec: Sequence[tuple[Column, Callable[[T], Value]]],
    items: Sequence[T],
    context: str = COLUMN,
) -> Sheet:
    return Sheet(
        name=name,
        headings=[pgettext(context, column.heading) for column, _get in spec],
        columns=[column for column, _get in spec],
        rows=[[get(item) for _column, get in spec] for item in items],
    )


def detail_sheet(export: MonthlyExport) -> Sheet:
    return _sheet(pgettext("sheet", "Detail"), _DETAIL, export.rows)


def summary_sheet(export: MonthlyExport) -> Sheet:
    return _sheet(pgettext("sheet", "Summary"), _SUMMARY, export.summary)


def hazard_sheet(export: MonthlyExport) -> Sheet:
    """The hazard ledger: open on the report day, or closed within the month."""
    return _sheet(pgettext("sheet", "Hazards"), _HAZARDS, export.hazards, HAZARD_COLUMN)


def about_sheet_name() -> str:
    return pgettext("sheet", "About")


def title(export: MonthlyExport) -> str:
    scope = "" if export.year is None else f" {export.year}"
    return _("Monthly report {month}{scope} (as of {day})").format(
        month=export.month, scope=scope, day=export.as_of
    )


def about(export: MonthlyExport) -> list[tuple[str, Value]]:
    """What a reader of the file needs to know about it, as (label, value) lines; days are
    dates and the task year a number, so a spreadsheet keeps them as such."""
    return [
        (pgettext("about", "Title"), title(export)),
        (pgettext("about", "Month"), export.month),
        (pgettext("about", "As of"), export.as_of),
        (pgettext("about", "Task year"), export.year or pgettext("about", "all")),
        (pgettext("about", "Report due"), export.report_due or report_word("not_owed")),
        (
            pgettext("about", "Notes"),
            _(
                "In the summary, the task, done, in progress, not started, blocked, overdue, "
                "done late and done % figures count lead (主办) tasks only, as status and rank "
                "do; support (协办) tasks, done and overdue have columns of their own. "
                "Done % = done / lead tasks, rounded half up to a whole percent. "
                "Status is as of the as-of day; progress this month lists the month's "
                "records up to it; a report is on time when it arrives on or before the due "
                "day, late after it; from the due day on, a report not received by the as-of "
                "day is missing; before the due day it is not due. In the detail sheet, Last "
                "update is the day of the latest record; a unit reporting new progress (a "
                "changed status, percent or note) writes the day it happened under Date."
            ),
        ),
    ]
