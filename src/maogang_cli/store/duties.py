"""Duties (from the plan) and their append-only records, on the standard library's sqlite3.

Generic over the duty: a monthly report arriving is the record (monthly_report, 2024-06,
unit); a quarterly meeting held is (quarterly_review, 2024-Q2, unit).
"""

import json
import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from maogang_cli.domain.duties import Duty
from maogang_cli.domain.reports import Submission
from maogang_cli.errors import NotFoundError, did_you_mean

if TYPE_CHECKING:
    from maogang_cli.store.new_records import NewDutyRecord as NewDutyRecord

DUTY_COLUMNS = (
    "duty",
    "period",
    "unit",
    "done_on",
    "note",
    "recorded_by",
    "recorded_at",
    "source",
    "unit_key",
)


def _duty(row: sqlite3.Row) -> Duty:
    return Duty(
        id=row["id"],
        title=row["title"],
        frequency=row["frequency"],
        due_day=row["due_day"],
        start=row["start"],
        end=row["end"],
        owners=json.loads(row["owners"]),
        owner_units=json.loads(row["owner_units"]),
    )


def list_duties(conn: sqlite3.Connection) -> list[Duty]:
    """Every duty, in the plan's order."""
    return [_duty(r) for r in conn.execute("SELECT * FROM duties ORDER BY rowid")]


def find_duty(conn: sqlite3.Connection, duty_id: str) -> Duty | None:
    """A duty by its id or its short name (月报, 调度会)."""
    duty_id = duty_id.strip()
    row = conn.execute(
        "SELECT * FROM duties WHERE id = ? OR short_name = ? ORDER BY id = ? DESC",
        [duty_id, duty_id, duty_id],
    ).fetchone()
    return _duty(row) if row else None


def get_duty(conn: sqlite3.Connection, duty_id: str) -> Duty:
    """A duty by id; NotFoundError with suggestions (or a hint when no plan is loaded)."""
    duty = find_duty(conn, duty_id)
    if duty is not None:
        return duty
    known = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM duties UNION SELECT short_name FROM duties"
            " WHERE short_name IS NOT NULL ORDER BY 1"
        )
    ]
    from maogang_cli.i18n import _

    if not known:
        raise NotFoundError(
            _("unknown duty '{duty}': the catalogue has no plan with duties").format(duty=duty_id)
        )
    raise NotFoundError(
        _("unknown duty '{duty}'{hint}").format(duty=duty_id, hint=did_you_mean(duty_id, known))
    )


def append_duty_records(conn: sqlite3.Connection, records: "Sequence[NewDutyRecord]") -> list[int]:
    """Insert all records in one short transaction; all or nothing.

    The one way a duty record is written: each row stores its unit's key beside the
    unit's name at the time."""
    from maogang_cli.store.chain import insert_chained
    from maogang_cli.store.progress import key_of, unit_keys

    conn.execute("BEGIN IMMEDIATE")
    try:
        keys = unit_keys(conn)
        ids = insert_chained(
            conn,
            "duty_records",
            DUTY_COLUMNS,
            [
                (
                    r.duty,
                    r.period,
                    r.unit,
                    r.done_on.isoformat(),
                    r.note,
                    r.recorded_by,
                    r.recorded_at,
                    r.source,
                    key_of(keys, r.unit),
                )
                for r in records
            ],
        )
        conn.execute("COMMIT")
        return ids
    except BaseException:
        # SQLite may have rolled back already (a full disk): the first error is the one
        # to report, not the ROLLBACK's "no transaction is active".
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


# Every figure reads the records no void names (duty_records_live; domain.voids).
_RECORDS = """SELECT r.id, r.duty, r.period, COALESCE(u.name, r.unit) AS unit, r.done_on,
                     r.note, r.recorded_by, r.recorded_at
              FROM duty_records_live r LEFT JOIN units u ON u.key = r.unit_key"""
_OLDEST_FIRST = " ORDER BY r.done_on, r.recorded_at, r.id"


def _submission(row: sqlite3.Row) -> Submission:
    return Submission(
        unit=row["unit"],
        period=row["period"],
        done_on=date.fromisoformat(row["done_on"]),
        note=row["note"],
        recorded_by=row["recorded_by"],
        recorded_at=row["recorded_at"],
        id=row["id"],
    )


def duty_records(
    conn: sqlite3.Connection,
    duty_id: str,
    *,
    units: Sequence[str] | None = None,
    periods: Sequence[str] | None = None,
    until: date | None = None,
) -> list[Submission]:
    """A duty's records (unit canonical), oldest first; `until` drops those done later."""
    sql = _RECORDS + " WHERE r.duty = ?"
    args: list[object] = [duty_id]
    if until is not None:
        sql += " AND r.done_on <= ?"
        args.append(until.isoformat())
    if periods is not None:
        sql += f" AND r.period IN ({','.join('?' * len(periods))})"
        args += list(periods)
    wanted = set(units) if units is not None else None
    return [
        _submission(r)
        for r in conn.execute(sql + _OLDEST_FIRST, args)
        if wanted is None or r["unit"] in wanted
    ]


def records_by_duty(conn: sqlite3.Connection, *, until: date) -> dict[str, list[Submission]]:
    """Every duty's and plan milestone's records done by `until`, oldest first, by id: one
    query for what `overdue` and `agenda` judge, instead of one per duty."""
    out: dict[str, list[Submission]] = {}
    for r in conn.execute(_RECORDS + " WHERE r.done_on <= ?" + _OLDEST_FIRST, [until.isoformat()]):
        out.setdefault(r["duty"], []).append(_submission(r))
    return out


def duty_history(
    conn: sqlite3.Connection, duty_id: str, unit: str | None = None
) -> list[sqlite3.Row]:
    """Every record of a duty or plan milestone (voided ones too), oldest first, each with
    its unit's name today (`canonical`); `unit` keeps one unit's."""
    sql = """SELECT r.*, COALESCE(u.name, r.unit) AS canonical
             FROM duty_records r LEFT JOIN units u ON u.key = r.unit_key
             WHERE r.duty = ?"""
    args: list[object] = [duty_id]
    if unit is not None:
        sql += " AND r.unit_key = (SELECT key FROM units WHERE name = ?)"
        args.append(unit)
    return conn.execute(sql + " ORDER BY r.period, r.done_on, r.recorded_at, r.id", args).fetchall()


def shown_name(conn: sqlite3.Connection, ident: str) -> str:
    """A duty's or milestone's short name (月报) where it has one, else its id: what a
    message names it by, as overdue and agenda do."""
    row = conn.execute(
        "SELECT short_name FROM duties WHERE id = ? AND short_name IS NOT NULL"
        " UNION ALL SELECT short_name FROM plan_milestones WHERE id = ? AND short_name IS NOT NULL",
        (ident, ident),
    ).fetchone()
    return str(row[0]) if row else ident


def short_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Duty or plan milestone id -> its short name (月报, 调度会, 培树企业), for those that
    have one: what a Chinese table shows instead of the id."""
    return dict(
        conn.execute(
            "SELECT id, short_name FROM duties WHERE short_name IS NOT NULL"
            " UNION ALL SELECT id, short_name FROM plan_milestones WHERE short_name IS NOT NULL"
        ).fetchall()
    )


def __getattr__(name: str) -> Any:
    """NewDutyRecord lives in store/new_records.py, loaded only by the writes that need it."""
    if name == "NewDutyRecord":
        from maogang_cli.store.new_records import NewDutyRecord as NewDutyRecord

        return NewDutyRecord
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
