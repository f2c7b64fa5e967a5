"""`maogang overdue`: every item not done by its deadline, for the clerk and for cron."""

from typing import Annotated

import typer

from maogang_cli.cli._common import (
    AsOfOption,
    CooperatingOption,
    as_of_day,
    run_of,
    year_option,
)
from maogang_cli.errors import UsageError


def overdue(
    ctx: typer.Context,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Only this unit (主办 and 协办).")
    ] = None,
    as_of: AsOfOption = None,
    year: Annotated[
        int | None,
        year_option(
            "Only this year: its task list, and duties and milestones due in it "
            "[default: all years]."
        ),
    ] = None,
    include_cooperating: CooperatingOption = False,
    all_duties: Annotated[
        bool,
        typer.Option(
            "--all-duties",
            help="Also duties owed only by collectives with no named members "
            "(各生产经营单位's inspections and drills).",
        ),
    ] = False,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            help="Only these kinds: task, duty, plan_milestone, hazard (or 任务, 常态工作, "
            "方案节点, 隐患; repeat the option, or a comma list) [default: all].",
        ),
    ] = None,
    fail_if_any: Annotated[
        bool, typer.Option("--fail-if-any", help="Exit 1 when anything is overdue (for cron).")
    ] = False,
) -> None:
    """List every item not done by its deadline, most overdue first.

    Items are (task, unit) pairs, missed duty instances and missed plan milestones.

    Example: maogang overdue --as-of 2025-01-01 --kind duty --fail-if-any
    """
    from maogang_cli.app.owed import overdue as late_items
    from maogang_cli.domain.owed import parse_kinds
    from maogang_cli.domain.report_options import ReportOptions
    from maogang_cli.domain.status import roles
    from maogang_cli.store.queries import units_named

    run = run_of(ctx)
    day = as_of_day(as_of)
    try:
        kinds = parse_kinds(kind or [])
    except ValueError as exc:
        raise UsageError(f"--kind: {exc}") from None
    conn = run.open_db()
    options = ReportOptions(
        as_of=day,
        year=year,
        roles=roles(include_cooperating, unit_named=unit is not None),
        units=units_named(conn, unit),
    )
    found = late_items(conn, options, kinds, all_duties=all_duties)
    run.formatter.overdue(found, day)
    if fail_if_any and found.items:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(overdue)
