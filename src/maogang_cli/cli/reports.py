"""`maogang reports`: which units sent their monthly report by its due day."""

from typing import Annotated

import typer

from maogang_cli.cli._common import (
    AsOfOption,
    as_of_day,
    run_of,
    year_option,
)

MonthOption = Annotated[
    str | None,
    typer.Option("--month", "-m", metavar="YYYY-MM", show_default=False, help="One month."),
]


def reports(
    ctx: typer.Context,
    month: MonthOption = None,
    first: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="YYYY-MM", show_default=False, help="First month [default: start]."
        ),
    ] = None,
    last: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="YYYY-MM", show_default=False, help="Last month [default: as-of]."
        ),
    ] = None,
    year: Annotated[
        int | None,
        year_option("Every month of this year."),
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only this unit.")] = None,
    as_of: AsOfOption = None,
    fail_if_missing: Annotated[
        bool, typer.Option("--fail-if-missing", help="Exit 1 when any report is missing (cron).")
    ] = False,
) -> None:
    """Grid of reporting units × months: on time, late, missing, not yet due.

    Default: this year up to the as-of month.
    Example: maogang reports --year 2024 --as-of 2024-12-31 --fail-if-missing
    """
    from maogang_cli.app.reporting import monthly_reports

    run = run_of(ctx)
    day = as_of_day(as_of)
    grid = monthly_reports(
        run.open_db(), day, unit=unit, month=month, first=first, last=last, year=year
    )
    run.formatter.reports(grid, day)
    if fail_if_missing and any(i.state == "missing" for i in grid.instances):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(reports)
