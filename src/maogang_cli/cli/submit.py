"""`maogang submit`: a unit's monthly report arrived at the 工作专班."""

from datetime import date
from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import check_day, run_of, say_dated_today
from maogang_cli.i18n import _, on_time_or_late


def submit(
    ctx: typer.Context,
    unit: Annotated[
        list[str],
        typer.Option("--unit", "-u", help="Reporting unit (name or alias); repeat for several."),
    ],
    month: Annotated[
        str, typer.Option("--month", "-m", metavar="YYYY-MM", help="The month reported on.")
    ],
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="YYYY-MM-DD",
            callback=check_day,
            help="Day it arrived [default: today].",
        ),
    ] = None,
    note: Annotated[str, typer.Option("--note", "-n", help="Anything worth keeping.")] = "",
    by: Annotated[str | None, typer.Option("--by", help="Who records [default: OS user].")] = None,
) -> None:
    """Record that a unit's monthly report arrived (due by {due_day}).

    A later submission for the same month is kept too, as a correction. Several units
    (--unit A --unit B) are checked first and stored together, or none.

    Example: maogang submit --unit 城运中心 --month 2024-06 --date 2024-06-24
    """
    run = run_of(ctx)
    from maogang_cli.app.duty_recording import DutyEntry
    from maogang_cli.app.plan_recording import submit_reports
    from maogang_cli.app.recording import recorder
    from maogang_cli.cli.render_history import unchanged_line
    from maogang_cli.domain.duties import MONTHLY_REPORT

    conn = run.open_db()
    entries = [DutyEntry(MONTHLY_REPORT, month, name, on, note) for name in unit]
    today = date.today()
    for done in submit_reports(conn, entries, today=today, by=recorder(by)):
        record = done.record
        verdict = on_time_or_late(done.state, done.days_late)
        output.note(
            _(
                "submitted: {unit} {month} monthly report on {day} by {by} — {verdict} (due {due})"
            ).format(
                unit=record.unit,
                month=record.period,
                day=record.done_on,
                by=record.recorded_by,
                verdict=verdict,
                due=done.due,
            )
        )
        if done.decided_by:
            output.note(unchanged_line(done))
        elif done.earlier:
            output.note(
                _(
                    "note: {n} earlier record(s) for {month} kept; "
                    "the earliest date ({first}) decides on time or late"
                ).format(n=done.earlier, month=record.period, first=done.first)
            )
    say_dated_today(on, today)


def register(app: typer.Typer) -> None:
    app.command()(submit)
