"""Turning "unit U did duty D (for period P) on day X" into duty records, or refusing it.

`maogang duty done` takes a recurring duty (with its period) or a plan milestone (a
one-off duty: no period, or its due month). Recurring duties go through the checks that
`submit` uses (`duty_recording`); a milestone gets the same ones here. A group stands for
its members that owe the duty only with `all_members`. Nothing is written until every
record has passed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.app.duty_recording import DutyEntry, check_duty_entry
from maogang_cli.app.recording import day_given, now_stamp
from maogang_cli.domain.duties import PlanMilestone
from maogang_cli.domain.reports import InstanceState, instance_state
from maogang_cli.domain.voids import decided_already, entry_id
from maogang_cli.errors import InvalidRecordError
from maogang_cli.i18n import _
from maogang_cli.store.duties import (
    NewDutyRecord,
    append_duty_records,
    duty_records,
    get_duty,
    shown_name,
)
from maogang_cli.store.owed import find_obligation
from maogang_cli.store.queries import group_members, resolve_unit
from maogang_cli.words import frequency_word, names

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.domain.duties import Duty


class DoneEntry(NamedTuple):
    """One `duty done` as given, before any checking."""

    ident: str
    unit: str
    period: str | None = None
    date: str | None = None
    note: str = ""


class Recorded(NamedTuple):
    """A stored record with the instance's state once it is counted."""

    record: NewDutyRecord
    due: date
    state: InstanceState
    days_late: int
    earlier: int  # records of the same instance made before this one
    first: date | None  # the earliest day done, which decides on time or late
    id: str = ""  # D7
    decided_by: str | None = None  # an earlier record that still decides: this changes nothing
    duty_name: str = ""  # 月报, 调度会: the duty's short name, else its id


def _owing(
    conn: sqlite3.Connection,
    name: str,
    owners: Sequence[str],
    ident: str,
    all_members: bool,
) -> list[str]:
    unit = resolve_unit(conn, name)
    if unit in owners:
        return [unit]
    members = [m for m in group_members(conn, unit) if m in owners]
    if members and all_members:
        return members
    if members:
        raise InvalidRecordError(
            _(
                "'{unit}' is a group: record for one member, or pass --all-members "
                "to record the same for each of: {members}"
            ).format(unit=unit, members=names(members))
        )
    raise InvalidRecordError(
        _("'{unit}' does not owe {duty}{hint}; its units: {units}").format(
            unit=unit,
            duty=shown_name(conn, ident),
            hint="",  # the unit exists: other units' names would be no hint
            units=names(owners) or _("none"),
        )
    )


def _milestone_records(
    conn: sqlite3.Connection,
    milestone: PlanMilestone,
    entry: DoneEntry,
    *,
    today: date,
    by: str,
    all_members: bool,
    stamp: str,
) -> list[NewDutyRecord]:
    if entry.period is not None and entry.period.strip() != milestone.period:
        raise InvalidRecordError(
            _(
                "{id} is a plan milestone, due {due}: it has no period "
                "other than {period} (leave out --period)"
            ).format(id=shown_name(conn, milestone.id), due=milestone.due, period=milestone.period)
        )
    units = _owing(conn, entry.unit, milestone.responsible_units, milestone.id, all_members)
    done_on = day_given(entry.date, today)
    return [
        NewDutyRecord(
            duty=milestone.id,
            period=milestone.period,
            unit=unit,
            done_on=done_on,
            recorded_by=by,
            recorded_at=stamp,
            note=entry.note.strip(),
        )
        for unit in units
    ]


def check_done(
    conn: sqlite3.Connection,
    entry: DoneEntry,
    *,
    today: date,
    by: str,
    all_members: bool = False,
) -> tuple[Duty | PlanMilestone, list[NewDutyRecord]]:
    """The records an entry stands for; InvalidRecordError / NotFoundError if it is wrong."""
    found = find_obligation(conn, entry.ident)
    stamp = now_stamp()
    if isinstance(found, PlanMilestone):
        records = _milestone_records(
            conn, found, entry, today=today, by=by, all_members=all_members, stamp=stamp
        )
        return found, records
    if entry.period is None:
        raise InvalidRecordError(
            _("{id} is a {frequency} duty: say which period with --period (like {example})").format(
                id=shown_name(conn, found.id),
                frequency=frequency_word(found.frequency),
                example=_example(found),
            )
        )
    units = _owing(conn, entry.unit, found.owner_units, found.id, all_members)
    return found, [
        check_duty_entry(
            conn,
            DutyEntry(found.id, entry.period, unit, entry.date, entry.note),
            today=today,
            by=by,
            recorded_at=stamp,
        )
        for unit in units
    ]


def _example(duty: Duty) -> str:
    periods = duty.periods()
    return periods[0].key if periods else duty.start


def record_done(
    conn: sqlite3.Connection,
    entry: DoneEntry,
    *,
    today: date,
    by: str,
    all_members: bool = False,
) -> list[Recorded]:
    """Check, then append every record in one transaction; each with its instance's state."""
    found, records = check_done(conn, entry, today=today, by=by, all_members=all_members)
    if isinstance(found, PlanMilestone):
        due = found.due
    else:
        due = found.due(found.period(records[0].period))
    return _append(conn, records, due)


def submit_report(conn: sqlite3.Connection, entry: DutyEntry, *, today: date, by: str) -> Recorded:
    """`maogang submit`: one unit's monthly report arrived; checked, appended, judged."""
    return submit_reports(conn, [entry], today=today, by=by)[0]


def submit_reports(
    conn: sqlite3.Connection, entries: Sequence[DutyEntry], *, today: date, by: str
) -> list[Recorded]:
    """`maogang submit --unit A --unit B`: several units' reports for one month arrived.
    Every unit is checked before any is stored (all or none); a unit named twice (or by
    name and alias) counts once."""
    records: dict[str, NewDutyRecord] = {}
    for entry in entries:
        record = check_duty_entry(conn, entry, today=today, by=by)
        records.setdefault(record.unit, record)
    first = next(iter(records.values()))
    duty = get_duty(conn, first.duty)
    return _append(conn, list(records.values()), duty.due(duty.period(first.period)))


def _append(conn: sqlite3.Connection, records: list[NewDutyRecord], due: date) -> list[Recorded]:
    """Append the records of one instance per unit, each with its state once counted."""
    earlier = {
        r.unit: duty_records(conn, r.duty, units=[r.unit], periods=[r.period]) for r in records
    }
    ids = append_duty_records(conn, records)
    out = []
    for r, new_id in zip(records, ids, strict=True):
        dates = [*(s.done_on for s in earlier[r.unit]), r.done_on]
        state, first, days_late = instance_state(due, dates, max(dates))
        decides = decided_already(earlier[r.unit], r.done_on)
        out.append(
            Recorded(
                r,
                due,
                state,
                days_late,
                len(earlier[r.unit]),
                first,
                entry_id("duty_records", new_id),
                entry_id("duty_records", decides.id) if decides else None,
                shown_name(conn, r.duty),
            )
        )
    return out
