"""`maogang history`: every progress record of a task, oldest first."""

from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import (
    run_of,
)


def history(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task id or row number.")],
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only this unit.")] = None,
) -> None:
    """List every record of a task, with who recorded it and when."""
    run = run_of(ctx)
    from maogang_cli.store.progress import history as load_history
    from maogang_cli.store.queries import resolve_task, resolve_unit

    conn = run.open_db()
    task_id = resolve_task(conn, task)
    canonical = resolve_unit(conn, unit) if unit else None
    rows = load_history(conn, task_id, canonical)
    if canonical is not None and not rows:
        from maogang_cli.app.recording import check_reports_for

        check_reports_for(conn, task_id, canonical)  # a unit with nothing to show: say why
    if run.json:
        from maogang_cli.contracts import record_json

        output.print_json([record_json(dict(r)) for r in rows])
    else:
        from maogang_cli.cli.render_progress import history_table

        history_table(task_id, rows, run.lang, canonical)


def register(app: typer.Typer) -> None:
    app.command()(history)
