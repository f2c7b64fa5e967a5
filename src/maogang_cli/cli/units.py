"""`maogang units`: the units and groups of the catalogue."""

import typer

from maogang_cli.cli._common import (
    run_of,
)


def units(
    ctx: typer.Context,
) -> None:
    """List the units, their aliases, and each group's members."""
    from maogang_cli.app.catalogue import all_units

    run = run_of(ctx)
    run.formatter.units(all_units(run.open_db()))


def register(app: typer.Typer) -> None:
    app.command()(units)
