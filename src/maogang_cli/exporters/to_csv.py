"""CSV that opens by double-click in Excel and WPS on Chinese Windows: UTF-8 with a BOM (or
GB18030 for older tools), CRLF line ends, and no cell a spreadsheet would run."""

from __future__ import annotations

import codecs
import csv
import io
from datetime import date
from typing import TYPE_CHECKING

from maogang_cli.domain.cells import inert, neutralise
from maogang_cli.domain.rates import rate_text
from maogang_cli.exporters.sheets import Kind, Value, detail_sheet, summary_sheet

if TYPE_CHECKING:
    from maogang_cli.domain.export import MonthlyExport
    from maogang_cli.exporters import Options


def cell(value: Value, kind: Kind) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if kind == "rate" and isinstance(value, float):
        return rate_text(value)  # Excel reads "75%" back as the number 0.75
    if isinstance(value, str):
        return neutralise(inert(value))
    return str(value)


def render(export: MonthlyExport, options: Options) -> bytes:
    sheet = (summary_sheet if options.table == "summary" else detail_sheet)(export)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in sheet.headings])
    for row in sheet.rows:
        writer.writerow([cell(v, c.kind) for v, c in zip(row, sheet.columns, strict=True)])
    text = buffer.getvalue()
    if options.encoding == "gb18030":
        return text.encode("gb18030")
    return codecs.BOM_UTF8 + text.encode("utf-8")
