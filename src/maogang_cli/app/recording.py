"""Turning what a clerk typed (or a spreadsheet row) into progress records, or refusing it.

Shared by `record` and `import`: the same checks, the same messages, nothing written
until every check has passed.
"""

from __future__ import annotations

import getpass
import os
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.cells import inert
from maogang_cli.domain.dates import parse_day
from maogang_cli.domain.imports import StoredRecord
from maogang_cli.domain.status import parse_status, percent_contradiction
from maogang_cli.domain.voids import done_already, entry_id, overtaken, same_record
from maogang_cli.errors import InvalidRecordError, MaogangError, UsageError, did_you_mean
from maogang_cli.i18n import _
from maogang_cli.store.imports import task_records
from maogang_cli.store.progress import NewRecord, append_records, reporting_units
from maogang_cli.store.queries import group_members, resolve_task, resolve_unit, units_named

if TYPE_CHECKING:
    import sqlite3


class Entry(NamedTuple):
    """One progress report as given, before any checking."""

    task: str
    unit: str
    status: str
    date: str | None = None
    note: str = ""
    percent: int | None = None
    evidence: str = ""


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in a container
        return os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


def recorder(given: str | None) -> str:
    """Who records: `--by`, else the OS user. A name is one line of text: a control
    character or line break in it could forge a line of every listing that shows it."""
    if given is not None and not given.strip():
        # An empty --by (a script's unset variable) is not the OS user's say-so: evidence
        # names who recorded it, so refuse it as void refuses an empty --reason.
        raise UsageError(
            _("--by is empty: give the name of who records, or leave --by out for the OS user")
        )
    name = given or current_user()
    if inert(name, one_line=True) != name:
        raise UsageError(
            _("--by: a name is one line of text without control characters: {name}").format(
                name=inert(name, one_line=True)
            )
        )
    return name


def now_stamp() -> str:
    """The recording time, local with its UTC offset, to the microsecond (orders same-day)."""
    return datetime.now().astimezone().isoformat(timespec="microseconds")


def day_given(text: str | None, today: date) -> date:
    """The day a record says something happened: `today` when not given; never later."""
    if not text:
        return today
    try:
        day = parse_day(text)
    except ValueError as exc:
        raise InvalidRecordError(_("date: {problem}").format(problem=exc)) from None
    if day > today:
        raise InvalidRecordError(_("date {day} is in the future").format(day=day))
    return day


def check_reports_for(conn: sqlite3.Connection, task_id: str, unit: str) -> None:
    """InvalidRecordError unless `unit` (or any member of it) reports for the task."""
    reporting = reporting_units(conn, task_id)
    units = group_members(conn, unit) or [unit]
    if not any(u in reporting for u in units):
        raise InvalidRecordError(
            _("'{unit}' does not report for task {task}{hint}; its units: {units}").format(
                unit=unit,
                task=task_id,
                hint=did_you_mean(unit, list(reporting)),
                units=_(", ").join(reporting),
            )
        )


# What an entry's task and unit resolve to (task id, list year, units recorded for): the
# same for every row of a sheet naming that pair, so an import looks each pair up once.
PairLookups = dict[tuple[str, str, bool], "tuple[str, int, list[str]] | MaogangError"]


def _pair(
    conn: sqlite3.Connection, task: str, unit_name: str, all_members: bool
) -> tuple[str, int, list[str]]:
    task_id = resolve_task(conn, task)
    retired, year = conn.execute(
        "SELECT retired, year FROM tasks WHERE id = ?", [task_id]
    ).fetchone()
    if retired:
        raise InvalidRecordError(
            _("task {task} is retired (no longer in the catalogue)").format(task=task_id)
        )
    unit = resolve_unit(conn, unit_name)
    members = group_members(conn, unit)
    if members and not all_members:
        raise InvalidRecordError(
            _(
                "'{unit}' is a group: record for one member, or pass --all-members "
                "to record the same for each of: {members}"
            ).format(unit=unit, members=_(", ").join(members))
        )
    check_reports_for(conn, task_id, unit)
    reporting = reporting_units(conn, task_id)
    return task_id, year, [u for u in members or [unit] if u in reporting]


