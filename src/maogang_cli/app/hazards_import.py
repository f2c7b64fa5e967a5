"""`hazard import`: a unit's 隐患台账 (XLSX or CSV) registered row by row with the checks
of `hazard add`, in one transaction — or nothing at all.

A row names a hazard already in the ledger by its id, or (without one) by the business,
the description and the day found: such rows are skipped, so importing the same sheet
again registers nothing twice.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.app.hazard_checks import (
    Checked,
    HazardInput,
    RowProblems,
    check_hazard,
    norm,
    vocabulary,
)
from maogang_cli.app.hazards import registration
from maogang_cli.app.importing import ImportProblems
from maogang_cli.app.sheetreader import (
    SheetLimitError,
    cell_problem,
    foot_problems,
    read_csv,
    read_file,
)
from maogang_cli.app.xlsxreader import read_xlsx
from maogang_cli.domain.hazard_sheet import (
    REQUIRED,
    duplicate_headings,
    heading,
    map_headings,
    missing,
    sheet_date,
)
from maogang_cli.domain.imports import invisible
from maogang_cli.domain.sheet_foot import sheet_foot
from maogang_cli.errors import UsageError
from maogang_cli.hazard_words import word
from maogang_cli.i18n import _
from maogang_cli.store import hazard_ledger as ledger
from maogang_cli.store import hazards as store
from maogang_cli.words import names

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable

Table = list[tuple[int, list[str]]]  # (spreadsheet row number, cells as text)
MAX_ROWS = 200_000  # a district's ledger is tens of thousands; beyond this, refuse
# An XLSX is read far slower than a CSV (sheetreader.MAX_XLSX_ROWS): room for a district's
# ledger in one sheet (bench/generate.py makes 50,000 hazards), not for a pasted million.
MAX_XLSX_ROWS = 50_000


class Imported(NamedTuple):
    registered: list[tuple[int, str]]  # (row, new id)
    skipped: list[tuple[int, str]]  # (row, id already registered)
    # (row, id, [(field, in the sheet, on the ledger)]): skipped rows that disagree with
    # the ledger; the ledger is not changed (its registration is evidence)
    differing: list[tuple[int, str, list[tuple[str, str, str]]]]
    foot: list[int]  # 合计 and signature rows under the table, skipped


# The registration fields a sheet row is compared on, in sheet order.
_COMPARED = (
    "found_on", "source", "level", "entity", "uscc", "address", "village", "sector",
    "department", "basis", "description", "deadline", "responsible_person", "measures",
    "funds", "contingency_plan",
)  # fmt: skip


def _text(field: str, value: object, labels: dict[str, str]) -> str:
    if value is None or value == "":
        return "-"
    if field in ("source", "level"):
        return word(str(value))
    if field == "department":
        return labels.get(str(value), str(value))
    if field == "funds":
        return f"{float(str(value)):g}"
    return str(value)


def differences(
    checked: Checked, stored: sqlite3.Row, labels: dict[str, str], columns: Iterable[str]
) -> list[tuple[str, str, str]]:
    """(field, the sheet's value, the ledger's) of each registration field the sheet has
    a column for and a row gives otherwise than the ledger has it. A deadline that is the
    original or the one in force agrees; the business and description are compared as
    the match key compares them."""
    sheet = checked._asdict() | {"department": checked.department_key}
    found = []
    for field in (f for f in _COMPARED if f in columns):
        mine, theirs = sheet[field], stored[field]
        if isinstance(mine, date):
            mine = mine.isoformat()
        if field == "deadline" and mine in (theirs, stored["in_force"]):
            continue
        if field in ("entity", "description"):
            if norm(str(mine)) == norm(str(theirs)):
                continue
        elif _text(field, mine, labels) == _text(field, theirs, labels):
            continue
        ledger = stored["in_force"] if field == "deadline" else theirs
        found.append((field, _text(field, mine, labels), _text(field, ledger, labels)))
    return found


def _header_row(table: Table, look: int = 10) -> tuple[int, dict[str, int]] | None:
    """The heading row: the first of the first `look` filled rows that has every required
    column (a title may stand above it)."""
    filled = [(n, cells) for n, cells in table if any(cells)][:look]
    for n, cells in filled:
        found = map_headings(cells)
        if not missing(found):
            return n, found
    return None


def _read_xlsx(data: bytes, sheet: str | None) -> tuple[str, Table]:
    """The named sheet, or the first whose headings are a hazard ledger's (read within
    the limits of sheetreader)."""
    return read_xlsx(data, sheet, lambda table: _header_row(table) is not None, MAX_XLSX_ROWS)


def read_sheet(path: Path, sheet: str | None) -> Table:
    suffix = path.suffix.lower()
    try:
        data = read_file(path)
        if suffix in (".xls", ".et", ".ods", ".numbers"):
            raise ValueError(
                _("{suffix} files cannot be read: save the sheet as .xlsx or .csv").format(
                    suffix=suffix
                )
            )
        if suffix in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04"):
            return _read_xlsx(data, sheet)[1]
        if sheet is not None:
            raise UsageError(_("--sheet applies to XLSX files only"))
        table = read_csv(data)
    except SheetLimitError as exc:  # named at its row: an unclosed quote where it opens
        raise ImportProblems(path.name, [(exc.row, str(exc))]) from None
    except ValueError as exc:
        raise ImportProblems(path.name, [(0, str(exc))]) from None
    if len(table) > MAX_ROWS + 20:
        raise ImportProblems(path.name, [(0, _("more than {n} rows").format(n=MAX_ROWS))])
    return table


# The fields matched against a list or read as a date or id: an invisible character inside
# one makes a valid-looking value unknown (free text keeps whatever was pasted).
_CHOSEN = ("id", "found_on", "source", "level", "village", "sector", "department", "deadline")


def _invisible(cells: list[str], columns: dict[str, int]) -> str:
    for field in (f for f in _CHOSEN if f in columns):
        code = invisible(cells[columns[field]]) if columns[field] < len(cells) else ""
        if code:
            return _(
                "{column} holds an invisible character {code} (pasted with it): delete it"
            ).format(column=heading(field), code=code)
    return ""


def _given(cells: list[str], columns: dict[str, int]) -> HazardInput:
    def cell(field: str) -> str:
        i = columns.get(field)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    return HazardInput(
        found_on=sheet_date(cell("found_on")),
        entity=cell("entity"),
        village=cell("village"),
        sector=cell("sector"),
        department=cell("department"),
        description=cell("description"),
        deadline=sheet_date(cell("deadline")),
        source=cell("source"),
        level=cell("level") or "major",
        uscc=cell("uscc"),
        address=cell("address"),
        basis=cell("basis"),
        responsible_person=cell("responsible_person"),
        measures=cell("measures"),
        funds=cell("funds"),
        contingency_plan=cell("contingency_plan"),
        notified_on=sheet_date(cell("notified_on")),
        id=cell("id").upper(),
    )


def import_hazards(
    conn: sqlite3.Connection,
    path: Path,
    *,
    sheet: str | None,
    dry_run: bool,
    today: date,
    by: str,
) -> Imported:
    """Check every row, then register the new ones in one transaction (none on dry run).
    ImportProblems with every bad row as FILE:ROW: message; nothing written then."""
    from maogang_cli.app.recording import now_stamp

    table = read_sheet(path, sheet)
    found = _header_row(table)
    if found is None:
        first = next((cells for _n, cells in table if any(cells)), [])
        lacking = missing(map_headings(first))
        raise ImportProblems(
            path.name,
            [
                (
                    0,
                    _("no heading row with the columns: {columns}").format(columns=names(lacking)),
                )
            ],
        )
    header, columns = found
    twice = duplicate_headings(next(cells for n, cells in table if n == header))
    if twice:
        raise ImportProblems(path.name, [(header, message) for message in twice])
    vocab = vocabulary(conn)
    problems: list[tuple[int, str]] = []
    rows: list[tuple[int, HazardInput, Checked]] = []
    first_row: dict[str, int] = {}
    required = [columns[f] for f in REQUIRED if f in columns]
    foot = sheet_foot([(n, cells) for n, cells in table if n > header], required)
    problems += foot_problems(foot)
    passed_over = set(foot.under) | {number for number, _problem in problems}
    for number, cells in table:
        if number <= header or number in passed_over or not any(c.strip() for c in cells):
            continue
        unreadable = cell_problem(cells, columns, number, heading) or _invisible(cells, columns)
        if unreadable:
            problems.append((number, unreadable))
            continue
        given = _given(cells, columns)
        try:
            checked = check_hazard(vocab, given, today=today)
        except RowProblems as exc:
            problems += [(number, problem) for problem in exc.problems]
            continue
        key = given.id or checked.match_key
        if key in first_row:
            problems.append((number, _("the same hazard as row {row}").format(row=first_row[key])))
            continue
        first_row[key] = number
        rows.append((number, given, checked))
    known_ids = store.existing_ids(conn, [g.id for _n, g, _c in rows if g.id])
    for number, given, _checked in rows:
        if given.id and given.id not in known_ids:
            problems.append(
                (
                    number,
                    _("id {id} is not in the ledger: leave the id empty to register it").format(
                        id=given.id
                    ),
                )
            )
    if problems:
        problems.sort(key=lambda problem: problem[0])  # row order (stable within a row)
        raise ImportProblems(path.name, problems, bad_rows=len({n for n, _m in problems}))

    source = f"import:{path.name}"
    at = now_stamp()
    registered: list[tuple[int, str]] = []
    skipped: list[tuple[int, str]] = []
    differing: list[tuple[int, str, list[tuple[str, str, str]]]] = []

    labels = ledger.unit_labels(conn)  # the catalogue's: the same inside the write

    def make(conn: sqlite3.Connection) -> store.Rows:
        registered.clear()
        skipped.clear()
        keys = [c.match_key for _n, g, c in rows if not g.id]
        by_key = store.ids_by_match_key(conn, keys)
        voided = store.voided_by_match_key(conn, keys)
        voided_rows = ledger.registered_rows(conn, list(voided.values()))
        numbers: dict[int, int] = {}
        hazards: list[store.NewHazard] = []
        events: list[store.NewEvent] = []
        for number, given, checked in rows:
            already = given.id or by_key.get(checked.match_key)
            if not already and checked.match_key in voided:
                # The voided hazard's own sheet again (nothing corrected) is not a new
                # hazard; a row that differs from it is its correction, registered anew.
                old = voided[checked.match_key]
                if not differences(checked, voided_rows[old], labels, columns):
                    already = old
            if already:
                skipped.append((number, already))
                continue
            year = checked.found_on.year
            if year not in numbers:
                numbers[year] = store.next_number(conn, year)
            hazard, first = registration(checked, numbers[year], by=by, at=at, source=source)
            numbers[year] += 1
            hazards.append(hazard)
            events.extend(first)
            registered.append((number, hazard.id))
        if dry_run:
            raise _DryRun
        return hazards, events

    with contextlib.suppress(_DryRun):
        store.write(conn, make)
    stored = ledger.registered_rows(conn, [hazard for _n, hazard in skipped])
    checked_of = {number: checked for number, _g, checked in rows}
    for number, hazard in skipped:
        fields = differences(checked_of[number], stored[hazard], labels, columns)
        if fields:
            differing.append((number, hazard, fields))
    return Imported(registered, skipped, differing, foot.under)


class _DryRun(Exception):
    """Leaves the transaction without writing: a dry run numbers the rows as a real run
    would, then rolls back."""
