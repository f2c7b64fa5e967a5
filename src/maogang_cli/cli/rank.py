"""`maogang rank`: units ranked for the 晾晒通报."""

from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import (
    AsOfOption,
    CooperatingOption,
    DataOption,
    DbOption,
    JsonOption,
    Lang,
    LangOption,
    as_of_day,
    open_db,
    year_option,
)

YearOption = Annotated[
    int | None,
    year_option("Only this year's tasks and monthly reports."),
]


def rank(
    as_of: AsOfOption = None,
    year: YearOption = None,
    include_cooperating: CooperatingOption = False,
    json: JsonOption = False,
    lang: LangOption = Lang.zh,
    db: DbOption = None,
    data: DataOption = None,
) -> None:
    """Rank units by completion, overdue, done late and on-time monthly reports.

    Example: maogang rank --as-of 2024-12-31
    """
    from maogang_cli.app.reporting import ranking
    from maogang_cli.domain.status import roles

    day = as_of_day(as_of)
    conn = open_db(db, data)
    rows = ranking(conn, day, year=year, roles=roles(include_cooperating))
    if not rows:
        from maogang_cli.cli.render_reports import nothing_to_rank

        message = nothing_to_rank(day, year, lang.value)
        if json:
            output.print_json([])
            output.note(message)
        else:
            output.print_text(message)
    elif json:
        from maogang_cli.contracts import rank_json

        output.print_json([rank_json(r) for r in rows])
    else:
        from maogang_cli.cli.render_reports import rank_table

        rank_table(rows, day, include_cooperating, lang.value)


def register(app: typer.Typer) -> None:
    app.command()(rank)
