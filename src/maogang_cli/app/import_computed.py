"""The columns of an export's detail sheet that `import` does not read (是否逾期, 本月进展,
督办 …): what the export wrote in them, worked out again for the month and day its 说明
sheet names, so that a value a unit typed over one is said, not dropped without a word
(domain/typed_columns.py decides what each such value means)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from maogang_cli.domain.imports import ALIASES, Row, cell_text, norm_heading, normalise_date
from maogang_cli.domain.typed_columns import (
    Typed,
    last_update_typed,
    progress_typed_since,
    typed_over_computed,
)
from maogang_cli.errors import MaogangError
from maogang_cli.i18n import language, set_language

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Collection, Sequence
    from datetime import date

    from maogang_cli.domain.imports import StoredRecord
    from maogang_cli.exporters.sheets import Value
    from maogang_cli.store.progress import NewRecord


class _Column(NamedTuple):
    at: int  # the column's index in the sheet sent back
    heading: str  # as that sheet heads it
    column: str  # the export's English heading


class Computed(NamedTuple):
    """What the export wrote in the columns not read, by (task, unit), as it wrote them
    (made text only for a cell a unit typed in: most are left as they were)."""

    as_of: date  # the export's day, from its 说明
    columns: list[_Column]
    cells: dict[tuple[str, str], list[Value]]  # the columns' values, in `columns` order
    last_update: dict[tuple[str, str], Value]  # the row's 最近记录日期 as the export wrote it
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
        for. A pair with a record voided since the export is passed over, and one with a
        record recorded after the export's day has only its 本月进展 judged: what the export
        wrote there cannot be worked out again."""
        if not records:
            return [], []
        key = (records[0].task_id, records[0].unit)
        wrote = self.cells.get(key)
        day = self.as_of.isoformat()
        if wrote is None or voided.get(key[1]):
            return [], []
        typed = [
            Typed(c.heading, c.column, text, cell_text(value))
            for c, value in zip(self.columns, wrote, strict=True)
            if (text := _typed(cells, c.at))
        ]
        if any(r.recorded_at[:10] > day for r in stored.get(key[1], [])):
            return progress_typed_since(typed), []
        errors, warnings = typed_over_computed(typed)
        moved = last_update_typed(
            self.last_update_heading,
            normalise_date(row.last_update),
            cell_text(self.last_update[key]),
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
    units: Collection[str],
) -> Computed | None:
    """The export of `exported` (month, as-of day) worked out again for `units` (the
    sheet's), in the language of the sheet's headings; None without that day, or when the
    sheet has none of the columns."""
    if exported is None:
        return None
    from maogang_cli.app.reporting import monthly_export
    from maogang_cli.domain.export import for_units
    from maogang_cli.domain.periods import parse_period
    from maogang_cli.exporters.sheets import detail_sheet

    month, as_of = exported
    try:
        export = monthly_export(
            conn,
            parse_period("monthly", month),
            as_of=as_of,
            today=max(today, as_of),
            hazards=False,
        )
    except (MaogangError, ValueError):
        return None  # a month outside the plan: no export could have been made of it
    export = for_units(export, units)  # a unit's sheet: its 20 rows, not the town's 280
    named = [(i, norm_heading(cell)) for i, cell in enumerate(header) if cell]
    was = language()
    try:
        # The headings tell the sheet's language; its cells are then worked out in it once.
        found: dict[str, list[tuple[int, int]]] = {}
        for lang in ("zh", "en"):
            set_language(lang)
            headings = detail_sheet(export._replace(rows=())).headings
            at = {norm_heading(h): j for j, h in enumerate(headings)}
            found[lang] = [(i, at[name]) for i, name in named if name in at]
        lang = max(found, key=lambda key: len(found[key]))  # zh on a tie
        set_language(lang)
        sheet = detail_sheet(export)
    finally:
        set_language(was)
    unread = [(i, j) for i, j in found[lang] if norm_heading(header[i]) not in ALIASES]
    last = next((i for i, name in named if ALIASES.get(name) == "last_update"), None)
    if not unread or last is None:
        return None
    last_column = dict(found[lang])[last]
    return Computed(
        as_of,
        [_Column(i, header[i], sheet.columns[j].heading) for i, j in unread],
        {
            (r.task, r.unit): [values[j] for _i, j in unread]
            for r, values in zip(export.rows, sheet.rows, strict=True)
        },
        {
            (r.task, r.unit): values[last_column]
            for r, values in zip(export.rows, sheet.rows, strict=True)
        },
        header[last],
    )
