"""`maogang history`: the entries themselves, voided ones marked, each with the id `void`
takes."""

import sqlite3
from typing import NamedTuple

from maogang_cli.store.voids import VoidMark, marks


class Entries(NamedTuple):
    """Stored rows (oldest first) and the voids that name some of them, by row id."""

    subject: str  # the task id, or the duty's short name (月报) / plan milestone id
    unit: str | None
    rows: list[sqlite3.Row]
    voided: dict[int, VoidMark]


def task_entries(conn: sqlite3.Connection, task: str, unit: str | None) -> Entries:
    from maogang_cli.store.progress import history
    from maogang_cli.store.queries import resolve_task, resolve_unit

    task_id = resolve_task(conn, task)
    canonical = resolve_unit(conn, unit) if unit else None
    rows = history(conn, task_id, canonical)
    if canonical is not None and not rows:
        from maogang_cli.app.recording import check_reports_for

        check_reports_for(conn, task_id, canonical)  # a unit with nothing to show: say why
    return Entries(task_id, canonical, rows, marks(conn, "progress", [r["id"] for r in rows]))


def duty_entries(conn: sqlite3.Connection, duty: str, unit: str | None) -> Entries:
    from maogang_cli.store.duties import duty_history, short_names
    from maogang_cli.store.owed import find_obligation
    from maogang_cli.store.queries import resolve_unit

    found = find_obligation(conn, duty)
    canonical = resolve_unit(conn, unit) if unit else None
    rows = duty_history(conn, found.id, canonical)
    shown = short_names(conn).get(found.id, found.id)  # as overdue and agenda name it
    return Entries(shown, canonical, rows, marks(conn, "duty_records", [r["id"] for r in rows]))
