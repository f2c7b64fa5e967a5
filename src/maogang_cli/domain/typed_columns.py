"""Columns of an export's detail sheet that `import` does not read but a unit may type in
(是否逾期, 本月进展, 督办 …): a value that differs from what the export worked out is said,
as an error when the row's own progress would be stored without it, else as a warning."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.cells import inert
from maogang_cli.domain.imports import cell_text, chinese_heading, norm_heading, normalise_date
from maogang_cli.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


# The export's sheet of a month says which month and as of which day (its 说明 sheet, as
# `export` writes it in either language): what the columns worked out were computed for.
ABOUT = {
    "sheet": ("说明", "About"),
    "month": ("月份", "Month"),
    "as_of": ("截至", "As of"),
}


def about_day(rows: Iterable[Sequence[object]]) -> tuple[str, date] | None:
    """(month, as-of day) from an export's about sheet, its rows as (label, value); None
    when either is missing or not readable."""
    found: dict[str, str] = {}
    labels = {norm_heading(label): key for key, pair in ABOUT.items() for label in pair}
    for cells in rows:
        if len(cells) >= 2:
            key = labels.get(norm_heading(cell_text(cells[0])))
            if key and key not in found:
                found[key] = normalise_date(cell_text(cells[1]))
    month, day = found.get("month", ""), found.get("as_of", "")
    if not re.fullmatch(r"\d{4}-\d{2}", month):
        return None
    try:
        return month, date.fromisoformat(day)
    except ValueError:
        return None


class Typed(NamedTuple):
    """A cell of a column the export works out and the import does not read."""

    heading: str  # as the sheet heads it
    column: str  # the export's English heading (exporters/sheets.py)
    typed: str  # the cell as the sheet holds it, as text
    computed: str  # what the export wrote there, as text


# Columns whose value, typed in by a unit, is progress of the row itself: importing the row
# without it would store evidence that misses what the unit said, so the row is refused
# (as a day typed under 完成日期 is). The other columns are the program's own judgement of
# the records (是否逾期, 督办…), the task list's (任务, 时间节点) or another record (the
# monthly report's day): the row's progress is stored right, and a warning says the typed
# value was not taken.
_PROGRESS_COLUMNS = frozenset({"Progress this month"})
_CATALOGUE_COLUMNS = frozenset({"Title", "Role", "Deadline"})
_REPORT_COLUMNS = frozenset({"Monthly report", "Report submitted"})


def typed_over_computed(cells: Iterable[Typed]) -> tuple[list[str], list[str]]:
    """What a row typed over the columns the export works out: (errors, warnings), one
    line per column whose cell differs from what the export wrote (an emptied cell says
    nothing, and is passed over)."""
    errors: list[str] = []
    warnings: list[str] = []
    for cell in cells:
        if not cell.typed or _same(cell.typed, cell.computed):
            continue
        if cell.column in _PROGRESS_COLUMNS:
            errors.append(
                _(
                    "{column} is worked out by the export and not imported: write new "
                    "progress under {status}, {percent} or {note}, and its day under {date}"
                ).format(
                    column=cell.heading,
                    status=chinese_heading("status"),
                    percent=chinese_heading("percent"),
                    note=chinese_heading("note"),
                    date=chinese_heading("date"),
                )
            )
            continue
        if cell.column in _CATALOGUE_COLUMNS:
            where = _("the task list says what it is; ask the office to correct the task list")
        elif cell.column in _REPORT_COLUMNS:
            where = _("a monthly report is recorded with maogang submit")
        else:
            where = _(
                "it follows from the records: report progress under {status} and {date}"
            ).format(status=chinese_heading("status"), date=chinese_heading("date"))
        if cell.computed:
            line = _(
                "{column} '{typed}' differs from what the export worked out ('{computed}') "
                "and is not imported: {where}"
            )
        else:
            line = _(
                "{column} '{typed}' is typed where the export wrote nothing, and is not "
                "imported: {where}"
            )
        warnings.append(
            line.format(
                column=cell.heading,
                typed=inert(cell.typed, one_line=True)[:40],
                computed=inert(cell.computed, one_line=True)[:40],
                where=where,
            )
        )
    return errors, warnings


def progress_typed_since(cells: Iterable[Typed]) -> list[str]:
    """Errors for a row whose pair has records recorded since the export: what the export
    wrote then cannot be worked out again, but records are only added, so each line of its
    本月进展 is a line worked out now. A line that is none of them is the unit's own words,
    refused as `typed_over_computed` refuses them (the judged columns are passed over)."""
    grown = [
        cell
        for cell in cells
        if cell.column in _PROGRESS_COLUMNS and not _lines_within(cell.typed, cell.computed)
    ]
    return typed_over_computed(grown)[0]


def _lines_within(typed: str, computed: str) -> bool:
    lines = {_line(line) for line in computed.splitlines()}
    return all(_line(line) in lines for line in typed.splitlines() if line.strip())


def _line(text: str) -> str:
    return " ".join(text.split())


def _same(typed: str, computed: str) -> bool:
    """Alike as a spreadsheet may have saved them: a date retyped 2024/6/30, line breaks
    and spaces at line ends."""
    if normalise_date(typed) == normalise_date(computed):
        return True
    return [_line(line) for line in typed.splitlines()] == [
        _line(line) for line in computed.splitlines()
    ]


def last_update_typed(heading: str, typed: str, computed: str) -> str:
    """Why a 最近记录日期 cell that is not what the export wrote refuses its row, "" when it
    is. The import reads it as the day the row's standing was shown (what is new is judged
    against it), so a day typed there (often meant as the day of new progress) would judge
    the row wrong."""
    if _same(typed, computed):
        return ""
    return _(
        "{column} {typed} is not what the export wrote ({computed}): it is the day of the "
        "latest record, by which the import tells what is new; put it back, and write the "
        "day of new progress under {date}"
    ).format(
        column=heading,
        typed=inert(typed, one_line=True)[:40] or _("(empty)"),
        computed=computed or _("(empty)"),
        date=chinese_heading("date"),
    )
