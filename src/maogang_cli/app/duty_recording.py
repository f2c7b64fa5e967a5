"""Turning "unit U did duty D for period P on day X" into a duty record, or refusing it.

Shared by `submit` (the monthly report) and any command that records a duty instance:
the same checks and messages, nothing written until every check has passed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.app.recording import day_given, now_stamp
from maogang_cli.errors import InvalidRecordError, refused_value
from maogang_cli.i18n import _
from maogang_cli.store.duties import NewDutyRecord, get_duty, shown_name
from maogang_cli.store.queries import group_members, resolve_unit
from maogang_cli.words import names

if TYPE_CHECKING:
    import sqlite3
    from datetime import date


class DutyEntry(NamedTuple):
    """One duty instance as given, before any checking."""

    duty: str
    period: str
    unit: str
    date: str | None = None
    note: str = ""


def check_duty_entry(
    conn: sqlite3.Connection,
    entry: DutyEntry,
    *,
    today: date,
    by: str,
    source: str = "cli",
    recorded_at: str | None = None,
) -> NewDutyRecord:
    """The record an entry stands for; InvalidRecordError / NotFoundError if it is wrong."""
    duty = get_duty(conn, entry.duty)
    try:
        period = duty.period(entry.period)
    except ValueError as exc:
        raise refused_value(exc) from None
    unit = resolve_unit(conn, entry.unit)
    owners = duty.owner_units
    if unit not in owners:
        members = [m for m in group_members(conn, unit) if m in owners]
        if members:
            raise InvalidRecordError(
                _("'{unit}' is a group: record {duty} for each member: {members}").format(
                    unit=unit, duty=shown_name(conn, duty.id), members=names(members)
                )
            )
        raise InvalidRecordError(
            _("'{unit}' does not owe {duty} ({title}){hint}; its units: {units}").format(
                unit=unit,
                duty=shown_name(conn, duty.id),
                title=duty.title,
                hint="",  # the unit exists: other units' names would be no hint
                units=names(owners),
            )
        )
    done_on = day_given(entry.date, today)
    if done_on < period.first:
        raise InvalidRecordError(
            _("date {day} is before the period {period} begins ({first})").format(
                day=done_on, period=period.key, first=period.first
            )
        )
    return NewDutyRecord(
        duty=duty.id,
        period=period.key,
        unit=unit,
        done_on=done_on,
        recorded_by=by,
        recorded_at=recorded_at or now_stamp(),
        note=entry.note.strip(),
        source=source,
    )
