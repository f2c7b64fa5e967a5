"""Choosing between a table's flat layout and its stacked one (two values in one cell,
one over the other). A table is drawn flat only where its free-text column keeps room to
be read; otherwise stacked, never squeezed (a unit's name or a date folding in two)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from maogang_cli import output

if TYPE_CHECKING:
    from collections.abc import Sequence

    from maogang_cli.output import Cell, Column

TEXT_ROOM = 20  # cells: ten Chinese characters a line, a short note on one or two


def flat_fits(columns: Sequence[Column], rows: Sequence[Sequence[str | Cell]], text: int) -> bool:
    """Whether the flat table fits the terminal with its free-text column `text` given
    TEXT_ROOM cells (less when no text in it is that long) and every other column its
    widest line."""
    from rich.cells import cell_len

    longest = max((cell_len(line) for row in rows for line in _lines(row[text])), default=0)
    stand_in = "x" * min(longest, TEXT_ROOM)
    trial = [[*row[:text], stand_in, *row[text + 1 :]] for row in rows]
    return output.table_fits(columns, trial)


def _lines(cell: str | Cell) -> list[str]:
    return (cell if isinstance(cell, str) else cell.text).splitlines()
