"""What the loaded catalogue holds: `maogang tasks` and `maogang units`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli.store.queries import list_tasks, list_units, resolve_unit

if TYPE_CHECKING:
    import sqlite3

    from maogang_cli.domain.models import TaskInfo, UnitInfo


def find_tasks(
    conn: sqlite3.Connection, *, unit: str | None, action: str | None, year: int | None
) -> list[TaskInfo]:
    """The tasks a unit (or a group's members) reports for, of an action, of a year."""
    if year is not None:
        from maogang_cli.app.span import check_task_year

        check_task_year(conn, year)
    canonical = resolve_unit(conn, unit) if unit is not None else None
    return list_tasks(conn, unit=canonical, action=action, year=year)


def all_units(conn: sqlite3.Connection) -> list[UnitInfo]:
    return list_units(conn)
