"""A laid-out table drawn as text, exactly as rich's Table draws it with output.py's box,
without rich's per-cell rendering (most of the time `status` spent beyond its floor).

layout.py has already chosen every column's width and wrap.py broken every cell into
lines that fit, so what is left is padding each line to its column and joining them:
a blank edge above and below, the headings, a rule of '-', two cells between columns,
one before the first. Where rich would do more (expand a tab, fold a line wider than its
column, narrow a table wider than the terminal), `table` returns None and output.py lets
rich draw it. tests/test_draw.py compares the two on generated tables.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

from maogang_cli.wrap import wrap

if TYPE_CHECKING:
    from maogang_cli.layout import Plan
    from maogang_cli.output import Column

# Lines of (text, style) pieces; a style is a rich style name, "" for none.
Lines = list[list[tuple[str, str]]]

HEADER_STYLE = "table.header"  # rich's Table default (bold)


def plain_fits(lines: Sequence[str], room: int) -> bool:
    """Whether rich would print these lines as they are: no tab to expand, none wider
    than the terminal."""
    return not any("\t" in line or cell_len(line) > room for line in lines)


def table(
    columns: Sequence["Column"],
    cells: Sequence[Sequence[tuple[str, str]]],
    chosen: "Plan",
    room: int,
) -> Lines | None:
    """The table's lines, or None where rich's own drawing is needed."""
    widths = chosen.widths
    if not widths or sum(widths) + 2 * len(widths) > room + 1:
        return None  # no column left, or rich would narrow them
    justify = [columns[i].justify for i in chosen.shown]
    heading = _row(
        [(h.split("\n"), HEADER_STYLE) for h in chosen.headings], widths, justify, bottom=True
    )
    body = [
        _row(
            [
                (wrap(text, size), row[i][1])
                for i, size, text in zip(chosen.shown, widths, texts, strict=True)
            ],
            widths,
            justify,
        )
        for row, texts in zip(cells, chosen.cells, strict=True)
    ]
    if heading is None or any(lines is None for lines in body):
        return None
    rule = [(" " + "-" * (sum(widths) + 2 * len(widths) - 2), "")]
    blank = [("", "")]
    return [blank, *heading, rule, *(line for lines in body if lines for line in lines), blank]


def _row(
    cells: Sequence[tuple[list[str], str]],
    widths: Sequence[int],
    justify: Sequence[str],
    *,
    bottom: bool = False,
) -> Lines | None:
    """One row's lines: each cell's lines justified in its width, blank below its last
    (above its first in the headings, which rich aligns at the bottom)."""
    height = max(len(lines) for lines, _ in cells)
    shaped = []
    for (lines, style), width, how in zip(cells, widths, justify, strict=True):
        column = []
        for line in lines:
            fitted = _justified(line, width, how)
            if fitted is None:
                return None
            column.append(fitted)
        blank = [" " * width] * (height - len(lines))
        column = [*blank, *column] if bottom else [*column, *blank]
        shaped.append((column, style))
    drawn: Lines = []
    for n in range(height):
        pieces = [(" ", "")]
        for k, (column, style) in enumerate(shaped):
            if k:
                pieces.append(("  ", ""))
            pieces.append((column[n], style))
        drawn.append(_rstripped(pieces))
    return drawn


def _justified(line: str, width: int, how: str) -> str | None:
    """The line in its column as rich's Text justifies it (right and centre drop the
    line's trailing spaces first; left keeps them), or None if rich would fold it."""
    if "\t" in line:
        return None
    if how != "left":
        line = line.rstrip()
    size = cell_len(line)
    if size > width:
        return None
    if how == "right":
        return " " * (width - size) + line
    if how == "center":
        left = (width - size) // 2
        return " " * left + line + " " * (width - size - left)
    return line + " " * (width - size)


def _rstripped(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pieces without the line's trailing spaces (output.py strips rich's too)."""
    while pieces and not pieces[-1][0].rstrip():
        pieces.pop()
    if pieces:
        text, style = pieces[-1]
        pieces[-1] = (text.rstrip(), style)
    return pieces or [("", "")]
