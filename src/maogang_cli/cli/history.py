"""`maogang history`: every progress record of a task, oldest first."""

from typing import Annotated

import typer

from maogang_cli.cli._common import (
    run_of,
)


def history(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task id or row number.")],
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only this unit.")] = None,
) -> None:
    """List every record of a task, with who recorded it and when."""
    from maogang_cli.app.progress import task_history

    run = run_of(ctx)
    run.formatter.history(task_history(run.open_db(), task, unit))


def register(app: typer.Typer) -> None:
    app.command()(history)
