"""`maogang rank`: units ranked for the 晾晒通报."""

from typing import Annotated

import typer

from maogang_cli import output
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
    run = run_of(ctx)
    from maogang_cli.app.reporting import ranking
    from maogang_cli.domain.status import roles

    day = as_of_day(as_of)
    conn = run.open_db()
    rows = ranking(conn, day, year=year, roles=roles(include_cooperating))
    if not rows:
        from maogang_cli.cli.render_reports import nothing_to_rank

        message = nothing_to_rank(day, year, run.lang)
        if run.json:
            output.print_json([])
            output.note(message)
        else:
            output.print_text(message)
    elif run.json:
        from maogang_cli.contracts import rank_json

        output.print_json([rank_json(r) for r in rows])
    else:
        from maogang_cli.cli.render_reports import rank_table

        rank_table(rows, day, include_cooperating, run.lang)


def register(app: typer.Typer) -> None:
    app.command()(rank)
