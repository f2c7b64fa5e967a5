"""`maogang check`, and the same checks for `backup` and `restore`: the hash chain of every
evidence table, the append-only guards, the schema version and SQLite's integrity_check.
Hledger's `check` is the model: named checks, one line each, the first problem named."""

import sqlite3
from pathlib import Path
from typing import NamedTuple

from maogang_cli.errors import MaogangError, UsageError
from maogang_cli.i18n import _


class Finding(NamedTuple):
    check: str  # "integrity", "schema", "objects", "guards", "chain", "derived", "catalogue"
    ok: bool
    message: str


class CheckFailed(MaogangError):
    """Something in the database is not as maogang wrote it."""


def entry_name(conn: sqlite3.Connection, table: str, rowid: int | None) -> str:
    from maogang_cli.domain.voids import LETTERS

    if rowid is None:
        return "-"
    if table in LETTERS:
        return f"{LETTERS[table]}{rowid}"
    if table == "hazards":
        row = conn.execute("SELECT id FROM hazards WHERE rowid = ?", [rowid]).fetchone()
        return str(row[0]) if row else f"#{rowid}"
    if table == "hazard_events":
        sql = "SELECT hazard_id, seq FROM hazard_events WHERE rowid = ?"
        row = conn.execute(sql, [rowid]).fetchone()
        if row:
            return f"{row[0]}#{row[1]}"  # the hazard and its step, in any language
    return f"#{rowid}"


def _chain(conn: sqlite3.Connection) -> list[Finding]:
    from maogang_cli.store.chain import CHAINED, verify

    out: list[Finding] = []
    total = 0
    messages = {
        "changed": _("{table}: entry {id} was changed after it was written (its hash differs)"),
        "out_of_order": _(
            "{table}: entry {id} does not follow the entry before it "
            "(an entry was removed, moved or put in before it)"
        ),
        "unsealed": _("{table}: entry {id} is not sealed (written around maogang)"),
        "cut": _("{table}: the chain's recorded end {id} is missing (entries were removed)"),
        "count": _("{table}: fewer or more entries than were written (last {id})"),
    }
    for table in CHAINED:
        broken = verify(conn, table)
        if broken is not None:
            name = entry_name(conn, table, broken.rowid)
            out.append(Finding("chain", False, messages[broken.what].format(table=table, id=name)))
        total += conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if not out:
        out.append(
            Finding(
                "chain",
                True,
                _("chain: {n} entries, each sealed to the one before").format(n=total),
            )
        )
    return out


def _guards(conn: sqlite3.Connection) -> list[Finding]:
    from maogang_cli.store.guards import altered_triggers, missing_triggers

    out = [
        Finding(
            "guards",
            False,
            _(
                "guard {name} is missing: its table can be changed; `maogang load` puts it back"
            ).format(name=name),
        )
        for name in missing_triggers(conn)
    ] + [
        Finding(
            "guards",
            False,
            _("guard {name} was changed; `maogang load` cannot mend it: restore a backup").format(
                name=name
            ),
        )
        for name in altered_triggers(conn)
    ]
    return out or [Finding("guards", True, _("guards: every evidence table is append-only"))]


def _derived(conn: sqlite3.Connection) -> list[Finding]:
    """The hazard ledger's derived tables, recomputed from the sealed hazards and events
    by the rules that fill them."""
    from maogang_cli.store.derived import first_label_mismatch, first_latest_mismatch

    out: list[Finding] = []
    label = first_label_mismatch(conn)
    if label is not None:
        from maogang_cli.hazard_words import dimension_headings

        dimensions = dimension_headings()
        message = _(
            "hazard labels: {dimension} {name} does not match the hazards; "
            "`maogang load --force` rebuilds them"
        )
        dimension = dimensions.get(label.dimension, label.dimension)
        out.append(Finding("derived", False, message.format(dimension=dimension, name=label.name)))
    latest = first_latest_mismatch(conn)
    if latest is not None and latest.what == "copies":
        message = _(
            "hazard summary: {id}'s state or deadline disagrees with its packed copy; "
            "`maogang load --force` rebuilds it from the events"
        )
        out.append(Finding("derived", False, message.format(id=latest.name)))
    elif latest is not None:
        message = _(
            "hazard summary: {id} does not match its events; "
            "`maogang load --force` rebuilds it from them"
        )
        out.append(Finding("derived", False, message.format(id=latest.name)))
    if out:
        return out
    n = conn.execute("SELECT count(*) FROM hazard_latest").fetchone()[0]
    return [
        Finding(
            "derived", True, _("hazard summary: {n} hazards, each as its events say").format(n=n)
        )
    ]


