"""The foot of a Chinese 台账: under the last row of the table, a 合计 (total) line and the
制表人 / 填表人 / 审核 signatures that every such sheet carries. They are no rows of data, and
refusing the sheet for them, field by field, tells the unit nothing it can use."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

# How such a line begins, spaces removed (合  计 is centred by spaces): a total, a
# signature, a contact, a note under the table; and the same in English.
_LABEL = re.compile(
    r"(合计|小计|总计|共计|制表|填表|填报人|审核|审批|审定|签字|签名|盖章|负责人|单位负责人|"
    r"主要负责人|分管领导|联系人|联系电话|备注[:：]|说明[:：]|注[:：]|total|subtotal|"
    r"preparedby|checkedby|approvedby)",
    re.IGNORECASE,
)


def _typed(cell: str) -> bool:
    # The reader marks a cell it could not read as typed (a merge's lower rows, a formula
    # without its value) by a leading U+0000, which no cell's text holds.
    return bool(cell.strip()) and not cell.startswith("\x00")


def is_label(cells: Sequence[str]) -> bool:
    """Whether a row's first filled cell begins like a total or a signature."""
    first = next((cell for cell in cells if _typed(cell)), "")
    return bool(_LABEL.match("".join(first.split())))


def foot_rows(table: Sequence[tuple[int, Sequence[str]]]) -> list[int]:
    """The numbers of the label rows under a table's last row that is not one, top to
    bottom, with the rows a label's merged cells reach into; blank rows between them are
    passed over. A label among the data is not counted: it stays a row to correct."""
    found: list[int] = []
    merged_into: list[int] = []  # rows with nothing typed but a merge from above
    for number, cells in reversed(table):
        if not any(cell.strip() for cell in cells):
            continue
        if not any(_typed(cell) for cell in cells):
            merged_into.append(number)
            continue
        if not is_label(cells):
            break
        found += [*merged_into, number]
        merged_into = []
    return sorted(found)
