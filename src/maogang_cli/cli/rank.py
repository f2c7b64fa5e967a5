"""`maogang rank`: units ranked for the 晾晒通报."""

from typing import Annotated

import typer

from maogang_cli.cli._common import (
    AsOfOption,
    CooperatingOption,
    as_of_day,
    run_of,
    year_option,
)

YearOption = Annotated[
    int | None,
    year_option("Only this year's tasks and monthly reports."),
]


def rank(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    year: YearOption = None,
    include_cooperating: CooperatingOption = False,
) -> None:
    """Rank units by completion, overdue, done late and on-time monthly reports.

    Example: maogang rank --as-of 2024-12-31
    """
    from maogang_cli.app.reporting import ranking
    from maogang_cli.domain.report_options import ReportOptions
    from maogang_cli.domain.status import roles

    run = run_of(ctx)
    options = ReportOptions(as_of=as_of_day(as_of), year=year, roles=roles(include_cooperating))
    run.formatter.rank(ranking(run.open_db(), options), options)


def register(app: typer.Typer) -> None:
    app.command()(rank)
