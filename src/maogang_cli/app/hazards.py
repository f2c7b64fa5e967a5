"""The hazard ledger's jobs: register a hazard, record a step of its life, and read the
ledger as of a day (list, one hazard's timeline, statistics, the plan's targets).

The same checks serve `hazard add` and every row of `hazard import`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from maogang_cli.domain.dates import parse_day
from maogang_cli.domain.hazards import (
    LEVELS,
    SOURCES,
    HazardView,
    Refused,
    check_uscc,
    days_overdue,
    hazard_id,
    is_overdue,
    judge,
    parse_event,
    parse_level,
    parse_source,
)
from maogang_cli.domain.hazards import NewEvent as GivenEvent
from maogang_cli.errors import InvalidRecordError, NotFoundError, UsageError, nearest
from maogang_cli.hazard_words import event_word
from maogang_cli.i18n import _
from maogang_cli.store import hazards as store

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable, Sequence

    from maogang_cli.domain.agenda import AgendaItem
    from maogang_cli.domain.owed import Owed


T = TypeVar("T")


class HazardRefused(InvalidRecordError):
    """A hazard or an event that must not be recorded (exit 1); nothing was written."""


class HazardInput(NamedTuple):
    """A hazard as typed or as a spreadsheet row: every field as text, unchecked."""

    found_on: str
    entity: str
    village: str
    sector: str
    department: str
    description: str
    deadline: str
    source: str = "other"
    level: str = "major"
    uscc: str = ""
    address: str = ""
    basis: str = ""
    responsible_person: str = ""
    measures: str = ""
    funds: str = ""
    contingency_plan: str = ""
    notified_on: str = ""
    id: str = ""


class Checked(NamedTuple):
    """A hazard whose every field passed; not yet numbered or stored."""

    found_on: date
    source: str
    level: str
    entity: str
    uscc: str
    address: str
    village: str
    sector: str
    department: str
    basis: str
    description: str
    deadline: date
    responsible_person: str
    measures: str
    funds: float | None
    contingency_plan: str
    notified_on: date | None
    match_key: str
    department_key: str


class Vocabulary(NamedTuple):
    """The names a hazard may use, read once per command."""

    villages: dict[str, str]
    sectors: dict[str, str]
    units: dict[str, str]  # every unit name and alias -> canonical
    departments: list[str]  # members of 各负有安全生产监管职责的部门
    keys: dict[str, str]  # canonical unit name -> key, as the hazards table stores it


def vocabulary(conn: sqlite3.Connection) -> Vocabulary:
    villages = store.vocabulary(conn, "village")
    if not villages:
        raise HazardRefused(
            _("the catalogue has no villages or sectors: add hazards.yaml to the data directory")
        )
    units = {name: unit for name, unit in conn.execute("SELECT name, unit FROM unit_names")}
    return Vocabulary(
        villages,
        store.vocabulary(conn, "sector"),
        units,
        store.supervising_departments(conn),
        store.unit_keys(conn),
    )


def _one_of(value: str, names: dict[str, str], what: str) -> str:
    text = value.strip()
    if text in names:
        return names[text]
    canonical = list(dict.fromkeys(names.values()))
    close = [names[n] for n in nearest(text, list(names))] if text else []
    hint = (
        _(" (did you mean: {names}?)").format(names=", ".join(dict.fromkeys(close)))
        if close
        else _("; known: {names}").format(names="、".join(canonical))
    )
    if not text:
        return _raise(_("{what} is empty").format(what=what) + hint)
    return _raise(_("unknown {what} '{name}'").format(what=what, name=text) + hint)


def _suggest(text: str, candidates: list[str]) -> str:
    close = nearest(text, candidates) if text else []
    return _(" (did you mean: {names}?)").format(names=", ".join(close)) if close else ""


def _raise(message: str) -> str:
    raise ValueError(message)


def department_of(vocab: Vocabulary, name: str) -> str:
    """The canonical supervising department behind a name or alias; ValueError otherwise."""
    text = name.strip()
    canonical = vocab.units.get(text)
    if canonical in vocab.departments:
        return canonical
    members = "、".join(vocab.departments)
    if canonical is not None:
        raise ValueError(
            _(
                "'{name}' is not a department with supervisory duty "
                "(各负有安全生产监管职责的部门: {members})"
            ).format(name=text, members=members)
        )
    if not text:
        raise ValueError(_("department is empty; one of: {members}").format(members=members))
    raise ValueError(
        _("unknown department '{name}'").format(name=text)
        + (_suggest(text, vocab.departments) or _("; one of: {m}").format(m=members))
    )


def _day(text: str, what: str) -> date:
    try:
        return parse_day(text)
    except ValueError:
        raise ValueError(
            _("{what} '{text}' is not a real date (YYYY-MM-DD)").format(what=what, text=text)
        ) from None


def _funds(text: str) -> float | None:
    raw = text.strip().removesuffix("万元").removesuffix("万").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(
            _("funds '{text}' is not a number of 万元").format(text=text.strip())
        ) from None
    if value < 0 or value != value or value in (float("inf"), float("-inf")):
        raise ValueError(_("funds '{text}' is not a number of 万元").format(text=text.strip()))
    return value


def norm(text: str) -> str:
    """Text as the match key compares it: spacing and case ignored."""
    return re.sub(r"\s+", "", text).casefold()


def match_key(entity: str, description: str, found_on: date) -> str:
    """What identifies a hazard in a sheet without ids: the business, the description
    and the day found, with spacing and case ignored."""
    return f"{norm(entity)}|{norm(description)}|{found_on.isoformat()}"


class RowProblems(ValueError):
    """Every problem of one hazard (a sheet row), in the order a clerk fills the fields
    in: a row is fixed in one pass, not one problem per rerun."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("; ").join(problems))
        self.problems = problems


