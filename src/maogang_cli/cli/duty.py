"""`maogang duty`: the plan's recurring duties (and its dated milestones, one-off duties)."""

from datetime import date
from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import (
    AsOfOption,
    as_of_day,
    check_day,
    run_of,
    say_dated_today,
)
from maogang_cli.i18n import _, on_time_or_late

duty_app = typer.Typer(
    name="duty",
    help="Recurring duties of the plan: list them, record an instance as done.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@duty_app.command("done")
def done(
    ctx: typer.Context,
    ident: Annotated[
        str,
        typer.Argument(
            metavar="DUTY",
            help="A duty or plan milestone: its short name (月报, 培树企业) or id "
            "(monthly_report, m03-2024).",
        ),
    ],
    unit: Annotated[str, typer.Option("--unit", "-u", help="The unit that did it.")],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="2024-05, 2024-Q2, 2024-H1 or 2024, by the duty's frequency; "
            "none for a plan milestone.",
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="YYYY-MM-DD",
            callback=check_day,
            help="Day it was done [default: today].",
        ),
    ] = None,
    note: Annotated[
        str, typer.Option("--note", "-n", help="What was done, where it is filed.")
    ] = "",
    by: Annotated[str | None, typer.Option("--by", help="Who records [default: OS user].")] = None,
    all_members: Annotated[
        bool,
        typer.Option("--all-members", help="For a group: record for each member that owes it."),
    ] = False,
) -> None:
    """Record a duty instance (or a plan milestone) as done; records are never changed.

    Example: maogang duty done quarterly_dispatch_meeting --period 2024-Q2 --unit 镇安委办
    """
    run = run_of(ctx)
    from maogang_cli.app.plan_recording import DoneEntry, record_done
    from maogang_cli.app.recording import recorder
    from maogang_cli.cli.render_history import unchanged_line

    conn = run.open_db()
    entry = DoneEntry(ident, unit, period, on, note)
    today = date.today()
    for r in record_done(conn, entry, today=today, by=recorder(by), all_members=all_members):
        rec = r.record
        verdict = on_time_or_late(r.state, r.days_late)
        output.note(
            _("done: {duty} {period} {unit} on {day} by {by} — {verdict} (due {due})").format(
                duty=r.duty_name or rec.duty,
                period=rec.period,
                unit=rec.unit,
                day=rec.done_on,
                by=rec.recorded_by,
                verdict=verdict,
                due=r.due,
            )
        )
        if r.decided_by:
            output.note(unchanged_line(r))
        elif r.earlier:
            output.note(
                _(
                    "note: {n} earlier record(s) of this instance kept; "
                    "the earliest date decides on time or late"
                ).format(n=r.earlier)
            )
    say_dated_today(on, today)


@duty_app.command("list")
def list_(
    ctx: typer.Context,
    as_of: AsOfOption = None,
) -> None:
    """List the recurring duties: rule, owners, span, and instances done of those due.

    Example: maogang duty list --as-of 2025-01-01
    """
    from maogang_cli.app.plan import duty_list

    run = run_of(ctx)
    day = as_of_day(as_of)
    run.formatter.duty_list(duty_list(run.open_db(), day), day)


def register(app: typer.Typer) -> None:
    app.add_typer(duty_app)
