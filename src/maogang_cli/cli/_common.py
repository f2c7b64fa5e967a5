"""Options shared by the commands, and opening the store with its warnings shown."""

from __future__ import annotations

import sqlite3
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from maogang_cli import config, output
from maogang_cli.errors import UsageError
from maogang_cli.i18n import LANG_ENV, _

if TYPE_CHECKING:
    from maogang_cli.store.db import Store

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar=config.DB_ENV,
        show_envvar=True,
        show_default=False,
        help="SQLite database [default: maogang.db in the per-user data directory].",
    ),
]
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar=config.DATA_ENV,
        show_envvar=True,
        show_default=False,
        help="Catalogue directory [default: the bundled catalogue].",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON (English keys).")]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        show_default=False,
        help="Show the state on this day [default: today].",
    ),
]


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def _choose_language(value: Lang) -> Lang:
    """Every message from here on follows --lang (or MAOGANG_LANG, read by the option)."""
    from maogang_cli.i18n import set_language

    set_language(value.value)
    return value


LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar=LANG_ENV,
        show_envvar=True,
        callback=_choose_language,
        help="Language of tables, headings and messages.",
    ),
]


def open_db(db: Path | None, data: Path | None) -> sqlite3.Connection:
    path = config.db_path(db)
    new = not path.exists()
    store = _open(path, data)
    if new:
        output.note(_("note: started a new database at {path}").format(path=path))
    for line in store.warnings:
        output.warn(line)
    return store.conn


def _open(path: Path, data: Path | None) -> Store:
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
