"""The one place that writes to the terminal: data to stdout, messages to stderr.

rich is imported only by the functions that draw, so `--json` output never loads it.
Colour follows rich's rules: off for NO_COLOR and for output that is not a terminal.
"""

import sys
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from maogang_cli.domain.cells import inert, json_inert

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


class Column(NamedTuple):
    header: str
    justify: Literal["left", "right", "center"] = "left"
    no_wrap: bool = False
    max_width: int | None = None
    min_width: int | None = None


class Cell(NamedTuple):
    """A table cell with an optional rich style name ('red', 'bold yellow', …)."""

    text: str
    style: str = ""


@cache
def _console(stderr: bool = False) -> "Console":
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _print(renderable: Any) -> None:
    """Print through rich without the trailing spaces it pads lines with (they make diffs
    and copied text noisy when the output goes to a file or a pipe)."""
    console = _console()
    with console.capture() as captured:
        console.print(renderable)
    sys.stdout.write("".join(f"{line.rstrip()}\n" for line in captured.get().splitlines()))


def width() -> int:
    """The width tables are laid out for (COLUMNS, the terminal, or 80)."""
    return _console().width


def print_json(data: Any) -> None:
    """A list prints one item a line: readable, diffable, and encoded by json's C encoder
    (indenting falls back to the pure-Python one, several times slower on large output)."""
    import json  # here, not at the top: table-printing commands never need it

    if isinstance(data, list):
        encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every item
        items = ",\n".join(map(encode, data))
        sys.stdout.write(json_inert(f"[\n{items}\n]\n" if data else "[]\n"))
    else:
        sys.stdout.write(json_inert(json.dumps(data, ensure_ascii=False, indent=2) + "\n"))


def print_text(text: str) -> None:
    text = inert(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def print_bytes(data: bytes) -> None:
    """Encoded file content (a CSV with its BOM, GB18030 …) to stdout, byte for byte."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def error(message: str) -> None:
    sys.stderr.write(f"{inert(message, one_line=True)}\n")


def warn(message: str) -> None:
    sys.stderr.write(f"{inert(message, one_line=True)}\n")


def note(message: str) -> None:
    """A short confirmation for the person at the terminal (stderr, so pipes stay clean)."""
    sys.stderr.write(f"{inert(message, one_line=True)}\n")


def print_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | Cell]],
    *,
    title: str = "",
    caption: str = "",
) -> None:
    _print(_table(columns, rows, title=title, caption=caption))


def table_fits(columns: Sequence[Column], rows: Sequence[Sequence[str | Cell]]) -> bool:
    """Whether print_table would draw these within the terminal's width without narrowing
    any column, so a caller can lay a wide table out another way."""
    from rich.measure import Measurement

    console = _console()
    wide = console.options.update_width(10_000)
    return Measurement.get(console, wide, _table(columns, rows)).maximum <= console.width


def _table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str | Cell]],
    *,
    title: str = "",
    caption: str = "",
) -> "Table":
    from rich.box import Box
    from rich.table import Table
    from rich.text import Text

    # Text, not str, for every piece: plain strings go through rich's markup and emoji
    # parsing ('[red]', ':ok:'), which costs start-up time and could garble a unit's name.
    table = Table(
        title=Text(title, style="table.title") if title else None,
        caption=Text(caption, style="table.caption") if caption else None,
        # box.SIMPLE_HEAD with '-' for '─': box-drawing characters are East Asian
        # ambiguous width, drawn double on many Chinese terminals, so the rule would wrap.
        box=Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True),
        pad_edge=False,
        collapse_padding=True,
        title_justify="left",
        caption_justify="left",
    )
    for column in columns:
        table.add_column(
            Text(column.header),
            justify=column.justify,
            no_wrap=column.no_wrap,
            max_width=column.max_width,
            min_width=column.min_width,
            overflow="fold",
        )
    for row in rows:
        table.add_row(
            *(
                Text(inert(cell.text), style=cell.style)
                if isinstance(cell, Cell)
                else Text(inert(cell))
                for cell in row
            )
        )
    return table


def print_fields(fields: Sequence[tuple[str, str]]) -> None:
    """Label and value pairs; a long value wraps under itself, not under the label."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for label, value in fields:
        grid.add_row(Text(label), Text(inert(value)))
    _print(grid)


def print_lines(lines: Sequence[str | Cell]) -> None:
    """Plain lines through rich, so styled words colour only on a terminal."""
    from rich.text import Text

    for line in lines:
        _print(
            Text(inert(line.text), style=line.style)
            if isinstance(line, Cell)
            else Text(inert(line))
        )
