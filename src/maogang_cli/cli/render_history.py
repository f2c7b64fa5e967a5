"""Tables of `maogang history`: the stored entries, each with its id; voided ones marked.

The columns are stacked, not squeezed: the day over the status, the unit over the note,
who recorded over when. A unit name, a date or a time never folds inside a narrow column,
and the note gets what the terminal has left (24 cells at 60 columns). With --unit the
unit column goes (the title names it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from maogang_cli import output
from maogang_cli.cli.stacking import flat_fits
from maogang_cli.domain.voids import entry_id
from maogang_cli.i18n import _
from maogang_cli.output import Cell, Column
from maogang_cli.words import names, stamp_text, status_word

if TYPE_CHECKING:
    from maogang_cli.app.history import Entries
    from maogang_cli.app.plan_recording import Recorded as DutyRecorded
    from maogang_cli.store.voids import VoidMark


def _stamp(text: str) -> str:
    return stamp_text(text)


def _void_mark(entries: Entries, row: int) -> list[str]:
    """'voided by V3' under the entry's day, when a void names it."""
    mark = entries.voided.get(row)
    return [_("voided by {void}").format(void=mark.id)] if mark else []


def _void_lines(entries: Entries, table: str) -> None:
    """Under the table, one line per void: what it voids, why, who and when."""
    for row, mark in sorted(entries.voided.items()):
        output.print_lines([_line(mark, entry_id(table, row))])


def _line(mark: VoidMark, target: str) -> str:
    # who and when never cut in two where the line wraps
    return _("{void} voids {id}: {reason} ({by}, {at})").format(
        void=mark.id,
        id=target,
        reason=mark.reason,
        by=output.whole(mark.by),
        at=output.whole(_stamp(mark.at)),
    )


def source_text(source: str) -> str:
    """How a record came in, under who recorded it: typed, or imported (the file is named
    under the table, where a long name need not fold inside a narrow column)."""
    return _("imported") if source.startswith("import:") else _("typed")


def _source_lines(rows: list[Any]) -> None:
    """Under the table, each imported file once, with the records it brought."""
    by_file: dict[str, list[str]] = {}
    for r in rows:
        if r["source"].startswith("import:"):
            by_file.setdefault(r["source"].removeprefix("import:"), []).append(
                entry_id("progress", r["id"])
            )
    for file, ids in by_file.items():
        output.print_lines([_("imported from {file}: {ids}").format(file=file, ids=names(ids))])


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _print(
    entries: Entries,
    rows: tuple[list[list[str | Cell]], list[list[str | Cell]]],
    when: tuple[list[Column], str],
    title: str,
) -> None:
    """The flat table where its note keeps room to be read, else the stacked one. `rows`
    are the flat and the stacked rows; `when` the flat columns before the note (after the
    id and the unit's) and the stacked heading that holds them."""
    before_note, stacked_heading = when
    columns = [
        Column(_("ID"), no_wrap=True),
        *before_note[:1],
        *_unit_column(entries),
        *before_note[1:],
        Column(_("Note")),
        Column(_("By"), no_wrap=True),
        Column(_("Recorded at"), no_wrap=True),
        *_void_column(entries),
    ]
    flat, stacked = rows
    if flat_fits(columns, flat, len(columns) - 3 - len(_void_column(entries))):
        output.print_table(columns, flat, title=title)
    else:
        output.print_table(_stacked_columns(entries, stacked_heading), stacked, title=title)


def _void_column(entries: Entries) -> list[Column]:
    return [Column(_("Voided"), no_wrap=True)] if entries.voided else []


def _void_cell(entries: Entries, row: int) -> list[str | Cell]:
    """The void's id in the last column (only when some entry is voided)."""
    if not entries.voided:
        return []
    mark = entries.voided.get(row)
    return [mark.id if mark else ""]


def _stacked_columns(entries: Entries, when: str) -> list[Column]:
    return [
        Column(_("ID"), no_wrap=True),
        Column(when, no_wrap=True),
        Column(_("Note") if entries.unit else _("Unit / note")),
        Column(_("Recorded by / at"), no_wrap=True),
    ]


