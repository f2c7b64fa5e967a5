"""Load a checked catalogue into SQLite: one transaction, idempotent, progress untouched."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from maogang_cli.catalog.files import UNITS, catalogue_files, content_hash, stat_signature
from maogang_cli.catalog.load import Catalogue, load_catalogue
from maogang_cli.domain.dates import deadline_date
from maogang_cli.errors import DataError, KeyChangeError, Problem
from maogang_cli.i18n import _
from maogang_cli.store import fingerprint
from maogang_cli.store.failures import APPLICATION_ID
from maogang_cli.store.guards import UNIT_EVIDENCE, restore_triggers, update_lifted
from maogang_cli.store.migrations import migrations
from maogang_cli.store.pinyin import fill_pinyin
from maogang_cli.store.plan_tables import json_text, write_hazard_vocabularies, write_plan


def check_catalogue(data_dir: Path) -> tuple[Catalogue | None, list[Problem]]:
    files = catalogue_files(data_dir)
    if not files:
        return None, [Problem(str(data_dir / UNITS), 1, 1, "no catalogue files in this directory")]
    return load_catalogue(files)


def _invalid_hint(data_dir: Path) -> str:
    # The program's own sentence under the FILE:LINE:COL problems (which stay English, for
    # whoever edits the files): every command prints it to the clerk, so it is translated.
    return _("error: the catalogue in {dir} is invalid: nothing was loaded").format(dir=data_dir)


def _upgrade_hint(data_dir: Path) -> str:
    return _(
        "error: the catalogue in {dir} is invalid: this database is upgraded (its records "
        "get their unit keys) only with a valid one; nothing was changed"
    ).format(dir=data_dir)


def _key_changes(
    conn: sqlite3.Connection, catalogue: Catalogue, data_dir: Path
) -> KeyChangeError | None:
    from maogang_cli.catalog.kept_keys import key_changes, locate
    from maogang_cli.store.unit_history import holdings, units_with_records

    found = key_changes(units_with_records(conn), catalogue, holdings(conn))
    if not found:
        return None
    hint = _(
        "error: the catalogue in {dir} changes the key of a unit that has records: nothing "
        "was loaded; give each unit back its key (a name may change, a key never)"
    ).format(dir=data_dir)
    return KeyChangeError(locate(data_dir / UNITS, found), hint=hint)


def _unkeyed(conn: sqlite3.Connection) -> bool:
    """Whether the stored catalogue predates unit keys (the unit-keys migration just ran)."""
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM units WHERE key IS NULL)").fetchone()[0])


def _unkeyed_evidence(conn: sqlite3.Connection, tables: Iterable[str] = UNIT_EVIDENCE) -> bool:
    return any(
        conn.execute(f"SELECT 1 FROM {table} WHERE unit_key IS NULL LIMIT 1").fetchone()
        for table in tables
    )


def _seal_once(conn: sqlite3.Connection) -> None:
    """When the hash chain is new to this database: seal the entries written before it
    (after their unit keys, which they hold, were filled). Only once: an entry written
    around maogang later stays unsealed, and `maogang check` names it."""
    if conn.execute("SELECT 1 FROM meta WHERE key = 'chain_sealed'").fetchone():
        return
    from maogang_cli.store.chain import CHAINED, seal_existing

    for table in CHAINED:
        seal_existing(conn, table)
    conn.execute("INSERT INTO meta (key, value) VALUES ('chain_sealed', '1')")


def _mend_derived(conn: sqlite3.Connection) -> None:
    """`load --force`: the hazard ledger's derived tables written again from the events
    when check's recomputation finds them otherwise (tester T58)."""
    from maogang_cli.store.derived import mismatched, rebuild

    if mismatched(conn):
        rebuild(conn)


def _use_wal(conn: sqlite3.Connection) -> None:
    """WAL lets readers go on while one writer writes. Switching needs the database to
    itself for a moment; if another process has it, that process sets WAL (or has)."""
    with contextlib.suppress(sqlite3.OperationalError):
        conn.execute("PRAGMA journal_mode = WAL")


