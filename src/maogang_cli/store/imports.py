"""Imported spreadsheets: their progress rows and the `imports` row written together, and
the records `import` compares a row with."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from maogang_cli.domain.imports import StoredRecord
from maogang_cli.errors import MaogangError
from maogang_cli.i18n import _
from maogang_cli.store.progress import NewRecord, insert_records
from maogang_cli.words import stamp_text

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Sequence


class AlreadyImportedError(MaogangError):
    """The same file (by content) was imported before."""


def previous_import(conn: sqlite3.Connection, sha256: str) -> sqlite3.Row | None:
    return conn.execute(  # type: ignore[no-any-return]
        "SELECT * FROM imports WHERE sha256 = ? ORDER BY id DESC LIMIT 1", [sha256]
    ).fetchone()


def refuse_if_imported(conn: sqlite3.Connection, sha256: str, file_name: str) -> None:
    row = previous_import(conn, sha256)
    if row is not None:
        raise AlreadyImportedError(
            _(
                "{file} was already imported (as {earlier}, {at}, by {by}, {n} records): "
                "pass --again to import it once more"
            ).format(
                file=file_name,
                earlier=row["file_name"],
                at=stamp_text(row["imported_at"]),
                by=row["recorded_by"],
                n=row["rows"],
            )
        )


def save_import(
    conn: sqlite3.Connection,
    records: Sequence[NewRecord],
    *,
    file_name: str,
    sha256: str,
    by: str,
    imported_at: str,
    again: bool,
) -> list[int]:
    """The records and the import's own row in one transaction: all or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not again:
            refuse_if_imported(conn, sha256, file_name)
        ids = insert_records(conn, records)
        conn.execute(
            """INSERT INTO imports (file_name, sha256, rows, recorded_by, imported_at)
               VALUES (?, ?, ?, ?, ?)""",
            [file_name, sha256, len(ids), by, imported_at],
        )
        conn.execute("COMMIT")
        return ids
    except BaseException:
        # SQLite may have rolled back already (a full disk): the first error is the one
        # to report, not the ROLLBACK's "no transaction is active".
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def task_records(
    conn: sqlite3.Connection, task_id: str, *, voided: bool = False
) -> dict[str, list[StoredRecord]]:
    """unit (canonical) -> every record of the task for it in force (with `voided`: every
    voided one instead)."""
    out: dict[str, list[StoredRecord]] = {}
    for r in conn.execute(
        """SELECT COALESCE(u.name, p.unit) AS unit, p.status, p.happened_on, p.recorded_at,
                  p.id, p.note, p.percent
           FROM progress p LEFT JOIN units u ON u.key = p.unit_key
           WHERE p.task_id = ? AND EXISTS (
               SELECT 1 FROM voids v WHERE v.target_table = 'progress' AND v.target_id = p.id
           ) = ?""",
        [task_id, voided],
    ):
        out.setdefault(r["unit"], []).append(
            StoredRecord(
                status=r["status"],
                happened_on=date.fromisoformat(r["happened_on"]),
                recorded_at=r["recorded_at"],
                id=r["id"],
                note=r["note"],
                percent=r["percent"],
            )
        )
    return out
