"""`maogang history`: the stored entries of a task or a duty, oldest first, each with the
id `maogang void` takes; voided ones stay, marked."""

from typing import Annotated

import typer

from maogang_cli.cli._common import run_of
from maogang_cli.errors import UsageError
from maogang_cli.i18n import _


def history(
    ctx: typer.Context,
    task: Annotated[str | None, typer.Argument(help="Task id or row number.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only this unit.")] = None,
    duty: Annotated[
        str | None,
        typer.Option("--duty", help="A duty or plan milestone instead of a task: monthly_report."),
    ] = None,
) -> None:
    """List every record of a task, with who recorded it and when."""
    from maogang_cli.app.history import duty_entries, task_entries

    run = run_of(ctx)
    if (task is None) == (duty is None):
        raise UsageError(_("give a task, or --duty <duty> for a duty's records (not both)"))
    conn = run.open_db()
    if task is not None:
        run.formatter.history(task_entries(conn, task, unit))
    else:
        run.formatter.duty_history(duty_entries(conn, duty or "", unit))


def register(app: typer.Typer) -> None:
    app.command()(history)
