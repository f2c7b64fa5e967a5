"""Reading an XLSX sent in by a unit within the limits of sheetreader (which holds them, so
one place states them): the archive's unpacked size judged before anything is unpacked,
the declared dimension ignored, rows counted as they are read; formula cells saved without
a value and the lower rows of merged cells marked, not read as empty."""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from maogang_cli.app import sheetreader
from maogang_cli.app.sheetreader import (
    MAX_COLUMNS,
    MAX_ROWS,
    MERGED,
    NO_RESULT,
    SheetLimitError,
    Table,
    refuse_old_excel,
    row_cells,
)
from maogang_cli.errors import UsageError
from maogang_cli.i18n import _
from maogang_cli.words import names as names_of


def _over_xlsx_rows(limit: int) -> str:
    return _(
        "more than {n} rows in an XLSX sheet: the import limit; split the file, or save it "
        "as CSV (up to {csv} rows)"
    ).format(n=f"{limit:,}", csv=f"{MAX_ROWS:,}")


def shown_value(cell: Any) -> object:
    """A cell's value as the sheet shows it: a number formatted as a percent (40% typed
    in WPS, Excel or LibreOffice is stored as 0.4) reads as "40%", not 0.4."""
    value = cell.value
    number_format = getattr(cell, "number_format", None) or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in number_format:
        return f"{round(value * 100, 6):g}%"
    return value


def read_xlsx(
    data: bytes,
    sheet: str | None,
    fits: Callable[[Table], bool],
    max_rows: int | None = None,
) -> tuple[str, Table]:
    """The named sheet, or the first that `fits` (has the headings wanted), else the first;
    at most `max_rows` rows (MAX_XLSX_ROWS when None)."""
    refuse_old_excel(data)
    try:
        _check_unpacked_size(data)
        with _formulas_marked():
            return _read_workbook(data, sheet, fits, max_rows or sheetreader.MAX_XLSX_ROWS)
    except DAMAGED:
        # A member that does not inflate (bytes changed in a download or a mail): the
        # file is damaged, not the program; zipfile raises these from deep inside.
        raise SheetLimitError(
            _(
                "the XLSX file is damaged and cannot be read: ask the unit to send it again, "
                "or open it and save it again"
            )
        ) from None


def about_rows(data: bytes, names: tuple[str, ...], max_rows: int = 20) -> list[list[object]]:
    """The first rows of the workbook's sheet with one of `names` (an export's 说明), as
    values; [] when there is none or it cannot be read (it only adds checks)."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, SyntaxError):
        return []
    try:
        name = next((n for n in workbook.sheetnames if n in names), None)
        if name is None:
            return []
        return [list(r) for r in workbook[name].iter_rows(max_row=max_rows, values_only=True)]
    except _ABOUT_UNREADABLE:
        return []
    finally:
        workbook.close()


# What zipfile raises for a member whose compressed bytes were changed: zlib's error,
# a stream that ends early, or a compression method number made up by the damage.
DAMAGED: tuple[type[BaseException], ...] = (zlib.error, EOFError, NotImplementedError)
_ABOUT_UNREADABLE: tuple[type[BaseException], ...] = (
    *DAMAGED,
    KeyError,
    OSError,
    ValueError,
    SyntaxError,
)


@contextmanager
def _formulas_marked() -> Iterator[None]:
    """While it lasts, openpyxl reads a formula cell saved without a value as NO_RESULT,
    not as an empty cell (its own reader leaves them alike), and skips looking for the
    sheet's declared size (an XLSX is read in one process, one sheet at a time)."""
    from openpyxl.worksheet import _read_only
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_dimensions(self) -> None:
            # The declared size is not believed (reset_dimensions), and looking for it
            # parses a sheet that declares none to its end: 10 s for 199,000 rows.
            return None

        def parse_cell(self, element: Any) -> Any:
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                # A formula computed to "" is saved as text (t="str") with an empty <v/>;
                # openpyxl writes an empty <v/> with no type for a value it never computed.
                computed = element.get("t") == "str" and element.find(VALUE_TAG) is not None
                if not computed:
                    cell["value"] = NO_RESULT
            return cell

    # The read-only worksheet makes its parser from its module's name for the class.
    original = getattr(_read_only, "WorkSheetParser")  # noqa: B009 (untyped in the stubs)
    setattr(_read_only, "WorkSheetParser", Parser)  # noqa: B010
    try:
        yield
    finally:
        setattr(_read_only, "WorkSheetParser", original)  # noqa: B010


