"""`maogang check`: is the evidence as maogang wrote it?"""

from pathlib import Path
from typing import Annotated

import typer

from maogang_cli import config, output
from maogang_cli.cli._common import run_of
from maogang_cli.i18n import _


def check(
    ctx: typer.Context,
    against: Annotated[
        Path | None,
        typer.Option(
            "--against",
            help="A backup (maogang backup) whose entries must all be here, unchanged.",
        ),
    ] = None,
) -> None:
    """Verify the hash chain, the append-only guards, the schema and the file; exit 1 if not.

    Example: maogang check --db office.db --against /mnt/backup/maogang-2024-06-30.db
    """
    from maogang_cli.app.checking import CheckFailed, first_problem
    from maogang_cli.app.checking import check as run_checks
    from maogang_cli.store.db import full_disk_warning

    run = run_of(ctx)
    path = config.db_path(run.db)
    findings = run_checks(path, against)
    warning = full_disk_warning(path)  # the file checked as it is, maybe without its -wal
    if warning is not None:
        output.warn(warning)
    ok, wrong = _("ok"), _("WRONG")
    width = max(len(ok), len(wrong))
    for finding in findings:
        label = ok if finding.ok else wrong
        output.print_text(f"{label.ljust(width)} {finding.message}")
    problem = first_problem(findings)
    if problem is not None:
        raise CheckFailed(
            _("the database is not as maogang wrote it: {first}").format(first=problem.message)
        )


def register(app: typer.Typer) -> None:
    app.command()(check)
