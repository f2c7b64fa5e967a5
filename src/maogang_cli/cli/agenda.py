"""`maogang agenda`: everything that falls due in a month or between two days."""

from typing import Annotated

import typer

from maogang_cli.cli._common import (
    AsOfOption,
    as_of_day,
    run_of,
    year_option,
)
from maogang_cli.errors import UsageError


def agenda(
    ctx: typer.Context,
    month: Annotated[
        str | None,
        typer.Option("--month", "-m", metavar="YYYY-MM", help="This month [default: --as-of's]."),
    ] = None,
    first: Annotated[
        str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="First day (with --to).")
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", metavar="YYYY-MM-DD", help="Last day (with --from).")
    ] = None,
    year: Annotated[int | None, year_option("The whole year.")] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Only what this unit owes.")
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """What falls due: task deadlines and steps, plan milestones, duty instances; who owes each.

    Example: maogang agenda --month 2024-06 --as-of 2024-06-20
    """
    from maogang_cli.app.plan import agenda as due_items
    from maogang_cli.domain.agenda import choose_window
    from maogang_cli.domain.report_options import ReportOptions
    from maogang_cli.store.queries import units_named

    run = run_of(ctx)
    day = as_of_day(as_of)
    try:
        window = choose_window(day, month=month, first=first, last=last, year=year)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    conn = run.open_db()
    options = ReportOptions(day, units=units_named(conn, unit))
    run.formatter.agenda(due_items(conn, options, window, year=year), window, day)


def register(app: typer.Typer) -> None:
    app.command()(agenda)
