"""The hash chain over the evidence tables: each entry carries a hash over its content and
the previous entry's hash, so an edit, a deletion, a reordering or an insertion in the
middle shows even to someone who dropped the append-only triggers.

Per table, in rowid order: hash = SHA-256(prev_hash, LF, content), the first entry's
prev_hash being ''. The content is the table's name, the rowid and every other column but
prev_hash and hash, as JSON, each value as its column stores it. `chain_heads` keeps each
table's last rowid, hash and count, so entries cut from the end show too. Every evidence
insert goes through `insert_chained`, inside the caller's transaction.
"""

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

CHAINED = ("progress", "duty_records", "voids", "hazards", "hazard_events")
_LINK = ("prev_hash", "hash")


class Layout(NamedTuple):
    columns: list[str]  # content columns, in table order, without the rowid alias
    affinity: list[str]  # "int", "real", "text" or "" per column
    rowid_alias: str | None  # the INTEGER PRIMARY KEY column (id), if any


def _affinity(declared: str) -> str:
    declared = declared.upper()
    if "INT" in declared:
        return "int"
    if any(t in declared for t in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if any(t in declared for t in ("REAL", "FLOA", "DOUB")):
        return "real"
    return ""


def layout(conn: sqlite3.Connection, table: str) -> Layout:
    info = conn.execute(f"PRAGMA table_info({table})").fetchall()
    keys = [r for r in info if r[5]]
    alias = keys[0][1] if len(keys) == 1 and keys[0][2].upper() == "INTEGER" else None
    content = [r for r in info if r[1] not in _LINK and r[1] != alias]
    return Layout([r[1] for r in content], [_affinity(r[2]) for r in content], alias)


def _as_stored(value: object, affinity: str) -> object:
    """The value as SQLite keeps it in a column of that affinity."""
    if value is None or isinstance(value, bytes):
        return value
    try:
        if affinity == "text":
            return value if isinstance(value, str) else str(value)
        if affinity == "int" and not isinstance(value, int):
            return int(value) if isinstance(value, str) and value.lstrip("-").isdigit() else value
        if affinity == "real" and isinstance(value, int):
            return float(value)
    except (TypeError, ValueError):
        return value
    return int(value) if isinstance(value, bool) else value


def link(prev: str, table: str, rowid: int, values: Sequence[object]) -> str:
    content = json.dumps([table, rowid, list(values)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev}\n{content}".encode()).hexdigest()


def _head(conn: sqlite3.Connection, table: str) -> tuple[int, str]:
    """The rowid after which the next entry goes, and the hash it follows."""
    row = conn.execute(f"SELECT rowid, hash FROM {table} ORDER BY rowid DESC LIMIT 1").fetchone()
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", [table]).fetchone()
    last = max(row[0] if row else 0, seq[0] if seq else 0)
    return last, (row[1] or "") if row else ""


def insert_chained(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
) -> list[int]:
    """Append rows (values for `columns`) to an evidence table, each sealed to the one
    before; their rowids. Inside the caller's write transaction."""
    shape = layout(conn, table)
    where = [columns.index(c) if c in columns else None for c in shape.columns]
    last, prev = _head(conn, table)
    out: list[int] = []
    params: list[list[object]] = []
    # Values are hashed as the column will store them; only what SQLite would convert is
    # converted here (a plain str, int or None in a column of its kind is kept as it is).
    plain = {"text": (str,), "int": (int,), "real": (float,), "": (str, int, float, bytes)}
    kinds = [plain[a] for a in shape.affinity]
    sha256, dumps = hashlib.sha256, json.dumps
    for row in rows:
        last += 1
        values = [None if i is None else row[i] for i in where]
        for k, (v, kind) in enumerate(zip(values, kinds, strict=True)):
            if v is not None and (type(v) not in kind):
                values[k] = _as_stored(v, shape.affinity[k])
        content = dumps([table, last, values], ensure_ascii=False, separators=(",", ":"))
        prev, sealed = sha256(f"{prev}\n{content}".encode()).hexdigest(), prev
        params.append([last, *values, sealed, prev])
        out.append(last)
    if params:
        names = ", ".join(["rowid", *shape.columns, *_LINK])
        marks = ", ".join("?" * (len(shape.columns) + 3))
        conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", params)
        conn.execute(
            """INSERT INTO chain_heads (tbl, last_rowid, hash, entries)
               VALUES (?, ?, ?, ?)
               ON CONFLICT (tbl) DO UPDATE SET last_rowid = excluded.last_rowid,
                   hash = excluded.hash, entries = entries + ?""",
            [table, last, prev, len(params), len(params)],
        )
    return out


class Break(NamedTuple):
    table: str
    rowid: int | None
    what: str  # "changed", "out_of_order", "unsealed", "cut", "count"


def verify(conn: sqlite3.Connection, table: str) -> Break | None:
    """The first broken link of a table's chain, or None."""
    shape = layout(conn, table)
    select = ", ".join(["rowid", *shape.columns, *_LINK])
    prev = ""
    count = 0
    last = 0
    for row in conn.execute(f"SELECT {select} FROM {table} ORDER BY rowid"):
        rowid, values, (before, sealed) = row[0], list(row[1:-2]), row[-2:]
        if sealed is None:
            return Break(table, rowid, "unsealed")
        if before != prev:
            return Break(table, rowid, "out_of_order")
        if link(prev, table, rowid, values) != sealed:
            return Break(table, rowid, "changed")
        prev, last, count = sealed, rowid, count + 1
    head = conn.execute(
        "SELECT last_rowid, hash, entries FROM chain_heads WHERE tbl = ?", [table]
    ).fetchone()
    if head is None:
        return Break(table, last or None, "cut") if count else None
    if (head[0], head[1]) != (last, prev):
        return Break(table, head[0], "cut")
    if head[2] != count:
        return Break(table, last, "count")
    return None


def seal_existing(conn: sqlite3.Connection, table: str) -> None:
    """Once, when the chain is added: seal the rows written before it, in rowid order."""
    from maogang_cli.store.guards import update_lifted

    shape = layout(conn, table)
    select = ", ".join(["rowid", *shape.columns])
    prev, last, count = "", 0, 0
    sealed = []
    for row in conn.execute(f"SELECT {select} FROM {table} ORDER BY rowid").fetchall():
        rowid, values = row[0], list(row[1:])
        h = link(prev, table, rowid, values)
        sealed.append((prev, h, rowid))
        prev, last, count = h, rowid, count + 1
    if sealed:
        with update_lifted(conn, table):
            conn.executemany(f"UPDATE {table} SET prev_hash = ?, hash = ? WHERE rowid = ?", sealed)
    conn.execute(
        "INSERT OR REPLACE INTO chain_heads (tbl, last_rowid, hash, entries) VALUES (?, ?, ?, ?)",
        [table, last, prev, count],
    )


class Head(NamedTuple):
    """A table's recorded end: what an office writes down to tell later that nothing was
    cut from the end (chain_heads lives in the same file and can be rewritten with it)."""

    table: str
    entries: int
    last_rowid: int | None
    hash: str


def heads(conn: sqlite3.Connection) -> list[Head]:
    """Each chained table's end as chain_heads records it (a checked database: they agree
    with the entries); a table with no entry yet has none."""
    recorded = {
        r[0]: (r[1], r[2], r[3])
        for r in conn.execute("SELECT tbl, entries, last_rowid, hash FROM chain_heads")
    }
    out = []
    for table in CHAINED:
        entries, last, sealed = recorded.get(table, (0, None, ""))
        out.append(Head(table, entries, last if entries else None, sealed if entries else ""))
    return out


class NotKept(NamedTuple):
    table: str
    rowid: int
    what: str  # "missing": the backup has it, the database not; "differs"


def first_not_kept(
    backup: sqlite3.Connection, conn: sqlite3.Connection, table: str
) -> NotKept | None:
    """The first entry of a backup's chain that the database lacks or holds otherwise.
    Entries are compared by their hash, which seals every entry before them too."""
    here = dict(conn.execute(f"SELECT rowid, hash FROM {table}").fetchall())
    for rowid, sealed in backup.execute(f"SELECT rowid, hash FROM {table} ORDER BY rowid"):
        if rowid not in here:
            return NotKept(table, rowid, "missing")
        if here[rowid] != sealed:
            return NotKept(table, rowid, "differs")
    return None
