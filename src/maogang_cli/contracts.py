"""The documented `--json` shapes. Keys here are a contract: change them only with docs/json.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from maogang_cli.domain.export import MonthlyExport, ReportArrival
    from maogang_cli.domain.models import TaskHead, TaskInfo, UnitInfo
    from maogang_cli.domain.rank import RankRow
    from maogang_cli.domain.reports import Instance
    from maogang_cli.domain.status import PairState, UnitSummary
    from maogang_cli.store.voids import VoidMark


def task_json(task: TaskInfo) -> dict[str, Any]:
    return {
        "id": task.id,
        "year": task.year,
        "seq": task.seq,
        "action": task.action,
        "title": task.title,
        "description": task.description,
        "deadline": task.deadline.isoformat(),
        "responsible": task.responsible,
        "cooperating": task.cooperating,
        "responsible_etc": task.responsible_etc,
        "cooperating_etc": task.cooperating_etc,
        "responsible_units": task.responsible_units,
        "cooperating_units": task.cooperating_units,
        "measures": task.measures,
        "milestones": task.milestones,
        "retired": task.retired,
    }


def unit_json(unit: UnitInfo) -> dict[str, Any]:
    return {
        "name": unit.name,
        "full_name": unit.full_name,
        "kind": unit.kind,
        "aliases": unit.aliases,
        "members": unit.members,
        "retired": unit.retired,
    }


def unit_status_json(summary: UnitSummary) -> dict[str, Any]:
    return {
        "unit": summary.unit,
        "tasks": summary.tasks,
        "done": summary.done,
        "in_progress": summary.in_progress,
        "not_started": summary.not_started,
        "blocked": summary.blocked,
        "overdue": summary.overdue,
        "done_late": summary.done_late,
        "completion_rate": _rate(summary.completion_rate),
    }


def pair_json(state: PairState, task: TaskInfo) -> dict[str, Any]:
    """One (task, unit) pair, as `status --unit` and `show` give it."""
    return {
        "task": task.id,
        "seq": task.seq,
        "title": task.title,
        "unit": state.unit,
        "role": state.role,
        "status": state.status,
        "deadline": state.deadline.isoformat(),
        "days_left": state.days_left,
        "overdue": state.overdue,
        "days_overdue": state.days_overdue,
        "done_on": state.done_on.isoformat() if state.done_on else None,
        "done_late": state.done_late,
        "percent": state.percent,
        "note": state.note,
    }


def overdue_json(state: PairState, task: TaskHead) -> dict[str, Any]:
    return {
        "kind": "task",
        "task": task.id,
        "seq": task.seq,
        "title": task.title,
        "unit": state.unit,
        "role": state.role,
        "deadline": state.deadline.isoformat(),
        "days_overdue": state.days_overdue,
        "status": state.status,
    }


def void_json(mark: VoidMark | None) -> dict[str, Any] | None:
    """The void naming an entry, as `history --json` shows it (null when not voided)."""
    if mark is None:
        return None
    return {"id": mark.id, "reason": mark.reason, "recorded_by": mark.by, "recorded_at": mark.at}


def record_json(row: Mapping[str, Any], void: VoidMark | None = None) -> dict[str, Any]:
    """A stored progress record, as `history --json` gives it."""
    return {
        "id": _entry_id("progress", row["id"]),
        "task": row["task_id"],
        "unit": row["canonical"],
        "role": row["role"] or None,
        "status": row["status"],
        "date": row["happened_on"],
        "percent": row["percent"],
        "note": row["note"],
        "evidence": row["evidence"],
        "recorded_by": row["recorded_by"],
        "recorded_at": row["recorded_at"],
        "source": row["source"],
        "voided": void_json(void),
    }


def duty_record_json(row: Mapping[str, Any], void: VoidMark | None = None) -> dict[str, Any]:
    """A stored duty record (a submission, a duty instance or plan milestone done), as
    `history --duty --json` gives it."""
    return {
        "id": _entry_id("duty_records", row["id"]),
        "duty": row["duty"],
        "period": row["period"],
        "unit": row["canonical"],
        "done_on": row["done_on"],
        "note": row["note"],
        "recorded_by": row["recorded_by"],
        "recorded_at": row["recorded_at"],
        "source": row["source"],
        "voided": void_json(void),
    }


def _entry_id(table: str, row_id: int) -> str:
    # domain/voids (its records, its regex) only where an entry id is shown, not for
    # `overdue --json` or `status --json`.
    from maogang_cli.domain.voids import entry_id

    return entry_id(table, row_id)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def report_json(instance: Instance) -> dict[str, Any]:
    """One (unit, month) of `reports --json`."""
    return {
        "unit": instance.unit,
        "month": instance.period.key,
        "due": instance.due.isoformat(),
        "state": instance.state,
        "submitted_on": _day(instance.submitted_on),
        "days_late": instance.days_late,
    }


def _arrival_json(report: ReportArrival | None) -> dict[str, Any] | None:
    if report is None:
        return None
    return {
        "state": report.state,
        "submitted_on": _day(report.submitted_on),
        "days_late": report.days_late,
    }


def export_json(export: MonthlyExport) -> dict[str, Any]:
    """`export --format json`: the monthly report, summary per unit and one row per pair,
    and the hazards open on the report day or closed within the month."""
    from maogang_cli.hazard_contracts import hazard_json

    return {
        "month": export.month,
        "as_of": export.as_of.isoformat(),
        "year": export.year,
        "report_due": _day(export.report_due),
        "summary": [
            {
                "unit": s.unit,
                "lead_tasks": s.lead.tasks,
                "done": s.lead.done,
                "in_progress": s.lead.in_progress,
                "not_started": s.lead.not_started,
                "blocked": s.lead.blocked,
                "overdue": s.lead.overdue,
                "done_late": s.lead.done_late,
                "completion_rate": _rate(s.completion_rate),
                "support_tasks": s.support.tasks,
                "support_done": s.support.done,
                "support_overdue": s.support.overdue,
                "records_this_month": s.records_this_month,
                "report": _arrival_json(s.report),
            }
            for s in export.summary
        ],
        "rows": [
            {
                "task": r.task,
                "year": r.year,
                "seq": r.seq,
                "title": r.title,
                "unit": r.unit,
                "role": r.role,
                "deadline": r.deadline.isoformat(),
                "status": r.status,
                "last_update": _day(r.last_update),
                "percent": r.percent,
                "note": r.note,
                "done_on": _day(r.done_on),
                "overdue": r.overdue,
                "days_overdue": r.days_overdue,
                "done_late": r.done_late,
                "days_late": r.days_late,
                "records_this_month": [
                    {
                        "date": m.date.isoformat(),
                        "status": m.status,
                        "percent": m.percent,
                        "note": m.note,
                    }
                    for m in r.month_records
                ],
                "report": _arrival_json(r.report),
            }
            for r in export.rows
        ],
        "hazards": [hazard_json(h) for h in export.hazards],
    }


def rank_json(row: RankRow) -> dict[str, Any]:
    """One unit of `rank --json`."""
    return {
        "rank": row.rank,
        "unit": row.unit,
        "tasks": row.tasks,
        "done": row.done,
        "completion_rate": _rate(row.completion_rate),
        "overdue": row.overdue,
        "done_late": row.done_late,
        "reports_due": row.reports_due,
        "reports_on_time": row.reports_on_time,
        "on_time_report_rate": _rate(row.report_rate),
    }
