"""`maogang restore`: see cli/backup.py."""

import typer

from maogang_cli.cli.backup import restore


def register(app: typer.Typer) -> None:
    app.command()(restore)
