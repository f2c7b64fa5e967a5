"""The hazard ledger as of a day: `hazard list` and `hazard show`, the order `hazard
stats` lists its dimensions in, and the hazards the monthly export shows beside the
plan's items (`overdue` and `agenda`'s are in app/hazard_owed.py). The writing is in
app/hazards.py.
"""

import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from maogang_cli.domain.dates import parse_day
from maogang_cli.domain.hazards import (
    LEVELS,
    SOURCES,
    HazardView,
    days_overdue,
    is_overdue,
    parse_level,
    parse_source,
)
from maogang_cli.errors import UsageError
from maogang_cli.i18n import N_, _
from maogang_cli.store import hazard_ledger as ledger

# No `from __future__ import annotations`: the records below are on the read path of
# `hazard list` and `hazard show`, where typing would compile each string annotation at
# every run.


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
            from maogang_cli.hazard_words import word

            raise _contradiction(f"--state {word(excluded[0])}", flag)  # as typed: 已销号
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
    typed = text.strip()
    value = STATE_WORDS.get(typed, typed.lower())
    if value not in STATE_CHOICES:
        from maogang_cli.words import names

        raise UsageError(
            _("unknown state '{state}': use one of {states} (or {words})").format(
                state=typed, states=names(STATE_CHOICES), words=names(STATE_WORDS)
            )
        )
    return value


def filters_of(conn: sqlite3.Connection, query: Query) -> ledger.Filters:
    """The names in a query resolved (aliases allowed); HazardRefused for an unknown one."""
    # Here, not at the top: `overdue` and `agenda` read the ledger without these checks.
    from maogang_cli.app.hazard_checks import HazardRefused, department_of, one_of, vocabulary

    try:
        vocab = vocabulary(conn)
        return ledger.Filters(
            departments=[
                vocab.keys.get(name, name)
                for name in (department_of(vocab, d) for d in query.departments)
            ]
            or None,
            villages=[one_of(v, vocab.villages, N_("village")) for v in query.villages] or None,
            sectors=[one_of(s, vocab.sectors, N_("sector")) for s in query.sectors] or None,
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
    rows = ledger.snapshot_rows(conn, day, filters, states=states, overdue_only=query.overdue_only)
    labels = ledger.unit_labels(conn)
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
    from maogang_cli.app.hazard_checks import find_hazard

    hazard = find_hazard(conn, ref)
    rows = [r for r in ledger.event_rows(conn, hazard["id"]) if r["happened_on"] <= day.isoformat()]
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
            ledger.unit_labels(conn),
        )
    return Timeline(hazard, view, rows, voided)


def stats_order(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The order each dimension is listed in: the catalogue's, then names no longer in it."""
    keys = ledger.unit_keys(conn)
    return {
        "department": [keys.get(d, d) for d in ledger.supervising_departments(conn)],
        "village": ledger.canonical_names(conn, "village"),
        "sector": ledger.canonical_names(conn, "sector"),
        "source": list(SOURCES),
        "level": list(LEVELS),
    }


def export_hazards(conn: sqlite3.Connection, day: date, month_first: date) -> list[HazardView]:
    """For the monthly export's 隐患 sheet: the hazards open on the report day, and those
    closed (销号) within the month, as they stood on that day, in id order."""
    if not ledger.has_ledger(conn):
        return []
    labels = ledger.unit_labels(conn)
    views = [_view(r, day, labels) for r in ledger.snapshot_rows(conn, day)]
    first = month_first.isoformat()
    return [
        v
        for v in views
        if v.state not in ("closed", "voided") or (v.state == "closed" and str(v.last_on) >= first)
    ]
