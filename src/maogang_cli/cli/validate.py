"""`maogang validate`: check the catalogue files, every problem in one run."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from maogang_cli import config
from maogang_cli.cli._common import run_of
from maogang_cli.errors import UsageError
from maogang_cli.i18n import _


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(show_default=False, help="Files or directories [default: the catalogue]."),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
) -> None:
    """Check the catalogue: YAML syntax, schema, then cross-file rules.

    Example: maogang validate data/ --format github
    """
    run = run_of(ctx)
    from maogang_cli.catalog.load import gather, load_catalogue
    from maogang_cli.cli.render_validate import render

    missing = [p for p in paths or [] if not p.exists()]
    if missing:
        raise UsageError(_("no such file or directory: {path}").format(path=missing[0]))
    catalogue_dir = config.data_dir(run.data)
    files = gather(paths or [catalogue_dir], catalogue_dir)
    if not files:
        raise UsageError(
            "no catalogue files found (units.yaml, hazards.yaml, plan_*.yaml, tasks_*.yaml)"
        )
    catalogue, problems = load_catalogue(files)
    render(format.value, files, catalogue, problems)
    if problems:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(validate)
