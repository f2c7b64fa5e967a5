"""`maogang load`: sync the catalogue into the database."""

from typing import Annotated

import typer

from maogang_cli import config, output
from maogang_cli.cli._common import run_of
from maogang_cli.i18n import _


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
    line = (
        _(
            "loaded {tasks} tasks ({retired} retired), {units} units, {pairs} reporting pairs "
            "from {data} into {db}"
        )
        if changed
        else _(
            "up to date: {tasks} tasks ({retired} retired), {units} units, {pairs} reporting "
            "pairs from {data} into {db}"
        )
    )
    output.print_text(line.format(data=data_dir, db=db_path, **counts))


def register(app: typer.Typer) -> None:
    app.command()(load)