def _read_workbook(
    data: bytes, sheet: str | None, fits: Callable[[Table], bool], max_rows: int
) -> tuple[str, Table]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except SyntaxError as exc:  # xml.etree and lxml parse errors both are
        raise SheetLimitError(_bad_xml(exc)) from None
    except unreadable as exc:
        raise SheetLimitError(
            _("not a readable XLSX file ({kind})").format(kind=type(exc).__name__)
        ) from None
    try:
        names = workbook.sheetnames
        if sheet is not None and sheet not in names:
            raise UsageError(
                _("no sheet named '{sheet}' in the file; its sheets: {names}").format(
                    sheet=sheet, names=names_of(names)
                )
            )
        first: tuple[str, Table] | None = None
        for name in [sheet] if sheet else names:
            worksheet = workbook[name]
            worksheet.reset_dimensions()  # the declared A1:XFD1048576 is not believed
            table: Table = []
            try:
                scanned = _scan(worksheet, max_rows)
                # Up to the last row with a value: the formatted rows below are not read.
                rows = worksheet.iter_rows(max_row=scanned.last) if scanned.last else []
                for number, row in enumerate(rows, start=1):
                    if not row:
                        continue
                    if number > max_rows:  # the scan refuses it first; a backstop
                        raise SheetLimitError(_over_xlsx_rows(max_rows), number)
                    table.append((number, row_cells(number, [shown_value(cell) for cell in row])))
                table = _merged_down(table, scanned.merges)
            except SyntaxError as exc:  # xml.etree and lxml parse errors both are
                raise SheetLimitError(_bad_xml(exc)) from None
            except SheetLimitError:
                raise
            except unreadable as exc:
                raise SheetLimitError(
                    _("not a readable XLSX file ({kind})").format(kind=type(exc).__name__)
                ) from None
            first = first or (name, table)
            if fits(table):
                return name, table
        assert first is not None  # a workbook always has a sheet
        return first
    finally:
        workbook.close()


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
# A row element with what it holds, and whether a cell of it holds a value (a <v>, an
# inline string's <is>, a formula's <f>): a template's rows drawn with borders hold none.
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_ROW_NUMBER = re.compile(rb'\br="(\d{1,7})"')
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is|f)[\s>/]")


class _Scanned(NamedTuple):
    merges: set[tuple[int, int, int, int]]  # (top, bottom, left, right; columns from 0)
    last: int  # the last row holding a value (0: none)


def _scan(worksheet: Any, max_rows: int) -> _Scanned:
    """The merges over more than one row (openpyxl's read-only sheet skips them) and the
    last row holding a value, from the sheet's XML; SheetLimitError at once for a value
    beyond row `max_rows`, which openpyxl would take a minute to reach. Rows that only
    carry formatting (a 台账 template drawn down to row 60,000) are no rows of data. A
    pass over the bytes, a MiB at a time, each cut after its last whole row."""
    merges: set[tuple[int, int, int, int]] = set()
    number = last = 0
    rest = b""
    with worksheet._get_source() as source:
        while True:
            chunk = source.read(2**20)
            text = rest + chunk
            end = text.rfind(b"</row>")
            cut = len(text) if not chunk else (end + len(b"</row>") if end >= 0 else 0)
            for m in _ROW.finditer(text, 0, cut):
                given = _ROW_NUMBER.search(m[1])
                number = int(given[1]) if given else number + 1  # r may be left out
                if m[2] and _VALUE.search(m[2]):
                    if number > max_rows:
                        raise SheetLimitError(_over_xlsx_rows(max_rows), number)
                    last = number
            for m in _MERGE.finditer(text, 0, cut):
                top, bottom = int(m[2]), int(m[4])
                if bottom > top:
                    merges.add((top, bottom, _column_index(m[1]), _column_index(m[3])))
            rest = text[cut:]
            if not chunk:
                return _Scanned(merges, last)


def _column_index(letters: bytes) -> int:
    """b"A" → 0, b"AA" → 26."""
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _merged_down(table: Table, merges: set[tuple[int, int, int, int]]) -> Table:
    """The table with MERGED in each empty cell a merge over several rows covers below its
    first row, where that row shows something (an empty merge shows nothing)."""
    if not merges:
        return table
    rows = dict(table)
    last = max(rows, default=0)
    budget = sheetreader.MAX_MERGED_CELLS
    for top, bottom, left, right in sorted(merges):
        right = min(right, MAX_COLUMNS - 1)
        if top not in rows or not any(rows[top][left : right + 1]):
            continue
        for number in range(top + 1, min(bottom, last) + 1):
            cells = rows.setdefault(number, [])
            cells.extend([""] * (right + 1 - len(cells)))
            for column in range(left, right + 1):
                cells[column] = cells[column] or MERGED
            budget -= right + 1 - left
            if budget < 0:
                raise SheetLimitError(
                    _("more than {n} merged cells").format(n=f"{sheetreader.MAX_MERGED_CELLS:,}"),
                    number,
                )
    return sorted(rows.items())


def _check_unpacked_size(data: bytes) -> None:
    """A zip bomb is refused by the sizes its directory declares (zipfile holds each
    member to its declared size), before anything is unpacked."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SheetLimitError(
            _("not a readable XLSX file ({kind})").format(kind=type(exc).__name__)
        ) from None
    if unpacked > sheetreader.MAX_UNPACKED_BYTES:
        raise SheetLimitError(
            _("the XLSX unpacks to {size} MiB, over the limit of {limit} MiB").format(
                size=f"{unpacked / 2**20:,.0f}", limit=sheetreader.MAX_UNPACKED_BYTES // 2**20
            )
        )


def _bad_xml(exc: Exception) -> str:
    return _(
        "not a readable XLSX file: its XML is malformed or uses entities ({reason}); "
        "save it again from the spreadsheet"
    ).format(reason=exc)
