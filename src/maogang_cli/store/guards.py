"""The append-only guards of the evidence tables, declared once.

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


def trigger_name(table: str, event: str) -> str:
    return f"{table}_no_{event.lower()}"


def trigger_sql(table: str, event: str) -> str:
    return (
        f"CREATE TRIGGER {trigger_name(table, event)} BEFORE {event} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{EVIDENCE[table]} are append-only'); END"
    )


def expected_triggers() -> dict[str, str]:
    """trigger name -> its table, for every guard the evidence tables must have."""
    return {
        trigger_name(table, event): table for table in EVIDENCE for event in ("UPDATE", "DELETE")
    }


def missing_triggers(conn: sqlite3.Connection) -> list[str]:
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [name for name in expected_triggers() if name not in present]


def restore_triggers(conn: sqlite3.Connection) -> list[str]:
    """Create the guards that are missing (inside the caller's transaction); their names."""
    missing = missing_triggers(conn)
    for name in missing:
        table = expected_triggers()[name]
        conn.execute(trigger_sql(table, name.rsplit("_", 1)[1].upper()))
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
