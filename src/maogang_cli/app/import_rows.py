"""The rules for one row of a unit's sheet: which task and unit it names, the records it
stands for by the rules of `record`, and what else refuses it or skips it (a day typed
under 完成日期, a second row for one task, unit and day, a row showing a voided record)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from maogang_cli.app.recording import Entry, PairLookups, check_entry
from maogang_cli.domain.cells import inert, unstorable
from maogang_cli.domain.dates import parse_day
from maogang_cli.domain.imports import (
    Row,
    StoredRecord,
    chinese_heading,
    done_on_typed,
    invisible,
    normalise_date,
    parse_percent,
    standing,
    voided_match,
)
from maogang_cli.domain.status import percent_contradiction
from maogang_cli.i18n import _
from maogang_cli.store.progress import reporting_units
from maogang_cli.store.queries import group_members, resolve_task, resolve_unit

if TYPE_CHECKING:
    import sqlite3
    from datetime import date
    from pathlib import Path

    from maogang_cli.store.progress import NewRecord


def task_of(conn: sqlite3.Connection, row: Row) -> str:
    """The task of a row: its id, which must agree with its row number (seq) when both are
    given; else its seq. A spreadsheet that turned an id such as 2024-01 into a date
    (2024/1/1) still says which one it was, and has the seq beside it. An id that reads as
    an id and names no task is refused: a typo must not send progress to another task."""
    task = _id_from_date(row.task) or row.task
    known = conn.execute("SELECT seq FROM tasks WHERE id = ?", [task]).fetchone() if task else None
    if known is not None:
        seq = row.seq.strip()
        if seq.isdigit() and int(seq) != known[0]:
            raise ValueError(
                _(
                    "task {task} is row {number} of its list, but the row says {seq}: "
                    "correct the one that is wrong"
                ).format(task=task, number=known[0], seq=seq)
            )
        return task
    if _TASK_ID.match(task):
        return resolve_task(conn, task)  # unknown: NotFoundError, with the nearest ids
    if row.seq:
        year = int(task[:4]) if task[:4].isdigit() else None
        return resolve_task(conn, row.seq, year)
    if not task:
        raise ValueError(_("task is empty"))
    return resolve_task(conn, task)


_TASK_ID = re.compile(r"^\d{4}-\d{1,3}$")


def _id_from_date(text: str) -> str:
    """2024-01 as a spreadsheet saves it once it took it for a date (2024-01-01, 2024/1/1):
    the id it was; "" for anything else."""
    day = normalise_date(text)
    if len(day) == 10 and day.endswith("-01") and _TASK_ID.match(day[:7]):
        return day[:7]
    return ""


def refuse_group(conn: sqlite3.Connection, unit: str, task_id: str) -> None:
    """A sheet gives one row per unit: a group with members is refused, naming them."""
    name = resolve_unit(conn, unit)
    members = group_members(conn, name)
    if not members:
        return
    reporting = reporting_units(conn, task_id)
    mine = [m for m in members if m in reporting]
    if not mine:
        raise ValueError(
            _("'{unit}' is a group and none of its members reports for {task}").format(
                unit=name, task=task_id
            )
        )
    raise ValueError(
        _(
            "'{unit}' is a group: give one row per member, each with its own status, "
            "for {task}: {members}"
        ).format(unit=name, task=task_id, members=_(", ").join(mine))
    )


def last_update_of(row: Row) -> date | None:
    """The day a row's 最近记录日期 cell shows; None when empty or not a date."""
    try:
        return parse_day(normalise_date(row.last_update)) if row.last_update else None
    except ValueError:
        return None


def voided_row(
    row: Row,
    records: list[NewRecord],
    stored: dict[str, list[StoredRecord]],
    voided: dict[str, list[StoredRecord]],
    has_last_update: bool,
) -> int | None:
    """The voided record an undated row still shows (the first, should a row stand for
    several units and each show one)."""
    found = [
        voided_match(
            stored.get(r.unit, []),
            voided.get(r.unit, []),
            status=r.status,
            note=r.note,
            percent=r.percent,
            last_update=last_update_of(row),
            has_last_update=has_last_update,
        )
        for r in records
    ]
    return found[0] if found and None not in found else None


