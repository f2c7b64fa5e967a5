"""`maogang reports`: which units sent their monthly report by the 25th."""

from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import (
    AsOfOption,
    as_of_day,
    run_of,
    year_option,
)
from maogang_cli.errors import refused_value

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
    run = run_of(ctx)
    from maogang_cli.app.reporting import duty_units, report_grid
    from maogang_cli.domain.duties import MONTHLY_REPORT
    from maogang_cli.domain.reports import choose_periods
    from maogang_cli.store.duties import get_duty

    day = as_of_day(as_of)
    conn = run.open_db()
    duty = get_duty(conn, MONTHLY_REPORT)
    try:
        periods = choose_periods(duty, day, month=month, first=first, last=last, year=year)
    except ValueError as exc:
        raise refused_value(exc) from None
    units = duty_units(conn, duty, unit)
    instances = report_grid(conn, duty, periods, units, day)
    if run.json:
        from maogang_cli.contracts import report_json

        output.print_json([report_json(i) for i in instances])
        if not periods:
            from maogang_cli.cli.render_reports import no_reports

            output.note(no_reports(duty, run.lang))
    else:
        from maogang_cli.cli.render_reports import reports_grid

        reports_grid(duty, periods, units, instances, day, run.lang)
    if fail_if_missing and any(i.state == "missing" for i in instances):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(reports)