def sync_catalogue(conn: sqlite3.Connection, data_dir: Path, *, force: bool = False) -> bool:
    """Bring the stored catalogue in line with `data_dir`. False when it already was.

    The schema is migrated even when the catalogue is invalid (DataError), so the records
    loaded before stay usable by a newer maogang.
    """
    signature = stat_signature(data_dir)  # before reading: an edit during the load shows
    digest = content_hash(data_dir)
    catalogue, problems = check_catalogue(data_dir)
    _use_wal(conn)
    conn.execute("BEGIN IMMEDIATE")  # one loader at a time; readers carry on
    try:
        db = Database(conn)
        # The catalogue tables are derived from the YAML: after an upgrade they are written
        # again, so what a newer schema keeps of the catalogue (the plan's title and number,
        # pinyin, short names) is there without `load --force`.
        upgraded = bool(migrations.pending(db))
        migrations.apply(db)
        # Marks the file as maogang's: a new database, and an older one on its upgrade.
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        if catalogue is None:
            if _unkeyed(conn) or _unkeyed_evidence(conn):
                # Old records get their unit keys from the catalogue: without a valid one
                # the database stays as it was, readable by the maogang that wrote it.
                conn.execute("ROLLBACK")
                raise DataError(problems, hint=_upgrade_hint(data_dir))
            _seal_once(conn)
            restore_triggers(conn)
            fingerprint.remember_once(conn)
            conn.execute("COMMIT")
            raise DataError(problems, hint=_invalid_hint(data_dir))
        row = conn.execute("SELECT value FROM meta WHERE key = 'catalogue_hash'").fetchone()
        if (
            row
            and row[0] == digest
            and not (force or upgraded)
            and not _unkeyed(conn)
            # tables changed by hand since they were loaded are written again (tester T51)
            and fingerprint.changed_table(conn) is None
        ):
            _seal_once(conn)
            restore_triggers(conn)
            conn.execute("COMMIT")
            return False
        refused = None if _unkeyed(conn) else _key_changes(conn, catalogue, data_dir)
        if refused is not None:  # keys just assigned from names (above) cannot have changed
            # As for an invalid catalogue: the schema is brought up to date, so commands
            # go on with the catalogue loaded before; the catalogue tables stay as they were.
            _seal_once(conn)
            restore_triggers(conn)
            fingerprint.remember_once(conn)
            conn.execute("COMMIT")
            raise refused
        _write(db, catalogue)
        _seal_once(conn)
        restore_triggers(conn)
        fingerprint.remember(conn)
        if force:
            _mend_derived(conn)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        db.table("meta").upsert_all(
            [
                {"key": "catalogue_hash", "value": digest},
                {"key": "catalogue_stat", "value": signature},
                {"key": "catalogue_dir", "value": str(data_dir)},
                {"key": "loaded_at", "value": now},
            ],
            pk="key",
        )
        conn.execute("COMMIT")
        return True
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _write(db: Database, catalogue: Catalogue) -> None:
    conn = db.conn
    conn.execute("DELETE FROM units")
    conn.execute("DELETE FROM unit_names")
    units = catalogue.units
    keys = catalogue.keys
    db.table("units").insert_all(
        [
            {
                "name": u.name,
                "full_name": u.full_name,
                "kind": u.kind,
                "is_group": 0,
                "members": "[]",
                "retired": 0,
                "key": u.key,
            }
            for u in units.units
        ]
        + [
            {
                "name": g.name,
                "full_name": g.full_name,
                "kind": "group",
                "is_group": 1,
                "members": json_text(catalogue.members.get(g.name, [])),
                "retired": 0,
                "key": g.key,
            }
            for g in units.groups
        ]
    )
    db.table("unit_names").insert_all(
        [{"name": name, "unit": unit, "key": keys[unit]} for name, unit in catalogue.lookup.items()]
    )
    fill_pinyin(conn)
    _fill_unit_keys(conn)
    _keep_retired_units(conn)

    current = {task.id for _, task, _ in catalogue.tasks}
    with_progress = {r[0] for r in conn.execute("SELECT DISTINCT task_id FROM progress")}
    stored = {r[0] for r in conn.execute("SELECT id FROM tasks")}
    gone = stored - current
    retired = gone & with_progress
    for task_id in gone - with_progress:
        conn.execute("DELETE FROM tasks WHERE id = ?", [task_id])
        conn.execute("DELETE FROM task_units WHERE task_id = ?", [task_id])
    for task_id in retired:
        # Kept, with its reporting pairs, so its records still show.
        conn.execute("UPDATE tasks SET retired = 1 WHERE id = ?", [task_id])
    conn.executemany("DELETE FROM task_units WHERE task_id = ?", [[t] for t in current])
    # The pairs kept for retired tasks: keyed (once, after the unit-keys migration), and labelled by
    # their unit's name today.
    conn.execute(
        """UPDATE task_units SET unit_key = COALESCE(
               (SELECT n.key FROM unit_names n WHERE n.name = task_units.unit), '~' || unit)
           WHERE unit_key IS NULL"""
    )
    conn.execute(
        """UPDATE task_units SET unit = (SELECT u.name FROM units u WHERE u.key = unit_key)
           WHERE unit_key IN (SELECT key FROM units)"""
    )

    rows: list[dict[str, Any]] = []
    for year, task, source in catalogue.tasks:
        responsible = [catalogue.lookup[n] for n in task.responsible]
        cooperating = [catalogue.lookup[n] for n in task.cooperating]
        rows.append(
            {
                "id": task.id,
                "year": year,
                "seq": task.seq,
                "action": task.action,
                "title": task.title,
                "description": task.description,
                "deadline": deadline_date(task.deadline).isoformat(),
                "deadline_text": task.deadline,
                "responsible": json_text(responsible),
                "cooperating": json_text(cooperating),
                "responsible_etc": int(task.responsible_etc),
                "cooperating_etc": int(task.cooperating_etc),
                "measures": json_text(task.measures),
                "milestones": json_text(
                    [
                        {"due": deadline_date(m.due).isoformat(), "text": m.text}
                        for m in task.milestones
                    ]
                ),
                "source": Path(source).name,
                "retired": 0,
            }
        )
    pairs = [
        {"task_id": task_id, "unit": u, "role": role, "unit_key": keys[u]}
        for task_id, u, role in catalogue.task_pairs()
    ]
    db.table("tasks").upsert_all(rows, pk="id")
    db.table("task_units").insert_all(pairs)
    write_plan(db, catalogue)
    write_hazard_vocabularies(db, catalogue)


