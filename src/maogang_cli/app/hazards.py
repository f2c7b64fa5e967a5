"""The hazard ledger's writing: register a hazard (`hazard add`; `hazard import` uses the
same rows) and record a step of its life (`hazard event`). Reading it as of a day is in
app/hazard_ledger.py.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.app.hazard_checks import (
    Checked,
    HazardInput,
    HazardRefused,
    check_hazard,
    find_hazard,
    vocabulary,
)
from maogang_cli.domain.dates import parse_day
from maogang_cli.domain.hazards import NewEvent as GivenEvent
from maogang_cli.domain.hazards import (
    Refused,
    hazard_id,
    judge,
    parse_event,
    parse_level,
    parse_source,
)
from maogang_cli.errors import UsageError
from maogang_cli.hazard_words import event_word
from maogang_cli.i18n import _
from maogang_cli.store import hazards as store
from maogang_cli.store.hazard_ledger import event_rows

if TYPE_CHECKING:
    import sqlite3


def registration(
    checked: Checked, number: int, *, by: str, at: str, source: str
) -> tuple[store.NewHazard, list[store.NewEvent]]:
    """The rows that register a checked hazard under its number: the hazard, its 上账
    event (dated the day it was found) and, when given, the day its principal was told."""
    year = checked.found_on.year
    new_id = hazard_id(year, number)
    hazard = store.NewHazard(
        id=new_id,
        year=year,
        number=number,
        found_on=checked.found_on,
        source=checked.source,
        level=checked.level,
        entity=checked.entity,
        village=checked.village,
        sector=checked.sector,
        department=checked.department_key,
        description=checked.description,
        deadline=checked.deadline,
        match_key=checked.match_key,
        recorded_by=by,
        recorded_at=at,
        uscc=checked.uscc,
        address=checked.address,
        basis=checked.basis,
        responsible_person=checked.responsible_person,
        measures=checked.measures,
        funds=checked.funds,
        contingency_plan=checked.contingency_plan,
        source_file=source,
    )
    events = [
        store.NewEvent(
            new_id,
            1,
            "registered",
            checked.found_on,
            "registered",
            checked.deadline,
            by,
            at,
            source=source,
        )
    ]
    if checked.notified_on is not None:
        events.append(
            store.NewEvent(
                new_id,
                2,
                "notified",
                checked.notified_on,
                "registered",
                checked.deadline,
                by,
                at,
                note=_("主要负责人/实际控制人 notified"),
                source=source,
            )
        )
    return hazard, events


def add_hazard(conn: sqlite3.Connection, given: HazardInput, *, today: date, by: str) -> str:
    """Register one hazard; its new id. HazardRefused (nothing written) when a field is
    wrong or the same hazard (business, description, day found) is already registered."""
    from maogang_cli.app.recording import now_stamp

    try:  # an unknown --source or --level cannot be read: usage, before the data
        parse_source(given.source or "other")
        parse_level(given.level or "major")
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    vocab = vocabulary(conn)
    try:
        checked = check_hazard(vocab, given, today=today)
    except ValueError as exc:
        raise HazardRefused(str(exc)) from None

    def make(conn: sqlite3.Connection) -> tuple[list[store.NewHazard], list[store.NewEvent]]:
        known = store.ids_by_match_key(conn, [checked.match_key])
        if known:
            raise HazardRefused(
                _("already registered as {id} (same business, description and day found)").format(
                    id=known[checked.match_key]
                )
            )
        number = store.next_number(conn, checked.found_on.year)
        hazard, events = registration(checked, number, by=by, at=now_stamp(), source="cli")
        return [hazard], events

    hazards, _events = store.write(conn, make)
    return hazards[0].id


class EventInput(NamedTuple):
    hazard: str
    event: str
    date: str | None = None
    note: str = ""
    new_deadline: str | None = None
    approved_by: str = ""
    voids: int | None = None


class Recorded(NamedTuple):
    hazard: str
    seq: int
    event: str
    happened_on: date
    state: str
    deadline: date


def _refuse_foreign_options(given: EventInput, event: str) -> None:
    """An option of another event is a usage error, not silently dropped: a clerk who
    typed `整改中 --deadline D` believes the deadline moved (only 延期 moves it)."""
    for option, value, owner in (
        ("--deadline", given.new_deadline is not None, "extended"),
        ("--approved-by", bool(given.approved_by.strip()), "extended"),
        ("--event", given.voids is not None, "voided"),
    ):
        if value and event != owner:
            raise UsageError(
                _("{option} applies to {event} only, not to {given}").format(
                    option=option, event=event_word(owner), given=event_word(event)
                )
            )


def record_event(conn: sqlite3.Connection, given: EventInput, *, today: date, by: str) -> Recorded:
    """Judge one event against the hazard's events and append it; HazardRefused with the
    reason, nothing written, when the rules refuse it."""
    from maogang_cli.app.recording import now_stamp

    try:
        event = parse_event(given.event)
    except ValueError as exc:  # an unknown EVENT, like an unknown status: usage
        raise UsageError(str(exc)) from None
    _refuse_foreign_options(given, event)
    hazard = find_hazard(conn, given.hazard)
    happened_on = parse_day(given.date) if given.date else today
    new_deadline = parse_day(given.new_deadline) if given.new_deadline else None
    new = GivenEvent(
        event,
        happened_on,
        by,
        given.note.strip(),
        new_deadline,
        given.approved_by.strip(),
        given.voids,
    )
    found_on = date.fromisoformat(hazard["found_on"])

    def make(conn: sqlite3.Connection) -> tuple[list[store.NewHazard], list[store.NewEvent]]:
        events = store.events_for_rules(event_rows(conn, hazard["id"]))
        try:
            state, deadline = judge(events, new, found_on=found_on, today=today)
        except Refused as exc:
            raise HazardRefused(
                _("{id}: {event} refused: {reason}").format(
                    id=hazard["id"], event=event_word(event), reason=exc
                )
            ) from None
        row = store.NewEvent(
            hazard["id"],
            events[-1].seq + 1,
            event,
            happened_on,
            state,
            deadline,
            by,
            now_stamp(),
            note=new.note,
            new_deadline=new_deadline,
            approved_by=new.approved_by,
            voids=new.voids,
        )
        return [], [row]

    _hazards, rows = store.write(conn, make)
    r = rows[0]
    return Recorded(r.hazard_id, r.seq, r.event, r.happened_on, r.state, r.deadline)
