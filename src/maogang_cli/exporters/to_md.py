"""Markdown: a title, the summary table and the detail table, for mail and wikis."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from maogang_cli.domain.cells import inert
from maogang_cli.domain.rates import rate_text
from maogang_cli.exporters.sheets import (
    Kind,
    Sheet,
    Value,
    detail_sheet,
    hazard_sheet,
    summary_sheet,
    title,
)

if TYPE_CHECKING:
    from maogang_cli.domain.export import MonthlyExport
    from maogang_cli.exporters import Options


# Text in a cell shows as written: HTML is spelled as entities (no tag, comment or entity
# of a note is rendered), and the marks of inline Markdown (emphasis, code, links, strike,
# maths) and the table's own `|` are backslash-escaped. Line breaks become <br>.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {mark: "\\" + mark for mark in "\\`*_[]~|$"}
)


def escape(text: str) -> str:
    lines = inert(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return "<br>".join(line.translate(_ESCAPES) for line in lines)


def cell(value: Value, kind: Kind) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if kind == "rate" and isinstance(value, float):
        return rate_text(value)
    return escape(str(value))


def table(sheet: Sheet) -> list[str]:
    """The sheet without its fill-in columns (a reader of the Markdown fills in nothing)."""
    shown = [i for i, c in enumerate(sheet.columns) if not c.fill_in]
    kinds = [sheet.columns[i].kind for i in shown]
    rule = ["---:" if kind in ("int", "rate") else "---" for kind in kinds]
    lines = [
        "| " + " | ".join(cell(sheet.headings[i], "text") for i in shown) + " |",
        "| " + " | ".join(rule) + " |",
    ]
    for row in sheet.rows:
        cells = [cell(row[i], kind) for i, kind in zip(shown, kinds, strict=True)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render(export: MonthlyExport, options: Options) -> bytes:
    summary = summary_sheet(export)
    detail = detail_sheet(export)
    lines = [f"# {title(export)}", ""]
    lines += [f"## {summary.name}", "", *table(summary), ""]
    lines += [f"## {detail.name}", "", *table(detail), ""]
    if export.hazards:
        hazards = hazard_sheet(export)
        lines += [f"## {hazards.name}", "", *table(hazards), ""]
    return "\n".join(lines).encode("utf-8")
