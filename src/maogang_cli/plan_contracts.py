"""The documented `--json` shapes of the plan commands (`plan`, `agenda`, the duty and
plan-milestone items of `overdue`, `duty list`). Keys are a contract: change them only
with docs/json.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from maogang_cli.domain.agenda import AgendaItem
    from maogang_cli.domain.duties import Duty
    from maogang_cli.domain.owed import Owed
    from maogang_cli.domain.plan import ActionView, MilestoneView


def owed_overdue_json(owed: Owed) -> dict[str, Any]:
    """A missed duty instance or plan milestone, as `overdue --json` lists it beside tasks."""
    return {
        "kind": owed.kind,
        "ref": owed.ref,
        "title": owed.title,
        "unit": owed.unit,
        "deadline": owed.due.isoformat(),
        "days_overdue": owed.days_overdue,
        "status": owed.state,
    }


def agenda_json(item: AgendaItem) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "ref": item.ref,
        "title": item.title,
        "due": item.due.isoformat(),
        "unit": item.unit,
        "done": item.done,
    }


def plan_json(actions: Sequence[ActionView]) -> list[dict[str, Any]]:
    """The nine actions in document order, each with its measures."""
    return [
        {
            "number": view.action.number,
            "title": view.action.title,
            "measures": [
                {
                    "number": m.measure.number,
                    "title": m.measure.title,
                    "milestones": [_milestone_json(s) for s in m.milestones],
                    "tasks": [t.id for t in m.tasks],
                }
                for m in view.measures
            ],
        }
        for view in actions
    ]


def _milestone_json(view: MilestoneView) -> dict[str, Any]:
    m = view.milestone
    return {
        "id": m.id,
        "due": m.due.isoformat(),
        "text": m.text,
        "responsible": m.responsible,
        "state": view.state,
        "units": [
            {
                "unit": o.unit,
                "state": o.state,
                "done_on": o.done_on.isoformat() if o.done_on else None,
            }
            for o in view.owed
        ],
    }


def duty_json(duty: Duty, counts: Mapping[str, Any]) -> dict[str, Any]:
    """One recurring duty, as `duty list --json` gives it."""
    return {
        "id": duty.id,
        "title": duty.title,
        "frequency": duty.frequency,
        "due_day": duty.due_day,
        "owners": duty.owners,
        "owner_units": duty.owner_units,
        "start": duty.start,
        "end": duty.end,
        "measure": counts["measure"],
        "in_overdue": counts["in_overdue"],
        "due": counts["due"],
        "done": counts["done"],
        "missing": counts["missing"],
    }
