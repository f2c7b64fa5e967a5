"""Shell completion of values: unit names, aliases and pinyin, task ids and row numbers,
duty and milestone ids and short names, months.

Completion runs on every TAB, so it reads the database directly with sqlite3, read-only,
and never loads the catalogue, pydantic, yaml or openpyxl (a test checks): a database
that does not exist yet completes nothing rather than being created.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from maogang_cli import config

COMPLETE_ENV = "_MAOGANG_COMPLETE"  # set by the shell's completion script (typer's)

Found = list[tuple[str, str]]  # (value, description)


def completing() -> bool:
    return bool(os.environ.get(COMPLETE_ENV))


def _db_path(ctx: Any) -> Path | None:
    """--db as typed before or after the command, else MAOGANG_DB, else the default file."""
    while ctx is not None:
        typed = ctx.params.get("db")
        if typed:
            return Path(typed)
        given = getattr(ctx.obj, "db", None)  # the run's options, once parsed
        if given:
            return Path(given)
        ctx = ctx.parent
    if os.environ.get(config.DB_ENV):
        return Path(os.environ[config.DB_ENV])
    from platformdirs import user_data_path

    return user_data_path("maogang", appauthor=False) / "maogang.db"


def _rows(ctx: Any, sql: str, args: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    path = _db_path(ctx)
    if path is None or not path.is_file():
        return []
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            return conn.execute(sql, args).fetchall()
    except sqlite3.Error:
        return []  # an old or foreign database: complete nothing rather than fail


def units(ctx: Any, typed: str) -> Found:
    """Names and aliases beginning with what is typed; for Latin letters, the pinyin
    spellings and initials beginning with it (cy -> cyzx, described as 城运中心)."""
    if typed and typed.isascii():
        rows = _rows(
            ctx,
            """SELECT p.spelling, p.initials, n.unit FROM name_pinyin p
               JOIN unit_names n ON n.name = p.name
               JOIN units u ON u.name = n.unit WHERE u.retired = 0 ORDER BY u.rowid""",
        )
        low = typed.lower()
        found: dict[str, str] = {}
        for spelling, initials, unit in rows:
            for text in (initials, spelling):
                if text.startswith(low):
                    found.setdefault(text, unit)
        return list(found.items())
    rows = _rows(
        ctx,
        """SELECT n.name, n.unit FROM unit_names n JOIN units u ON u.name = n.unit
           WHERE u.retired = 0 ORDER BY u.rowid, n.name != n.unit""",
    )
    return [(name, "" if name == unit else unit) for name, unit in rows if name.startswith(typed)]


def tasks(ctx: Any, typed: str) -> Found:
    """Task ids (2024-14) and row numbers (14), each with its title."""
    rows = _rows(ctx, "SELECT id, seq, title FROM tasks WHERE retired = 0 ORDER BY year, seq")
    found: dict[str, str] = {}
    for text, title in [(str(seq), title) for _, seq, title in rows] + [
        (ident, title) for ident, _, title in rows
    ]:
        if text.startswith(typed):
            found.setdefault(text, title)  # row numbers first: they are what is typed
    return list(found.items())


def duties(ctx: Any, typed: str) -> Found:
    """Duty and plan milestone ids and short names (调度会), each with its title."""
    rows = _rows(
        ctx,
        """SELECT id, short_name, title FROM duties
           UNION ALL SELECT id, short_name, text FROM plan_milestones""",
    )
    found: dict[str, str] = {}
    for ident, short, title in rows:
        for text in (short, ident):
            if text and text.startswith(typed):
                found.setdefault(text, title)
    return list(found.items())


def months(ctx: Any, typed: str) -> Found:
    """The months the plan's duties run over (2024-04 to 2026-12), as YYYY-MM."""
    rows = _rows(ctx, 'SELECT min(start), max("end") FROM duties')
    first, last = rows[0] if rows and rows[0][0] else ("2024-01", "2026-12")
    return [(month, "") for month in _months(first, last) if month.startswith(typed)]


def _months(first: str, last: str) -> Iterator[str]:
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


Provider = Callable[[Any, str], Found]


def provider_for(param: Any) -> Provider | None:
    """Which values complete a parameter, by its name (or YYYY-MM metavar)."""
    name = param.name or ""
    if name in ("unit", "units"):
        return units
    if name == "task":
        return tasks
    if name in ("duty", "ident"):
        return duties
    if getattr(param, "metavar", None) == "YYYY-MM":
        return months
    return None


def attach(command: Any) -> None:
    """Give each parameter of a command (and of its subcommands) its value completion."""
    for sub in getattr(command, "commands", {}).values():
        attach(sub)
    for param in command.params:
        provider = provider_for(param)
        if provider is not None:
            # click's hook for a parameter's own completion (what shell_complete= sets).
            param._custom_shell_complete = _completer(provider)


def _completer(provider: Provider) -> Callable[[Any, Any, str], list[Any]]:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from typer._click.shell_completion import CompletionItem

        return [
            CompletionItem(value, help=help or None) for value, help in provider(ctx, incomplete)
        ]

    return complete
