"""`maogang bulletin`: the month's 通报, as a Word document or Markdown."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import AsOfOption, as_of_day, run_of
from maogang_cli.errors import UsageError
from maogang_cli.i18n import _


def bulletin(
    ctx: typer.Context,
    month: Annotated[
        str, typer.Option("--month", "-m", metavar="YYYY-MM", help="The month to report on.")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.docx|FILE.md",
            help="Write here [default: Markdown to stdout].",
        ),
    ] = None,
    as_of: AsOfOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write the month's 通报: a .docx laid out as a 公文, or Markdown.

    The day defaults to the month's last day (today while it runs).
    Example: maogang bulletin --month 2024-10 -o 2024-10通报.docx
    """
    run = run_of(ctx)
    from maogang_cli.app.bulletin import monthly_bulletin
    from maogang_cli.domain.periods import parse_period
    from maogang_cli.exporters.bulletin_text import bulletin_blocks
    from maogang_cli.outfiles import check_target, write_atomic

    try:
        period = parse_period("monthly", month)
    except ValueError as exc:
        raise UsageError(f"--month: {exc}") from None
    to_stdout = out is None or str(out) == "-"
    word = not to_stdout and out is not None and out.suffix.lower() == ".docx"
    if not to_stdout and out is not None and out.suffix.lower() not in (".docx", ".md"):
        raise UsageError(_("-o {file}: give a .docx or .md file").format(file=out))
    if out is not None and not to_stdout:
        check_target(out, force=force)
    day = as_of_day(as_of) if as_of else None
    conn = run.open_db()
    built = monthly_bulletin(conn, period, as_of=day, today=date.today())
    blocks = bulletin_blocks(built)
    if word:
        from maogang_cli.exporters.bulletin_docx import render_docx

        content = render_docx(blocks, title=blocks[0].text)
    else:
        from maogang_cli.exporters.bulletin_md import render_markdown

        content = render_markdown(blocks)
    if out is None or to_stdout:
        output.print_bytes(content)
        return
    write_atomic(out, content, force=force)
    output.note(
        _("wrote {file}: the bulletin of {month} as of {day}").format(
            file=out, month=period.key, day=built.as_of
        )
    )


def register(app: typer.Typer) -> None:
    app.command()(bulletin)
