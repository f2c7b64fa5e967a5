"""How a table is laid out at a width: which columns are shown, how wide each is, and
which heading each gets. Plain arithmetic over cell widths; output.py draws the result.

The rules (issue #12): a table fits the terminal; a column is left out (`drop`) rather than
squeezed below what it needs; a whole cell (`no_wrap`: names, dates, rates, ids) is never
broken; text is never narrower than FLOOR cells, so it never stacks a character a line; a
heading takes its `short` form, or breaks between words, rather than stacking.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len

from maogang_cli.wrap import narrowest, plain, whole, widest, wrap

if TYPE_CHECKING:
    from collections.abc import Sequence

    from maogang_cli.output import Column

# The narrowest a column of wrapped text gets (six Chinese characters a line): below
# that, a column is dropped, or the table printed as one block per row.
FLOOR = 12


def table_width(widths: Sequence[int]) -> int:
    """The visible width of a table with these column widths: two cells between columns,
    one before the first (the box's edge; the one after the last is trailing space)."""
    return sum(widths) + 2 * len(widths) - 1


class Plan(NamedTuple):
    shown: list[int]  # the indices of the columns drawn, in order
    widths: list[int]  # one per shown column
    headings: list[str]  # one per shown column, broken into lines where needed
    cells: list[list[str]]  # the rows' texts of the shown columns (stacked ones within)
    dropped: list[int]  # the indices of the columns left out (not those stacked)


def _heading_min(column: Column) -> int:
    if column.short:
        return min(widest(column.short), widest(column.header))
    # A heading breaks only at spaces (Done / late), never inside a Chinese word.
    words = column.header.replace("\n", " ")
    return max([narrowest(words), *(cell_len(word) for word in words.split())])


def _measure(column: Column, cells: Sequence[str]) -> tuple[int, int]:
    """(minimum, natural) width of a column (its cells' whole parts already marked)."""
    natural = max([widest(column.header), *(widest(cell) for cell in cells)])
    least = max((narrowest(cell) for cell in cells), default=0)
    if not column.no_wrap:
        least = max(least, min(natural, FLOOR if column.min_width is None else column.min_width))
    least = max(least, _heading_min(column), column.min_width or 0)
    if column.max_width is not None:
        natural = min(natural, max(column.max_width, least))
    return least, max(least, natural)


def _marked(column: Column, text: str) -> str:
    """A whole column's cell with each line marked whole, so it stays so wherever it goes."""
    return "\n".join(map(whole, text.split("\n"))) if column.no_wrap else text


def _heading(column: Column, width: int) -> str:
    if widest(column.header) <= width:
        return column.header
    if column.short and widest(column.short) <= width:
        return column.short
    return "\n".join(wrap(column.header.replace("\n", " "), width))


def _share(least: list[int], natural: list[int], room: int) -> list[int]:
    """Widths from the minimums up, the room left shared in proportion to what each column
    would still take; every column gets its natural width if there is room."""
    wants = [n - m for m, n in zip(least, natural, strict=True)]
    extra = room - table_width(least)
    if extra >= sum(wants):
        return list(natural)
    given = [extra * want // sum(wants) for want in wants]
    # The cells left over from rounding go to the columns furthest from their width.
    order = sorted(range(len(wants)), key=lambda i: given[i] - wants[i])
    for i in order[: extra - sum(given)]:
        given[i] += 1
    return [m + g for m, g in zip(least, given, strict=True)]


def _stacked(column: Column, text: str) -> str:
    """A cell to go under its host's text: its heading, then its text, indented so that
    it does not read as a row of its own."""
    from maogang_cli.i18n import _

    if not plain(text).strip() or plain(text).strip() == "-":
        return ""
    label = _("{heading}:").format(heading=column.header.replace("\n", ""))
    return "".join(f"\n  {line}" for line in [label, *text.split("\n")])


def plan(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> Plan | None:
    """The layout at `width`, or None when even the columns that may not be dropped do not
    fit at their minimum widths (then the table is printed one block per row).

    A column that does not fit goes, the highest `drop` first: under the column it names
    in `under` if that is shown, else out of the table. Those that fit again afterwards come
    back (dropping a wide one may leave room for a narrow one dropped before it)."""
    marked = [[_marked(c, row[i]) for i, c in enumerate(columns)] for row in rows]
    moved: list[int] = []

    def layout(gone: list[int]) -> tuple[list[int], list[list[str]], list[tuple[int, int]]]:
        shown = [i for i in range(len(columns)) if i not in gone]
        texts = [[row[i] for i in shown] for row in marked]
        for i in sorted(gone):
            hosts = [k for k, j in enumerate(shown) if columns[j].header == columns[i].under]
            if columns[i].under and hosts:
                host = hosts[0]
                for row, text in zip(marked, texts, strict=True):
                    text[host] += _stacked(columns[i], row[i])
        sizes = [_measure(columns[j], [text[k] for text in texts]) for k, j in enumerate(shown)]
        return shown, texts, sizes

    def fits(gone: list[int]) -> bool:
        return table_width([least for least, _ in layout(gone)[2]]) <= width

    while not fits(moved):
        movable = [i for i in range(len(columns)) if i not in moved and columns[i].drop > 0]
        if not movable:
            return None
        moved.append(max(movable, key=lambda i: (columns[i].drop, i)))
    for i in sorted(moved, key=lambda i: (columns[i].drop, i)):
        if fits([j for j in moved if j != i]):
            moved.remove(i)
    shown, texts, sizes = layout(moved)
    widths = _share([least for least, _ in sizes], [natural for _, natural in sizes], width)
    headings = [_heading(columns[i], w) for i, w in zip(shown, widths, strict=True)]
    hosts = {columns[i].header for i in shown}
    dropped = [i for i in sorted(moved) if columns[i].under not in hosts]
    return Plan(shown, widths, headings, texts, dropped)


def fits(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> bool:
    """Whether every column fits at its natural width: nothing wrapped or left out."""
    natural = [_measure(c, [_marked(c, row[i]) for row in rows])[1] for i, c in enumerate(columns)]
    return table_width(natural) <= width
