"""`maogang hazard`: the 重大事故隐患 ledger (上账 → 整改 → 审核销号) and its targets."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from maogang_cli import output
from maogang_cli.cli._common import AsOfOption, as_of_day, check_day, run_of
from maogang_cli.i18n import _

# Help texts are English, as every command's are today: click wraps help by characters,
# and a Chinese one would overflow 80 columns (the zh helper converts them all at once).

hazard_app = typer.Typer(
    name="hazard",
    help="The hazard ledger (隐患): register, rectify, verify, close; counts, targets.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _day_option(name: str, help: str) -> object:
    return typer.Option(name, metavar="YYYY-MM-DD", callback=check_day, help=help)


ByOption = Annotated[str | None, typer.Option("--by", help=("Who records [default: OS user]."))]
Many = Annotated[list[str] | None, typer.Option(metavar="NAME")]

# The filters `list` and `stats` share, declared once.
DepartmentFilter = Annotated[
    list[str] | None, typer.Option("--department", help=("Supervising department."))
]
VillageFilter = Annotated[list[str] | None, typer.Option("--village", help=("Village."))]
SectorFilter = Annotated[list[str] | None, typer.Option("--sector", help=("Sector."))]
SourceFilter = Annotated[list[str] | None, typer.Option("--source", help=("Source."))]
LevelFilter = Annotated[list[str] | None, typer.Option("--level", help=("Level."))]
FoundFrom = Annotated[str | None, _day_option("--found-from", ("Found on or after this day."))]
FoundTo = Annotated[str | None, _day_option("--found-to", ("Found on or before this day."))]


@hazard_app.command(
    "add",
    help=(
        "Register one hazard (上账) and print its id. "
        "Example: maogang hazard add --found-on 2024-06-03 --source inspection "
        "--entity 某冷库 --village 腰泾村 --sector 冷库 --department 经发办 "
        "--description 冷库未设置泄压口 --deadline 2024-07-31"
    ),
)
def add(
    ctx: typer.Context,
    found_on: Annotated[str, _day_option("--found-on", ("Day it was found."))],
    entity: Annotated[str, typer.Option("--entity", help=("The business or place."))],
    village: Annotated[str, typer.Option("--village", help=("Its village or community (属地)."))],
    sector: Annotated[str, typer.Option("--sector", help=("Its sector (行业领域)."))],
    department: Annotated[
        str,
        typer.Option(
            "--department", help=("The supervising department that audits and closes it.")
        ),
    ],
    description: Annotated[str, typer.Option("--description", help=("What is wrong."))],
    deadline: Annotated[str, _day_option("--deadline", ("Rectification deadline."))],
    source: Annotated[
        str,
        typer.Option(
            "--source",
            help=("self_report, inspection, public_report or other (or 企业自查上报 …)."),
        ),
    ],
    level: Annotated[
        str,
        typer.Option(
            "--level",
            show_default=False,  # click would show the key (major) in Chinese help too
            help="major or general (重大, 一般); major unless given.",
        ),
    ] = "major",
    uscc: Annotated[
        str, typer.Option("--uscc", help=("统一社会信用代码 (checked, GB 32100)."))
    ] = "",
    address: Annotated[str, typer.Option("--address", help=("Address."))] = "",
    basis: Annotated[
        str, typer.Option("--basis", help=("判定依据: the standard and clause."))
    ] = "",
    responsible_person: Annotated[str, typer.Option("--responsible-person", help=("责任人."))] = "",
    measures: Annotated[str, typer.Option("--measures", help=("整改措施."))] = "",
    funds: Annotated[str, typer.Option("--funds", help=("资金, in 万元."))] = "",
    contingency_plan: Annotated[str, typer.Option("--contingency-plan", help=("应急预案."))] = "",
    notified_on: Annotated[
        str | None,
        _day_option("--notified-on", ("Day its 主要负责人/实际控制人 was notified.")),
    ] = None,
    by: ByOption = None,
) -> None:
    from maogang_cli.app.hazard_checks import HazardInput
    from maogang_cli.app.hazards import add_hazard
    from maogang_cli.app.recording import recorder

    given = HazardInput(
        found_on=found_on,
        entity=entity,
        village=village,
        sector=sector,
        department=department,
        description=description,
        deadline=deadline,
        source=source,
        level=level,
        uscc=uscc,
        address=address,
        basis=basis,
        responsible_person=responsible_person,
        measures=measures,
        funds=funds,
        contingency_plan=contingency_plan,
        notified_on=notified_on or "",
    )
    conn = run_of(ctx).open_db()
    new_id = add_hazard(conn, given, today=date.today(), by=recorder(by))
    output.print_text(new_id)


@hazard_app.command(
    "event",
    help=(
        "Record a step: rectifying, rectified, verified, rejected, closed, extended, "
        "explained, notified or voided (or 整改中, 整改完成, 审核通过, 验收不合格, 销号, "
        "延期, 书面说明, 通知, 作废). Example: maogang hazard event YH-2024-0001 rectified "
        "--date 2024-07-20 --by 张三"
    ),
)
def event(
    ctx: typer.Context,
    hazard: Annotated[str, typer.Argument(metavar="ID", help=("The hazard's id."))],
    kind: Annotated[str, typer.Argument(metavar="EVENT", help=("What happened."))],
    on: Annotated[str | None, _day_option("--date", ("Day it happened [default: today]."))] = (
        None
    ),
    note: Annotated[
        str,
        typer.Option(
            "--note",
            "-n",
            help=("Notes; the reason for rejected, extended, explained and voided."),
        ),
    ] = "",
    new_deadline: Annotated[
        str | None, _day_option("--deadline", ("extended: the new deadline."))
    ] = None,
    approved_by: Annotated[
        str, typer.Option("--approved-by", help=("extended: who approved it."))
    ] = "",
    voids: Annotated[
        int | None,
        typer.Option(
            "--event",
            min=1,
            help=("voided: the step to void (its number in `hazard show`) [default: the hazard]."),
        ),
    ] = None,
    by: ByOption = None,
) -> None:
    from maogang_cli.app.hazards import EventInput, record_event
    from maogang_cli.app.recording import recorder
    from maogang_cli.hazard_words import event_word, word

    given = EventInput(hazard, kind, on, note, new_deadline, approved_by, voids)
    conn = run_of(ctx).open_db()
    done = record_event(conn, given, today=date.today(), by=recorder(by))
    output.note(
        _("recorded: {id} step {seq} {event} ({day}); now {state}, deadline {deadline}").format(
            id=done.hazard,
            seq=done.seq,
            event=event_word(done.event),
            day=done.happened_on,
            state=word(done.state),
            deadline=done.deadline,
        )
    )


@hazard_app.command(
    "list",
    help=(
        "List hazards (open and closed) as of a day, filtered. "
        "Example: maogang hazard list --overdue --village 腰泾村 --as-of 2024-12-31"
    ),
)
def list_(
    ctx: typer.Context,
    state: Annotated[
        list[str] | None,
        typer.Option(
            "--state",
            help=(
                "registered, rectifying, rectified, verified, closed or voided (or 已上账, "
                "整改中, 整改完成, 审核通过, 已销号, 已作废; repeatable)."
            ),
        ),
    ] = None,
    open_only: Annotated[bool, typer.Option("--open", help=("Only hazards not closed."))] = False,
    closed_only: Annotated[bool, typer.Option("--closed", help=("Only closed hazards."))] = False,
    overdue: Annotated[
        bool, typer.Option("--overdue", help=("Only hazards past their deadline."))
    ] = False,
    department: DepartmentFilter = None,
    village: VillageFilter = None,
    sector: SectorFilter = None,
    source: SourceFilter = None,
    level: LevelFilter = None,
    found_from: FoundFrom = None,
    found_to: FoundTo = None,
    as_of: AsOfOption = None,
) -> None:
    from maogang_cli.app.hazard_ledger import list_hazards, make_query

    day = as_of_day(as_of)
    query = make_query(
        state,
        open_only,
        closed_only,
        overdue,
        department,
        village,
        sector,
        source,
        level,
        found_from,
        found_to,
    )
    conn = run_of(ctx).open_db()
    run_of(ctx).formatter.hazards(list_hazards(conn, query, day), day)


@hazard_app.command(
    "show",
    help=(
        "Show one hazard and its timeline as of a day. Example: maogang hazard show YH-2024-0001"
    ),
)
def show(
    ctx: typer.Context,
    hazard: Annotated[str, typer.Argument(metavar="ID", help=("The hazard's id."))],
    as_of: AsOfOption = None,
) -> None:
    from maogang_cli.app.hazard_checks import HazardRefused
    from maogang_cli.app.hazard_ledger import show_hazard

    day = as_of_day(as_of)
    conn = run_of(ctx).open_db()
    timeline = show_hazard(conn, hazard, day)
    if timeline.view is None:
        raise HazardRefused(
            _("{id} was found on {found}, after {day}").format(
                id=timeline.hazard["id"], found=timeline.hazard["found_on"], day=day
            )
        )
    run_of(ctx).formatter.hazard(timeline, day)


@hazard_app.command(
    "stats",
    help=(
        "Counts by department, village, sector, source, level and month found: open, "
        "closed, overdue, closed on time, median days to close."
    ),
)
def stats(
    ctx: typer.Context,
    department: DepartmentFilter = None,
    village: VillageFilter = None,
    sector: SectorFilter = None,
    source: SourceFilter = None,
    level: LevelFilter = None,
    found_from: FoundFrom = None,
    found_to: FoundTo = None,
    as_of: AsOfOption = None,
) -> None:
    from maogang_cli.app.hazard_figures import ledger_stats
    from maogang_cli.app.hazard_ledger import make_query

    day = as_of_day(as_of)
    query = make_query(
        None,
        False,
        False,
        False,
        department,
        village,
        sector,
        source,
        level,
        found_from,
        found_to,
    )
    conn = run_of(ctx).open_db()
    run_of(ctx).formatter.hazard_stats(ledger_stats(conn, query, day))


@hazard_app.command(
    "targets",
    help=(
        "The plan's first target (hazards) in three parts, met or not, with figures: "
        "存量清零 2024, 增量遏制 2025, 动态清零 2026. Example: maogang hazard targets "
        "--as-of 2025-01-01"
    ),
)
def targets(
    ctx: typer.Context,
    as_of: AsOfOption = None,
) -> None:
    from maogang_cli.app.hazard_figures import ledger_targets

    day = as_of_day(as_of)
    conn = run_of(ctx).open_db()
    run_of(ctx).formatter.hazard_targets(ledger_targets(conn, day), day)


@hazard_app.command(
    "import",
    help=(
        "Register the hazards of a unit's 隐患台账 (XLSX or CSV, Chinese or English "
        "headings); any bad row stops all of them. Rows already registered are skipped."
    ),
)
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help=("The spreadsheet."))],
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", help=("XLSX: the sheet [default: found by its headings].")),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help=("Check and list what would be registered; write nothing.")),
    ] = False,
    by: ByOption = None,
) -> None:
    from maogang_cli.app.hazards_import import import_hazards
    from maogang_cli.app.recording import recorder
    from maogang_cli.cli.render_import import big_file_note

    conn = run_of(ctx).open_db()
    big_file_note(file)
    done = import_hazards(
        conn, file, sheet=sheet, dry_run=dry_run, today=date.today(), by=recorder(by)
    )
    from maogang_cli.cli.render_hazards import import_summary

    import_summary(done, file.name, dry_run)


def register(app: typer.Typer) -> None:
    app.add_typer(hazard_app)
