"""The one rule for which months and task-list years a report may be asked for.

A month must lie within the plan (2024-04 to 2026-12 for the bundled one) and must have
begun unless an --as-of day is given; a year must lie within the plan, and have a task
list where only tasks are shown (status, tasks, export). A well-formed value
outside these is refused by the data (exit 1), with the same words in every command;
a value that cannot be read is refused earlier, as usage (exit 2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli.errors import RefusedError, UsageError
from maogang_cli.i18n import _
from maogang_cli.store.plan import plan_heading

if TYPE_CHECKING:
    import sqlite3
    from datetime import date

    from maogang_cli.domain.periods import Period


def check_month(
    conn: sqlite3.Connection, month: Period, *, today: date, as_of: date | None
) -> None:
    """Refuse a month outside the plan; one that has not begun unless `as_of` (the day
    the user asked for) is given, and an `as_of` before the month begins."""
    heading = plan_heading(conn)
    if heading is not None and not heading.start <= month.key <= heading.end:
        raise RefusedError(
            _("{month} is outside the plan ({start} to {end})").format(
                month=month.key, start=heading.start, end=heading.end
            )
        )
    if as_of is None:
        if today < month.first:
            raise RefusedError(
                _("{month} has not begun yet (today is {today})").format(
                    month=month.key, today=today
                )
            )
    elif as_of < month.first:
        # the command line contradicts itself: whatever the database holds, it is usage
        raise UsageError(
            _("--as-of {day} is before the month {month} begins").format(day=as_of, month=month.key)
        )


def check_plan_year(conn: sqlite3.Connection, year: int | None) -> None:
    """Refuse a --year outside the plan's years (2024 to 2026 for the bundled one): a
    mistyped year (2042) would report "nothing", and `overdue --fail-if-any` would pass.
    A year within the plan is taken even without a task list: duties fall due in it."""
    if year is None:
        return
    heading = plan_heading(conn)
    if heading is None:  # no plan file: the task lists are all there is
        check_task_year(conn, year)
        return
    if not int(heading.start[:4]) <= year <= int(heading.end[:4]):
        raise RefusedError(
            _("{year} is outside the plan ({start} to {end})").format(
                year=year, start=heading.start, end=heading.end
            )
        )


def task_years(conn: sqlite3.Connection) -> list[int]:
    return [int(r[0]) for r in conn.execute("SELECT DISTINCT year FROM tasks ORDER BY year")]


def check_task_year(conn: sqlite3.Connection, year: int | None) -> None:
    """Refuse a --year for which the catalogue has no task list (an empty report otherwise)."""
    if year is None:
        return
    years = task_years(conn)
    if year not in years:
        raise RefusedError(
            _("there is no task list for {year} (task lists: {years})").format(
                year=year, years=_(", ").join(str(y) for y in years) or _("none")
            )
        )
