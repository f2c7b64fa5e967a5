"""Reads of the catalogue tables, on the standard library's sqlite3 alone."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from maogang_cli.domain.models import TaskHead
from maogang_cli.errors import NotFoundError, UsageError, did_you_mean, nearest
from maogang_cli.i18n import _
from maogang_cli.words import names

if TYPE_CHECKING:
    import sqlite3

    from maogang_cli.domain.catalogue_records import TaskInfo, UnitInfo


def _loads(text: str) -> Any:
    """A JSON column. json is imported on first use: `status` reads none and skips its cost."""
    import json

    return json.loads(text)


def catalogue_counts(conn: sqlite3.Connection) -> dict[str, int]:
    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "tasks": one("SELECT count(*) FROM tasks"),
        "retired": one("SELECT count(*) FROM tasks WHERE retired = 1"),
        "units": one("SELECT count(*) FROM units WHERE retired = 0"),
        "pairs": one("SELECT count(*) FROM task_units"),
    }


def resolve_unit(conn: sqlite3.Connection, name: str) -> str:
    """The canonical name behind a name, an alias, or their pinyin or initials (城运中心:
    chengyunzhongxin, cyzx, or a beginning of either: chengyun); NotFoundError with
    suggestions, or with the candidates when the pinyin fits several units."""
    name = name.strip()
    if not name:
        raise UsageError(_("no unit name given"))
    row = conn.execute("SELECT unit FROM unit_names WHERE name = ?", [name]).fetchone()
    if row:
        return str(row[0])
    import unicodedata

    # Full-width letters and digits from a Chinese input method (Ｃｙｚｘ) read as typed
    # the usual way, as task numbers already do.
    if unicodedata.normalize("NFKC", name) != name:
        return resolve_unit(conn, unicodedata.normalize("NFKC", name))
    # Only for a name that is no name or alias: every report reads this module.
    from maogang_cli.store.pinyin import looks_like_pinyin, units_spelled

    if looks_like_pinyin(name):
        spelled = units_spelled(conn, name)
        if len(spelled) == 1:
            return spelled[0]
        if spelled:
            raise NotFoundError(
                _("'{name}' fits several units: {units}; type more of it").format(
                    name=name, units=names(spelled)
                )
            )
    # Suggested by the unit's name, whichever of its names (an alias, an old name, the
    # plan's OCR slip 柳港派出所) came close.
    unit_of = dict(conn.execute("SELECT name, unit FROM unit_names ORDER BY name").fetchall())
    close = list(dict.fromkeys(unit_of[c] for c in nearest(name, list(unit_of))))
    hint = _(" (did you mean: {names}?)").format(names=names(close)) if close else ""
    raise NotFoundError(_("unknown unit '{name}'{hint}").format(name=name, hint=hint))


def resolve_unit_key(conn: sqlite3.Connection, name: str) -> str:
    """The key of the unit behind a name or alias (retired units too); NotFoundError."""
    row = conn.execute("SELECT key FROM unit_names WHERE name = ?", [name.strip()]).fetchone()
    if row:
        return str(row[0])
    canonical = resolve_unit(conn, name)  # raises with suggestions
    row = conn.execute("SELECT key FROM unit_names WHERE name = ?", [canonical]).fetchone()
    if row:  # typed another way (full-width, pinyin)
        return str(row[0])
    raise NotFoundError(_("unknown unit '{name}'{hint}").format(name=name, hint=""))


def unit_label(conn: sqlite3.Connection, key: str) -> str:
    """A unit's name today, by its key (the key itself for one no catalogue ever named)."""
    row = conn.execute("SELECT name FROM units WHERE key = ?", [key]).fetchone()
    return str(row[0]) if row else key


def group_members(conn: sqlite3.Connection, unit: str) -> list[str]:
    row = conn.execute("SELECT members FROM units WHERE name = ?", [unit]).fetchone()
    return list(_loads(row[0])) if row else []


def units_named(conn: sqlite3.Connection, name: str | None) -> list[str] | None:
    """The units a --unit option means: one unit, a group's members, or None for all."""
    if name is None:
        return None
    canonical = resolve_unit(conn, name)
    return group_members(conn, canonical) or [canonical]


