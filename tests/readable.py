"""The narrow-terminal rules of issue #12, checked on what a command printed.

    from readable import check_readable, render
    out = render(invoke, width, 60, "status", "--as-of", "2024-07-01")
    check_readable(out, 60, whole=["农业农村服务中心", "100%"])

A table's cells are found as runs of text between two or more spaces, each at the column
where it starts, so the rules hold cell by cell: a cell's next line continues at the same
column. The punctuation lists are this file's own, not the program's, so a change to the
program's lists cannot make the check agree with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len

if TYPE_CHECKING:
    from conftest import Invoke

# Never first on a line (避头), never last (避尾); Chinese and ASCII.
CLOSING = "，。、；：？！）」』》〉】…,.;:?!)]}%"
OPENING = "（「『《〈【([{"
RULE = re.compile(r"^ -+$")


class Piece(NamedTuple):
    start: int  # the display column where it starts
    text: str


def pieces(line: str) -> list[Piece]:
    """The runs of text in a line separated by two or more spaces (a table's cells)."""
    out = []
    for match in re.finditer(r"\S+(?: \S+)*", line):
        out.append(Piece(cell_len(line[: match.start()]), match.group()))
    return out


def _heading_lines(lines: list[str]) -> set[int]:
    """The lines of a table's headings: from the blank line above a rule to the rule."""
    found: set[int] = set()
    for n, line in enumerate(lines):
        if RULE.match(line):
            k = n - 1
            while k >= 0 and lines[k].strip():
                found.add(k)
                k -= 1
    return found


def _one_char(text: str) -> bool:
    return len(text) == 1 and cell_len(text) == 2


def _stacked(lines: list[str]) -> list[str]:
    """Places where a cell goes on one Chinese character a line."""
    heads = _heading_lines(lines)
    found = []
    for n in sorted(heads):
        # A heading's last character alone under the rest of it (工作目标任 / 务, 完成 / 率).
        above = {p.start: p.text for p in pieces(lines[n - 1])} if n - 1 in heads else {}
        for piece in pieces(lines[n]):
            if _one_char(piece.text) and piece.start in above:
                found.append(f"line {n + 1}: {above[piece.start]!r} over {piece.text!r}")
    for n in range(len(lines) - 1):
        below = {p.start: p.text for p in pieces(lines[n + 1])}
        for piece in pieces(lines[n]):
            under = below.get(piece.start)
            if under is None or not _one_char(piece.text):
                continue
            continuation = not lines[n + 1][: piece.start].strip()
            if (n in heads and n + 1 in heads) or (_one_char(under) and continuation):
                found.append(f"line {n + 1}: {piece.text!r} over {under!r}")
    return found


def _broken(lines: list[str], name: str) -> list[str]:
    """Places where `name` is cut between a cell's line and its next line."""
    found = []
    for n in range(len(lines) - 1):
        below = {p.start: p.text for p in pieces(lines[n + 1])}
        for piece in pieces(lines[n]):
            rest = below.get(piece.start, "")
            for k in range(1, len(name)):
                head, tail = name[:k], name[k:]
                if head.isdigit() and rest.isdigit():
                    continue  # figures down a column (1 over 0), not 100% cut
                if (
                    piece.text.endswith(head)
                    and rest
                    and (rest.startswith(tail) or tail.startswith(rest))
                ):
                    found.append(f"line {n + 1}: {piece.text!r} / {rest!r}")
    return found


def check_readable(text: str, width: int, whole: Iterable[str] = ()) -> None:
    """Assert the rules: no line wider than `width` display cells; no cell's line starts
    with closing punctuation or ends with opening punctuation; every name in `whole` is
    shown, and never cut in two; no heading or cell stacked one character a line, no
    heading's last character alone on its line; no ASCII '...'."""
    lines = [line.rstrip() for line in text.splitlines()]
    assert lines, "nothing printed"
    problems = []
    for n, line in enumerate(lines, 1):
        if cell_len(line) > width:
            problems.append(f"line {n} is {cell_len(line)} cells wide: {line!r}")
        for piece in pieces(line):
            if piece.text[0] in CLOSING:
                problems.append(f"line {n} has a cell starting with {piece.text[0]!r}: {line!r}")
            if piece.text[-1] in OPENING:
                problems.append(f"line {n} has a cell ending with {piece.text[-1]!r}: {line!r}")
        if "..." in line:
            problems.append(f"line {n} has '...': {line!r}")
    for name in whole:
        if not any(name in line for line in lines):
            problems.append(f"{name!r} is not shown whole on any line")
        problems += [f"{name!r} cut at {place}" for place in _broken(lines, name)]
    problems += [f"one character a line at {place}" for place in _stacked(lines)]
    assert not problems, "\n".join(problems) + "\n\n" + text


def render(invoke: Invoke, width: Callable[[int], None], columns: int, *args: str) -> str:
    """What `maogang ARGS` prints at `columns` columns (the `width` fixture sets them)."""
    width(columns)
    result = invoke(*args)
    assert result.exit_code == 0, result
    return result.stdout
