"""The foot of a Chinese 台账: under the last row of the table, a 合计 (total) line, the
制表人 / 填表人 / 审核 signatures and a closing 以下空白 that every such sheet carries. They
are no rows of data, and refusing the sheet for them, field by field, tells the unit
nothing it can use; such a line among the rows of data is one line to delete, and a row
that begins like one but is filled in like data is one line to check, never skipped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Sequence

# How such a line begins, spaces removed (合  计 is centred by spaces): a total, a
# signature, a contact, a seal, a note under the table, the close of a form; and the same
# in English.
_LABEL = re.compile(
    r"(合计|小计|总计|共计|制表|填表|填报人|填报单位|填报日期|审核|审批|审定|签字|签名|盖章|"
    r"负责人|单位负责人|主要负责人|分管领导|联系人|联系电话|日期[:：]|备注[:：]|说明[:：]|"
    r"注[:：]|以下空白|以下无正文|此页无正文|total|subtotal|preparedby|checkedby|approvedby)",
    re.IGNORECASE,
)
# A row carrying this many filled required cells (not counting labels) is data, whatever
# its first cell says: a 合计 row has its count in one column, a signature row its names.
DATA_CELLS = 2


def _typed(cell: str) -> bool:
    # The reader marks a cell it could not read as typed (a merge's lower rows, a formula
    # without its value) by a leading U+0000, which no cell's text holds.
    return bool(cell.strip()) and not cell.startswith("\x00")


def _label(cell: str) -> bool:
    return bool(_LABEL.match("".join(cell.split())))


def label_of(cells: Sequence[str]) -> str:
    """A row's first filled cell when it begins like a total or a signature, else ""."""
    first = next((cell for cell in cells if _typed(cell)), "")
    return first.strip() if _label(first) else ""


def is_label(cells: Sequence[str]) -> bool:
    """Whether a row's first filled cell begins like a total or a signature."""
    return bool(label_of(cells))


def carries_data(cells: Sequence[str], required: Sequence[int]) -> bool:
    """Whether at least DATA_CELLS of the required columns hold something other than a
    label (the 审核人：李四 a signature row has under 单位名称 is no business)."""
    filled = (cells[i] for i in required if i < len(cells))
    return sum(1 for cell in filled if _typed(cell) and not _label(cell)) >= DATA_CELLS


class Foot(NamedTuple):
    under: list[int]  # label rows under the last row of data (and rows merged into): skipped
    among: list[tuple[int, str]]  # (row, label) label rows among the data: one line each
    filled: list[tuple[int, str]]  # (row, label) rows that begin so but carry data


def sheet_foot(table: Sequence[tuple[int, Sequence[str]]], required: Sequence[int]) -> Foot:
    """The rows of a table's body that begin like a total or a signature: those under its
    last row of data (blank rows between them passed over, top to bottom, with the rows a
    label's merged cells reach into), those among the data, and those filled in like data.
    `required` are the columns a row of data fills in."""
    under: list[int] = []
    merged_into: list[int] = []  # rows with nothing typed but a merge from above
    rest = list(table)
    while rest:
        number, cells = rest[-1]
        if not any(cell.strip() for cell in cells):
            rest.pop()
            continue
        if not any(_typed(cell) for cell in cells):
            merged_into.append(number)
            rest.pop()
            continue
        if not is_label(cells) or carries_data(cells, required):
            break
        under += [*merged_into, number]
        merged_into = []
        rest.pop()
    among: list[tuple[int, str]] = []
    filled: list[tuple[int, str]] = []
    for number, cells in rest:
        label = label_of(cells)
        if label:
            (filled if carries_data(cells, required) else among).append((number, label[:20]))
    return Foot(sorted(under), among, filled)