def _catalogue(conn: sqlite3.Connection) -> list[Finding]:
    from maogang_cli.store.fingerprint import CATALOGUE_TABLES, changed_table

    table = changed_table(conn)
    if table is None:
        message = _("catalogue: {n} tables as they were loaded").format(n=len(CATALOGUE_TABLES))
        return [Finding("catalogue", True, message)]
    if table == "meta":
        message = _(
            "catalogue: the plan's words or the tables' fingerprint were changed after the "
            "catalogue was loaded; `maogang load` loads it again"
        )
    else:
        message = _(
            "catalogue: table {table} was changed after it was loaded; "
            "`maogang load` loads it again"
        ).format(table=table)
    return [Finding("catalogue", False, message)]


def _schema(version: int) -> list[Finding]:
    from maogang_cli.store.db import SCHEMA_VERSION

    if version > SCHEMA_VERSION:
        return [
            Finding(
                "schema",
                False,
                _("schema version {version}, this maogang writes {known}").format(
                    version=version, known=SCHEMA_VERSION
                ),
            )
        ]
    if version < SCHEMA_VERSION:  # an older maogang's: not damage, brought up to date later
        return [
            Finding(
                "schema",
                True,
                # The guards and the chain are checked once a command has updated it.
                _("schema: version {version} of {known}, updated when next opened").format(
                    version=version, known=SCHEMA_VERSION
                ),
            )
        ]
    return [Finding("schema", True, _("schema: version {v}").format(v=version))]


def _kind_word(kind: str) -> str:
    from maogang_cli.i18n import pgettext

    words = {
        "table": pgettext("schema object", "table"),
        "view": pgettext("schema object", "view"),
        "index": pgettext("schema object", "index"),
        "trigger": pgettext("schema object", "trigger"),
    }
    return words[kind]


def _objects(conn: sqlite3.Connection) -> list[Finding]:
    """The tables, views, indexes and triggers against those this version creates (the
    guards are the next check's): a command meeting a dropped view fails, so name it."""
    from maogang_cli.store.schema_objects import first_difference, reference

    expected = reference()
    found = first_difference(conn, expected)
    if found is None:
        return [
            Finding(
                "objects",
                True,
                _("schema: {n} tables, views, indexes and triggers, all as expected").format(
                    n=len(expected)
                ),
            )
        ]
    messages = {
        "missing": _("schema: {kind} {name} is missing"),
        "changed": _("schema: {kind} {name} is not as this version makes it"),
        "extra": _("schema: {kind} {name} is not one this version makes"),
    }
    message = messages[found.what].format(kind=_kind_word(found.kind), name=found.name)
    return [Finding("objects", False, message)]


def _recorded(conn: sqlite3.Connection) -> list[Finding]:
    """An older schema: the record of its migrations must agree with its objects, or the
    next command would run a migration again over what it made."""
    from maogang_cli.store.schema_objects import unrecorded

    found = unrecorded(conn)
    if found is None:
        return []
    message = _(
        "schema: {kind} {name} is there, but the migration that makes it is not in the "
        "record of migrations (the record was changed)"
    ).format(kind=_kind_word(found.kind), name=found.name)
    return [Finding("objects", False, message)]


def _integrity(conn: sqlite3.Connection) -> list[Finding]:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if rows == ["ok"]:
        return [Finding("integrity", True, _("integrity_check: ok"))]
    return [
        Finding("integrity", False, _("integrity_check: {problem}").format(problem=line))
        for line in rows[:5]
    ]


def check_connection(conn: sqlite3.Connection) -> list[Finding]:
    """Every check, in order; integrity first (a damaged file makes the rest moot)."""
    integrity = _integrity(conn)
    if not all(f.ok for f in integrity):
        return integrity
    from maogang_cli.store.db import SCHEMA_VERSION, _schema_version

    version = _schema_version(conn)
    if version < SCHEMA_VERSION:  # the guards and the chain are those of the current schema
        return [*integrity, *_schema(version), *_recorded(conn)]
    objects = _objects(conn)
    if not all(f.ok for f in objects):  # the later checks read the objects
        return [*integrity, *_schema(version), *objects]
    return [
        *integrity,
        *_schema(version),
        *objects,
        *_guards(conn),
        *_chain(conn),
        *_derived(conn),
        *_catalogue(conn),
    ]


def open_existing(path: Path) -> sqlite3.Connection:
    """A database that exists, opened without bringing anything up to date (a check must
    see it as it is: `load` would put a dropped guard back)."""
    from maogang_cli.store.db import connect

    if not path.is_file():
        raise UsageError(_("no database at {path}").format(path=path))
    return connect(path)


def check(path: Path, backup: Path | None = None) -> list[Finding]:
    """Every check of the database at `path`; with `backup`, then the backup's entries
    against it (when its tables are as this version makes them)."""
    conn = open_existing(path)
    try:
        findings = check_connection(conn)
        if backup is not None and any(f.check == "objects" and f.ok for f in findings):
            from maogang_cli.app.against import against

            findings += against(conn, backup)
        return findings
    finally:
        conn.close()


def first_problem(findings: list[Finding]) -> Finding | None:
    return next((f for f in findings if not f.ok), None)
