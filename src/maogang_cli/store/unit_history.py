"""The unit keys that hold records, with the names each answers to: what a new catalogue
must not take from them (catalog/kept_keys.py says what; store/sync.py asks before it loads)."""

from __future__ import annotations

import sqlite3

from maogang_cli.catalog.kept_keys import StoredUnit

# Every record that names a unit by its key, voided ones too (a void is a later entry).
_RECORDS = """
    SELECT unit_key AS key, unit AS name FROM progress
    UNION ALL SELECT unit_key, unit FROM duty_records
    UNION ALL SELECT department, NULL FROM hazards
"""


def units_with_records(conn: sqlite3.Connection) -> list[StoredUnit]:
    """Keys whose records `~name` keys (records older than keys, under a name the catalogue
    had lost) leave out: no catalogue can give them back, so none can be blamed for them.
    A live unit answers to its name and aliases; a retired one also to every name it was
    recorded under (its label may be `name (key)`)."""
    names: dict[str, set[str]] = {}
    for key, name in conn.execute("SELECT key, name FROM unit_names"):
        names.setdefault(key, set()).add(name)
    recorded: dict[str, set[str]] = {}
    for key, name in conn.execute(
        f"SELECT DISTINCT key, name FROM ({_RECORDS}) WHERE name IS NOT NULL"
    ):
        recorded.setdefault(key, set()).add(name)
    rows = conn.execute(
        f"""SELECT u.key, u.name, u.retired, COUNT(*) FROM units u JOIN ({_RECORDS}) r
                ON r.key = u.key
            WHERE u.key NOT LIKE '~%'
            GROUP BY u.key ORDER BY u.key"""
    )
    return [
        StoredUnit(
            key,
            name,
            frozenset(names.get(key, set()) | (recorded.get(key, set()) if retired else set())),
            bool(retired),
            n,
        )
        for key, name, retired, n in rows
    ]
