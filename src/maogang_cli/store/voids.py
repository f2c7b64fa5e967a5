"""Voids: append-only, one per voided entry; and the marks `history` shows."""

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from maogang_cli.domain.voids import EntryId, entry_id


class NewVoid(NamedTuple):
    target: EntryId
    reason: str
    recorded_by: str
    recorded_at: str
    source: str = "cli"


class VoidMark(NamedTuple):
    """What `history` shows beside a voided entry."""

    id: str  # V3
    reason: str
    by: str
    at: str


def insert_void(conn: sqlite3.Connection, void: NewVoid) -> int:
    """The one way a void is written (inside the caller's transaction)."""
    from maogang_cli.store.chain import insert_chained

    (row,) = insert_chained(
        conn,
        "voids",
        ("target", "target_table", "target_id", "reason", "recorded_by", "recorded_at", "source"),
        [
            (
                str(void.target),
                void.target.table,
                void.target.row,
                void.reason,
                void.recorded_by,
                void.recorded_at,
                void.source,
            )
        ],
    )
    return row


def entry(conn: sqlite3.Connection, target: EntryId) -> sqlite3.Row | None:
    """The stored entry an id names, voided or not."""
    row: sqlite3.Row | None = conn.execute(
        f"SELECT * FROM {target.table} WHERE id = ?", [target.row]
    ).fetchone()
    return row


def marks(
    conn: sqlite3.Connection, table: str, rows: Iterable[int] | None = None
) -> dict[int, VoidMark]:
    """row -> its void, for the entries of `table` (those of `rows` only, if given)."""
    sql = "SELECT * FROM voids WHERE target_table = ?"
    args: list[object] = [table]
    wanted = None if rows is None else set(rows)
    return {
        r["target_id"]: VoidMark(
            entry_id("voids", r["id"]), r["reason"], r["recorded_by"], r["recorded_at"]
        )
        for r in conn.execute(sql, args)
        if wanted is None or r["target_id"] in wanted
    }