def refuse_done_on_typed(
    row: Row,
    records: list[NewRecord],
    stored: dict[str, list[StoredRecord]],
    has_last_update: bool,
) -> None:
    """A day typed under 完成日期 is not recorded: say so, rather than record the row's
    日期 (or nothing) as the day it was done."""
    for r in records:
        typed = done_on_typed(
            stored.get(r.unit, []),
            typed=row.done_on,
            status=r.status,
            on=r.happened_on if row.date else None,
            last_update=last_update_of(row),
            has_last_update=has_last_update,
        )
        if typed is not None:
            raise ValueError(
                _(
                    "{column} {day} is worked out by the export and not imported: put the "
                    "day it was done under {date} (date)"
                ).format(column=chinese_heading("done_on"), day=typed, date=chinese_heading("date"))
            )


def claimed_percents(
    records: list[NewRecord], stored: dict[str, list[StoredRecord]]
) -> list[NewRecord]:
    """The records with the percent the row claims, by the rule of `record`: a 进度 cell
    left as the export showed it (the pair's latest percent) is no claim, and is left out
    when the row's status contradicts it (a unit marking a task 已完成 leaves 进度 50 as it
    was); a percent typed that contradicts the status refuses the row."""
    out = []
    for r in records:
        problem = percent_contradiction(r.status, r.percent)
        if problem:
            if r.percent != standing(stored.get(r.unit, []), r.happened_on).percent:
                raise ValueError(problem)
            r = r._replace(percent=None)
        out.append(r)
    return out


def refuse_second_row(
    rows_of: dict[tuple[str, str, date], int], records: list[NewRecord], number: int
) -> None:
    """One row per task, unit and day in a file: a second one (a sheet pasted twice, two
    people filling in the same row) would be decided by row order alone. Rows of other
    days are the pair's history, kept."""
    for r in records:
        first = rows_of.setdefault((r.task_id, r.unit, r.happened_on), number)
        if first != number:
            raise ValueError(
                _(
                    "{task} {unit} on {day} is already on row {row}: keep one of the two rows"
                ).format(task=r.task_id, unit=r.unit, day=r.happened_on, row=first)
            )


def checked_row(
    conn: sqlite3.Connection,
    row: Row,
    path: Path,
    *,
    today: date,
    by: str,
    stamp: str,
    lookups: PairLookups,
) -> tuple[str, list[NewRecord]]:
    """The task and the records a filled-in row stands for, by the rules of `record`;
    ValueError or MaogangError says what is wrong with it."""
    for field in ("task", "seq", "unit", "status", "date", "percent"):
        code = invisible(getattr(row, field))
        if code:
            raise ValueError(
                _(
                    "{column} holds an invisible character {code} (pasted with it): delete it"
                ).format(column=chinese_heading(field), code=code)
            )
    if not row.status:
        raise ValueError(_("status is empty"))
    if not row.unit:
        raise ValueError(_("unit is empty"))
    if unstorable(row.note):
        raise ValueError(
            _("the note holds a control character (shown as {text}): delete it").format(
                text=inert(row.note, one_line=True)[:80]
            )
        )
    percent = parse_percent(row.percent)
    task_id = task_of(conn, row)
    if (task_id, row.unit, False) not in lookups:  # once per pair, like check_entry's lookups
        refuse_group(conn, row.unit, task_id)
    entry = Entry(
        task=task_id,
        unit=row.unit,
        status=row.status,
        date=normalise_date(row.date) or None,
        note=row.note,
        percent=percent,
    )
    return task_id, check_entry(
        conn,
        entry,
        today=today,
        by=by,
        source=f"import:{path.name}",
        recorded_at=stamp,
        lookups=lookups,
    )
