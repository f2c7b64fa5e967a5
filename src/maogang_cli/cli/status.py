"""`maogang status`: the clerk's first screen — where every unit stands today."""

from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import (
    AsOfOption,
    CooperatingOption,
    WarnDaysOption,
    YearOption,
    as_of_day,
    run_of,
)


def status(
    ctx: typer.Context,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="One unit's tasks.")] = None,
    as_of: AsOfOption = None,
    year: YearOption = None,
    include_cooperating: CooperatingOption = False,
    warn_days: WarnDaysOption = 15,
) -> None:
    """Per-unit counts with 督办 colours (red overdue, yellow due soon), or one unit's tasks.

    Example: maogang status --unit 城运中心 --as-of 2024-10-01
    """
    run = run_of(ctx)
    from maogang_cli.domain.status import roles
    from maogang_cli.store.progress import pair_states, unit_summaries

    day = as_of_day(as_of)
    conn = run.open_db()
    counted = roles(include_cooperating, unit_named=unit is not None)
    if unit is None:
        summaries = unit_summaries(conn, day, roles=counted, year=year, warn_days=warn_days)
        if run.json:
            from maogang_cli.contracts import unit_status_json

            output.print_json([unit_status_json(s) for s in summaries])
        else:
            from maogang_cli.cli.render_progress import status_table

            status_table(summaries, day, warn_days, include_cooperating, run.lang)
        return
    from maogang_cli.store.queries import resolve_unit, units_named

    canonical = resolve_unit(conn, unit)
    units = units_named(conn, canonical)
    states = pair_states(conn, day, units=units, roles=counted, year=year, warn_days=warn_days)
    from maogang_cli.cli.render_progress import unit_tasks

    unit_tasks(conn, canonical, states, day, json=run.json, lang=run.lang)


def register(app: typer.Typer) -> None:
    app.command()(status)
