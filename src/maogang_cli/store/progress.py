"""Progress records: append-only writes, and the per-pair state aggregated in SQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from maogang_cli.domain.status import DEFAULT_WARN_DAYS, PairState


@dataclass(frozen=True)
class NewRecord:
    task_id: str
    unit: str
    status: str
    happened_on: date
    recorded_by: str
    recorded_at: str
    note: str = ""
    percent: int | None = None
    evidence: str = ""
    source: str = "cli"


def append_records(conn: sqlite3.Connection, records: Sequence[NewRecord]) -> list[int]:
    """Insert all records in one short transaction; all or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        ids = [
            int(
                conn.execute(
                    """INSERT INTO progress (task_id, unit, status, happened_on, percent, note,
                       evidence, recorded_by, recorded_at, source)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [
                        r.task_id,
                        r.unit,
                        r.status,
                        r.happened_on.isoformat(),
                        r.percent,
                        r.note,
                        r.evidence,
                        r.recorded_by,
                        r.recorded_at,
                        r.source,
                    ],
                ).lastrowid
                or 0
            )
            for r in records
        ]
        conn.execute("COMMIT")
        return ids
    except BaseException:
        conn.execute("ROLLBACK")
        raise


# Latest status per pair as of a day, the start of its current run of 'done', and the
# latest non-empty note and percent: all in one pass over the records in SQL.
_LATEST = """
WITH recs AS (
    SELECT p.id, p.task_id, COALESCE(n.unit, p.unit) AS unit, p.status, p.happened_on,
           p.recorded_at, p.note, p.percent
    FROM progress p LEFT JOIN unit_names n ON n.name = p.unit
    WHERE p.happened_on <= :as_of {task_filter}
),
ranked AS (
    SELECT *,
        ROW_NUMBER() OVER (PARTITION BY task_id, unit
                           ORDER BY happened_on DESC, recorded_at DESC, id DESC) AS rn,
        ROW_NUMBER() OVER (PARTITION BY task_id, unit, note = ''
                           ORDER BY happened_on DESC, recorded_at DESC, id DESC) AS note_rn,
        ROW_NUMBER() OVER (PARTITION BY task_id, unit, percent IS NULL
                           ORDER BY happened_on DESC, recorded_at DESC, id DESC) AS pct_rn
    FROM recs
),
runs AS (
    SELECT *, MIN(CASE WHEN status != 'done' THEN rn END)
              OVER (PARTITION BY task_id, unit) AS first_not_done
    FROM ranked
)
SELECT task_id, unit,
    MAX(CASE WHEN rn = 1 THEN status END) AS status,
    MIN(CASE WHEN status = 'done' AND rn < COALESCE(first_not_done, 1 << 62)
             THEN happened_on END) AS done_on,
    MAX(CASE WHEN note != '' AND note_rn = 1 THEN note END) AS note,
    MAX(CASE WHEN percent IS NOT NULL AND pct_rn = 1 THEN percent END) AS percent
FROM runs GROUP BY task_id, unit
"""


def pair_states(
    conn: sqlite3.Connection,
    as_of: date,
    *,
    units: Sequence[str] | None = None,
    roles: Sequence[str] = ("responsible",),
    year: int | None = None,
    task_ids: Sequence[str] | None = None,
    warn_days: int = DEFAULT_WARN_DAYS,
    include_retired: bool = False,
) -> list[PairState]:
    """The state of every reporting pair of live tasks, in list order (year, seq, unit)."""
    where = [
        "1 = 1" if include_retired else "t.retired = 0",
        f"tu.role IN ({','.join('?' * len(roles))})",
    ]
    args: list[object] = list(roles)
    if units is not None:
        where.append(f"tu.unit IN ({','.join('?' * len(units))})")
        args += list(units)
    if year is not None:
        where.append("t.year = ?")
        args.append(year)
    task_filter = ""
    latest_args: dict[str, object] = {"as_of": as_of.isoformat()}
    if task_ids is not None:
        marks = ",".join(f":t{i}" for i in range(len(task_ids)))
        where.append(f"t.id IN ({','.join('?' * len(task_ids))})")
        args += list(task_ids)
        task_filter = f"AND p.task_id IN ({marks})"
        latest_args |= {f"t{i}": t for i, t in enumerate(task_ids)}
    latest = {
        (r["task_id"], r["unit"]): r
        for r in conn.execute(_LATEST.format(task_filter=task_filter), latest_args)
    }
    pairs = conn.execute(
        f"""SELECT tu.task_id, tu.unit, tu.role, t.deadline
            FROM task_units tu JOIN tasks t ON t.id = tu.task_id
            LEFT JOIN units u ON u.name = tu.unit
            WHERE {" AND ".join(where)}
            ORDER BY t.year, t.seq, t.id, u.rowid, tu.unit""",
        args,
    ).fetchall()
    states = []
    for task_id, unit, role, deadline in pairs:
        row = latest.get((task_id, unit))
        states.append(
            PairState(
                task_id=task_id,
                unit=unit,
                role=role,
                deadline=date.fromisoformat(deadline),
                status=row["status"] if row else "not_started",
                done_on=date.fromisoformat(row["done_on"]) if row and row["done_on"] else None,
                as_of=as_of,
                warn_days=warn_days,
                note=(row["note"] or "") if row else "",
                percent=row["percent"] if row else None,
            )
        )
    return states


def unit_order(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM units ORDER BY retired, rowid")]


def history(conn: sqlite3.Connection, task_id: str, unit: str | None = None) -> list[sqlite3.Row]:
    """Every record of a task (or one unit of it), oldest first, with its canonical unit."""
    sql = """SELECT p.*, COALESCE(n.unit, p.unit) AS canonical,
                    COALESCE(tu.role, '') AS role
             FROM progress p LEFT JOIN unit_names n ON n.name = p.unit
             LEFT JOIN task_units tu ON tu.task_id = p.task_id
                  AND tu.unit = COALESCE(n.unit, p.unit)
             WHERE p.task_id = ?"""
    args: list[object] = [task_id]
    if unit is not None:
        sql += " AND COALESCE(n.unit, p.unit) = ?"
        args.append(unit)
    return conn.execute(sql + " ORDER BY p.happened_on, p.recorded_at, p.id", args).fetchall()


def reporting_units(conn: sqlite3.Connection, task_id: str) -> dict[str, str]:
    """unit -> role for a task's reporting pairs."""
    return {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT unit, role FROM task_units WHERE task_id = ? ORDER BY rowid", [task_id]
        )
    }
