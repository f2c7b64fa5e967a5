"""A database changed around maogang: a schema object dropped or altered, the record of
migrations cut, an unreadable value in a table the catalogue or the ledger derives.

These are the data's fault, not the program's: one line and exit 1, with the way out,
instead of an internal error. Standard library only (raised on read paths).
"""

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple, TypeVar

from maogang_cli.errors import MaogangError
from maogang_cli.i18n import _

T = TypeVar("T")


def _opened_path() -> Path | None:
    from maogang_cli.store.failures import _opened

    return _opened[0] if _opened else None


def _database() -> str:
    return str(_opened_path() or "maogang.db")


class AlteredDatabaseError(MaogangError):
    """The schema (or the record of its migrations) is not what maogang made."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(
            _(
                "the structure or the catalogue tables of the database {path} were changed: "
                "run maogang check, or restore a backup"
            ).format(path=path if path is not None else _database())
        )


class Unreadable(NamedTuple):
    table: str
    key: str  # the row's id
    column: str
    value: object


class CatalogueValueError(MaogangError):
    """A value in a catalogue table that maogang cannot read; `load --force` writes the
    catalogue tables again from the files."""

    def __init__(self, found: Unreadable, path: Path | str) -> None:
        from maogang_cli.domain.cells import inert

        super().__init__(
            _(
                "the catalogue table {table} of the database {path} was changed ({column} of "
                "{key} cannot be read: {value}): run maogang load --force to write the "
                "catalogue again, or restore a backup"
            ).format(
                table=found.table,
                path=path,
                column=found.column,
                key=found.key,
                value=inert(str(found.value), one_line=True)[:40],
            )
        )


# How the readers take each catalogue column apart: table -> (its id, JSON columns, day
# columns, month columns).
_CATALOGUE = {
    "units": ("name", ("members",), (), ()),
    "tasks": ("id", ("responsible", "cooperating", "measures", "milestones"), ("deadline",), ()),
    "duties": ("id", ("owners", "owner_units"), (), ("start", "end")),
    "plan_milestones": ("id", ("responsible_units",), ("due",), ()),
}
# The tables `load --force` writes again even with such a value in them; not units: the
# check that no unit's records change hands (store/unit_history.py) reads its members first.
_LOAD_MENDS = frozenset({"tasks", "duties", "plan_milestones"})


def _readable(value: object, kind: str) -> bool:
    import json
    from datetime import date

    from maogang_cli.domain.dates import parse_month

    try:
        if kind == "json":
            json.loads(str(value))
        elif kind == "day":
            date.fromisoformat(str(value))
        else:
            parse_month(str(value))
    except ValueError:
        return False
    return True


def _catalogue_value(conn: sqlite3.Connection) -> Unreadable | None:
    from maogang_cli.domain.periods import period_of

    for table, (key, json_columns, days, months) in _CATALOGUE.items():
        columns = [(c, "json") for c in json_columns] + [(c, "day") for c in days]
        columns += [(c, "month") for c in months]
        names = ", ".join(f'"{c}"' for c, _kind in columns)
        for row in conn.execute(f"SELECT {key}, {names} FROM {table} ORDER BY rowid"):
            for (column, kind), value in zip(columns, row[1:], strict=True):
                if not _readable(value, kind):
                    return Unreadable(table, str(row[0]), column, value)
    for key, frequency in conn.execute("SELECT id, frequency FROM duties ORDER BY rowid"):
        try:
            period_of(frequency, date(2024, 1, 1))
        except (KeyError, TypeError):
            return Unreadable("duties", key, "frequency", frequency)
    return None


def _ledger_value(conn: sqlite3.Connection) -> Unreadable | None:
    """hazard_latest's days, and its name numbers against hazard_labels (count_keyed
    turns each number back into a name)."""
    from maogang_cli.store.hazard_ledger import hazard_labels, key_layout

    fields, _spread = key_layout()
    top = max(shift + bits for shift, bits in fields.values())
    labels = hazard_labels(conn)
    rows = conn.execute("SELECT hazard_id, happened_on, deadline, dims FROM hazard_latest")
    for hazard, happened_on, deadline, dims in rows:
        for column, day in (("happened_on", happened_on), ("deadline", deadline)):
            if day is not None and not _readable(day, "day"):
                return Unreadable("hazard_latest", hazard, column, day)
        if dims is None:
            continue
        numbers = [(dims >> shift) & ((1 << bits) - 1) for shift, bits in fields.values()]
        if (
            not isinstance(dims, int)
            or dims < 0
            or dims >> top
            or any(n not in labels.get(d, {}) for d, n in zip(fields, numbers, strict=True))
        ):
            return Unreadable("hazard_latest", hazard, "dims", dims)
    return None


def first_unreadable(conn: sqlite3.Connection) -> Unreadable | None:
    """The first value a reader of the catalogue or of the hazard ledger's derived tables
    cannot take apart, or None."""
    return _catalogue_value(conn) or _ledger_value(conn)


_MISSING = ("no such table", "no such column", "no such view", "no such index")


def explain_altered(exc: BaseException) -> MaogangError | None:
    """For the command line's guard: an error a command met because the database was
    changed around maogang (a schema object gone, an unreadable catalogue value), as one
    line; None when the database is as maogang makes it (then it is a bug, exit 70)."""
    path = _opened_path()
    if path is None:
        return None
    if isinstance(exc, sqlite3.OperationalError) and str(exc).startswith(_MISSING):
        return AlteredDatabaseError(path) if _looked_at(path, _schema_changed) else None
    if isinstance(exc, (ValueError, KeyError, IndexError, TypeError)):
        found = _looked_at(path, first_unreadable)
        if found is None:
            return None
        if found.table in _LOAD_MENDS:
            return CatalogueValueError(found, path)
        return AlteredDatabaseError(path)
    return None


def _schema_changed(conn: sqlite3.Connection) -> bool:
    from maogang_cli.store.schema_objects import first_difference

    return first_difference(conn) is not None


def _looked_at(path: Path, probe: Callable[[sqlite3.Connection], T]) -> T | None:
    """`probe` run on the database read afresh (the command's own connection may be in
    any state); None if it cannot be read."""
    from urllib.parse import quote

    try:
        uri = "file:" + quote(str(Path(path).absolute())) + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True)
        try:
            return probe(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None
