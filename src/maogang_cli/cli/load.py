"""`maogang load`: sync the catalogue into the database."""

from typing import Annotated

import typer

from maogang_cli import config, output
from maogang_cli.cli._common import run_of


def load(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="Reload even if unchanged.")] = False,
) -> None:
    """Load the catalogue into the database; progress records are never touched.

    Other commands do this by themselves when the files changed.
    """
    run = run_of(ctx)
    from maogang_cli.store.db import open_to_load
    from maogang_cli.store.queries import catalogue_counts

    db_path, data_dir = config.db_path(run.db), config.data_dir(run.data)
    conn, changed = open_to_load(db_path, data_dir, force=force)
    counts = catalogue_counts(conn)
    verb = "loaded" if changed else "up to date:"
    output.print_text(
        f"{verb} {counts['tasks']} tasks ({counts['retired']} retired), {counts['units']} units, "
        f"{counts['pairs']} reporting pairs from {data_dir} into {db_path}"
    )


def register(app: typer.Typer) -> None:
    app.command()(load)
