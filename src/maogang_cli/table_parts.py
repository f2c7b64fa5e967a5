"""A table's columns and cells, as renderers give them to `output.print_table` (which
re-exports them as `output.Column` and `output.Cell`). Apart from output.py so that a
command printing JSON does not define them."""

from typing import Literal, NamedTuple


class Column(NamedTuple):
    """A table column; see layout.py for how a table is fitted to the terminal.

    no_wrap: the column is WHOLE: a cell's lines are never broken (unit names one a line,
    dates, rates, ids); else text wraps between words and Chinese characters (避头尾).
    short: the heading where the column is narrower than `header`.
    drop: 0, always shown; else the column may be left out where the table does not fit,
    the highest first (a line under the table names what was left out).
    under: the header of another column: where this one is left out, its text goes
    beneath that column's, after its heading (配合单位：) - for text worth keeping.
    min_width: the narrowest the column gets (for text, instead of layout.FLOOR).
    """

    header: str
    justify: Literal["left", "right", "center"] = "left"
    no_wrap: bool = False
    max_width: int | None = None
    min_width: int | None = None
    short: str = ""
    drop: int = 0
    under: str = ""


class Cell(NamedTuple):
    """A table cell with an optional rich style name ('red', 'bold yellow', …)."""

    text: str
    style: str = ""