def _looked_up(
    conn: sqlite3.Connection, entry: Entry, all_members: bool, lookups: PairLookups | None
) -> tuple[str, int, list[str]]:
    if lookups is None:
        return _pair(conn, entry.task, entry.unit, all_members)
    key = (entry.task, entry.unit, all_members)
    if key not in lookups:
        try:
            lookups[key] = _pair(conn, entry.task, entry.unit, all_members)
        except MaogangError as exc:
            lookups[key] = exc
    found = lookups[key]
    if isinstance(found, MaogangError):
        raise found
    return found


def check_entry(
    conn: sqlite3.Connection,
    entry: Entry,
    *,
    today: date,
    all_members: bool = False,
    by: str,
    source: str = "cli",
    recorded_at: str | None = None,
    lookups: PairLookups | None = None,
) -> list[NewRecord]:
    """The records an entry stands for; InvalidRecordError / NotFoundError if it is wrong.
    `lookups` (one dict per import) keeps what each (task, unit) resolved to."""
    task_id, year, units = _looked_up(conn, entry, all_members, lookups)
    try:
        status = parse_status(entry.status)
    except ValueError as exc:
        raise InvalidRecordError(str(exc)) from None
    happened_on = day_given(entry.date, today)
    if entry.date and happened_on.year < year:  # most often 2023 typed for 2024
        raise InvalidRecordError(
            _("date {day} is before {year}, the year of task {task}'s list").format(
                day=happened_on, year=year, task=task_id
            )
        )
    if entry.percent is not None and not 0 <= entry.percent <= 100:
        raise InvalidRecordError(
            _("percent {percent} is not between 0 and 100").format(percent=entry.percent)
        )
    stamp = recorded_at or now_stamp()
    return [
        NewRecord(
            task_id=task_id,
            unit=name,
            status=status,
            happened_on=happened_on,
            recorded_by=by,
            recorded_at=stamp,
            note=entry.note.strip(),
            percent=entry.percent,
            evidence=entry.evidence.strip(),
            source=source,
        )
        for name in units
    ]


class Unchanged(NamedTuple):
    """A stored record that changes no figure, and the earlier one it leaves in force."""

    record: NewRecord
    id: str  # the new record's id (P13)
    # "same": it repeats `earlier`; "done": the pair was done since `earlier`;
    # "overtaken": `earlier` is dated after it and stays in force from its own day
    why: str
    earlier: str  # P12
    earlier_on: date


class Recorded(NamedTuple):
    """What `maogang record` stored, and the group's members it left out."""

    records: list[NewRecord]
    skipped: list[str]  # members of the group given that do not report for the task
    unchanged: tuple[Unchanged, ...] = ()


def refuse_contradiction(entry: Entry) -> None:
    """A status and a percent that cannot go together on one command line (已完成 with
    --percent 50) are a usage error, said before anything is looked up."""
    try:
        status = parse_status(entry.status)
    except ValueError:
        return  # check_entry says why, with the choices
    problem = percent_contradiction(status, entry.percent)
    if problem:
        raise UsageError(problem)


def record(
    conn: sqlite3.Connection, entry: Entry, *, today: date, all_members: bool, by: str
) -> Recorded:
    refuse_contradiction(entry)
    records = check_entry(conn, entry, today=today, all_members=all_members, by=by)
    before = task_records(conn, records[0].task_id) if records else {}
    ids = append_records(conn, records)
    skipped: list[str] = []
    if all_members:
        stored = {r.unit for r in records}
        skipped = [u for u in units_named(conn, entry.unit) or [] if u not in stored]
    return Recorded(records, skipped, _unchanged(records, ids, before))


def _unchanged(
    records: list[NewRecord], ids: list[int], before: dict[str, list[StoredRecord]]
) -> tuple[Unchanged, ...]:
    out = []
    for r, new_id in zip(records, ids, strict=True):
        prior = before.get(r.unit, [])
        same = same_record(prior, r.status, r.happened_on, r.note, r.percent)
        done = done_already(prior, r.happened_on) if r.status == "done" else None
        earlier, why = (same, "same") if same else (done, "done")
        if earlier is None:
            earlier, why = overtaken(prior, r.happened_on), "overtaken"
        if earlier is not None:
            out.append(
                Unchanged(
                    r,
                    entry_id("progress", new_id),
                    why,
                    entry_id("progress", earlier.id),
                    earlier.happened_on,
                )
            )
    return tuple(out)
