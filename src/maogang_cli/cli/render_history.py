"""Tables of `maogang history`: the stored entries, each with its id; voided ones marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from maogang_cli import output
from maogang_cli.domain.voids import entry_id
from maogang_cli.i18n import Lang, _, t
from maogang_cli.output import Cell, Column

if TYPE_CHECKING:
    from maogang_cli.app.history import Entries
    from maogang_cli.app.plan_recording import Recorded as DutyRecorded
    from maogang_cli.store.voids import VoidMark


def _stamp(text: str) -> str:
    return text[:16].replace("T", " ")


def _void_column(entries: Entries) -> list[Column]:
    return [Column(_("voided"), no_wrap=True)] if entries.voided else []


def _void_cell(entries: Entries, row: int) -> list[str]:
    """The void's id in the last column (only when some entry is voided)."""
    if not entries.voided:
        return []
    mark = entries.voided.get(row)
    return [mark.id if mark else ""]


def _void_lines(entries: Entries, table: str) -> None:
    """Under the table, one line per void: what it voids, why, who and when."""
    for row, mark in sorted(entries.voided.items()):
        output.print_text(_line(mark, entry_id(table, row)))


def _line(mark: VoidMark, target: str) -> str:
    return _("{void} voids {id}: {reason} ({by}, {at})").format(
        void=mark.id, id=target, reason=mark.reason, by=mark.by, at=_stamp(mark.at)
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
        output.print_text(_("imported from {file}: {ids}").format(file=file, ids=", ".join(ids)))


def task_history_table(entries: Entries, lang: Lang) -> None:
    task_id, unit, rows = entries.subject, entries.unit, entries.rows
    zh = lang == "zh"
    if not rows:
        whose = f"{unit}的" if unit and zh else (f" of {unit}" if unit else "")
        output.print_text(
            f"{task_id} 还没有{whose}进展记录。" if zh else f"No records{whose} for {task_id} yet."
        )
        return
    columns = [
        Column("ID", no_wrap=True),
        Column(t("date", lang), no_wrap=True),
        Column(t("unit", lang)),
        Column(t("status", lang), no_wrap=True),
        Column(t("percent", lang), justify="right", no_wrap=True),
        Column(t("note", lang)),
        Column(t("recorded_by", lang)),
        Column(t("recorded_at", lang), no_wrap=True),
        *_void_column(entries),
    ]
    table: list[list[str | Cell]] = [
        [
            entry_id("progress", r["id"]),
            r["happened_on"],
            r["canonical"],
            t(r["status"], lang),
            "" if r["percent"] is None else f"{r['percent']}%",
            r["note"] + (f" [{r['evidence']}]" if r["evidence"] else ""),
            f"{r['recorded_by']}\n{source_text(r['source'])}",
            _stamp(r["recorded_at"]),
            *_void_cell(entries, r["id"]),
        ]
        for r in rows
    ]
    title = f"{task_id} 进展记录" if zh else f"Records of {task_id}"
    output.print_table(columns, table, title=title)
    _source_lines(rows)
    _void_lines(entries, "progress")


def duty_history_table(entries: Entries, lang: Lang) -> None:
    if not entries.rows:
        if entries.unit:
            line = _("No records of {duty} for {unit} yet.")
        else:
            line = _("No records of {duty} yet.")
        output.print_text(line.format(duty=entries.subject, unit=entries.unit))
        return
    columns = [
        Column("ID", no_wrap=True),
        Column(_("period"), no_wrap=True),
        Column(t("unit", lang)),
        Column(_("done on"), no_wrap=True),
        Column(t("note", lang)),
        Column(t("recorded_by", lang)),
        Column(t("recorded_at", lang), no_wrap=True),
        *_void_column(entries),
    ]
    table: list[list[str | Cell]] = [
        [
            entry_id("duty_records", r["id"]),
            r["period"],
            r["canonical"],
            r["done_on"],
            r["note"],
            r["recorded_by"],
            _stamp(r["recorded_at"]),
            *_void_cell(entries, r["id"]),
        ]
        for r in entries.rows
    ]
    output.print_table(columns, table, title=_("Records of {duty}").format(duty=entries.subject))
    _void_lines(entries, "duty_records")


def unchanged_line(done: DutyRecorded) -> str:
    """For a duty record that changes nothing: which earlier one still decides."""
    return _(
        "{earlier} ({day}) is earlier and still decides on time or late: {id} changes "
        "nothing; if that date is wrong: maogang void {earlier} --reason TEXT"
    ).format(earlier=done.decided_by, day=done.first, id=done.id)
