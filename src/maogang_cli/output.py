"""The one place that writes to the terminal: data to stdout, messages to stderr.

rich is imported only by the functions that draw, so `--json` output never loads it.
Colour follows rich's rules: off for NO_COLOR and for output that is not a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from maogang_cli.domain.cells import inert, json_active, json_inert

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from maogang_cli.draw import Lines
    from maogang_cli.layout import Plan
    from maogang_cli.table_parts import Cell as Cell
    from maogang_cli.table_parts import Column as Column


def __getattr__(name: str) -> Any:
    # `output.Column` and `output.Cell` are defined in table_parts.py and loaded when a
    # renderer first asks for them: a command printing JSON defines no table's records.
    if name in ("Column", "Cell"):
        from maogang_cli import table_parts

        return getattr(table_parts, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def whole(name: str) -> str:
    """A name inside longer text, never broken (wrap.whole): wrap.py is loaded where text
    is laid out, not by every command."""
    from maogang_cli.wrap import whole as kept_whole

    return kept_whole(name)


@cache
def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    console = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if console.width < 1:  # COLUMNS=0 (a console that reports no size): as if unknown
        console.width = 80
    return console


def _print(renderable: Any, room: int | None = None) -> None:
    """Print through rich without the trailing spaces it pads lines with (they make diffs
    and copied text noisy when the output goes to a file or a pipe)."""
    console = _console()
    wide = console.width
    if room is not None:
        console.width = room  # rich's print(width=) cannot go wider than the console
    try:
        with console.capture() as captured:
            console.print(renderable)
    finally:
        console.width = wide
    sys.stdout.write("".join(f"{line.rstrip()}\n" for line in captured.get().splitlines()))


def width() -> int:
    """The width tables are laid out for (COLUMNS, the terminal, or 80)."""
    return _console().width


def print_json(data: Any) -> None:
    """A list prints one item a line: readable, diffable, and encoded by json's C encoder
    (indenting falls back to the pure-Python one, several times slower on large output)."""
    sys.stdout.write(json_text(data))


def json_text(data: Any) -> str:
    """What `print_json` prints."""
    import json  # here, not at the top: table-printing commands never need it

    if not isinstance(data, list):
        return json_inert(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    if not data:
        return "[]\n"
    rows = _rows_json(data)
    if rows is not None:
        return rows
    return json_each(data)


def print_json_lines(lines: list[str]) -> None:
    """A list whose items are already JSON text, inert (`overdue_lines`), printed as
    `print_json` prints a list."""
    sys.stdout.write(json_lines_text(lines))


def json_lines_text(lines: list[str]) -> str:
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def json_each(data: list[Any]) -> str:
    """A list one item a line, each item encoded on its own: any items."""
    import json

    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every item
    items = ",\n".join(map(encode, data))
    return json_inert(f"[\n{items}\n]\n")


def _rows_json(rows: list[Any]) -> str | None:
    """The text of `json_each` for a list of flat dicts (what every `--json` list is), or
    None for anything else (a nested value, a key that is not text: `json_each` then).

    Encoding each item apart and scanning the whole text for active characters took 40 %
    of `overdue --json`'s work. Here each distinct string is encoded once (a title, a
    unit, a key recurs on hundreds of rows) with json's own encoder, and only those
    distinct strings are scanned."""
    from json.encoder import encode_basestring  # what JSONEncoder(ensure_ascii=False) uses

    if {type(row) for row in rows} != {dict}:
        return None
    strings: dict[str, str] = {}  # each distinct string -> its JSON
    keys: dict[str, str] = {}  # each key -> '"key": '
    lines = []
    for row in rows:
        parts = []
        for key, value in row.items():
            name = keys.get(key)
            if name is None:
                if type(key) is not str:
                    return None
                name = keys[key] = f"{encode_basestring(key)}: "
            kind = type(value)
            if kind is str:
                text = strings.get(value) or strings.setdefault(value, encode_basestring(value))
            elif kind is int:
                text = int.__repr__(value)
            elif value is None:
                text = "null"
            elif kind is bool:
                text = "true" if value else "false"
            elif kind is float:
                text = _float_json(value)
            else:
                return None
            parts.append(name + text)
        lines.append("{" + ", ".join(parts) + "}")
    text = "[\n" + ",\n".join(lines) + "\n]\n"
    return json_inert(text) if json_active("".join([*strings, *keys])) else text


def _float_json(value: float) -> str:
    """A float as json writes it (allow_nan: NaN and Infinity, as Python's json does)."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


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
    """The table at the terminal's width (see layout.py): columns left out where it does
    not fit, said under it; one block per row where even that does not fit."""
    from maogang_cli import draw, layout

    cells = [[_cell(cell) for cell in row] for row in rows]
    room = width()
    if title:
        _print_wrapped(inert(title), "table.title", room)
    chosen = layout.plan(columns, [[text for text, _ in row] for row in cells], room)
    if chosen is None:
        _emit([[("", "")]])  # where a table's blank top edge would be
        _print_cards(columns, cells, room)
    else:
        drawn = draw.table(columns, cells, chosen, room)
        if drawn is not None:
            _emit(drawn)
        else:
            _print(_table(columns, cells, chosen), room + 1)  # +1: the edge we strip
    if caption:
        _print_wrapped(inert(caption), "table.caption", room)
    if chosen is not None and chosen.dropped:
        from maogang_cli.i18n import _

        left_out = _(", ").join(columns[i].header.replace("\n", "") for i in chosen.dropped)
        hint = _("(widen the terminal, or use --json).")  # kept on one line: 查看 not cut
        _print_wrapped(
            _("Not shown at this width: {columns} {hint}").format(
                columns=left_out, hint=whole(hint)
            ),
            "table.caption",
            room,
        )


def table_fits(columns: Sequence[Column], rows: Sequence[Sequence[str | Cell]]) -> bool:
    """Whether print_table would draw these within the terminal's width without narrowing
    or leaving out any column, so a caller can lay a wide table out another way."""
    from maogang_cli import layout

    return layout.fits(columns, [[_cell(cell)[0] for cell in row] for row in rows], width())


def _cell(cell: str | Cell) -> tuple[str, str]:
    """(text made inert, style)."""
    from maogang_cli.table_parts import Cell

    if isinstance(cell, Cell):
        return inert(cell.text), cell.style
    return inert(cell), ""


def _print_wrapped(text: str, style: str, room: int) -> None:
    from maogang_cli import draw
    from maogang_cli.wrap import wrap

    lines = wrap(text, room, clauses=True)
    if draw.plain_fits(lines, room):
        _emit([[(line, style)] for line in lines])
    else:
        from rich.text import Text

        for line in lines:
            _print(Text(line, style=style))


def _emit(lines: Lines) -> None:
    """Lines of (text, style) pieces that fit the terminal, as rich would print them: as
    they are where rich would draw no style (output to a file or a pipe), else through
    rich, which knows the terminal's colours."""
    if _console().color_system is None:
        sys.stdout.write(
            "".join(f"{''.join(text for text, _ in line).rstrip()}\n" for line in lines)
        )
        return
    from rich.text import Text

    _print(Text("\n").join(Text.assemble(*line) for line in lines))


def _table(
    columns: Sequence[Column], cells: Sequence[Sequence[tuple[str, str]]], chosen: Plan
) -> Table:
    from rich.box import Box
    from rich.table import Table
    from rich.text import Text

    from maogang_cli.wrap import wrap

    # Text, not str, for every piece: plain strings go through rich's markup and emoji
    # parsing ('[red]', ':ok:'), which costs start-up time and could garble a unit's name.
    table = Table(
        # box.SIMPLE_HEAD with '-' for '─': box-drawing characters are East Asian
        # ambiguous width, drawn double on many Chinese terminals, so the rule would wrap.
        box=Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True),
        pad_edge=False,
        collapse_padding=True,
    )
    for i, size, heading in zip(chosen.shown, chosen.widths, chosen.headings, strict=True):
        # Already broken to fit (wrap.py); 'fold' would only cut what does not.
        table.add_column(
            Text(heading), justify=columns[i].justify, width=size, no_wrap=True, overflow="fold"
        )
    for row, texts in zip(cells, chosen.cells, strict=True):
        table.add_row(
            *(
                Text("\n".join(wrap(text, size)), style=row[i][1])
                for i, size, text in zip(chosen.shown, chosen.widths, texts, strict=True)
            )
        )
    return table