def _unit_column(entries: Entries) -> list[Column]:
    """No unit column when --unit chose one: the title names it."""
    return [] if entries.unit else [Column(_("Unit"), no_wrap=True)]


def _unit_cell(entries: Entries, r: Any) -> list[str | Cell]:
    return [] if entries.unit else [r["canonical"]]


def task_history_table(entries: Entries) -> None:
    task_id, unit, rows = entries.subject, entries.unit, entries.rows
    if not rows:
        line = _("No records of {task} for {unit} yet.") if unit else _("No records of {task} yet.")
        output.print_text(line.format(task=task_id, unit=unit))
        return
    flat: list[list[str | Cell]] = []
    stacked: list[list[str | Cell]] = []
    for r in rows:
        status = status_word(r["status"])
        percent = "" if r["percent"] is None else f"{r['percent']}%"
        note = r["note"] + (f" [{r['evidence']}]" if r["evidence"] else "")
        source = source_text(r["source"])
        flat.append(
            [
                entry_id("progress", r["id"]),
                r["happened_on"],
                *_unit_cell(entries, r),
                status,
                percent,
                note,
                f"{r['recorded_by']}\n{source}",
                _stamp(r["recorded_at"]),
                *_void_cell(entries, r["id"]),
            ]
        )
        stacked.append(
            [
                entry_id("progress", r["id"]),
                _lines(
                    r["happened_on"], f"{status} {percent}".strip(), *_void_mark(entries, r["id"])
                ),
                note if unit else _lines(output.whole(r["canonical"]), note),
                f"{r['recorded_by']} {source}\n{_stamp(r['recorded_at'])}",
            ]
        )
    title = (_("Records of {task} for {unit}") if unit else _("Records of {task}")).format(
        task=task_id, unit=unit
    )
    day = [
        Column(_("Date"), no_wrap=True),
        Column(_("Status"), no_wrap=True),
        Column(_("Percent"), justify="right", no_wrap=True),
    ]
    _print(entries, (flat, stacked), (day, _("Date / status")), title)
    _source_lines(rows)
    _void_lines(entries, "progress")


def duty_history_table(entries: Entries) -> None:
    duty, unit = entries.subject, entries.unit
    if not entries.rows:
        line = _("No records of {duty} for {unit} yet.") if unit else _("No records of {duty} yet.")
        output.print_text(line.format(duty=duty, unit=unit))
        return
    flat: list[list[str | Cell]] = [
        [
            entry_id("duty_records", r["id"]),
            r["period"],
            *_unit_cell(entries, r),
            r["done_on"],
            r["note"],
            r["recorded_by"],
            _stamp(r["recorded_at"]),
            *_void_cell(entries, r["id"]),
        ]
        for r in entries.rows
    ]
    stacked: list[list[str | Cell]] = [
        [
            entry_id("duty_records", r["id"]),
            _lines(r["period"], r["done_on"], *_void_mark(entries, r["id"])),
            r["note"] if unit else _lines(output.whole(r["canonical"]), r["note"]),
            f"{r['recorded_by']}\n{_stamp(r['recorded_at'])}",
        ]
        for r in entries.rows
    ]
    title = (_("Records of {duty} for {unit}") if unit else _("Records of {duty}")).format(
        duty=duty, unit=unit
    )
    period = [Column(_("Period"), no_wrap=True), Column(_("Done on"), no_wrap=True)]
    _print(entries, (flat, stacked), (period, _("Period /\ndone on")), title)
    _void_lines(entries, "duty_records")


def unchanged_line(done: DutyRecorded) -> str:
    """For a duty record that changes nothing: which earlier one still decides."""
    return _(
        "{earlier} ({day}) is earlier and still decides on time or late: {id} changes "
        "nothing; if that date is wrong: maogang void {earlier} --reason TEXT"
    ).format(earlier=done.decided_by, day=done.first, id=done.id)
