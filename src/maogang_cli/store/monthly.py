"""Progress reads for the monthly report: what happened within a month, and when each pair
was last updated. Units are named as they are today (by their key)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from maogang_cli.domain.export import MonthRecord

if TYPE_CHECKING:
    import sqlite3

_CANONICAL = "FROM progress_live p LEFT JOIN units u ON u.key = p.unit_key"


def last_updates(conn: sqlite3.Connection, as_of: date) -> dict[tuple[str, str], date]:
    """(task, unit) -> the day of its latest record on or before `as_of`."""
    rows = conn.execute(
        f"""SELECT p.task_id, COALESCE(u.name, p.unit) AS unit, MAX(p.happened_on)
            {_CANONICAL} WHERE p.happened_on <= ? GROUP BY 1, 2""",
        [as_of.isoformat()],
    )
    return {(task, unit): date.fromisoformat(day) for task, unit, day in rows}


def records_between(
    conn: sqlite3.Connection, first: date, last: date
) -> dict[tuple[str, str], list[MonthRecord]]:
    """(task, unit) -> its records dated first..last, in the order they took effect."""
    out: dict[tuple[str, str], list[MonthRecord]] = {}
    for r in conn.execute(
        f"""SELECT p.task_id, COALESCE(u.name, p.unit) AS unit, p.happened_on, p.status,
                   p.percent, p.note
            {_CANONICAL} WHERE p.happened_on BETWEEN ? AND ?
            ORDER BY p.happened_on, p.recorded_at, p.id""",
        [first.isoformat(), last.isoformat()],
    ):
        out.setdefault((r["task_id"], r["unit"]), []).append(
            MonthRecord(date.fromisoformat(r["happened_on"]), r["status"], r["percent"], r["note"])
        )
    return out
