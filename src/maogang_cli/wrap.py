"""Line breaking for tables, titles and captions, the way Chinese is set.

- Chinese text may break between any two of its characters, except that closing
  punctuation never starts a line and opening punctuation never ends one (避头尾).
- Latin words, numbers, dates, ids and rates (2024-12-31, monthly_report, 100%) break
  only at spaces, and stay with the Chinese they touch (剩183天).
- A span marked with `whole(...)` (a unit's name inside a list) never breaks.

rich breaks Chinese anywhere, so a line could start with "，" and a name be cut in two;
output.py therefore hands rich text already broken here, never wider than its column.
Only `whole` and `plain` are needed without drawing, so rich is imported where it measures.
"""

from __future__ import annotations

from typing import NamedTuple
from unicodedata import east_asian_width

# Private-use characters around a span that must stay on one line; removed when drawn.
WHOLE_START, WHOLE_END = "\ue000", "\ue001"

# 避头: never first on a line. 避尾: never last. With their ASCII kin.
NO_LINE_START = frozenset("，。、；：？！）」』》〉】〕｝…‥·・％’”,.;:?!)]}%")
NO_LINE_END = frozenset("（「『《〈【〔｛‘“([{")


def whole(text: str) -> str:
    """`text` kept on one line wherever it is wrapped (a unit's name in a list)."""
    return f"{WHOLE_START}{text}{WHOLE_END}"


def plain(text: str) -> str:
    """The text as shown: without the marks of `whole`."""
    return text.replace(WHOLE_START, "").replace(WHOLE_END, "")


class _Atom(NamedTuple):
    """What may not be broken, and the spaces before it (dropped where a line breaks)."""

    gap: str
    text: str


def _tokens(line: str) -> list[tuple[str, str]]:
    """(kind, text): 'whole' spans, 'wide' single characters, 'narrow' runs, 'space' runs."""
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == WHOLE_START:
            end = line.find(WHOLE_END, i + 1)
            end = len(line) if end < 0 else end
            tokens.append(("whole", line[i + 1 : end]))
            i = end + 1
        elif ch == WHOLE_END:  # a stray mark: ignore it
            i += 1
        elif ch == " ":
            j = i
            while j < len(line) and line[j] == " ":
                j += 1
            tokens.append(("space", line[i:j]))
            i = j
        elif east_asian_width(ch) in "WF":
            tokens.append(("wide", ch))
            i += 1
        else:
            j = i
            while (
                j < len(line)
                and line[j] not in (" ", WHOLE_START, WHOLE_END)
                and east_asian_width(line[j]) not in "WF"
            ):
                j += 1
            tokens.append(("narrow", line[i:j]))
            i = j
    return tokens


def _may_break(before: tuple[str, str], after: tuple[str, str]) -> bool:
    """Whether a line may end between two tokens that touch (no space between)."""
    if "narrow" in (before[0], after[0]):
        return False  # Latin text stays with the Chinese it touches
    if not before[1] or not after[1]:
        return True
    return after[1][0] not in NO_LINE_START and before[1][-1] not in NO_LINE_END


def _atoms(line: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    gap = ""
    previous: tuple[str, str] | None = None
    for token in _tokens(line):
        if token[0] == "space":
            gap += token[1]
            previous = None
            continue
        if atoms and gap and token[1][:1] in NO_LINE_START:
            atoms[-1] = _Atom(atoms[-1].gap, atoms[-1].text + gap + token[1])  # "Done %"
        elif previous is not None and not gap and not _may_break(previous, token):
            atoms[-1] = _Atom(atoms[-1].gap, atoms[-1].text + token[1])
        else:
            atoms.append(_Atom(gap, token[1]))
        gap = ""
        previous = token
    return atoms


def narrowest(text: str) -> int:
    """The width of the widest piece of `text` that may not be broken."""
    from rich.cells import cell_len

    return max(
        (
            cell_len(atom.text) + len(_indent(line))  # every line of it is indented
            for line in text.split("\n")
            for atom in _atoms(line)
        ),
        default=0,
    )


def widest(text: str) -> int:
    """The width of `text`'s longest line, unwrapped."""
    from rich.cells import cell_len

    return max((cell_len(plain(line)) for line in text.split("\n")), default=0)


def _fold(text: str, width: int) -> list[str]:
    """A piece wider than the whole line, cut by cells: the last resort, never chosen by
    the layout for a name (its column is made at least as wide)."""
    from rich.cells import cell_len

    pieces, piece = [], ""
    for ch in text:
        if piece and cell_len(piece + ch) > width:
            pieces.append(piece)
            piece = ""
        piece += ch
    return [*pieces, piece]


def _indent(paragraph: str) -> str:
    return paragraph[: len(paragraph) - len(paragraph.lstrip(" "))]


# Where prose (a note under a table, a caption) would rather break: after a clause.
CLAUSE_END = frozenset("，。、；：？！）」』》")


def _clause_break(atoms: list[_Atom], room: int) -> int:
    """How many of a full line's atoms to keep so that it ends after a clause, when the
    words left over are short (a quarter of the line at most, at least 8 cells): 已完成 and
    查看 are not cut to leave 已完 or 查 behind. 0: no such break."""
    from rich.cells import cell_len

    tail = 0
    for k in range(len(atoms) - 1, 0, -1):
        tail += cell_len(atoms[k].text) + len(atoms[k].gap)
        if tail > max(8, room // 4):
            return 0
        if atoms[k - 1].text[-1:] in CLAUSE_END and not atoms[k].gap:
            return k
    return 0


def wrap(text: str, width: int, *, clauses: bool = False) -> list[str]:
    """`text` broken into lines of at most `width` cells (its own line breaks kept); an
    indented paragraph's every line keeps its indent. With `clauses` (prose), a line ends
    after a clause's punctuation rather than inside a short word near its end."""
    from rich.cells import cell_len

    lines: list[str] = []
    for paragraph in text.split("\n"):
        indent = _indent(paragraph)
        line, used = indent, len(indent)
        placed: list[_Atom] = []  # the atoms on `line`, to move a clause's tail down
        for atom in _atoms(paragraph):
            size = cell_len(atom.text)
            gap = atom.gap if line != indent else ""
            if used + len(gap) + size <= width:
                line += gap + atom.text
                used += len(gap) + size
                placed.append(atom)
                continue
            carried: list[_Atom] = []
            if line != indent:
                keep = _clause_break(placed, width) if clauses else 0
                if keep:
                    carried = placed[keep:]
                    line = indent + "".join(a.gap + a.text for a in placed[:keep]).lstrip(" ")
                lines.append(line)
                line = indent + "".join(a.gap + a.text for a in carried)
                used = cell_len(line)
            if used + size > width:  # wider than the line: cut, the last resort
                *full, line = _fold(line + atom.text, width)
                lines += full
            else:
                line += (atom.gap if carried else "") + atom.text
            used = cell_len(line)
            placed = [*carried, atom]
        lines.append(line.rstrip(" "))
    return lines
