"""`maogang tasks`: the task catalogue as a table or JSON."""

from typing import Annotated

import typer

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
    from maogang_cli.app.catalogue import find_tasks

    run = run_of(ctx)
    run.formatter.tasks(find_tasks(run.open_db(), unit=unit, action=action, year=year))


def register(app: typer.Typer) -> None:
    app.command()(tasks)
