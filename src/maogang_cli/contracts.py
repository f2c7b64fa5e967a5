"""The documented `--json` shapes. Keys here are a contract: change them only with the README."""

from __future__ import annotations

from typing import Any

from maogang_cli.domain.models import TaskInfo, UnitInfo


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
