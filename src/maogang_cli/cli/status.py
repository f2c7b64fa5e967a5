"""`maogang status`: the clerk's first screen — where every unit stands today."""

from typing import Annotated

import typer

from maogang_cli.cli._common import (
    AsOfOption,
    CooperatingOption,
    WarnDaysOption,
    YearOption,
    as_of_day,
    run_of,
)


def status(
    ctx: typer.Context,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="One unit's tasks.")] = None,
    as_of: AsOfOption = None,
    year: YearOption = None,
    include_cooperating: CooperatingOption = False,
    warn_days: WarnDaysOption = 15,
) -> None:
    """Per-unit counts with 督办 colours (red overdue, yellow due soon), or one unit's tasks.

    Example: maogang status --unit 城运中心 --as-of 2024-10-01
    """
    from maogang_cli.app.progress import unit_status, unit_tasks
    from maogang_cli.domain.report_options import ReportOptions
    from maogang_cli.domain.status import roles

    run = run_of(ctx)
    options = ReportOptions(
        as_of=as_of_day(as_of),
        year=year,
        roles=roles(include_cooperating, unit_named=unit is not None),
        warn_days=warn_days,
    )
    conn = run.open_db()
    if unit is None:
        run.formatter.unit_status(unit_status(conn, options), options)
    else:
        run.formatter.unit_tasks(unit_tasks(conn, unit, options), options)


def register(app: typer.Typer) -> None:
    app.command()(status)
