"""The hazards `overdue` and `agenda` list beside the plan's items: those open past their
deadline in force on the day, and those due within the agenda's window.

Apart from app/hazard_ledger.py so that `overdue` does not load the ledger's records and
rules (domain/hazards.py, hazard_words.py): it needs only the snapshot's rows.
"""

import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from maogang_cli.store import hazard_ledger as ledger

if TYPE_CHECKING:
    from maogang_cli.domain.agenda import AgendaItem
    from maogang_cli.domain.owed import Owed
    from maogang_cli.domain.report_options import ReportOptions


def _department_filter(conn: sqlite3.Connection, units: Sequence[str] | None) -> ledger.Filters:
    """--unit's units (canonical names) as the hazards table stores departments."""
    if units is None:
        return ledger.Filters()
    keys = ledger.unit_keys(conn)
    return ledger.Filters(departments=[keys.get(u, u) for u in units])


def _title(entity: object, description: object) -> str:
    return f"{entity}：{description}"


def overdue_hazards(conn: sqlite3.Connection, options: "ReportOptions") -> "list[Owed]":
    """Hazards open past their deadline in force on the report's day, each under its
    supervising department (kind `hazard`), for `overdue`: of the report's units (their
    departments), and with a year, those whose deadline is in it."""
    from maogang_cli.domain.owed import Owed

    day, year = options.as_of, options.year

    if not ledger.has_ledger(conn):
        return []
    labels = ledger.unit_labels(conn)
    found = []
    departments = _department_filter(conn, options.units)
    for row in ledger.snapshot_rows(conn, day, departments, overdue_only=True):
        deadline = date.fromisoformat(str(row[10]))
        if year is not None and deadline.year != year:
            continue
        found.append(
            Owed(
                "hazard", str(row[0]), "", _title(row[7], row[8]),
                labels.get(str(row[4]), str(row[4])), deadline, "missing", None,
                (day - deadline).days,
            )
        )  # fmt: skip
    return found


def agenda_hazards(
    conn: sqlite3.Connection, day: date, first: date, last: date, units: Sequence[str] | None
) -> "list[AgendaItem]":
    """Hazards whose deadline in force on `day` falls between first and last (kind
    `hazard`, under the supervising department; done once closed), for `agenda`."""
    from maogang_cli.domain.agenda import AgendaItem

    if not ledger.has_ledger(conn):
        return []
    labels = ledger.unit_labels(conn)
    rows = ledger.snapshot_rows(conn, day, _department_filter(conn, units))
    items = []
    for i, row in enumerate(rows):
        deadline = date.fromisoformat(str(row[10]))
        if row[9] == "voided" or not first <= deadline <= last:
            continue
        items.append(
            AgendaItem(
                "hazard", str(row[0]), _title(row[7], row[8]), deadline,
                labels.get(str(row[4]), str(row[4])), row[9] == "closed", (i,),
            )
        )  # fmt: skip
    return items
