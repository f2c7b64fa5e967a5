"""The fingerprint of the catalogue tables, taken when a catalogue is loaded.

The catalogue tables are derived from the YAML files, not evidence: nothing guards them,
yet who owes which task and report is read from them. `load` keeps each table's
fingerprint in meta; `maogang check` names a table that no longer matches it, and `load`
writes the catalogue again when one does not, even if the files did not change.
"""

import hashlib
import json
import sqlite3

# What sync_catalogue writes from the files, and nothing else writes.
CATALOGUE_TABLES = (
    "units",
    "unit_names",
    "name_pinyin",
    "tasks",
    "task_units",
    "plan_targets",
    "plan_actions",
    "plan_measures",
    "plan_milestones",
    "duties",
    "villages",
    "sectors",
    "hazard_names",
)
# The plan's words and span, kept in meta (also written from the files).
PLAN_META = ("plan_title", "plan_document", "plan_start", "plan_end")
_KEY = "catalogue_tables"


def _table_print(conn: sqlite3.Connection, table: str) -> str:
    cursor = conn.cursor()
    cursor.row_factory = None
    if table == "meta":
        marks = ",".join("?" * len(PLAN_META))
        cursor.execute(f"SELECT key, value FROM meta WHERE key IN ({marks}) ORDER BY 1", PLAN_META)
    else:
        columns = len(conn.execute(f"PRAGMA table_info({table})").fetchall())
        # Sorted by every column: the rows' order in the file means nothing.
        order = ", ".join(str(i) for i in range(1, columns + 1))
        cursor.execute(f"SELECT * FROM {table} ORDER BY {order}")
    digest = hashlib.sha256()
    for row in cursor:
        digest.update(repr(row).encode())
    return digest.hexdigest()


def fingerprints(conn: sqlite3.Connection) -> dict[str, str]:
    """Table name -> the SHA-256 of its rows (the plan's meta rows as `meta`)."""
    return {table: _table_print(conn, table) for table in (*CATALOGUE_TABLES, "meta")}


def remember(conn: sqlite3.Connection) -> None:
    """Keep the tables' fingerprint (in the caller's transaction, after writing them)."""
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [_KEY, json.dumps(fingerprints(conn), sort_keys=True)],
    )


def remember_once(conn: sqlite3.Connection) -> None:
    """A database brought up to date without a load (its catalogue files refused): the
    tables as they are, once, so that later changes show."""
    if conn.execute("SELECT 1 FROM meta WHERE key = ?", [_KEY]).fetchone() is None:
        remember(conn)


def changed_table(conn: sqlite3.Connection) -> str | None:
    """The first catalogue table that differs from its fingerprint; `meta` when no
    fingerprint is kept at all; None when all match."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [_KEY]).fetchone()
    try:
        kept = json.loads(row[0]) if row else None
    except ValueError:
        kept = None
    if not isinstance(kept, dict):
        return "meta"
    now = fingerprints(conn)
    return next((table for table, value in now.items() if kept.get(table) != value), None)
