"""The hazard ledger's derived tables, hazard_latest and hazard_labels: one rule each for
what their rows must be, used by the triggers that fill them, the guards that refuse any
other write, and `maogang check`, which recomputes them from the sealed evidence.

hazard_latest holds each hazard's latest event (the one with the highest seq: a hazard's
events come in date order); hazard_labels numbers each name a hazard is counted under in
the order the names first appear (hazards by rowid). The figures the leaders read (stats,
targets, overdue, the chart) come from these tables, so a row changed by hand would change
them while every evidence table stays sealed.
"""

import sqlite3
from typing import NamedTuple

from maogang_cli.store.hazard_ledger import KEY_GROUPS, dims_sql

LATEST_COLUMNS = ("hazard_id", "happened_on", "packed", "deadline", "state", "dims")


def latest_values(e: str, *, named: bool = False) -> str:
    """hazard_latest's columns (LATEST_COLUMNS, in order) for event row `e`, the hazard's
    latest; `named`: each AS its column."""
    values: tuple[str, ...] = (
        f"{e}.hazard_id",
        f"{e}.happened_on",
        f"{e}.happened_on || {e}.deadline || {e}.state",
        f"{e}.deadline",
        f"{e}.state",
        f"(SELECT {dims_sql('h')} FROM hazards h WHERE h.id = {e}.hazard_id)",
    )
    if named:
        values = tuple(f"{v} AS {c}" for v, c in zip(values, LATEST_COLUMNS, strict=True))
    return ", ".join(values)


def _dimensions() -> list[str]:
    return [d for group in KEY_GROUPS for d, _ in group]


def _label_name(dimension: str, row: str) -> str:
    return f"substr({row}.found_on, 1, 7)" if dimension == "month" else f"{row}.{dimension}"


def labels_select() -> str:
    """Every (dimension, name, number) hazard_labels must hold: the names of the hazards,
    numbered per dimension in the order they first appear."""
    first_seen = " UNION ALL ".join(
        f"SELECT '{d}' AS dimension, {_label_name(d, 'h')} AS name, min(h.rowid) AS first"
        f" FROM hazards h GROUP BY 2"
        for d in _dimensions()
    )
    return f"""SELECT dimension, name,
                   row_number() OVER (PARTITION BY dimension ORDER BY first) - 1 AS number
               FROM ({first_seen})"""


def _new_names() -> str:
    return " UNION ALL ".join(
        f"SELECT '{d}' AS dimension, {_label_name(d, 'NEW')} AS name" for d in _dimensions()
    )


def _latest_event(hazard: str) -> str:
    return f"""SELECT {latest_values("e", named=True)} FROM hazard_events e
               WHERE e.hazard_id = {hazard} ORDER BY e.seq DESC LIMIT 1"""


_COLUMNS = ", ".join(LATEST_COLUMNS)
_REFUSED = "RAISE(ABORT, '{table} is derived from the hazard ledger: only maogang writes it')"


def triggers() -> dict[str, str]:
    """Name -> SQL of every trigger on the derived tables: the two that fill them and the
    guards. hazard_latest takes a row (inserted or updated) only if it is what the
    hazard's events say, and loses none; hazard_labels takes only a name with the next
    number of its dimension, and keeps it. The fill updates a hazard's row in place
    (an upsert): INSERT OR REPLACE would delete it first, which the DELETE guard refuses
    when recursive triggers are on (sqlite-utils turns them on for `load`)."""
    latest = _REFUSED.format(table="hazard_latest")
    labels = _REFUSED.format(table="hazard_labels")
    as_events_say = (
        f"NOT EXISTS (SELECT 1 FROM ({_latest_event('NEW.hazard_id')}) x WHERE "
        + " AND ".join(f"NEW.{c} IS x.{c}" for c in LATEST_COLUMNS)
        + ")"
    )
    updated = ", ".join(f"{c} = excluded.{c}" for c in LATEST_COLUMNS[1:])
    return {
        "hazard_events_latest": f"""CREATE TRIGGER hazard_events_latest
            AFTER INSERT ON hazard_events
            BEGIN
                INSERT INTO hazard_latest ({_COLUMNS}) VALUES ({latest_values("NEW")})
                    ON CONFLICT (hazard_id) DO UPDATE SET {updated};
            END""",
        "hazards_labels": f"""CREATE TRIGGER hazards_labels AFTER INSERT ON hazards
            BEGIN
                INSERT OR IGNORE INTO hazard_labels (dimension, name, number)
                    SELECT n.dimension, n.name,
                           (SELECT count(*) FROM hazard_labels x WHERE x.dimension = n.dimension)
                    FROM ({_new_names()}) n;
            END""",
        "hazard_latest_insert_checked": f"""CREATE TRIGGER hazard_latest_insert_checked
            BEFORE INSERT ON hazard_latest WHEN {as_events_say}
            BEGIN SELECT {latest}; END""",
        "hazard_latest_update_checked": f"""CREATE TRIGGER hazard_latest_update_checked
            BEFORE UPDATE ON hazard_latest WHEN {as_events_say}
            BEGIN SELECT {latest}; END""",
        "hazard_latest_no_delete": f"""CREATE TRIGGER hazard_latest_no_delete
            BEFORE DELETE ON hazard_latest BEGIN SELECT {latest}; END""",
        "hazard_labels_no_update": f"""CREATE TRIGGER hazard_labels_no_update
            BEFORE UPDATE ON hazard_labels BEGIN SELECT {labels}; END""",
        "hazard_labels_no_delete": f"""CREATE TRIGGER hazard_labels_no_delete
            BEFORE DELETE ON hazard_labels BEGIN SELECT {labels}; END""",
        # The fill gives a new name the next number of its dimension; any other number
        # would make two names share one and merge their counts.
        "hazard_labels_next_number": f"""CREATE TRIGGER hazard_labels_next_number
            BEFORE INSERT ON hazard_labels
            WHEN NEW.number IS NOT
                (SELECT count(*) FROM hazard_labels x WHERE x.dimension = NEW.dimension)
            BEGIN SELECT {labels}; END""",
    }


