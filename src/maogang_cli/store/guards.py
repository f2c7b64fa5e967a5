"""The append-only guards of the evidence tables, declared once (and, from
store/derived.py, the triggers of the tables derived from them).

Migrations created them; `load` puts back any that went missing, and a migration that
must fill a column added to old evidence rows lifts the UPDATE guard for that one
statement, inside its transaction.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

# table -> how its rows are named in the refusal
EVIDENCE = {
    "progress": "progress records",
    "duty_records": "duty records",
    "voids": "voids",
    "hazards": "hazards",
    "hazard_events": "hazard events",
}
# The evidence tables that name a unit (by its key)
UNIT_EVIDENCE = ("progress", "duty_records")
# Each table's unique keys. INSERT OR REPLACE (REPLACE INTO) deletes the row holding a key
# without firing the DELETE guard (recursive triggers are off), so an insert that would
# meet an existing key is refused before it happens.
UNIQUE: dict[str, list[tuple[str, ...]]] = {
    "progress": [("id",)],
    "duty_records": [("id",)],
    "voids": [("id",), ("target_table", "target_id")],
    "hazards": [("id",), ("year", "number")],
    "hazard_events": [("id",), ("hazard_id", "seq")],
}
EVENTS = {"UPDATE": "update", "DELETE": "delete", "INSERT": "replace"}


def trigger_name(table: str, event: str) -> str:
    return f"{table}_no_{EVENTS[event]}"


def trigger_sql(table: str, event: str) -> str:
    head = f"CREATE TRIGGER {trigger_name(table, event)} BEFORE {event} ON {table} "
    if event != "INSERT":
        return head + f"BEGIN SELECT RAISE(ABORT, '{EVIDENCE[table]} are append-only'); END"
    taken = " OR ".join(
        f"EXISTS (SELECT 1 FROM {table} WHERE " + " AND ".join(f"{c} = NEW.{c}" for c in key) + ")"
        for key in UNIQUE[table]
    )
    return (
        head + f"WHEN {taken} BEGIN SELECT RAISE(ABORT, "
        f"'{EVIDENCE[table]} are append-only: that id is taken, nothing is replaced'); END"
    )


def expected_triggers() -> dict[str, tuple[str, str]]:
    """trigger name -> (table, event), for every guard the evidence tables must have."""
    return {trigger_name(table, event): (table, event) for table in EVIDENCE for event in EVENTS}


def _expected_sql() -> dict[str, str]:
    """trigger name -> SQL, for the evidence tables' guards and the derived tables'
    triggers (their fill and guards, store/derived.py)."""
    from maogang_cli.store.derived import triggers

    guards = {name: trigger_sql(*where) for name, where in expected_triggers().items()}
    return guards | triggers()


def guarded_triggers() -> frozenset[str]:
    """Every trigger the guards line of `check` answers for (and `load` puts back)."""
    return frozenset(_expected_sql())


def _normal(sql: str) -> str:
    return " ".join(sql.replace(";", "; ").split()).rstrip("; ")


def altered_triggers(conn: sqlite3.Connection) -> list[str]:
    """Guards present under their name but not doing what they should."""
    present = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    return [
        name
        for name, sql in _expected_sql().items()
        if name in present and _normal(present[name]) != _normal(sql)
    ]


def missing_triggers(conn: sqlite3.Connection) -> list[str]:
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [name for name in _expected_sql() if name not in present]


def restore_triggers(conn: sqlite3.Connection) -> list[str]:
    """Create the guards that are missing (inside the caller's transaction); their names."""
    missing = missing_triggers(conn)
    expected = _expected_sql()
    for name in missing:
        conn.execute(expected[name])
    return missing


@contextmanager
def update_lifted(conn: sqlite3.Connection, table: str) -> Iterator[None]:
    """For a migration filling a new column of old rows: the UPDATE guard is dropped and
    put back in the caller's transaction, so no other writer ever sees it missing."""
    if not conn.in_transaction:
        raise RuntimeError("the append-only guard is lifted only inside a transaction")
    conn.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, 'UPDATE')}")
    yield
    conn.execute(trigger_sql(table, "UPDATE"))
