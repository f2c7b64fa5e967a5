"""`maogang export`: the monthly report as CSV, JSON, XLSX or Markdown."""

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import (
    YearOption,
    as_of_day,
    run_of,
)
from maogang_cli.errors import UsageError
from maogang_cli.i18n import _


class Format(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    md = "md"


class Encoding(StrEnum):
    utf8 = "utf-8"
    gb18030 = "gb18030"


class Table(StrEnum):
    detail = "detail"
    summary = "summary"


def export(
    ctx: typer.Context,
    month: Annotated[
        str, typer.Option("--month", "-m", metavar="YYYY-MM", help="The month to report.")
    ],
    fmt: Annotated[
        Format | None,
        typer.Option("--format", "-f", show_default=False, help="[default: from -o, else csv]"),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here [default: stdout]."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            show_default=False,
            help="State on this day [default: {due_day} of the month, or today if earlier].",
        ),
    ] = None,
    year: YearOption = None,
    encoding: Annotated[
        Encoding | None,
        typer.Option("--encoding", show_default=False, help="CSV only [default: utf-8 with BOM]."),
    ] = None,
    table: Annotated[
        Table, typer.Option("--table", help="CSV only: the detail rows or the unit summary.")
    ] = Table.detail,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    unit: Annotated[
        str | None,
        typer.Option("--unit", "-u", help="Only this unit's rows (a group: its members')."),
    ] = None,
    split: Annotated[
        str | None,
        typer.Option(
            "--split",
            help="One file per unit into this folder, named by unit and month "
            "[default format: xlsx].",
        ),
    ] = None,
) -> None:
    """Export the monthly report: every (task, unit) and a summary per unit.

    Example: maogang export --month 2024-06 -o 2024-06.xlsx
    """
    run = run_of(ctx)
    from maogang_cli.app.reporting import monthly_export
    from maogang_cli.domain.periods import parse_period
    from maogang_cli.exporters import Options, choose_format, render
    from maogang_cli.outfiles import check_target, write_atomic

    if split is not None:
        if out is not None:
            raise UsageError(_("--split writes one file per unit: give no -o"))
        if not split.strip():  # an unset $DIR in a script: not the current folder
            raise UsageError(_("--split needs a folder name"))
        fmt = fmt or Format.xlsx
    to_stdout = out is None or str(out) == "-"
    try:
        chosen = choose_format(fmt.value if fmt else None, None if to_stdout else out)
        period = parse_period("monthly", month)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if chosen == "xlsx" and to_stdout and split is None:
        raise UsageError(_("xlsx is a file, not text: give one with -o FILE.xlsx"))
    if chosen != "csv" and (encoding is not None or table is not Table.detail):
        raise UsageError(_("--encoding and --table apply to csv only"))
    if out is not None and not to_stdout:
        check_target(out, force=force)
    conn = run.open_db()
    report = monthly_export(
        conn,
        period,
        as_of=as_of_day(as_of) if as_of else None,
        today=date.today(),
        year=year,
        unit=unit,
    )
    options = Options(
        encoding=encoding.value if encoding else "utf-8",
        table=table.value,
    )
    if split is not None:
        from maogang_cli.app.exporting import write_split

        files = write_split(report, Path(split), chosen, options, force=force)
        for written in files:
            output.note(_("wrote {path}: {rows} rows").format(path=written.path, rows=written.rows))
        output.note(
            _("{files} files for {month} as of {day}").format(
                files=len(files), month=report.month, day=report.as_of
            )
        )
        return
    content = render(chosen, report, options)
    if out is None or to_stdout:
        output.print_bytes(content)
        return
    write_atomic(out, content, force=force)
    output.note(
        _("wrote {file}: {n} rows, {month} as of {day}").format(
            file=out, n=len(report.rows), month=report.month, day=report.as_of
        )
    )


def register(app: typer.Typer) -> None:
    app.command()(export)
