"""The unit keys that hold records, with the names each answers to: what a new catalogue
must not take from them (catalog/kept_keys.py says what; store/sync.py asks before it loads)."""

from __future__ import annotations

import json
import sqlite3

from maogang_cli.catalog.kept_keys import StoredUnit

# Every record that names a unit by its key, voided ones too (a void is a later entry),
# counted by key and the name it was recorded under: each table read once (at district
# scale, 200,000 progress records read twice took a fifth of `load`).
_RECORDS = """
    SELECT unit_key, unit, COUNT(*) FROM progress GROUP BY unit_key, unit
    UNION ALL SELECT unit_key, unit, COUNT(*) FROM duty_records GROUP BY unit_key, unit
    UNION ALL SELECT department, NULL, COUNT(*) FROM hazards GROUP BY department
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
    counts: dict[str, int] = {}
    for key, name, n in conn.execute(_RECORDS):
        counts[key] = counts.get(key, 0) + n
        if name is not None:
            recorded.setdefault(key, set()).add(name)
    rows = conn.execute("SELECT key, name, retired FROM units WHERE key NOT LIKE '~%' ORDER BY key")
    owed = holdings(conn)
    return [
        StoredUnit(
            key,
            name,
            frozenset(names.get(key, set()) | (recorded.get(key, set()) if retired else set())),
            bool(retired),
            counts[key],
            frozenset(owed.get(key, set())),
        )
        for key, name, retired in rows
        if key in counts
    ]


def holdings(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Unit key -> what it owes in the stored catalogue (kept_keys.holdings_of's words)."""
    key_of = {name: key for name, key in conn.execute("SELECT name, key FROM units")}
    out: dict[str, set[str]] = {}

    def give(names: str, what: str) -> None:
        for name in json.loads(names):
            if name in key_of:
                out.setdefault(key_of[name], set()).add(what)

    for key, task_id in conn.execute("SELECT unit_key, task_id FROM task_units"):
        out.setdefault(key, set()).add(f"task {task_id}")
    for duty, owners in conn.execute("SELECT id, owner_units FROM duties"):
        give(owners, f"duty {duty}")
    for milestone, owners in conn.execute("SELECT id, responsible_units FROM plan_milestones"):
        give(owners, f"milestone {milestone}")
    for key, members in conn.execute("SELECT key, members FROM units WHERE is_group = 1"):
        give(members, f"group {key}")
    return out
