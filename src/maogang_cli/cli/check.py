"""`maogang check`: is the evidence as maogang wrote it?"""

import typer

from maogang_cli import config, output
from maogang_cli.cli._common import run_of
from maogang_cli.i18n import _


def check(ctx: typer.Context) -> None:
    """Verify the hash chain, the append-only guards, the schema and the file; exit 1 if not.

    Example: maogang check --db office.db
    """
    from maogang_cli.app.checking import CheckFailed, first_problem
    from maogang_cli.app.checking import check as run_checks

    run = run_of(ctx)
    findings = run_checks(config.db_path(run.db))
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
