"""Reading a spreadsheet sent in by a unit (CSV or XLSX) within fixed limits of time and
memory: whatever the file claims or holds, the read stops at a limit and says which.

The limits (docs/commands/import.md): a regular file of at most 64 MiB; an XLSX that
unpacks to at most 256 MiB, its declared sheet size ignored; at most 200,000 rows of CSV
and, read cell by cell and so far slower, 20,000 rows of an XLSX sheet (50,000 for a hazard
ledger); 200 columns; a cell of at most 32,767 characters (a spreadsheet cell's own limit).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

from maogang_cli.domain.imports import cell_text, column_letter
from maogang_cli.domain.sheet_foot import Foot
from maogang_cli.errors import UsageError
from maogang_cli.filekinds import file_kind, os_reason
from maogang_cli.i18n import _
from maogang_cli.words import names as names_of

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_ROWS = 200_000
# openpyxl reads an XLSX at about 1 ms a row of an export's 20 columns (115 s for 199,000
# rows): a unit's sheet has tens of rows, the office's export 280, the export of a
# district-scale catalogue (bench/generate.py: 5,000 tasks over three years) about 5,000.
MAX_XLSX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767

# What a spreadsheet shows, and saves as the cell's value, when a formula failed.
ERROR_VALUES = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)

Table = list[tuple[int, list[str]]]  # (spreadsheet row number, cells as text)

# A formula cell saved without its computed value (sheets written by openpyxl or pandas):
# read as blank, its 进度 or 备注 would be lost without a word. U+0000 cannot be in a
# cell's text (XML 1.0 has no such character), so this stands for nothing typed.
NO_RESULT = "\x00formula"
# A cell under the first row of a merge over several rows: empty in the file, though the
# sheet shows the merged value there (状态 merged over two rows reads 推进中 on both).
MERGED = "\x00merged"
# Cells marked so at most: merges cannot overlap in a sheet Excel or WPS saved, and all of
# a sheet within the row and column limits is 4,000,000 cells.
MAX_MERGED_CELLS = 4_000_000
# An Excel 97-2003 workbook (an OLE2 compound file), whatever the file is called.
_OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class SheetLimitError(ValueError):
    """The file is beyond a reading limit, or cannot be read as what it claims to be;
    `row` is where (0: the file as a whole)."""

    def __init__(self, message: str, row: int = 0) -> None:
        super().__init__(message)
        self.row = row


def read_file(path: Path) -> bytes:
    """The file's bytes: a regular file within the size limit, judged before reading."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UsageError(_("no such file: {path}").format(path=path)) from None
    except OSError as exc:
        raise UsageError(
            _("cannot read {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(_("{path} is a directory, not a spreadsheet").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(
            _("{path} is {what}, not a spreadsheet file: import reads regular files only").format(
                path=path, what=file_kind(info.st_mode)
            )
        )
    if info.st_size > MAX_FILE_BYTES:
        raise SheetLimitError(_too_big(info.st_size))
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UsageError(
            _("cannot read {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from None
    if len(data) > MAX_FILE_BYTES:  # grew while being read
        raise SheetLimitError(_too_big(len(data)))
    return data


def _too_big(size: int) -> str:
    return _("the file is {size} MiB, over the limit of {limit} MiB").format(
        size=f"{size / 2**20:,.1f}", limit=MAX_FILE_BYTES // 2**20
    )


def read_table(
    path: Path, data: bytes, sheet: str | None, fits: Callable[[Table], bool]
) -> tuple[str | None, Table, str | None]:
    """The sheet's rows, its name (XLSX) and the encoding a CSV was read in."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et", ".ods", ".numbers"):
        raise SheetLimitError(
            _("{suffix} files cannot be read: save the sheet as .xlsx or .csv").format(
                suffix=suffix
            )
        )
    if suffix in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04"):
        from maogang_cli.app.xlsxreader import read_xlsx

        name, table = read_xlsx(data, sheet, fits)
        return name, table, None
    if sheet is not None:
        raise UsageError(_("--sheet applies to XLSX files only"))
    text, encoding = decode(data)
    return None, read_csv_text(text), encoding


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; and which it was."""
    refuse_old_excel(data)
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "utf-16"
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise SheetLimitError(_("cannot read the text: save it as UTF-8 or GB18030 CSV")) from None


def encoding_hint(data: bytes) -> str:
    """Why a file read as GB18030 may show no known column: it was saved in another
    Chinese or Japanese encoding, which GB18030 reads as other characters."""
    for codec, name in (("big5", "Big5"), ("shift_jis", "Shift-JIS")):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return _(
            "the file is not UTF-8 and reads as {name} text; save it again as UTF-8 CSV "
            "(CSV UTF-8 in Excel and WPS)"
        ).format(name=name)
    return _(
        "the file is not UTF-8 and was read as GB18030: if it was saved in another encoding "
        "(Big5, Shift-JIS), save it again as UTF-8 CSV"
    )


def read_csv(data: bytes) -> Table:
    return read_csv_text(decode(data)[0])


def read_csv_text(text: str) -> Table:
    """Rows of a CSV text, bounded; a quote left open is refused at the row it opens."""
    first = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first.count) if first else ","
    width = first.count(delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    table: Table = []
    number, line = 0, 1
    try:
        for number, row in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise SheetLimitError(_over_rows(), number)
            if reader.line_num > line and _swallowed_rows(row, delimiter, width):
                raise SheetLimitError(_open_quote(line, reader.line_num), number)
            table.append((number, row_cells(number, row)))
            line = reader.line_num + 1
    except csv.Error as exc:
        if "end of data" in str(exc) or "EOF" in str(exc):
            raise SheetLimitError(_open_quote(line, reader.line_num), number + 1) from None
        raise SheetLimitError(
            _("not a readable CSV row: {reason}").format(reason=exc), number + 1
        ) from None
    return table


def _swallowed_rows(row: list[str], delimiter: str, width: int) -> bool:
    """A quoted cell running over lines that look like rows of their own: its quote was
    never closed where it should have been."""
    return width >= 2 and any(
        line.count(delimiter) >= width for cell in row for line in cell.split("\n")[1:]
    )


def _open_quote(line: int, last: int) -> str:
    return _(
        "a quote opens in this row (line {line}) and is not closed before line {last}: "
        "close it, or save the sheet again as CSV"
    ).format(line=line, last=last)


def _over_rows() -> str:
    return _("more than {n} rows: the import limit; split the file").format(n=f"{MAX_ROWS:,}")


def refuse_old_excel(data: bytes) -> None:
    if data.startswith(_OLD_EXCEL):
        raise SheetLimitError(
            _(
                "this is an Excel 97-2003 (.xls) file, whatever its name says: open it and "
                "save it as .xlsx"
            )
        )


def row_cells(number: int, values: Sequence[object]) -> list[str]:
    """A row's cells as text, within the column and cell-size limits."""
    row = list(values)
    while row and (row[-1] is None or row[-1] == ""):
        row = row[:-1]
    if len(row) > MAX_COLUMNS:
        raise SheetLimitError(
            _("a cell in column {column}, beyond the limit of {n} columns").format(
                column=f"{len(row):,}", n=MAX_COLUMNS
            ),
            number,
        )
    cells = [cell_text(c) for c in row]
    for column, cell in enumerate(cells):
        if len(cell) > MAX_CELL_CHARS:
            raise SheetLimitError(
                _("cell {cell} holds {size} characters, over the limit of {n}").format(
                    cell=f"{column_letter(column)}{number}",
                    size=f"{len(cell):,}",
                    n=f"{MAX_CELL_CHARS:,}",
                ),
                number,
            )
    return cells


def foot_problems(foot: Foot) -> list[tuple[int, str]]:
    """One line for each row that begins like a total or a signature but is no foot: among
    the rows of data, or filled in like one (never skipped: it may be a hazard)."""
    return [
        (
            number,
            _("'{label}' is a total or signature line among the rows: delete it").format(
                label=label
            ),
        )
        for number, label in foot.among
    ] + [
        (
            number,
            _(
                "the row begins with '{label}' but is filled in like a row of data: check it; "
                "a total or a signature goes on a line of its own"
            ).format(label=label),
        )
        for number, label in foot.filled
    ]


def cell_problem(
    cells: list[str], columns: dict[str, int], number: int, heading: Callable[[str], str]
) -> str | None:
    """Why the first read cell of a row that holds a formula cannot be read: the error it
    failed with (#DIV/0!), or no computed value at all; None when every read cell can be.
    `heading` names a field as the message shows it."""
    merged: list[str] = []
    for field, index in sorted(columns.items(), key=lambda item: item[1]):
        value = cells[index] if index < len(cells) else ""
        cell = f"{column_letter(index)}{number}"
        if value in ERROR_VALUES:
            return _(
                "cell {cell} holds the spreadsheet error {value}: correct the formula, or "
                "type the value itself"
            ).format(cell=cell, value=value)
        if value == MERGED:  # all of them at once: a 台账 merges 属地 and 部门 alike
            merged.append(_("{column} (cell {cell})").format(column=heading(field), cell=cell))
        if value == NO_RESULT:
            return _(
                "{column} (cell {cell}) is a formula with no computed value: type the value itself"
            ).format(column=heading(field), cell=cell)
    if merged:
        return _("{cells} merged with the cell above: unmerge and fill in each row").format(
            cells=names_of(merged)
        )
    return None
