"""`maogang units`: the units and groups of the catalogue."""

import typer

from maogang_cli import output
from maogang_cli.cli._common import (
    run_of,
)


def units(
    ctx: typer.Context,
) -> None:
    """List the units, their aliases, and each group's members."""
    run = run_of(ctx)
    from maogang_cli.store.queries import list_units

    found = list_units(run.open_db())
    if run.json:
        from maogang_cli.contracts import unit_json

        output.print_json([unit_json(u) for u in found])
    else:
        from maogang_cli.cli.tables import units_table

        units_table(found, run.lang)


def register(app: typer.Typer) -> None:
    app.command()(units)
