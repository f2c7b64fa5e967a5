"""`import`: a unit's spreadsheet (CSV or XLSX) checked row by row with the same rules as
`record`, then appended as progress records in one transaction — or nothing at all."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.app.import_computed import Computed, computed_columns
from maogang_cli.app.import_rows import (
    checked_row,
    claimed_percents,
    last_update_of,
    refuse_done_on_typed,
    refuse_second_row,
    voided_row,
)
from maogang_cli.app.recording import PairLookups, now_stamp
from maogang_cli.app.sheetreader import (
    SheetLimitError,
    Table,
    cell_problem,
    encoding_hint,
    foot_problems,
    read_file,
    read_table,
)
from maogang_cli.domain.imports import (
    Row,
    StoredRecord,
    chinese_heading,
    duplicate_headings,
    latest_note,
    map_header,
    missing_columns,
    new_progress,
    rows_from,
)
from maogang_cli.domain.sheet_foot import sheet_foot
from maogang_cli.errors import MaogangError
from maogang_cli.i18n import _, ngettext
from maogang_cli.store.imports import refuse_if_imported, save_import, task_records

# The columns a row of progress fills in (a total or signature under the table fills in
# fewer): task or its number, unit, status, date.
REQUIRED = ("task", "seq", "unit", "status", "date")

if TYPE_CHECKING:
    import sqlite3
    from datetime import date

    from maogang_cli.store.progress import NewRecord


class ImportProblems(MaogangError):
    """Rows (or the file) that cannot be imported: every one as `FILE:ROW: message`."""

    def __init__(self, file: str, problems: list[tuple[int, str]], bad_rows: int = 0) -> None:
        self.file = file
        self.problems = problems
        self.bad_rows = bad_rows
        super().__init__(f"{file}: {len(problems)} problem(s)")

    def lines(self) -> list[str]:
        shown, rows_left = _first_rows(self.problems)
        out = [
            f"{self.file}:{row}: {message}" if row else f"{self.file}: {message}"
            for row, message in shown
        ]
        if rows_left:
            out.append(
                ngettext(
                    "… and {n} more row with problems",
                    "… and {n} more rows with problems",
                    rows_left,
                ).format(n=f"{rows_left:,}")
            )
        if self.bad_rows:
            out.append(
                ngettext(
                    "error: nothing was imported ({n} bad row); fix and rerun",
                    "error: nothing was imported ({n} bad rows); fix and rerun",
                    self.bad_rows,
                ).format(n=f"{self.bad_rows:,}")
            )
        else:
            out.append(_("error: nothing was imported"))
        return out


# A sheet pasted 150,000 times must not print 150,000 lines: the first rows' problems show
# what to correct, a count says how many more.
SHOWN_LINES = 20


def _first_rows(problems: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], int]:
    """The problems of the first rows, whole rows within SHOWN_LINES lines (the file's own
    and the first row's always), and how many rows' problems are left out."""
    by_row: dict[int, list[tuple[int, str]]] = {}
    for problem in problems:
        by_row.setdefault(problem[0], []).append(problem)
    shown: list[tuple[int, str]] = []
    left = 0
    for row, found in by_row.items():
        if left or (row and shown and len(shown) + len(found) > SHOWN_LINES):
            left += 1
        else:
            shown += found
    return shown, left


@dataclass
class StagedImport:
    """What importing a file would do: its rows read and checked, nothing yet stored."""

    file: str
    sha256: str
    sheet: str | None
    records: list[tuple[int, NewRecord]] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)  # rows that say what is recorded
    unfilled: list[int] = field(default_factory=list)  # rows with nothing reported
    # (row, voided record id): rows left as exported that show a record voided since
    voided: list[tuple[int, int]] = field(default_factory=list)
    foot: list[int] = field(default_factory=list)  # 合计 and signature rows under the table
    # (row, warning): a value typed over a column the export works out, not imported
    typed: list[tuple[int, str]] = field(default_factory=list)
    blank: int = 0


def _header(table: Table, look: int = 10) -> tuple[int, list[str]] | None:
    """The heading row: the first of the first `look` non-empty rows that has the columns
    an import needs (a title may stand above it), else the first non-empty row."""
    filled = [(n, cells) for n, cells in table[: look * 5] if any(cells)][:look]
    fits = (row for row in filled if not missing_columns(map_header(row[1])))
    return next(fits, filled[0] if filled else None)


def _fits(table: Table) -> bool:
    header = _header(table)
    return header is not None and not missing_columns(map_header(header[1]))


class _Sheet(NamedTuple):
    """A file decoded: its table's header found, its columns named, not yet checked."""

    file: str
    sha256: str
    name: str | None  # the XLSX sheet read
    columns: dict[str, int]
    body: Table  # the rows under the header
    has_last_update: bool
    header: list[str]
    exported: tuple[str, date] | None  # an export's month and as-of day, from its 说明


def stage_import(
    conn: sqlite3.Connection,
    path: Path,
    *,
    by: str,
    today: date,
    sheet: str | None = None,
    again: bool = False,
) -> StagedImport:
    """Read and check every row; ImportProblems lists every bad one, and nothing is kept."""
    decoded = _decode(conn, path, sheet, again=again)
    staged = StagedImport(decoded.file, decoded.sha256, decoded.name)
    problems: list[tuple[int, str]] = []
    stamp = now_stamp()
    cache: dict[str, dict[str, list[StoredRecord]]] = {}
    voided_cache: dict[str, dict[str, list[StoredRecord]]] = {}
    lookups: PairLookups = {}  # what each (task, unit) resolved to, looked up once
    rows_of: dict[tuple[str, str, date], int] = {}  # the first row of each pair and day
    computed = (
        computed_columns(
            conn,
            decoded.header,
            decoded.exported,
            today=today,
            units=_units_named(decoded),
        )
        if decoded.has_last_update
        else None
    )
    rows = rows_from(decoded.body, decoded.columns)
    required = [decoded.columns[f] for f in REQUIRED if f in decoded.columns]
    foot = sheet_foot(decoded.body, required)
    staged.foot = foot.under
    problems += foot_problems(foot)
    passed_over = set(foot.under) | {number for number, _problem in problems}
    for (_number, cells), row in zip(decoded.body, rows, strict=True):
        if row.number in passed_over:
            continue
        failed = cell_problem(cells, decoded.columns, row.number, chinese_heading)
        if failed is not None:
            problems.append((row.number, failed))
            continue
        if row.blank:
            staged.blank += 1
            continue
        if not row.status and row.unfilled:
            staged.unfilled.append(row.number)
            continue
        try:
            task_id, records = checked_row(
                conn, row, path, today=today, by=by, stamp=stamp, lookups=lookups
            )
            if task_id not in cache:
                cache[task_id] = task_records(conn, task_id)
            stored = cache[task_id]
            # first: a day typed under 最近记录日期 would mislead the rules below
            if computed is not None:
                errors, warnings = _typed_over(
                    conn, computed, row, cells, records, stored, voided_cache
                )
                staged.typed += [(row.number, w) for w in warnings]
                if errors:
                    problems += [(row.number, e) for e in errors]
                    continue
            if not row.date:
                if task_id not in voided_cache:
                    voided_cache[task_id] = task_records(conn, task_id, voided=True)
                gone = voided_row(
                    row, records, stored, voided_cache[task_id], decoded.has_last_update
                )
                if gone is not None:
                    staged.voided.append((row.number, gone))
                    continue
            new = [
                new_progress(
                    stored.get(r.unit, []),
                    status=r.status,
                    on=r.happened_on if row.date else None,
                    note=r.note,
                    percent=r.percent,
                    last_update=last_update_of(row),
                    has_last_update=decoded.has_last_update,
                )
                for r in records
            ]
            if any(new):
                records = claimed_percents(records, stored)
            refuse_done_on_typed(row, records, stored, decoded.has_last_update)
            if row.date:  # an undated row is dated today by check_entry: no one's day
                refuse_second_row(rows_of, records, row.number)  # after its own problems
        except (MaogangError, ValueError) as exc:
            problems.append((row.number, str(exc)))
            continue
        if not any(new):
            staged.unchanged.append(row.number)
            continue
        # The note cell of an exported sheet still shows the latest note: not new evidence.
        staged.records += [
            (
                row.number,
                r._replace(note="")
                if r.note == latest_note(stored.get(r.unit, []), r.happened_on)
                else r,
            )
            for r in records
        ]
    if problems:
        problems.sort(key=lambda problem: problem[0])  # row order (stable within a row)
        raise ImportProblems(decoded.file, problems, bad_rows=len(problems))
    return staged


def _units_named(decoded: _Sheet) -> set[str]:
    """The units a sheet's rows name, as typed (an export writes their names)."""
    at = decoded.columns["unit"]
    return {cells[at] for _number, cells in decoded.body if at < len(cells)}


def _typed_over(
    conn: sqlite3.Connection,
    computed: Computed,
    row: Row,
    cells: list[str],
    records: list[NewRecord],
    stored: dict[str, list[StoredRecord]],
    voided_cache: dict[str, dict[str, list[StoredRecord]]],
) -> tuple[list[str], list[str]]:
    """(errors, warnings) for the values a row typed over the columns the export works
    out (see Computed.check)."""
    if not records:
        return [], []
    task_id = records[0].task_id
    if task_id not in voided_cache:
        voided_cache[task_id] = task_records(conn, task_id, voided=True)
    return computed.check(row, cells, records, stored, voided_cache[task_id])


def _decode(conn: sqlite3.Connection, path: Path, sheet: str | None, *, again: bool) -> _Sheet:
    """The file read (refused if imported before, unless again), its sheet decoded and its
    header found and named; ImportProblems when no table can be read from it."""
    file = str(path)
    try:
        data = read_file(path)
        digest = hashlib.sha256(data).hexdigest()
        if not again:
            refuse_if_imported(conn, digest, file)
        sheet_name, table, encoding = read_table(path, data, sheet, _fits)
    except SheetLimitError as exc:
        raise ImportProblems(file, [(exc.row, str(exc))]) from None
    header = _header(table)
    if header is None:
        raise ImportProblems(file, [(0, _("the file is empty"))])
    columns = map_header(header[1])
    missing = missing_columns(columns)
    if missing:
        where = _(" (sheet {sheet})").format(sheet=sheet_name) if sheet_name else ""
        columns_missing = _("missing column(s){where}: {columns}").format(
            where=where, columns=_(", ").join(missing)
        )
        found = [(header[0], columns_missing)]
        if encoding == "gb18030":  # the likely cause first
            found.insert(0, (0, encoding_hint(data)))
        raise ImportProblems(file, found)
    twice = duplicate_headings(header[1])
    if twice:
        raise ImportProblems(file, [(header[0], twice)])
    body = [(n, cells) for n, cells in table if n > header[0]]
    exported = None
    if sheet_name is not None:  # an XLSX: an export's 说明 says its month and day
        from maogang_cli.app.xlsxreader import about_rows
        from maogang_cli.domain.typed_columns import ABOUT, about_day

        exported = about_day(about_rows(data, ABOUT["sheet"]))
    return _Sheet(
        file,
        digest,
        sheet_name,
        columns,
        body,
        "last_update" in columns,
        list(header[1]),
        exported,
    )


def run_import(
    conn: sqlite3.Connection, staged: StagedImport, *, by: str, again: bool
) -> list[int]:
    return save_import(
        conn,
        [r for _, r in staged.records],
        file_name=Path(staged.file).name,
        sha256=staged.sha256,
        by=by,
        imported_at=now_stamp(),
        again=again,
    )
