"""Writers of the monthly report, one module per format behind one interface:
`render(export, options) -> bytes`. A format's module is imported only when it is used, so
csv, json and md never load openpyxl."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

from maogang_cli.i18n import _

if TYPE_CHECKING:
    from pathlib import Path

    from maogang_cli.domain.export import MonthlyExport

FORMATS = ("csv", "json", "xlsx", "md")
TEXT_FORMATS = ("csv", "json", "md")  # may go to stdout
ENCODINGS = ("utf-8", "gb18030")
_SUFFIXES = {".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".md": "md", ".markdown": "md"}


class Options(NamedTuple):
    # Text is in the run's language (i18n.set_language), as every message is.
    encoding: str = "utf-8"  # csv only: utf-8 is written with a BOM, for Excel and WPS
    table: Literal["detail", "summary"] = "detail"  # csv only: which of the two tables


class _Renderer(Protocol):
    def render(self, export: MonthlyExport, options: Options) -> bytes: ...


def format_for(path: Path) -> str | None:
    """The format a file name asks for by its suffix, if any."""
    return _SUFFIXES.get(path.suffix.lower())


def choose_format(fmt: str | None, path: Path | None) -> str:
    """--format when given, else the output file's suffix, else csv; ValueError if unsure."""
    if fmt is not None:
        return fmt
    if path is None:
        return "csv"
    found = format_for(path)
    if found is None:
        raise ValueError(
            _(
                "cannot tell the format from '{name}': name it .csv, .json, .xlsx or .md, "
                "or pass --format"
            ).format(name=path.name)
        )
    return found


def render(fmt: str, export: MonthlyExport, options: Options) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(_("unknown format {format!r}").format(format=fmt))
    module: _Renderer = importlib.import_module(f"maogang_cli.exporters.to_{fmt}")
    return module.render(export, options)
