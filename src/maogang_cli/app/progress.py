"""Where tasks stand: `status` (per unit, or one unit's tasks), `show` (one task) and
`history` (one task's records), read from the store as of a day."""

import sqlite3
from typing import NamedTuple

from maogang_cli.domain.models import TaskInfo
from maogang_cli.domain.report_options import ReportOptions
from maogang_cli.domain.status import ROLES, PairState, UnitSummary
from maogang_cli.store.progress import pair_states, unit_summaries

# No `from __future__ import annotations`: the records below are on the read path, where
# typing would compile each string annotation at every run.


class UnitTasks(NamedTuple):
    """One unit's pairs (a group's: its members'), with their tasks."""

    unit: str
    states: list[PairState]
    tasks: dict[str, TaskInfo]


class TaskCard(NamedTuple):
    """A task and each of its reporting units' state."""

    task: TaskInfo
    states: list[PairState]


def unit_status(conn: sqlite3.Connection, options: ReportOptions) -> list[UnitSummary]:
    """One summary per reporting unit with pairs, in catalogue order."""
    _check_year(conn, options.year)
    return unit_summaries(conn, options)


def _check_year(conn: sqlite3.Connection, year: int | None) -> None:
    if year is not None:  # here, not at the top: status without --year imports nothing more
        from maogang_cli.app.span import check_task_year

        check_task_year(conn, year)


def unit_tasks(conn: sqlite3.Connection, unit: str, options: ReportOptions) -> UnitTasks:
    # Here, not at the top: `status` without --unit resolves no name (nor loads pinyin).
    from maogang_cli.store.queries import list_tasks, resolve_unit, units_named

    _check_year(conn, options.year)
    canonical = resolve_unit(conn, unit)
    states = pair_states(conn, options._replace(units=units_named(conn, canonical)))
    tasks = {task.id: task for task in list_tasks(conn, task_ids=[s.task_id for s in states])}
    return UnitTasks(canonical, states, tasks)


def task_card(conn: sqlite3.Connection, task: str, options: ReportOptions) -> TaskCard:
    """A task (retired ones too) and every one of its units, 主办 and 协办."""
    from maogang_cli.store.queries import list_tasks, resolve_task

    info = list_tasks(conn, task_ids=[resolve_task(conn, task)])[0]
    every_unit = ReportOptions(options.as_of, roles=ROLES, warn_days=options.warn_days)
    states = pair_states(conn, every_unit, task_ids=[info.id], include_retired=True)
    return TaskCard(info, states)
