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
    """One file per unit that owes rows, `UNIT-YYYY-MM.EXT`, all of them or none: every
    target is checked before the first is written, and the set goes in whole, so a
    refusal or a failure (a full disk) leaves the folder as it was; a folder this run
    made is removed again."""
    from maogang_cli.domain.export import for_units, units_with_rows
    from maogang_cli.exporters import render
    from maogang_cli.outfiles import (
        check_target,
        make_folder,
        remove_folders,
        safe_file_name,
        write_set,
    )

    units = units_with_rows(report)
    made = make_folder(folder)
    try:
        targets = [
            (unit, folder / f"{safe_file_name(unit)}-{report.month}.{chosen}") for unit in units
        ]
        for _unit, path in targets:
            check_target(path, force=force)
        parts = [(path, for_units(report, [unit])) for unit, path in targets]
        write_set(folder, ((path, render(chosen, part, options)) for path, part in parts))
    except BaseException:
        remove_folders(made)
        raise
    return [UnitFile(path, len(part.rows)) for path, part in parts]
