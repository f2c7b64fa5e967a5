"""`maogang submit`: a unit's monthly report arrived at the 工作专班."""

from datetime import date
from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import DataOption, DbOption, check_day, open_db
from maogang_cli.i18n import on_time_or_late


def submit(
    unit: Annotated[str, typer.Option("--unit", "-u", help="Reporting unit (name or alias).")],
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
    db: DbOption = None,
    data: DataOption = None,
) -> None:
    """Record that a unit's monthly report arrived (due by the 25th).

    A later submission for the same month is kept too, as a correction.

    Example: maogang submit --unit 城运中心 --month 2024-06 --date 2024-06-24
    """
    from maogang_cli.domain.duties import MONTHLY_REPORT
    from maogang_cli.domain.reports import instance_state
    from maogang_cli.duty_recording import DutyEntry, check_duty_entry
    from maogang_cli.recording import current_user
    from maogang_cli.store.duties import append_duty_records, duty_records, get_duty

    conn = open_db(db, data)
    entry = DutyEntry(MONTHLY_REPORT, month, unit, on, note)
    record = check_duty_entry(conn, entry, today=date.today(), by=by or current_user())
    earlier = duty_records(conn, record.duty, units=[record.unit], periods=[record.period])
    append_duty_records(conn, [record])
    duty = get_duty(conn, record.duty)
    due = duty.due(duty.period(record.period))
    dates = [s.done_on for s in earlier] + [record.done_on]
    state, first, days_late = instance_state(due, dates, max(dates))
    verdict = on_time_or_late(state, days_late)
    output.note(
        f"submitted: {record.unit} {record.period} monthly report on {record.done_on} "
        f"by {record.recorded_by} — {verdict} (due {due})"
    )
    if earlier:
        output.note(
            f"note: {len(earlier)} earlier record(s) for {record.period} kept; "
            f"the earliest date ({first}) decides on time or late"
        )


def register(app: typer.Typer) -> None:
    app.command()(submit)
