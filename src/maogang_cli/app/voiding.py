"""`maogang void`: put a mistaken entry right with a new entry that names it."""

import sqlite3
from typing import NamedTuple

from maogang_cli.app.recording import now_stamp
from maogang_cli.domain.voids import parse_entry_id
from maogang_cli.errors import InvalidRecordError, NotFoundError, UsageError
from maogang_cli.i18n import _
from maogang_cli.store.duties import shown_name
from maogang_cli.store.voids import NewVoid, entry, insert_void, marks
from maogang_cli.words import stamp_text, status_word


class Voided(NamedTuple):
    void_id: str  # V3
    target: str  # P12
    what: str  # what the voided entry said, in a few words


def _what(conn: sqlite3.Connection, table: str, row: sqlite3.Row) -> str:
    if table == "progress":
        status = status_word(row["status"])
        return f"{row['task_id']} {row['unit']} {status} {row['happened_on']}"
    duty = shown_name(conn, row["duty"])
    return f"{duty} {row['period']} {row['unit']} {row['done_on']}"


def void(conn: sqlite3.Connection, ref: str, *, reason: str, by: str) -> Voided:
    """Void one entry, all or nothing; refused for an unknown id, a void, or one voided."""
    try:
        target = parse_entry_id(ref)
    except ValueError:
        raise UsageError(
            _(
                "'{ref}' is not an entry id: P12 (a progress record) or D7 (a duty record or "
                "submission), as `maogang history` shows them"
            ).format(ref=ref)
        ) from None
    if not reason.strip():
        raise UsageError(_("say why with --reason TEXT: the reason is kept with the void"))
    if target.table == "voids":
        raise InvalidRecordError(
            _("{id} is a void and cannot be voided: record the entry again instead").format(
                id=target
            )
        )
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = entry(conn, target)
        if row is None:
            raise NotFoundError(_("there is no entry {id}").format(id=target))
        earlier = marks(conn, target.table, [target.row]).get(target.row)
        if earlier is not None:
            raise InvalidRecordError(
                _("{id} was already voided by {void} ({by}, {at}): {reason}").format(
                    id=target,
                    void=earlier.id,
                    by=earlier.by,
                    at=stamp_text(earlier.at),
                    reason=earlier.reason,
                )
            )
        number = insert_void(conn, NewVoid(target, reason.strip(), by, now_stamp()))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return Voided(f"V{number}", str(target), _what(conn, target.table, row))