GUARDS = (
    "hazard_latest_insert_checked",
    "hazard_latest_update_checked",
    "hazard_latest_no_delete",
    "hazard_labels_no_update",
    "hazard_labels_no_delete",
    "hazard_labels_next_number",
)


def rebuild(conn: sqlite3.Connection) -> None:
    """hazard_labels and hazard_latest written again from the hazards and events by the
    rules check recomputes them with: lossless, they are derived (tester T58). In the
    caller's transaction (load's, a migration's): the guards are lifted and put back in it."""
    for name in GUARDS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    conn.execute("DELETE FROM hazard_labels")
    conn.execute(f"INSERT INTO hazard_labels (dimension, name, number) {labels_select()}")
    conn.execute("DELETE FROM hazard_latest")  # labels first: a row's dims are read from them
    conn.execute(
        f"""INSERT INTO hazard_latest ({_COLUMNS})
            SELECT {latest_values("e")} FROM hazard_events e
            WHERE e.seq = (SELECT max(seq) FROM hazard_events x WHERE x.hazard_id = e.hazard_id)"""
    )
    sql = triggers()
    for name in GUARDS:
        conn.execute(sql[name])


def mismatched(conn: sqlite3.Connection) -> bool:
    return first_label_mismatch(conn) is not None or first_latest_mismatch(conn) is not None


class Mismatch(NamedTuple):
    what: str  # "labels", "copies" (state/deadline vs packed), "latest"
    name: str  # the hazard id, or a label's name
    dimension: str = ""  # a label's


def first_label_mismatch(conn: sqlite3.Connection) -> Mismatch | None:
    """The first label stored otherwise than the hazards say (or missing, or extra)."""
    row = conn.execute(
        f"""WITH want AS ({labels_select()})
            SELECT dimension, name FROM (
                SELECT * FROM want EXCEPT SELECT dimension, name, number FROM hazard_labels)
            UNION
            SELECT dimension, name FROM (
                SELECT dimension, name, number FROM hazard_labels EXCEPT SELECT * FROM want)
            ORDER BY 1, 2 LIMIT 1"""
    ).fetchone()
    return Mismatch("labels", row[1], row[0]) if row else None


def first_latest_mismatch(conn: sqlite3.Connection) -> Mismatch | None:
    """The first hazard (by year and number) whose hazard_latest row disagrees within
    itself (state or deadline against `packed`) or with its latest event; a hazard with
    events but no row, or a row without events, too."""
    row = conn.execute(
        """SELECT hazard_id FROM hazard_latest
           WHERE packed IS NOT happened_on || deadline || state LIMIT 1"""
    ).fetchone()
    if row:
        return Mismatch("copies", row[0])
    row = conn.execute(
        f"""WITH want AS (
                SELECT {latest_values("e", named=True)} FROM hazard_events e
                WHERE e.seq = (SELECT max(seq) FROM hazard_events x
                               WHERE x.hazard_id = e.hazard_id))
            SELECT d.hazard_id FROM (
                SELECT hazard_id FROM (
                    SELECT * FROM want EXCEPT SELECT {_COLUMNS} FROM hazard_latest)
                UNION
                SELECT hazard_id FROM (
                    SELECT {_COLUMNS} FROM hazard_latest EXCEPT SELECT * FROM want)) d
            LEFT JOIN hazards h ON h.id = d.hazard_id
            ORDER BY h.year, h.number, d.hazard_id LIMIT 1"""
    ).fetchone()
    return Mismatch("latest", row[0]) if row else None