def _fill_unit_keys(conn: sqlite3.Connection) -> None:
    """Once, after the unit-keys migration: the unit key of each record written before keys existed,
    from the name it was recorded under (canonical then, maybe an alias now). A name the
    catalogue no longer knows keeps a key of its own, `~` and the name, which no
    catalogue key can take."""
    for table in UNIT_EVIDENCE:
        if _unkeyed_evidence(conn, [table]):
            with update_lifted(conn, table):
                conn.execute(
                    f"""UPDATE {table} SET unit_key = COALESCE(
                            (SELECT n.key FROM unit_names n WHERE n.name = {table}.unit),
                            '~' || {table}.unit)
                        WHERE unit_key IS NULL"""
                )


def _keep_retired_units(conn: sqlite3.Connection) -> None:
    """A unit that left the catalogue keeps its history (task progress or duty records): it
    stays, marked retired, under the name of its latest record."""
    live = {r[0] for r in conn.execute("SELECT name FROM units")}
    labels: dict[str, str] = {}
    for table in UNIT_EVIDENCE:
        for key, name in conn.execute(
            f"""SELECT unit_key, unit FROM {table}
                WHERE unit_key NOT IN (SELECT key FROM units) ORDER BY id"""
        ):
            labels[key] = name
    for key, name in sorted(labels.items(), key=lambda item: item[1]):
        label = name if name not in live else f"{name} ({key})"
        live.add(label)
        conn.execute(
            """INSERT INTO units (name, full_name, kind, is_group, members, retired, key)
               VALUES (?, '', 'retired', 0, '[]', 1, ?)""",
            [label, key],
        )
        conn.execute(
            "INSERT OR IGNORE INTO unit_names (name, unit, key) VALUES (?, ?, ?)",
            [label, label, key],
        )
