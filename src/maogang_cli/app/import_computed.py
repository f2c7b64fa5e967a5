"""The columns of an export's detail sheet that `import` does not read (是否逾期, 本月进展,
督办 …): what the export wrote in them, worked out again for the month and day its 说明
sheet names, so that a value a unit typed over one is said, not dropped without a word
(domain/typed_columns.py decides what each such value means)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.imports import ALIASES, Row, cell_text, norm_heading, normalise_date
from maogang_cli.domain.typed_columns import Typed, last_update_typed, typed_over_computed
from maogang_cli.errors import MaogangError
from maogang_cli.i18n import language, set_language

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Sequence
    from datetime import date

    from maogang_cli.domain.imports import StoredRecord
    from maogang_cli.store.progress import NewRecord


class _Column(NamedTuple):
    at: int  # the column's index in the sheet sent back
    heading: str  # as that sheet heads it
    column: str  # the export's English heading


class Computed(NamedTuple):
    """What the export wrote in the columns not read, by (task, unit)."""

    as_of: date  # the export's day, from its 说明
    columns: list[_Column]
    cells: dict[tuple[str, str], list[str]]  # the columns' texts, in `columns` order
    last_update: dict[tuple[str, str], str]  # the row's 最近记录日期 as the export wrote it
    last_update_heading: str  # as the sheet heads it

    def check(
        self,
        row: Row,
        cells: Sequence[str],
        records: list[NewRecord],
        stored: dict[str, list[StoredRecord]],
        voided: dict[str, list[StoredRecord]],
    ) -> tuple[list[str], list[str]]:
        """(errors, warnings) for a row's typed values, judged for the first unit it records
        for. A pair with a record voided, or recorded after the export's day, is passed
        over: what the export wrote there cannot be worked out again."""
        if not records:
            return [], []
        key = (records[0].task_id, records[0].unit)
        wrote = self.cells.get(key)
        day = self.as_of.isoformat()
        if wrote is None or voided.get(key[1]):
            return [], []
        if any(r.recorded_at[:10] > day for r in stored.get(key[1], [])):
            return [], []
        errors, warnings = typed_over_computed(
            Typed(c.heading, c.column, _typed(cells, c.at), computed)
            for c, computed in zip(self.columns, wrote, strict=True)
        )
        moved = last_update_typed(
            self.last_update_heading, normalise_date(row.last_update), self.last_update[key]
        )
        return ([moved] if moved else []) + errors, warnings


def _typed(cells: Sequence[str], index: int) -> str:
    from maogang_cli.app.sheetreader import MERGED, NO_RESULT

    text = cells[index] if index < len(cells) else ""
    return "" if text in (NO_RESULT, MERGED) else text


def computed_columns(
    conn: sqlite3.Connection,
    header: Sequence[str],
    exported: tuple[str, date] | None,
    *,
    today: date,
) -> Computed | None:
    """The export of `exported` (month, as-of day) worked out again, in the language of the
    sheet's headings; None without that day, or when the sheet has none of the columns."""
    if exported is None:
        return None
    from maogang_cli.app.reporting import monthly_export
    from maogang_cli.domain.periods import parse_period
    from maogang_cli.exporters.sheets import detail_sheet

    month, as_of = exported
    try:
        export = monthly_export(
            conn, parse_period("monthly", month), as_of=as_of, today=max(today, as_of)
        )
    except (MaogangError, ValueError):
        return None  # a month outside the plan: no export could have been made of it
    wanted = [
        (i, norm_heading(cell))
        for i, cell in enumerate(header)
        if cell and norm_heading(cell) not in ALIASES
    ]
    wanted_all = [(i, norm_heading(cell)) for i, cell in enumerate(header)]
    best: Computed | None = None
    was = language()
    try:
        for lang in ("zh", "en"):
            set_language(lang)
            sheet = detail_sheet(export)
            at = {norm_heading(h): j for j, h in enumerate(sheet.headings)}
            found = [(i, at[name]) for i, name in wanted if name in at]
            if best is not None and len(found) <= len(best.columns):
                continue
            last = at[norm_heading(sheet.headings[6])]  # Last update
            best = Computed(
                as_of,
                [_Column(i, header[i], sheet.columns[j].heading) for i, j in found],
                {
                    (r.task, r.unit): [cell_text(values[j]) for _i, j in found]
                    for r, values in zip(export.rows, sheet.rows, strict=True)
                },
                {
                    (r.task, r.unit): cell_text(values[last])
                    for r, values in zip(export.rows, sheet.rows, strict=True)
                },
                next(
                    (header[i] for i, name in wanted_all if ALIASES.get(name) == "last_update"),
                    sheet.headings[6],
                ),
            )
    finally:
        set_language(was)
    return best if best is not None and best.columns else None
