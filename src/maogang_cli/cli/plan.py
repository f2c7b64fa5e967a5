"""`maogang plan`: the three-year plan, action by action, with tasks and milestone states."""

import typer

from maogang_cli.cli._common import (
    AsOfOption,
    as_of_day,
    run_of,
)


def plan(
    ctx: typer.Context,
    as_of: AsOfOption = None,
) -> None:
    """Show the nine actions and 30 measures, each with its tasks and dated milestones.

    Example: maogang plan --as-of 2025-01-01
    """
    from maogang_cli.app.plan import plan_page

    run = run_of(ctx)
    day = as_of_day(as_of)
    run.formatter.plan(plan_page(run.open_db(), day), day)


def register(app: typer.Typer) -> None:
    app.command()(plan)
