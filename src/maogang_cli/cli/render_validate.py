"""Rendering of validation results: text for people, JSON and GitHub annotations for CI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output
from maogang_cli.i18n import _, pgettext
from maogang_cli.words import names

if TYPE_CHECKING:
    from pathlib import Path

    from maogang_cli.catalog.load import Catalogue
    from maogang_cli.errors import Problem


def render(
    fmt: str, files: list[Path], catalogue: Catalogue | None, problems: list[Problem]
) -> None:
    if fmt == "json":
        output.print_json(
            [
                {"file": p.file, "line": p.line, "column": p.column, "message": p.message}
                for p in problems
            ]
        )
        return
    if fmt == "github":
        for p in problems:
            message = p.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            output.print_text(f"::error file={p.file},line={p.line},col={p.column}::{message}")
        return
    for p in problems:
        output.print_text(str(p))
    if problems:
        bad = len({p.file for p in problems})
        output.error(_("{n} problem(s) in {files} file(s)").format(n=len(problems), files=bad))
    elif catalogue is not None:
        units = catalogue.units
        measures = sum(len(a.measures) for a in catalogue.plan.actions) if catalogue.plan else 0
        counts = [
            pgettext("validate", "{n} files").format(n=len(files)),
            pgettext("validate", "{n} tasks").format(n=len(catalogue.tasks)),
            pgettext("validate", "{n} units").format(n=len(units.units)),
            pgettext("validate", "{n} groups").format(n=len(units.groups)),
            pgettext("validate", "{n} measures").format(n=measures),
        ]
        if catalogue.hazards:
            counts += [
                pgettext("validate", "{n} villages").format(n=len(catalogue.hazards.villages)),
                pgettext("validate", "{n} sectors").format(n=len(catalogue.hazards.sectors)),
            ]
        # Each count kept whole, so a line at 60 or 80 columns breaks between counts.
        line = _("valid: {counts}").format(counts=names([output.whole(c) for c in counts]))
        output.print_lines([line])  # wraps at the terminal width, as Chinese is set