def check_hazard(vocab: Vocabulary, given: HazardInput, *, today: date) -> Checked:
    """Every field checked, in the order a clerk fills them in; RowProblems with every
    problem found."""
    problems: list[str] = []

    def get(check: Callable[[], T]) -> T | None:
        try:
            return check()
        except ValueError as exc:
            problems.append(str(exc))
            return None

    found_on = get(lambda: _day(given.found_on, _("found on")))
    if found_on is not None and found_on > today:
        problems.append(_("found on {day} is in the future").format(day=found_on))
    entity = given.entity.strip()
    if not entity:
        problems.append(_("the business or place (entity) is empty"))
    description = given.description.strip()
    if not description:
        problems.append(_("the description is empty"))
    source = get(lambda: parse_source(given.source or "other"))
    level = get(lambda: parse_level(given.level or "major"))
    uscc = get(lambda: check_uscc(given.uscc) if given.uscc.strip() else "")
    village = get(lambda: _one_of(given.village, vocab.villages, _("village")))
    sector = get(lambda: _one_of(given.sector, vocab.sectors, _("sector")))
    department = get(lambda: department_of(vocab, given.department))
    deadline = get(lambda: _day(given.deadline, _("deadline")))
    if deadline is not None and found_on is not None and deadline < found_on:
        problems.append(
            _("deadline {deadline} is before the hazard was found ({found})").format(
                deadline=deadline, found=found_on
            )
        )
    notified_on = None
    if given.notified_on.strip():
        notified_on = get(lambda: _day(given.notified_on, _("notified on")))
        if (
            notified_on is not None
            and found_on is not None
            and (not found_on <= notified_on <= today)
        ):
            problems.append(
                _("notified on {day} is not between the day found and today").format(
                    day=notified_on
                )
            )
    funds = get(lambda: _funds(given.funds))
    if problems:
        raise RowProblems(problems)
    assert found_on and source and level and uscc is not None and village and sector
    assert department and deadline
    return Checked(
        found_on,
        source,
        level,
        entity,
        uscc,
        given.address.strip(),
        village,
        sector,
        department,
        given.basis.strip(),
        description,
        deadline,
        given.responsible_person.strip(),
        given.measures.strip(),
        funds,
        given.contingency_plan.strip(),
        notified_on,
        match_key(entity, description, found_on),
        vocab.keys.get(department, department),
    )


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


def find_hazard(conn: sqlite3.Connection, ref: str) -> sqlite3.Row:
    row = store.hazard_row(conn, ref)
    if row is None:
        known = store.all_hazard_ids(conn)
        raise NotFoundError(
            _("unknown hazard '{ref}'").format(ref=ref.strip())
            + _suggest(ref.strip().upper(), known)
        )
    return row


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
        events = store.events_for_rules(store.event_rows(conn, hazard["id"]))
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


# --- reading the ledger ----------------------------------------------------------------


