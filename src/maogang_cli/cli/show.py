"""`maogang show`: one task and each reporting unit's current state."""

from typing import Annotated

import typer

from maogang_cli import output
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
    run = run_of(ctx)
    from maogang_cli.store.progress import pair_states
    from maogang_cli.store.queries import list_tasks, resolve_task

    day = as_of_day(as_of)
    conn = run.open_db()
    info = list_tasks(conn, task_ids=[resolve_task(conn, task)])[0]
    states = pair_states(
        conn,
        day,
        roles=("responsible", "cooperating"),
        task_ids=[info.id],
        warn_days=warn_days,
        include_retired=True,
    )
    if run.json:
        from maogang_cli.contracts import pair_json, task_json

        output.print_json(task_json(info) | {"units": [pair_json(s, info) for s in states]})
    else:
        from maogang_cli.cli.render_progress import task_card

        task_card(info, states, day, run.lang)


def register(app: typer.Typer) -> None:
    app.command()(show)
