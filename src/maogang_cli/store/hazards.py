"""Writing the hazard ledger: hazards and their events (evidence, append-only), in one
short transaction with the reads its rules need. Only SQL here; the rules are in
domain/hazards.py; reading the ledger is store/hazard_ledger.py.

Every row of `hazards` is written by `insert_hazards`, every row of `hazard_events` by
`insert_events`: one function per evidence table, so integrity checks have one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.hazards import Event

if TYPE_CHECKING:
    import sqlite3


class NewHazard(NamedTuple):
    id: str
    year: int
    number: int
    found_on: date
    source: str
    level: str
    entity: str
    village: str
    sector: str
    department: str  # the unit's key (see unit_keys)
    description: str
    deadline: date
    match_key: str
    recorded_by: str
    recorded_at: str
    uscc: str = ""
    address: str = ""
    basis: str = ""
    responsible_person: str = ""
    measures: str = ""
    funds: float | None = None
    contingency_plan: str = ""
    source_file: str = "cli"


class NewEvent(NamedTuple):
    hazard_id: str
    seq: int
    event: str
    happened_on: date
    state: str
    deadline: date
    recorded_by: str
    recorded_at: str
    note: str = ""
    new_deadline: date | None = None
    approved_by: str = ""
    voids: int | None = None
    source: str = "cli"


def next_number(conn: sqlite3.Connection, year: int) -> int:
    """The next free number of a year: ids are never reused, voided ones included."""
    row = conn.execute("SELECT max(number) FROM hazards WHERE year = ?", [year]).fetchone()
    return int(row[0] or 0) + 1


def ids_by_match_key(conn: sqlite3.Connection, keys: Sequence[str]) -> dict[str, str]:
    """Hazards registered under these match keys and not voided (key -> id): a voided
    hazard is corrected by registering it again (docs/commands/hazard.md)."""
    return _by_match_key(conn, keys, voided=False)


def voided_by_match_key(conn: sqlite3.Connection, keys: Sequence[str]) -> dict[str, str]:
    """Voided hazards under these match keys (key -> the latest one's id)."""
    return _by_match_key(conn, keys, voided=True)


def _by_match_key(conn: sqlite3.Connection, keys: Sequence[str], *, voided: bool) -> dict[str, str]:
    # hazard_latest.packed is day (10) + deadline in force (10) + state (m011).
    found: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for key, hazard in conn.execute(
            f"""SELECT h.match_key, h.id FROM hazards h
                JOIN hazard_latest l ON l.hazard_id = h.id
                WHERE h.match_key IN ({marks}) AND (substr(l.packed, 21) = 'voided') = ?
                ORDER BY h.year DESC, h.number DESC""",
            [*chunk, voided],
        ):
            found.setdefault(key, hazard)
    return found


def existing_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found |= {
            r[0] for r in conn.execute(f"SELECT id FROM hazards WHERE id IN ({marks})", chunk)
        }
    return found


def insert_hazards(conn: sqlite3.Connection, hazards: Sequence[NewHazard]) -> None:
    """Insert registrations inside the caller's transaction (with their first event)."""
    from maogang_cli.store.chain import insert_chained  # hashlib: writes only

    insert_chained(  # the hash chain (store/chain.py); REPLACE is refused
        conn,
        "hazards",
        tuple(
            [
                "id",
                "year",
                "number",
                "found_on",
                "source",
                "level",
                "entity",
                "uscc",
                "address",
                "village",
                "sector",
                "department",
                "basis",
                "description",
                "deadline",
                "responsible_person",
                "measures",
                "funds",
                "contingency_plan",
                "match_key",
                "recorded_by",
                "recorded_at",
                "source_file",
            ]
        ),
        [
            (
                h.id,
                h.year,
                h.number,
                h.found_on.isoformat(),
                h.source,
                h.level,
                h.entity,
                h.uscc,
                h.address,
                h.village,
                h.sector,
                h.department,
                h.basis,
                h.description,
                h.deadline.isoformat(),
                h.responsible_person,
                h.measures,
                h.funds,
                h.contingency_plan,
                h.match_key,
                h.recorded_by,
                h.recorded_at,
                h.source_file,
            )
            for h in hazards
        ],
    )


def insert_events(conn: sqlite3.Connection, events: Sequence[NewEvent]) -> None:
    """Insert events inside the caller's transaction: the only writer of hazard_events."""
    from maogang_cli.store.chain import insert_chained  # hashlib: writes only

    insert_chained(  # the hash chain (store/chain.py); REPLACE is refused
        conn,
        "hazard_events",
        tuple(
            [
                "hazard_id",
                "seq",
                "event",
                "happened_on",
                "note",
                "new_deadline",
                "approved_by",
                "voids",
                "state",
                "deadline",
                "recorded_by",
                "recorded_at",
                "source",
            ]
        ),
        [
            (
                e.hazard_id,
                e.seq,
                e.event,
                e.happened_on.isoformat(),
                e.note,
                e.new_deadline.isoformat() if e.new_deadline else None,
                e.approved_by,
                e.voids,
                e.state,
                e.deadline.isoformat(),
                e.recorded_by,
                e.recorded_at,
                e.source,
            )
            for e in events
        ],
    )


Rows = tuple[list[NewHazard], list[NewEvent]]


def write(conn: sqlite3.Connection, make: Callable[[sqlite3.Connection], Rows]) -> Rows:
    """Registrations and events in one short transaction, all or nothing. `make` builds
    them inside it, so the numbers it reads and the rules it checks cannot change before
    they are written (two clerks at once are taken one after the other)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        hazards, events = make(conn)
        insert_hazards(conn, hazards)
        insert_events(conn, events)
        conn.execute("COMMIT")
        return hazards, events
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already (a full disk)
            conn.execute("ROLLBACK")
        raise


def events_for_rules(rows: Sequence[sqlite3.Row]) -> list[Event]:
    return [
        Event(
            r["seq"],
            r["event"],
            date.fromisoformat(r["happened_on"]),
            r["recorded_by"],
            r["state"],
            date.fromisoformat(r["deadline"]),
            r["voids"],
        )
        for r in rows
    ]
