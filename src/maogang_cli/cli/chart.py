"""`maogang chart`: the 挂图作战 wall chart, one HTML page to print on A3 or open on a phone."""

from pathlib import Path
from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import AsOfOption, WarnDaysOption, as_of_day, run_of, year_option
from maogang_cli.errors import UsageError
from maogang_cli.i18n import _


def chart(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE.html", help="Write here [default: stdout]."),
    ] = None,
    as_of: AsOfOption = None,
    year: Annotated[
        int | None, year_option("Only this year: its task list and what falls due in it.")
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Only this unit's tasks and duties.")
    ] = None,
    action: Annotated[
        str | None,
        typer.Option("--action", "-a", help="Only this action (1-9 or words)."),
    ] = None,
    warn_days: WarnDaysOption = 15,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write the 挂图作战 wall chart: one HTML page for an A3 sheet.

    Example: maogang chart --as-of 2024-10-01 -o 挂图.html
    """
    from maogang_cli.app.chart import contents, no_task_list, wall_chart
    from maogang_cli.domain.report_options import ReportOptions
    from maogang_cli.exporters.chart_html import render_chart
    from maogang_cli.outfiles import check_target, write_atomic

    run = run_of(ctx)
    day = as_of_day(as_of)
    to_stdout = out is None or str(out) == "-"
    if out is not None and not to_stdout:
        if out.suffix.lower() not in (".html", ".htm"):
            raise UsageError(_("-o {file}: give an .html file").format(file=out))
        check_target(out, force=force)
    conn = run.open_db()
    options = ReportOptions(day, year=year, warn_days=warn_days)
    built = wall_chart(conn, options, unit=unit, action=action)
    content = render_chart(built, warn_days=warn_days)
    tasks, milestones, duties = contents(built)
    # A plan year before its task list is published still has milestones and duties due:
    # the chart is drawn, and says (on the page and here) that it holds only those.
    only = no_task_list(built)
    if out is None or to_stdout:
        output.print_bytes(content)
        if only:
            output.note(
                _(
                    "no task list for {year}: the chart shows only {milestones} plan "
                    "milestones and {duties} duties, as of {day}"
                ).format(year=year, milestones=milestones, duties=duties, day=day)
            )
        return
    write_atomic(out, content, force=force)
    if only:
        output.note(
            _(
                "wrote {file}: no task list for {year}, only {milestones} plan milestones "
                "and {duties} duties, as of {day}"
            ).format(file=out, year=year, milestones=milestones, duties=duties, day=day)
        )
        return
    output.note(
        _("wrote {file}: {tasks} tasks, {units} units, as of {day}").format(
            file=out, tasks=tasks, units=len(built.units), day=day
        )
    )


def register(app: typer.Typer) -> None:
    app.command()(chart)
