"""`maogang record`: append a progress record for a task and a unit."""

from datetime import date
from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import check_day, check_status, run_of, say_dated_today
from maogang_cli.i18n import _
from maogang_cli.words import status_word


def record(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(help="Task id (2024-14) or row number (14).")],
    unit: Annotated[str, typer.Option("--unit", "-u", help="Reporting unit (name or alias).")],
    status: Annotated[
        str,
        typer.Option(
            "--status",
            "-s",
            callback=check_status,
            help="not_started, in_progress, done or blocked (or 未开始, 推进中, 已完成, 受阻).",
        ),
    ],
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="YYYY-MM-DD",
            callback=check_day,
            help="Day it happened [default: today].",
        ),
    ] = None,
    note: Annotated[str, typer.Option("--note", "-n", help="What was done.")] = "",
    percent: Annotated[
        int | None, typer.Option("--percent", "-p", min=0, max=100, help="0–100.")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who records [default: OS user].")] = None,
    evidence: Annotated[str, typer.Option("--evidence", help="File path or URL.")] = "",
    all_members: Annotated[
        bool, typer.Option("--all-members", help="For a group: record for each member.")
    ] = False,
) -> None:
    """Record progress; records are never changed: a correction is a new record.

    Example: maogang record 14 --unit 城运中心 --status in_progress --note 已上线
    """
    run = run_of(ctx)
    from maogang_cli.app.recording import Entry, recorder
    from maogang_cli.app.recording import record as append

    entry = Entry(task, unit, status, on, note, percent, evidence)
    conn = run.open_db()
    today = date.today()
    done = append(conn, entry, today=today, all_members=all_members, by=recorder(by))
    for r in done.records:
        output.note(
            _("recorded: {task} {unit} {status} ({day}) by {by}").format(
                task=r.task_id,
                unit=r.unit,
                status=status_word(r.status),
                day=r.happened_on,
                by=r.recorded_by,
            )
        )
    for u in done.unchanged:
        if u.why == "same":
            line = _(
                "{id} repeats {earlier} and changes nothing; to undo it: "
                "maogang void {id} --reason TEXT"
            )
        elif u.why == "done":
            line = _(
                "{task} {unit} was done already since {day} ({earlier}): {id} changes "
                "nothing; if that date is wrong: maogang void {earlier} --reason TEXT"
            )
        else:
            line = _(
                "{task} {unit}: {earlier} of {day} is later than {id} and stays in force "
                "from that day; if {earlier} is wrong: maogang void {earlier} --reason TEXT"
            )
        output.note(
            line.format(
                id=u.id,
                earlier=u.earlier,
                task=u.record.task_id,
                unit=u.record.unit,
                day=u.earlier_on,
            )
        )
    say_dated_today(on, today)
    if done.skipped:
        output.note(
            _("not recorded (they do not report for this task): {units}").format(
                units=_(", ").join(done.skipped)
            )
        )


def register(app: typer.Typer) -> None:
    app.command()(record)
