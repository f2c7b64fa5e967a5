"""Options shared by the commands, the run's global options (`Run`), and opening the store
with its warnings shown."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast, get_args

import typer
from typer._types import TyperChoice  # loaded with typer (typer.main uses it)

from maogang_cli import config, output
from maogang_cli.errors import UsageError
from maogang_cli.i18n import LANG_ENV, Lang, _

if TYPE_CHECKING:
    import sqlite3

    from maogang_cli.cli.formatters import Formatter
    from maogang_cli.store.db import Store

DB_HELP = "SQLite database [default: maogang.db in the per-user data directory]."
DATA_HELP = "Catalogue directory [default: the bundled catalogue]."
JSON_HELP = "Machine-readable JSON (English keys)."
LANG_HELP = "Language of tables, headings and messages."

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar=config.DB_ENV,
        show_envvar=True,
        show_default=False,
        help=DB_HELP,
    ),
]
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar=config.DATA_ENV,
        show_envvar=True,
        show_default=False,
        help=DATA_HELP,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help=JSON_HELP)]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        show_default=False,
        help="Show the state on this day [default: today].",
    ),
]


# The --lang choices, from the one definition of the languages (i18n.Lang), as click's
# Choice: typer's other way, an Enum, defined an Enum class at every run (0.7 M
# instructions).
LANG_CHOICES = list(get_args(Lang))
DEFAULT_LANG = "zh"


def _set_language(value: str) -> None:
    """Messages follow a --lang given after the command. The run already started in the
    language its arguments ask for (cli._Group.main reads --lang wherever it stands, as
    help texts are made before click reads the options), else MAOGANG_LANG's."""
    from maogang_cli.i18n import set_language

    set_language(cast("Lang", value))


LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        click_type=TyperChoice(LANG_CHOICES, case_sensitive=True),
        envvar=LANG_ENV,
        show_envvar=True,
        help=LANG_HELP,
    ),
]


class Run:
    """The global options of one run: declared once, on the root command, and accepted
    after the command too (`maogang --db X status` = `maogang status --db X`). The root
    puts it in `ctx.obj`; a command reads it with `run_of(ctx)`."""

    __slots__ = ("data", "db", "json", "lang")

    def __init__(
        self,
        db: Path | None = None,
        data: Path | None = None,
        lang: Lang = "zh",
        json: bool = False,
    ) -> None:
        self.db = db
        self.data = data
        self.lang: Lang = lang
        self.json = json  # machine-readable output, for commands that have it

    def open_db(self) -> "sqlite3.Connection":
        """The store for --db (catalogue from --data), with its warnings shown."""
        return open_db(self.db, self.data)

    @property
    def formatter(self) -> "Formatter":
        """The one way this run prints its report: JSON with --json, else tables."""
        from maogang_cli.cli.formatters import choose

        return choose(self.json, self.lang)


def _globals(
    json: JsonOption = False,
    lang: LangOption = DEFAULT_LANG,
    db: DbOption = None,
    data: DataOption = None,
) -> None:
    """Never run: the global options as typer declares them; `global_params` makes the
    same ones directly (tests/cli/test_global_options.py compares them)."""


def global_options(path: str, names: tuple[str, ...], *, has_json: bool) -> list[Any]:
    """The global options as a command takes them after its name: a value given there
    wins over the root's; their environment variables are read once, by the root."""

    def apply(ctx: Any, param: Any, value: Any) -> None:
        run = run_of(ctx)
        if run.json and not has_json:
            raise UsageError(
                _("maogang {command} has no JSON output (--json)").format(command=path)
            )
        name = param.name or ""
        source = ctx.get_parameter_source(name)
        if source is not None and source.name == "COMMANDLINE":
            # click hands over the raw value; typer converts only its own parameters
            setattr(run, name, Path(value) if name in ("db", "data") else value)
            if name == "lang":
                _set_language(value)

    params = global_params()
    chosen = [params[name] for name in ("json", *names) if name != "json" or has_json]
    for param in chosen:
        param.callback = apply
        param.expose_value = False
    return chosen