def _print_cards(
    columns: Sequence[Column], cells: Sequence[Sequence[tuple[str, str]]], room: int
) -> None:
    """One block per row, a heading beside each value: for a table that cannot fit."""
    from rich.table import Table
    from rich.text import Text

    from maogang_cli.wrap import plain, wrap

    label = min(max(_heading_width(c) for c in columns), room // 3)
    value = max(room - label - 2, 1)
    for number, row in enumerate(cells):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(width=label, no_wrap=True, overflow="fold")
        grid.add_column(width=value, no_wrap=True, overflow="fold")
        for column, (text, style) in zip(columns, row, strict=True):
            if plain(text).strip():
                grid.add_row(
                    Text("\n".join(wrap(column.header.replace("\n", ""), label))),
                    Text("\n".join(wrap(text, value)), style=style),
                )
        if number:
            _print(Text(""))
        _print(grid)


def _heading_width(column: Column) -> int:
    from rich.cells import cell_len

    return cell_len(column.header.replace("\n", ""))


def print_fields(fields: Sequence[tuple[str, str]]) -> None:
    """Label and value pairs; a long value wraps under itself, not under the label."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from maogang_cli.wrap import wrap

    label = max((cell_len(name) for name, _ in fields), default=0)
    room = max(width() - label - 2, 1)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(no_wrap=True, overflow="fold")
    for name, value in fields:
        grid.add_row(Text(name), Text("\n".join(wrap(inert(value), room))))
    _print(grid)


def print_lines(lines: Sequence[str | Cell]) -> None:
    """Plain lines through rich, so styled words colour only on a terminal; a long line
    wraps as Chinese is set (wrap.py)."""
    room = width()
    for line in lines:
        text, style = _cell(line)
        _print_wrapped(text, style, room)
