"""The hazard ledger's JSON (`--json`): exactly the keys documented in the README."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

    from maogang_cli.app.hazard_figures import Line, Stats
    from maogang_cli.app.hazard_ledger import HazardView, Timeline
    from maogang_cli.domain.hazard_figures import Targets


def hazard_json(v: HazardView) -> dict[str, Any]:
    closed_on = v.closed_on
    return {
        "id": v.id,
        "state": v.state,
        "found_on": v.found_on.isoformat(),
        "deadline": v.deadline.isoformat(),
        "department": v.department,
        "village": v.village,
        "sector": v.sector,
        "source": v.source,
        "level": v.level,
        "overdue": v.overdue,
        "days_overdue": v.days_overdue,
        "closed_on": closed_on.isoformat() if closed_on else None,
        "entity": v.entity,
        "description": v.description,
    }


def event_json(row: sqlite3.Row, voided_by: dict[int, sqlite3.Row]) -> dict[str, Any]:
    void = voided_by.get(row["seq"])
    return {
        "seq": row["seq"],
        "event": row["event"],
        "date": row["happened_on"],
        "state": row["state"],
        "deadline": row["deadline"],
        "note": row["note"],
        "new_deadline": row["new_deadline"],
        "approved_by": row["approved_by"] or None,
        "voids": row["voids"],
        "voided": void is not None,
        "voided_by": None
        if void is None
        else {
            "seq": void["seq"],
            "date": void["happened_on"],
            "note": void["note"],
            "recorded_by": void["recorded_by"],
        },
        "recorded_by": row["recorded_by"],
        "recorded_at": row["recorded_at"],
        "source": row["source"],
    }


def timeline_json(t: Timeline) -> dict[str, Any]:
    h = t.hazard
    assert t.view is not None
    return {
        **hazard_json(t.view),
        "original_deadline": h["deadline"],
        "uscc": h["uscc"] or None,
        "address": h["address"],
        "basis": h["basis"],
        "responsible_person": h["responsible_person"],
        "measures": h["measures"],
        "funds": h["funds"],
        "contingency_plan": h["contingency_plan"],
        "supervisor": t.view.department,
        "recorded_by": h["recorded_by"],
        "recorded_at": h["recorded_at"],
        "events": [event_json(r, t.voided_by) for r in t.events],
    }


def _line(line: Line) -> dict[str, Any]:
    return {
        "name": line.name,
        "total": line.total,
        "open": line.open,
        "closed": line.closed,
        "overdue": line.overdue,
        "closed_on_time": line.closed_on_time,
    }


def stats_json(s: Stats) -> dict[str, Any]:
    return {
        "as_of": s.as_of.isoformat(),
        "total": s.total.total,
        "open": s.total.open,
        "closed": s.total.closed,
        "overdue": s.total.overdue,
        "closed_on_time": s.total.closed_on_time,
        "median_days_to_close": s.median_days_to_close,
        **{f"by_{dimension}": [_line(line) for line in lines] for dimension, lines in s.by.items()},
    }


def targets_json(t: Targets, as_of: str) -> dict[str, Any]:
    def base(target: Any) -> dict[str, Any]:
        return {
            "due": target.due.isoformat(),
            "judged_on": target.judged_on.isoformat(),
            "met": target.met,
        }

    s, i, d = t
    return {
        "as_of": as_of,
        "stock": {**base(s), "found": s.found, "closed": s.closed, "open": s.open},
        "increment": {**base(i), "found_2024": i.found_2024, "found_2025": i.found_2025},
        "dynamic_zero": {
            **base(d),
            "open_overdue": d.open_overdue,
            "closed": d.closed,
            "closed_on_time": d.closed_on_time,
            "on_time_rate": d.on_time_rate,
        },
    }