def _view(row: Sequence[object], day: date, labels: dict[str, str]) -> HazardView:
    (hid, found, level, source, dept, village, sector, entity, desc, state, dl, last) = row
    deadline = date.fromisoformat(str(dl))
    return HazardView(
        str(hid),
        date.fromisoformat(str(found)),
        str(level),
        str(source),
        labels.get(str(dept), str(dept)),
        str(village),
        str(sector),
        str(entity),
        str(desc),
        str(state),
        deadline,
        date.fromisoformat(str(last)),
        is_overdue(str(state), deadline, day),
        days_overdue(str(state), deadline, day),
    )


__all__ = ["HazardView"]  # a record of the domain, read through here by the commands


class Query(NamedTuple):
    """What `hazard list` asks for: states, sources and levels read, names (departments,
    villages, sectors) as typed, resolved against the catalogue by filters_of."""

    states: Sequence[str] = ()
    open_only: bool = False
    closed_only: bool = False
    overdue_only: bool = False
    departments: Sequence[str] = ()
    villages: Sequence[str] = ()
    sectors: Sequence[str] = ()
    sources: Sequence[str] = ()
    levels: Sequence[str] = ()
    found_from: date | None = None
    found_to: date | None = None


def make_query(
    states: Sequence[str] | None,
    open_only: bool,
    closed_only: bool,
    overdue: bool,
    departments: Sequence[str] | None,
    villages: Sequence[str] | None,
    sectors: Sequence[str] | None,
    sources: Sequence[str] | None,
    levels: Sequence[str] | None,
    found_from: str | None,
    found_to: str | None,
) -> Query:
    """A query from command-line options (days already checked as YYYY-MM-DD);
    UsageError for an unknown state or options that contradict each other (they would
    list nothing, and an empty list reads as "no such hazard")."""
    first = parse_day(found_from) if found_from else None
    last = parse_day(found_to) if found_to else None
    if first is not None and last is not None and first > last:
        raise UsageError(
            _("--found-from {first} is after --found-to {last}").format(first=first, last=last)
        )
    given = [_state(s) for s in states or ()]
    try:  # unknown values of a fixed list cannot be read: usage, like an unknown state
        parsed_sources = [parse_source(s) for s in sources or ()]
        parsed_levels = [parse_level(v) for v in levels or ()]
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    flags = [f for f, on in (("--open", open_only), ("--closed", closed_only)) if on]
    if overdue and closed_only:  # a closed hazard is never overdue
        flags.append("--overdue")
    if len(flags) > 1:
        raise _contradiction(flags[0], flags[1])
    for flag, on, allowed in (
        ("--open", open_only, STATE_CHOICES[:4]),
        ("--closed", closed_only, ("closed",)),
        ("--overdue", overdue, STATE_CHOICES[:4]),
    ):
        excluded = [s for s in given if on and s not in allowed]
        if excluded:
            raise _contradiction(f"--state {excluded[0]}", flag)
    return Query(
        states=given,
        open_only=open_only,
        closed_only=closed_only,
        overdue_only=overdue,
        departments=departments or (),
        villages=villages or (),
        sectors=sectors or (),
        sources=parsed_sources,
        levels=parsed_levels,
        found_from=first,
        found_to=last,
    )


def _contradiction(a: str, b: str) -> UsageError:
    return UsageError(_("{a} and {b} contradict each other: give one").format(a=a, b=b))


STATE_CHOICES = ("registered", "rectifying", "rectified", "verified", "closed", "voided")
STATE_WORDS = {
    "上账": "registered",
    "已上账": "registered",
    "整改中": "rectifying",
    "整改完成": "rectified",
    "审核通过": "verified",
    "销号": "closed",
    "已销号": "closed",
    "作废": "voided",
    "已作废": "voided",
}


def _state(text: str) -> str:
    word = text.strip()
    value = STATE_WORDS.get(word, word.lower())
    if value not in STATE_CHOICES:
        raise UsageError(
            _("unknown state '{state}': use one of {states}").format(
                state=word, states=", ".join(STATE_CHOICES)
            )
        )
    return value


def filters_of(conn: sqlite3.Connection, query: Query) -> store.Filters:
    """The names in a query resolved (aliases allowed); HazardRefused for an unknown one."""
    try:
        vocab = vocabulary(conn)
        return store.Filters(
            departments=[
                vocab.keys.get(name, name)
                for name in (department_of(vocab, d) for d in query.departments)
            ]
            or None,
            villages=[_one_of(v, vocab.villages, _("village")) for v in query.villages] or None,
            sectors=[_one_of(s, vocab.sectors, _("sector")) for s in query.sectors] or None,
            sources=list(query.sources) or None,
            levels=list(query.levels) or None,
            found_from=query.found_from,
            found_to=query.found_to,
        )
    except ValueError as exc:
        raise HazardRefused(str(exc)) from None


