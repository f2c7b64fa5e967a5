"""XLSX with openpyxl in write-only mode: a summary sheet, a detail sheet and an about
sheet; a styled, frozen header row; column widths that fit Chinese text; real dates.

Every text cell is stored as a string (data type 's'), never as a formula, whatever it
starts with. The file is byte-for-byte the same for the same content: the workbook's
timestamps are the as-of day, not the time of writing.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import date, datetime
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from maogang_cli.domain.cells import inert
from maogang_cli.domain.rates import shown_rate
from maogang_cli.exporters.sheets import (
    Sheet,
    Value,
    about,
    about_sheet_name,
    detail_sheet,
    hazard_sheet,
    summary_sheet,
    title,
)
from maogang_cli.i18n import _

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from maogang_cli.domain.export import MonthlyExport
    from maogang_cli.exporters import Options

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_FILL_IN_FILL = PatternFill("solid", fgColor="FFF2CC")  # a column for the unit to fill in
_DATE_WIDTH = 10  # yyyy-mm-dd; narrower, Excel shows a typed date as ####
_HEADER_ALIGN = Alignment(vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_LEFT_WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)  # dates, numbers
MAX_CELL_CHARS = 32_767  # what Excel and WPS hold in one cell
_RATE = "0%"  # whole percents, as every other output shows them


def display_width(text: str) -> int:
    """Columns a line takes on screen: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _text(value: str) -> str:
    # Control characters shown escaped (XML cannot hold most of them anyway).
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", inert(value))


def _fit(text: str, cut: list[int]) -> str:
    """Text a spreadsheet cell can hold (32,767 characters): a longer one is cut, marked at
    its end, and counted for the about sheet, never cut silently."""
    if len(text) <= MAX_CELL_CHARS:
        return text
    cut.append(len(text))
    mark = _("… [cut: {n} characters in all]").format(n=f"{len(text):,}")
    return text[: MAX_CELL_CHARS - len(mark)] + mark


def _string(
    ws: WriteOnlyWorksheet, text: str, wrap: bool, cut: list[int], shown: dict[str, str]
) -> Cell | str:
    """A text cell. openpyxl reads a str that starts with '=' as a formula, so such text is
    given as a cell typed 's' (string); so is text that needs wrapping. Plain text is
    passed as it is: a str value is stored as a string anyway, and that is much faster.
    `shown` keeps each distinct text's cell text: unit names, titles and words repeat."""
    safe = shown.get(text)
    if safe is None:
        safe = shown[text] = _text(text)
    text = _fit(safe, cut)
    if not (wrap or text.startswith("=")):
        return text
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"  # text, never a formula
    if wrap:
        cell.alignment = _WRAP
    return cell


def _width(value: Value, kind: str) -> int:
    if value is None:
        return 0
    if isinstance(value, date) or kind == "date":
        return 10
    if kind == "rate":
        return 6
    text = str(value)
    if text.isascii():
        return max(len(line) for line in text.split("\n"))
    return max(display_width(line) for line in text.split("\n"))


