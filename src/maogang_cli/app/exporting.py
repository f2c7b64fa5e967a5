"""`export --split`: the month's export cut into one file per unit that owes rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from maogang_cli.domain.export import MonthlyExport
    from maogang_cli.exporters import Options


class UnitFile(NamedTuple):
    path: Path
    rows: int


def write_split(
    report: MonthlyExport, folder: Path, chosen: str, options: Options, *, force: bool
) -> list[UnitFile]:
    """One file per unit that owes rows, `UNIT-YYYY-MM.EXT`; every target is checked
    before the first is written, so a refusal leaves the folder as it was."""
    from maogang_cli.domain.export import for_units, units_with_rows
    from maogang_cli.exporters import render
    from maogang_cli.outfiles import check_target, make_folder, safe_file_name, write_atomic

    units = units_with_rows(report)
    make_folder(folder)
    targets = [(unit, folder / f"{safe_file_name(unit)}-{report.month}.{chosen}") for unit in units]
    for _unit, path in targets:
        check_target(path, force=force)
    written = []
    for unit, path in targets:
        part = for_units(report, [unit])
        write_atomic(path, render(chosen, part, options), force=force)
        written.append(UnitFile(path, len(part.rows)))
    return written
