"""`maogang tasks`: the task catalogue as a table or JSON."""

from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import (
    run_of,
    year_option,
)


def tasks(
    ctx: typer.Context,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Only tasks this unit reports for.")
    ] = None,
    action: Annotated[
        str | None, typer.Option("--action", "-a", help="Only actions containing this text.")
    ] = None,
    year: Annotated[int | None, year_option("Only this year's list.")] = None,
) -> None:
    """List the tasks with their deadlines and units.

    Example: maogang tasks --unit 城运中心
    """
    run = run_of(ctx)
    from maogang_cli.store.queries import list_tasks, resolve_unit

    conn = run.open_db()
    canonical = resolve_unit(conn, unit) if unit is not None else None
    found = list_tasks(conn, unit=canonical, action=action, year=year)
    if run.json:
        from maogang_cli.contracts import task_json

        output.print_json([task_json(t) for t in found])
    else:
        from maogang_cli.cli.tables import tasks_table

        tasks_table(found, run.lang)


def register(app: typer.Typer) -> None:
    app.command()(tasks)