def _write(wb: Workbook, sheet: Sheet, cut: list[int]) -> None:
    ws = wb.create_sheet(sheet.name)
    # Each distinct text measured once: most cells repeat a unit, a title or a word.
    text_widths: dict[str, int] = {}

    def measured(value: Value, kind: str) -> int:
        if not isinstance(value, str) or kind in ("date", "rate"):
            return _width(value, kind)
        known = text_widths.get(value)
        if known is None:
            known = text_widths[value] = _width(value, kind)
        return known

    natural = [
        [measured(value, c.kind) for value, c in zip(row, sheet.columns, strict=True)]
        for row in sheet.rows
    ]
    shown: dict[str, str] = {}
    widths = []
    for i, column in enumerate(sheet.columns):
        floor = _DATE_WIDTH if column.kind == "date" else 0
        wanted = max([floor, display_width(sheet.headings[i])] + [w[i] for w in natural])
        widths.append(min(wanted, column.max_width))
        ws.column_dimensions[get_column_letter(i + 1)].width = widths[-1] + 2
    ws.freeze_panes = "A2"
    header = []
    for heading, column in zip(sheet.headings, sheet.columns, strict=True):
        cell = WriteOnlyCell(ws, value=_text(heading))
        cell.data_type = "s"
        cell.font, cell.alignment = _HEADER_FONT, _HEADER_ALIGN
        cell.fill = _FILL_IN_FILL if column.fill_in else _HEADER_FILL
        header.append(cell)
    ws.append(header)
    for row, sizes in zip(sheet.rows, natural, strict=True):
        cells: list[Cell | Value] = []
        for value, column, size, width in zip(row, sheet.columns, sizes, widths, strict=True):
            if isinstance(value, str):
                cells.append(_string(ws, value, size > width or "\n" in value, cut, shown))
            elif column.kind == "rate" and isinstance(value, float):
                # The rate as shown elsewhere (half up), not Excel's rounding of the float.
                rate = WriteOnlyCell(ws, value=shown_rate(value))
                rate.number_format = _RATE
                cells.append(rate)
            else:
                cells.append(value)  # numbers; dates get yyyy-mm-dd from openpyxl
        ws.append(cells)
    if sheet.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{len(sheet.rows) + 1}"


def _about(wb: Workbook, export: MonthlyExport, cut: list[int]) -> None:
    ws = wb.create_sheet(about_sheet_name())
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 80
    rows = about(export)
    if cut:
        rows = [*rows, (_("Cut"), _cut_note(cut))]
    for label, value in rows:
        head = WriteOnlyCell(ws, value=_text(label))
        head.data_type = "s"
        head.font, head.alignment = _HEADER_FONT, _WRAP
        if isinstance(value, str):
            cell = WriteOnlyCell(ws, value=_text(value))
            cell.data_type = "s"
        elif isinstance(value, date):
            cell = WriteOnlyCell(ws, value=datetime(value.year, value.month, value.day))
            cell.number_format = "yyyy-mm-dd"  # a real date, shown as the detail sheet's
        else:
            cell = WriteOnlyCell(ws, value=value)
        cell.alignment = _LEFT_WRAP
        ws.append([head, cell])


def _cut_note(cut: list[int]) -> str:
    return _(
        "{count} cell(s) held more text than a spreadsheet cell can (32,767 characters, the "
        "longest {longest}): each was cut and ends in '… [cut: N characters in all]'; the "
        "whole text is in `maogang history` and in the CSV and JSON exports"
    ).format(count=len(cut), longest=f"{max(cut):,}")


_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")


def _reproducible(data: bytes, stamp: datetime) -> bytes:
    """The same archive with fixed entry times and a fixed 'modified' property."""
    fixed = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(
                    rb"<dcterms:modified\1>" + fixed + rb"</dcterms:modified>", content
                )
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return out.getvalue()


def render(export: MonthlyExport, options: Options) -> bytes:
    wb = Workbook(write_only=True)
    stamp = datetime(export.as_of.year, export.as_of.month, export.as_of.day)
    wb.properties.title = title(export)
    wb.properties.creator = "maogang"
    wb.properties.created = stamp
    cut: list[int] = []
    _write(wb, summary_sheet(export), cut)
    _write(wb, detail_sheet(export), cut)
    if export.hazards:  # a ledger with hazards open, or closed this month
        _write(wb, hazard_sheet(export), cut)
    _about(wb, export, cut)
    return _reproducible(_stored(wb, stamp), stamp)


def _stored(wb: Workbook, stamp: datetime) -> bytes:
    """The workbook's archive with its entries stored, not compressed: _reproducible
    compresses each entry as it rewrites it (openpyxl's save compressed them all first,
    to be decompressed and compressed again)."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    wb.properties.modified = stamp  # replaced by _reproducible as before
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return buffer.getvalue()
