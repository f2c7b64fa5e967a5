"""What an import would record, for --dry-run, and its counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.cli.stacking import flat_fits
from maogang_cli.domain.voids import entry_id
from maogang_cli.i18n import _, ngettext
from maogang_cli.output import Cell, Column
from maogang_cli.words import names, status_word

if TYPE_CHECKING:
    from pathlib import Path

    from maogang_cli.app.importing import StagedImport


def import_counts(staged: StagedImport) -> str:
    parts = [_("{n} new record(s)").format(n=len(staged.records))]
    if staged.unchanged:
        parts.append(_("{n} row(s) skipped as already recorded").format(n=len(staged.unchanged)))
    if staged.unfilled:
        parts.append(_("{n} row(s) skipped as not filled in").format(n=len(staged.unfilled)))
    if staged.voided:
        parts.append(
            _("{n} row(s) skipped as showing a voided record").format(n=len(staged.voided))
        )
    return _(", ").join(parts)


# A file this big takes seconds to read (an XLSX about 1 ms a row): say so before the wait.
BIG_FILE = 2 * 2**20


def big_file_note(path: Path) -> None:
    from maogang_cli.app.sheetreader import MAX_FILE_BYTES

    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader says what is wrong with it, in its words
    if BIG_FILE < size <= MAX_FILE_BYTES:  # a bigger one is refused before it is read
        output.note(
            _("reading {file} ({size} MiB): a big sheet takes a while").format(
                file=path.name, size=f"{size / 2**20:,.1f}"
            )
        )


def foot_note(rows: list[int]) -> None:
    """The 合计 and signature rows under a table, skipped: said once, so a unit that meant
    one of them as data sees it was not taken."""
    if rows:
        output.note(
            _("{rows} under the table look like a total or signature line: skipped").format(
                rows=ngettext("row {rows}", "rows {rows}", len(rows)).format(
                    rows=names([str(n) for n in rows])
                )
            )
        )


def voided_notes(staged: StagedImport) -> None:
    """One line per row left as exported before a record was voided: it is not new
    evidence, and filling in its date would record the voided entry again."""
    for number, record in staged.voided:
        output.note(
            _("row {row} is the same as {entry}, which was voided: skipped").format(
                row=number, entry=entry_id("progress", record)
            )
        )


def typed_notes(staged: StagedImport) -> None:
    """One line per value typed over a column the export works out (是否逾期, 督办 …):
    the row's progress is stored, and the unit's value is said not to be."""
    for number, message in staged.typed:
        output.warn(
            _("warning: {file}:{row}: {message}").format(
                file=staged.file, row=number, message=message
            )
        )


def import_preview(staged: StagedImport) -> None:
    """The flat table where the note keeps room to be read; else stacked, not squeezed:
    the task over its unit, the day over the status and percent."""
    if not staged.records:
        output.print_text(_("Nothing new to record from {file}.").format(file=staged.file))
        return
    flat: list[list[str | Cell]] = []
    stacked: list[list[str | Cell]] = []
    for number, r in staged.records:
        status, day = status_word(r.status), r.happened_on.isoformat()
        percent = "" if r.percent is None else f"{r.percent}%"
        flat.append([str(number), r.task_id, r.unit, status, day, percent, r.note])
        stacked.append(
            [str(number), f"{r.task_id}\n{r.unit}", f"{day}\n{status} {percent}".strip(), r.note]
        )
    row = Column(_("Row"), justify="right", no_wrap=True)
    columns = [
        row,
        Column(_("Task ID"), no_wrap=True),
        Column(_("Unit"), no_wrap=True),
        Column(_("Status"), no_wrap=True),
        Column(_("Date"), no_wrap=True),
        Column(_("Percent"), justify="right", no_wrap=True),
        Column(_("Note")),
    ]
    if not flat_fits(columns, flat, len(columns) - 1):
        columns = [
            row,
            Column(_("Task / unit"), no_wrap=True),
            Column(_("Date / status"), no_wrap=True),
            Column(_("Note")),
        ]
        flat = stacked
    where = f"{staged.file} [{staged.sheet}]" if staged.sheet else staged.file
    # A line of its own, so a long path wraps at the terminal's width, not the table's.
    output.print_lines([_("Records to import from {where}").format(where=where)])
    output.print_table(columns, flat)
