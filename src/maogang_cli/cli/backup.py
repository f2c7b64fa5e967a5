"""`maogang backup` and `maogang restore`."""

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from maogang_cli import config, output
from maogang_cli.cli._common import run_of
from maogang_cli.i18n import _


def backup(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Copy to write [default: maogang-YYYY-MM-DD.db]."),
    ] = None,
) -> None:
    """Copy the database safely while others write, then check the copy.

    Prints each evidence table's end in the copy (entries, last entry, hash), to write
    down or keep elsewhere; `maogang check --against` compares a backup with the database.

    Example: maogang backup -o /mnt/backup/maogang-2024-06-30.db
    """
    from maogang_cli.app.backup import backup as copy

    run = run_of(ctx)
    done = copy(config.db_path(run.db), out, datetime.now())
    output.note(
        _("backed up {source} to {target}: {n} entries, checked").format(
            source=done.source, target=done.target, n=done.entries
        )
    )
    run.formatter.backup(done)


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A copy made by maogang backup.")],
) -> None:
    """Replace the database with a checked backup; the replaced one is kept beside it.

    Example: maogang restore maogang-2024-06-30.db
    """
    from maogang_cli.app.backup import restore as put_back

    run = run_of(ctx)
    done = put_back(file, config.db_path(run.db, replacing=True), datetime.now())
    output.note(
        _("restored {source} into {target}: {n} entries, checked").format(
            source=done.source, target=done.target, n=done.entries
        )
    )
    if done.kept is not None:
        output.note(_("the database it replaced is kept as {path}").format(path=done.kept))


def register(app: typer.Typer) -> None:
    app.command()(backup)