def resolve_task(conn: sqlite3.Connection, ref: str, year: int | None = None) -> str:
    """A task id from an id or a row number (seq); a seq in several years needs --year."""
    ref = ref.strip()
    if conn.execute("SELECT 1 FROM tasks WHERE id = ?", [ref]).fetchone():
        return ref
    if ref.isdigit() and len(ref) <= 9:  # a row number; a longer one is no task's
        sql, args = "SELECT id, year FROM tasks WHERE seq = ?", [int(ref)]
        if year is not None:
            sql, args = sql + " AND year = ?", [*args, year]
        rows = conn.execute(sql + " ORDER BY retired, year DESC", args).fetchall()
        if len(rows) == 1:
            return str(rows[0][0])
        if len(rows) > 1:
            ids = names(r[0] for r in rows)
            raise UsageError(
                _("row {row} exists in several years ({ids}): give the id or --year").format(
                    row=ref, ids=ids
                )
            )
    known = [r[0] for r in conn.execute("SELECT id FROM tasks ORDER BY id")]
    raise NotFoundError(
        _("unknown task '{task}'{hint}").format(task=ref, hint=did_you_mean(ref, known))
    )


def _task(row: sqlite3.Row, pairs: dict[str, dict[str, list[str]]]) -> TaskInfo:
    from maogang_cli.domain.catalogue_records import TaskInfo

    units = pairs.get(row["id"], {})
    return TaskInfo(
        id=row["id"],
        year=row["year"],
        seq=row["seq"],
        action=row["action"],
        title=row["title"],
        description=row["description"],
        deadline=date.fromisoformat(row["deadline"]),
        deadline_text=row["deadline_text"],
        responsible=_loads(row["responsible"]),
        cooperating=_loads(row["cooperating"]),
        responsible_etc=bool(row["responsible_etc"]),
        cooperating_etc=bool(row["cooperating_etc"]),
        responsible_units=units.get("responsible", []),
        cooperating_units=units.get("cooperating", []),
        measures=_loads(row["measures"]),
        milestones=_loads(row["milestones"]),
        retired=bool(row["retired"]),
    )


def list_tasks(
    conn: sqlite3.Connection,
    *,
    unit: str | None = None,
    action: str | None = None,
    year: int | None = None,
    task_ids: list[str] | None = None,
) -> list[TaskInfo]:
    """Tasks in list order (year, seq); `unit` keeps those it reports for (a group: any member)."""
    where: list[str] = ["1 = 1"]
    args: list[str | int] = []
    if unit is not None:
        units = group_members(conn, unit) or [unit]
        marks = ",".join("?" * len(units))
        where.append(f"id IN (SELECT task_id FROM task_units WHERE unit IN ({marks}))")
        args += units
    if action is not None:
        where.append("instr(action, ?) > 0")  # plain text: '%' and '_' match themselves
        args.append(action.strip())
    if year is not None:
        where.append("year = ?")
        args.append(year)
    if task_ids is not None:
        where.append(f"id IN ({','.join('?' * len(task_ids))})")
        args += task_ids
    rows = conn.execute(
        f"SELECT * FROM tasks WHERE {' AND '.join(where)} ORDER BY year, seq, id", args
    ).fetchall()
    pairs: dict[str, dict[str, list[str]]] = {}
    ids = [r["id"] for r in rows]
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        for task_id, unit_name, role in conn.execute(
            f"SELECT task_id, unit, role FROM task_units WHERE task_id IN "
            f"({','.join('?' * len(chunk))}) ORDER BY rowid",
            chunk,
        ):
            pairs.setdefault(task_id, {}).setdefault(role, []).append(unit_name)
    return [_task(r, pairs) for r in rows]


def task_heads(conn: sqlite3.Connection) -> dict[str, TaskHead]:
    """Id, year, row number and title of every task: enough to name items in a list."""
    return {
        row[0]: TaskHead(*row) for row in conn.execute("SELECT id, year, seq, title FROM tasks")
    }


def list_units(conn: sqlite3.Connection) -> list[UnitInfo]:
    from maogang_cli.domain.catalogue_records import UnitInfo

    aliases: dict[str, list[str]] = {}
    for name, unit in conn.execute(
        "SELECT name, unit FROM unit_names WHERE name != unit ORDER BY rowid"
    ):
        aliases.setdefault(unit, []).append(name)
    return [
        UnitInfo(
            name=r["name"],
            full_name=r["full_name"],
            kind=r["kind"],
            is_group=bool(r["is_group"]),
            members=_loads(r["members"]),
            aliases=aliases.get(r["name"], []),
            retired=bool(r["retired"]),
        )
        for r in conn.execute("SELECT * FROM units ORDER BY retired, is_group, rowid")
    ]
