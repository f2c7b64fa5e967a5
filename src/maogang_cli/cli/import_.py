"""`maogang import`: a unit's progress spreadsheet, all rows or none."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import run_of
from maogang_cli.i18n import _


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            show_default=False, help="CSV (UTF-8 or GB18030) or XLSX: task, unit, status, date."
        ),
    ],
    by: Annotated[str | None, typer.Option("--by", help="Who records [default: OS user].")] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Check and show what would be recorded; write nothing."),
    ] = False,
    again: Annotated[
        bool, typer.Option("--again", help="Import a file that was imported before.")
    ] = False,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="XLSX: this sheet [default: the first that fits].")
    ] = None,
) -> None:
    """Append a spreadsheet's rows as progress records; any bad row stops all of them.

    Headings in English (task, unit, status, date, note, percent) or as `export` writes them,
    so a filled-in exported sheet imports as it is. Rows nobody filled in, and rows that
    say what is already recorded, are skipped.

    Example: maogang import 城运中心-2024-06.xlsx --by 张三 --dry-run
    """
    run = run_of(ctx)
    from maogang_cli.app.importing import run_import, stage_import
    from maogang_cli.app.recording import recorder
    from maogang_cli.cli.render_import import big_file_note

    who = recorder(by)
    conn = run.open_db()
    big_file_note(file)
    staged = stage_import(conn, file, by=who, today=date.today(), sheet=sheet, again=again)
    from maogang_cli.cli.render_import import (
        foot_note,
        import_counts,
        import_preview,
        typed_notes,
        voided_notes,
    )

    foot_note(staged.foot)
    voided_notes(staged)
    typed_notes(staged)
    if dry_run:
        import_preview(staged)
        output.note(_("dry run, nothing written: {counts}").format(counts=import_counts(staged)))
        return
    run_import(conn, staged, by=who, again=again)
    output.note(_("imported {file}: {counts}").format(file=file, counts=import_counts(staged)))


def register(app: typer.Typer) -> None:
    app.command(name="import")(import_)
