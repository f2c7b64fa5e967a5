"""The documented `--json` shapes. Keys here are a contract: change them only with the README."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from maogang_cli.domain.models import TaskInfo, UnitInfo
from maogang_cli.domain.status import PairState, UnitSummary


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
        "completion_rate": round(summary.completion_rate, 4),
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


def overdue_json(state: PairState, task: TaskInfo) -> dict[str, Any]:
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


def record_json(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored progress record, as `history --json` gives it."""
    return {
        "id": row["id"],
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
    }
