"""`maogang plan`: the three-year plan, action by action, with tasks and milestone states."""

import typer

from maogang_cli import output
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
    run = run_of(ctx)
    from maogang_cli.app.plan import plan_view
    from maogang_cli.store.plan import list_targets

    day = as_of_day(as_of)
    conn = run.open_db()
    views = plan_view(conn, day)
    if run.json:
        from maogang_cli.plan_contracts import plan_json

        output.print_json(plan_json(views))
    else:
        from maogang_cli.cli.render_plan import plan_tables

        plan_tables(views, list_targets(conn), day, run.lang)


def register(app: typer.Typer) -> None:
    app.command()(plan)
