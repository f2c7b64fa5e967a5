"""The monthly report as data: one row per (task, reporting unit) and a summary per unit.

Pure: the store gathers the inputs, the exporters turn the result into files. The same
inputs always give the same rows in the same order (task list order, then unit order), so
a report regenerated for an audit is identical.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.status import PairState, UnitSummary, count_states, in_unit_order

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping, Sequence
    from datetime import date

    from maogang_cli.domain.hazards import HazardView
    from maogang_cli.domain.models import TaskInfo
    from maogang_cli.domain.periods import Period
    from maogang_cli.domain.reports import Instance


class MonthRecord(NamedTuple):
    """A progress record dated within the month (and on or before the as-of day)."""

    date: date
    status: str
    percent: int | None = None
    note: str = ""


class ReportArrival(NamedTuple):
    """The unit's monthly report for the month: on_time, late, missing or not_due."""

    state: str
    submitted_on: date | None
    days_late: int


class ExportRow(NamedTuple):
    task: str
    year: int
    seq: int
    title: str
    unit: str
    role: str
    deadline: date
    status: str
    last_update: date | None  # the latest record on or before the as-of day
    percent: int | None
    note: str  # the latest non-empty note
    done_on: date | None
    overdue: bool
    days_overdue: int
    done_late: bool
    days_late: int
    month_records: tuple[MonthRecord, ...]
    report: ReportArrival | None  # None: the unit owes no monthly report for this month
    signal: str = "green"  # 督办 colour as `status` gives it (red, yellow, green)


class ExportSummary(NamedTuple):
    """A unit's line of the 汇总: its 主办 pairs counted as `status` and `rank` count them,
    so the leaders read the same figures; its 协办 pairs in columns of their own."""

    unit: str
    lead: UnitSummary
    support: UnitSummary
    records_this_month: int
    report: ReportArrival | None

    @property
    def completion_rate(self) -> float | None:
        """Done ÷ 主办 tasks; None with no 主办 task."""
        return self.lead.completion_rate


class MonthlyExport(NamedTuple):
    month: str
    as_of: date
    year: int | None
    report_due: date | None  # the monthly report's due day, None if none is owed this month
    summary: tuple[ExportSummary, ...]
    rows: tuple[ExportRow, ...]
    # the hazard ledger: open on the report day, or closed within the month
    hazards: tuple[HazardView, ...] = ()


def default_as_of(month: Period, report_due: date | None, today: date) -> date:
    """The report date: the monthly report's due day (else the month's last day), never
    later than today."""
    return min(report_due or month.last, today)


def _arrival(instance: Instance | None) -> ReportArrival | None:
    if instance is None:
        return None
    return ReportArrival(instance.state, instance.submitted_on, instance.days_late)


def build_export(
    *,
    month: Period,
    as_of: date,
    year: int | None,
    states: Sequence[PairState],
    tasks: Mapping[str, TaskInfo],
    last_updates: Mapping[tuple[str, str], date],
    month_records: Mapping[tuple[str, str], Sequence[MonthRecord]],
    reports: Mapping[str, Instance],
    report_due: date | None,
    unit_order: Sequence[str],
) -> MonthlyExport:
    """Rows in the order of `states` (task list order); summary in `unit_order`."""
    rows = []
    for s in states:
        task = tasks[s.task_id]
        key = (s.task_id, s.unit)
        rows.append(
            ExportRow(
                task=task.id,
                year=task.year,
                seq=task.seq,
                title=task.title,
                unit=s.unit,
                role=s.role,
                deadline=s.deadline,
                status=s.status,
                last_update=last_updates.get(key),
                percent=s.percent,
                note=s.note,
                done_on=s.done_on,
                overdue=s.overdue,
                days_overdue=s.days_overdue,
                done_late=s.done_late,
                days_late=s.days_late,
                month_records=tuple(month_records.get(key, ())),
                report=_arrival(reports.get(s.unit)),
                signal=s.signal,
            )
        )
    lead = count_states(s for s in states if s.role == "responsible")
    support = count_states(s for s in states if s.role != "responsible")
    records: dict[str, int] = {}
    for row in rows:
        records[row.unit] = records.get(row.unit, 0) + len(row.month_records)
    summary = [
        ExportSummary(
            unit=unit,
            lead=UnitSummary(unit, **lead[unit]) if unit in lead else UnitSummary(unit),
            support=UnitSummary(unit, **support[unit]) if unit in support else UnitSummary(unit),
            records_this_month=records.get(unit, 0),
            report=_arrival(reports.get(unit)),
        )
        for unit in in_unit_order({*reports, *lead, *support}, unit_order)
    ]
    return MonthlyExport(
        month=month.key,
        as_of=as_of,
        year=year,
        report_due=report_due,
        summary=tuple(summary),
        rows=tuple(rows),
    )


def for_units(export: MonthlyExport, units: Collection[str]) -> MonthlyExport:
    """The export narrowed to some units: their rows, their summary lines, the hazards
    their department watches. The figures are theirs as in the whole export."""
    wanted = set(units)
    return export._replace(
        summary=tuple(s for s in export.summary if s.unit in wanted),
        rows=tuple(r for r in export.rows if r.unit in wanted),
        hazards=tuple(h for h in export.hazards if h.department in wanted),
    )


def units_with_rows(export: MonthlyExport) -> list[str]:
    """The units that owe rows in the export, in the summary's (catalogue) order."""
    have = {r.unit for r in export.rows}
    return [s.unit for s in export.summary if s.unit in have]
