"""The monthly report as data: one row per (task, reporting unit) and a summary per unit.

Pure: the store gathers the inputs, the exporters turn the result into files. The same
inputs always give the same rows in the same order (task list order, then unit order), so
a report regenerated for an audit is identical.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.status import STATUSES, PairState

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

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


class ExportSummary(NamedTuple):
    unit: str
    lead_tasks: int
    support_tasks: int
    done: int
    in_progress: int
    not_started: int
    blocked: int
    overdue: int
    done_late: int
    records_this_month: int
    report: ReportArrival | None

    @property
    def tasks(self) -> int:
        return self.lead_tasks + self.support_tasks

    @property
    def completion_rate(self) -> float:
        return self.done / self.tasks if self.tasks else 0.0


class MonthlyExport(NamedTuple):
    month: str
    as_of: date
    year: int | None
    report_due: date | None  # the monthly report's due day, None if none is owed this month
    summary: tuple[ExportSummary, ...]
    rows: tuple[ExportRow, ...]


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
            )
        )
    by_unit: dict[str, list[ExportRow]] = {unit: [] for unit in reports}
    for row in rows:
        by_unit.setdefault(row.unit, []).append(row)
    rank = {name: i for i, name in enumerate(unit_order)}
    summary = []
    for unit in sorted(by_unit, key=lambda u: (rank.get(u, len(rank)), u)):
        mine = by_unit[unit]
        by_status = {status: sum(r.status == status for r in mine) for status in STATUSES}
        summary.append(
            ExportSummary(
                unit=unit,
                lead_tasks=sum(r.role == "responsible" for r in mine),
                support_tasks=sum(r.role != "responsible" for r in mine),
                done=by_status["done"],
                in_progress=by_status["in_progress"],
                not_started=by_status["not_started"],
                blocked=by_status["blocked"],
                overdue=sum(r.overdue for r in mine),
                done_late=sum(r.done_late for r in mine),
                records_this_month=sum(len(r.month_records) for r in mine),
                report=_arrival(reports.get(unit)),
            )
        )
    return MonthlyExport(
        month=month.key,
        as_of=as_of,
        year=year,
        report_due=report_due,
        summary=tuple(summary),
        rows=tuple(rows),
    )