def global_params() -> dict[str, Any]:
    """The global options of `_globals`, made as typer makes them (a test compares the
    two), without typer reading the signature at every run (2.1 M instructions; 0.35 M)."""
    from typer.core import TyperOption
    from typer.models import TyperPath

    def option(name: str, **settings: Any) -> Any:
        return TyperOption(
            param_decls=[name, f"--{name}"],
            prompt=False,
            confirmation_prompt=False,
            prompt_required=True,
            hide_input=False,
            multiple=False,
            count=False,
            allow_from_autoenv=True,
            hidden=False,
            show_choices=True,
            show_envvar=True,
            required=False,
            metavar=None,
            is_eager=False,
            shell_complete=None,
            rich_help_panel=None,
            **settings,
        )

    def path(name: str, envvar: str, help: str) -> Any:
        kind = TyperPath(exists=False, file_okay=True, dir_okay=True, writable=False)
        return option(
            name,
            is_flag=False,
            type=kind,
            default=None,
            show_default=False,
            envvar=envvar,
            help=help,
        )

    return {
        "json": option(
            "json",
            is_flag=True,
            type=None,
            default=False,
            show_default=True,
            envvar=None,
            help=JSON_HELP,
        ),
        "lang": option(
            "lang",
            is_flag=False,
            type=TyperChoice(LANG_CHOICES, case_sensitive=True),
            default=DEFAULT_LANG,
            show_default=True,
            envvar=LANG_ENV,
            help=LANG_HELP,
        ),
        "db": path("db", config.DB_ENV, DB_HELP),
        "data": path("data", config.DATA_ENV, DATA_HELP),
    }


def run_of(ctx: typer.Context) -> Run:
    """This run's global options (defaults when the command runs outside the root)."""
    found = ctx.find_object(Run)
    return found if found is not None else ctx.ensure_object(Run)


def open_db(db: Path | None, data: Path | None) -> "sqlite3.Connection":
    path = config.db_path(db)
    store = _open(path, data)
    if store.created:
        output.note(_("note: started a new database at {path}").format(path=path))
    for line in store.warnings:
        output.warn(line)
    return store.conn


def _open(path: Path, data: Path | None) -> "Store":
    from maogang_cli.store.db import open_store

    return open_store(path, config.data_dir(data))


def check_day(text: str | None) -> str | None:
    """A --date callback: a YYYY-MM-DD day that exists, or a usage error (exit 2) now,
    before anything is looked up; whether the day suits the record is checked later."""
    if text is not None:
        from maogang_cli.domain.dates import parse_day

        try:
            parse_day(text)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return text


def check_status(text: str) -> str:
    """A --status callback: a status key or its Chinese label, or a usage error (exit 2)."""
    from maogang_cli.domain.status import parse_status

    try:
        parse_status(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return text


def say_dated_today(given: str | None, today: date) -> None:
    """A record without --date is dated today: said after the confirmation, so a hurried
    clerk entering last month's progress sees it before the day goes into the evidence."""
    if given is None:
        output.note(
            _(
                "note: no --date given: dated today, {day}; if it happened on another day, "
                "void it (maogang void ID, ids in maogang history) and record it with --date"
            ).format(day=today)
        )


def year_option(help: str) -> Any:
    """A --year option with this command's help: a year a catalogue can have (dates
    before 1900 are refused everywhere), else a usage error."""
    return typer.Option("--year", metavar="YYYY", min=1900, max=9999, show_default=False, help=help)


def as_of_day(text: str | None) -> date:
    """The --as-of day; today when not given."""
    if text is None:
        return date.today()
    from maogang_cli.domain.dates import parse_day

    try:
        return parse_day(text)
    except ValueError as exc:
        raise UsageError(f"--as-of: {exc}") from None


WarnDaysOption = Annotated[
    int,
    typer.Option(
        "--warn-days",
        envvar="MAOGANG_WARN_DAYS",
        min=0,
        max=365,  # a due-soon window, not a way to paint everything yellow
        show_envvar=True,
        help="Yellow when due within this many days and not done.",
    ),
]
CooperatingOption = Annotated[
    bool, typer.Option("--include-cooperating", help="Count 协办 pairs too.")
]
YearOption = Annotated[int | None, year_option("Only this year's task list [default: all years].")]
