"""`maogang show`: one task and each reporting unit's current state."""

from typing import Annotated

import typer

from maogang_cli.cli._common import (
    AsOfOption,
    WarnDaysOption,
    as_of_day,
    run_of,
)


def show(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task id or row number.")],
    as_of: AsOfOption = None,
    warn_days: WarnDaysOption = 15,
) -> None:
    """Show a task and where each of its units stands (主办 and 协办)."""
    from maogang_cli.app.progress import task_card
    from maogang_cli.domain.report_options import ReportOptions

    run = run_of(ctx)
    options = ReportOptions(as_of=as_of_day(as_of), warn_days=warn_days)
    run.formatter.task_card(task_card(run.open_db(), task, options), options.as_of)


def register(app: typer.Typer) -> None:
    app.command()(show)