def list_hazards(conn: sqlite3.Connection, query: Query, day: date) -> list[HazardView]:
    filters = filters_of(conn, query)
    states: list[str] | None = list(query.states) or None
    if query.open_only:
        states = [s for s in states or STATE_CHOICES[:4] if s in STATE_CHOICES[:4]]
    if query.closed_only:
        states = [s for s in states or ["closed"] if s == "closed"]
    if states is None:
        states = list(STATE_CHOICES[:5])  # voided hazards only when asked for
    rows = store.snapshot_rows(conn, day, filters, states=states, overdue_only=query.overdue_only)
    labels = store.unit_labels(conn)
    return [_view(r, day, labels) for r in rows]


class Timeline(NamedTuple):
    hazard: sqlite3.Row
    view: HazardView | None  # None: not yet found on the day
    events: list[sqlite3.Row]  # dated on or before the day
    voided_by: dict[int, sqlite3.Row]  # a voided step -> the step that voided it

    @property
    def voided_steps(self) -> set[int]:
        return set(self.voided_by)


def show_hazard(conn: sqlite3.Connection, ref: str, day: date) -> Timeline:
    hazard = find_hazard(conn, ref)
    rows = [r for r in store.event_rows(conn, hazard["id"]) if r["happened_on"] <= day.isoformat()]
    voided = {r["voids"]: r for r in rows if r["event"] == "voided" and r["voids"] is not None}
    view = None
    if rows:
        last = rows[-1]
        view = _view(
            (
                hazard["id"],
                hazard["found_on"],
                hazard["level"],
                hazard["source"],
                hazard["department"],
                hazard["village"],
                hazard["sector"],
                hazard["entity"],
                hazard["description"],
                last["state"],
                last["deadline"],
                last["happened_on"],
            ),
            day,
            store.unit_labels(conn),
        )
    return Timeline(hazard, view, rows, voided)


def stats_order(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The order each dimension is listed in: the catalogue's, then names no longer in it."""
    keys = store.unit_keys(conn)
    return {
        "department": [keys.get(d, d) for d in store.supervising_departments(conn)],
        "village": store.canonical_names(conn, "village"),
        "sector": store.canonical_names(conn, "sector"),
        "source": list(SOURCES),
        "level": list(LEVELS),
    }


# --- the ledger in `overdue` and `agenda` ------------------------------------------------


def _department_filter(conn: sqlite3.Connection, units: Sequence[str] | None) -> store.Filters:
    """--unit's units (canonical names) as the hazards table stores departments."""
    if units is None:
        return store.Filters()
    keys = store.unit_keys(conn)
    return store.Filters(departments=[keys.get(u, u) for u in units])


def _title(entity: object, description: object) -> str:
    return f"{entity}：{description}"


def overdue_hazards(
    conn: sqlite3.Connection, day: date, units: Sequence[str] | None, year: int | None
) -> list[Owed]:
    """Hazards open past their deadline in force on `day`, each under its supervising
    department (kind `hazard`), for `overdue`; with a year, those whose deadline is in it."""
    from maogang_cli.domain.owed import Owed

    if not store.has_ledger(conn):
        return []
    labels = store.unit_labels(conn)
    found = []
    for row in store.snapshot_rows(conn, day, _department_filter(conn, units), overdue_only=True):
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
) -> list[AgendaItem]:
    """Hazards whose deadline in force on `day` falls between first and last (kind
    `hazard`, under the supervising department; done once closed), for `agenda`."""
    from maogang_cli.domain.agenda import AgendaItem

    if not store.has_ledger(conn):
        return []
    labels = store.unit_labels(conn)
    rows = store.snapshot_rows(conn, day, _department_filter(conn, units))
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


def export_hazards(conn: sqlite3.Connection, day: date, month_first: date) -> list[HazardView]:
    """For the monthly export's 隐患 sheet: the hazards open on the report day, and those
    closed (销号) within the month, as they stood on that day, in id order."""
    if not store.has_ledger(conn):
        return []
    labels = store.unit_labels(conn)
    views = [_view(r, day, labels) for r in store.snapshot_rows(conn, day)]
    first = month_first.isoformat()
    return [
        v
        for v in views
        if v.state not in ("closed", "voided") or (v.state == "closed" and str(v.last_on) >= first)
    ]
