"""The database's schema objects (tables, views, indexes, triggers) against what this
version's migrations create, and the record of migrations against the objects.

The reference is built by running the migrations into an in-memory database, so it is
exactly what a new database gets and follows every new migration without a list kept by
hand. The triggers `store.guards` answers for (the append-only guards, the derived
tables' fill and guards) are left to it: check names them, and `load` puts one back.
"""

import contextlib
import sqlite3
from collections.abc import Collection, Mapping
from typing import NamedTuple

KINDS = ("table", "view", "index", "trigger")  # the order differences are named in


class Difference(NamedTuple):
    kind: str  # one of KINDS
    name: str
    what: str  # "missing", "changed", "extra"


class Unrecorded(NamedTuple):
    """An object that only a migration missing from the record makes."""

    kind: str  # one of KINDS
    name: str


def normal(sql: str | None) -> str:
    """SQL as compared: whitespace, identifier quotes and spacing around brackets and
    commas do not count (sqlite-utils versions quote names differently)."""
    text = " ".join((sql or "").translate(str.maketrans("", "", '"[]`')).split())
    for mark in ("(", ")", ","):
        text = text.replace(f" {mark}", mark).replace(f"{mark} ", mark)
    return text.rstrip("; ")


def objects(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """name -> (kind, normalised SQL), SQLite's own objects left out."""
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {name: (kind, normal(sql)) for kind, name, sql in rows if kind in KINDS}


def reference(applied: Collection[str] | None = None) -> dict[str, tuple[str, str]]:
    """The objects of a new database after the migrations named (all: None), in order."""
    from sqlite_utils import Database

    from maogang_cli.store.migrations import migrations

    db = Database(memory=True)
    try:
        if applied is None:
            migrations.apply(db)
        else:  # the functions alone, in order (the record's rows are not compared)
            migrations.ensure_migrations_table(db)
            for migration in migrations._migrations:
                if migration.name in applied:
                    with contextlib.suppress(sqlite3.Error):  # one that needs a missing one
                        migration.fn(db)
        return objects(db.conn)
    finally:
        db.close()


def _guards() -> frozenset[str]:
    from maogang_cli.store.guards import guarded_triggers

    return guarded_triggers()


def first_difference(
    conn: sqlite3.Connection, expected: Mapping[str, tuple[str, str]] | None = None
) -> Difference | None:
    """The first object missing, changed or extra (by KINDS, then name), or None."""
    want = dict(reference() if expected is None else expected)
    have = objects(conn)
    for name in _guards():
        want.pop(name, None)
        have.pop(name, None)
    found = [
        Difference(kind, name, "missing") for name, (kind, _) in want.items() if name not in have
    ]
    found += [
        Difference(have[name][0], name, "changed")
        for name in want
        if name in have and have[name] != want[name]
    ]
    found += [
        Difference(kind, name, "extra") for name, (kind, _) in have.items() if name not in want
    ]
    order = {"missing": 0, "changed": 1, "extra": 2}
    return min(found, key=lambda d: (order[d.what], KINDS.index(d.kind), d.name), default=None)


def recorded_migrations(conn: sqlite3.Connection) -> list[str]:
    table = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    if conn.execute(table).fetchone() is None:
        return []
    sql = "SELECT name FROM _sqlite_migrations WHERE migration_set = 'maogang' ORDER BY rowid"
    return [r[0] for r in conn.execute(sql)]


def unrecorded(conn: sqlite3.Connection) -> Unrecorded | None:
    """An object made by a migration the record lacks (rows deleted from it): running that
    migration again would fail halfway (a table that already exists). Objects are matched
    by what the later migrations make of them, so an older database, whatever maogang
    wrote its text, is never taken for one."""
    from maogang_cli.store.migrations import MIGRATION_NAMES

    recorded = set(recorded_migrations(conn))
    if not set(MIGRATION_NAMES) - recorded:
        return None
    before, later, have = reference(recorded), reference(), objects(conn)
    ahead = sorted(
        (KINDS.index(kind), name)
        for name, (kind, sql) in later.items()
        if have.get(name) == (kind, sql) and before.get(name) != (kind, sql)
    )
    return Unrecorded(KINDS[ahead[0][0]], ahead[0][1]) if ahead else None
