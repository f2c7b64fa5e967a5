"""The 合计 and signature lines under a 台账's table."""

from __future__ import annotations

import pytest

from maogang_cli.domain.sheet_foot import Foot, carries_data, is_label, label_of, sheet_foot


@pytest.mark.parametrize(
    "first",
    ["合计", "合  计", "小计：3", "总计", "共计2项", "制表人：张三", "填表人：李四", "填报人：王五",
     "审核：赵六", "审核人：赵六", "单位负责人：钱七", "分管领导：孙八", "联系电话：57860000",
     "备注：本表每月25日前报送", "说明：无", "注：1. 隐患等级", "Total", "Prepared by: Zhang",
     "以下空白", "以下无正文", "填报单位（盖章）：经发办", "日期：2024年6月30日"],
)  # fmt: skip
def test_a_total_or_signature_line_is_a_label(first: str) -> None:
    assert is_label(["", " ", first, "2"])


@pytest.mark.parametrize(
    "first", ["2024-14", "14", "城运中心", "某企业合计", "备注", "2024/6/20", "审"]
)
def test_a_row_of_data_is_not(first: str) -> None:
    assert not is_label(["", first, "合计"])


REQUIRED = [1, 2]  # the columns a row of data fills in: 单位, 日期


def test_only_the_labels_under_the_last_row_of_data_are_the_foot() -> None:
    table = [
        (2, ["1", "某企业", "2024-06-20"]),
        (3, ["小计", "1"]),  # among the data: one line to delete
        (4, ["2", "某企业", "2024-06-21"]),
        (5, ["", ""]),
        (6, ["合  计", "2"]),
        (7, [""]),
        (8, ["制表人：张三", "审核人：李四", ""]),  # a label under 单位 is no business
        (9, ["以下空白"]),
        (10, []),
    ]
    assert sheet_foot(table, REQUIRED) == Foot([6, 8, 9], [(3, "小计")], [])
    assert sheet_foot(table[:4], REQUIRED) == Foot([], [(3, "小计")], [])
    assert sheet_foot([(2, ["合计"])], REQUIRED) == Foot([2], [], [])
    assert sheet_foot([], REQUIRED) == Foot([], [], [])


def test_a_row_that_begins_like_a_total_but_carries_data_is_never_skipped() -> None:
    # T48: 合计 typed in 序号 of a complete hazard skipped the hazard as the foot
    table = [
        (2, ["1", "某企业", "2024-06-20"]),
        (3, ["合计", "丙厂", "2024-06-05"]),
        (4, ["负责人：王五", "", "2024-06-06", "x"]),
        (5, ["制表人：张三"]),
    ]
    # a signature with one date beside it is still a signature
    assert sheet_foot(table, REQUIRED) == Foot([4, 5], [], [(3, "合计")])
    assert carries_data(["合计", "丙厂", "2024-06-05"], REQUIRED)
    assert not carries_data(["合计", "2", ""], REQUIRED)
    assert not carries_data(["制表人", "审核人：李四", "日期：2024-06-30"], REQUIRED)
    assert not carries_data(["合计", "丙厂"], [1, 5])  # a column past the row's end
    long = "合计" + "甲" * 30
    assert sheet_foot([(2, [long, "丙厂", "2024-06-05"])], REQUIRED).filled == [(2, long[:20])]


def test_the_rows_a_signature_is_merged_into_are_part_of_the_foot() -> None:
    merged = "\x00merged"  # as the reader marks a merge's lower rows
    table = [
        (2, ["1", "某企业", "2024-06-20"]),
        (3, ["", merged]),  # under a row of data: stays, to be refused at its cell
        (4, ["制表人：张三", "", "审核人：李四"]),
        (5, [merged, merged, merged]),
        (6, [merged]),
    ]
    assert sheet_foot(table, REQUIRED).under == [4, 5, 6]
    assert sheet_foot(table[:2], REQUIRED).under == []
    assert is_label([merged, "合计"])  # the first typed cell is the label


def test_a_blank_or_merged_row_among_the_data_is_no_label() -> None:
    # A row with nothing typed between two rows of data (a blank line left in the sheet,
    # the lower half of a merge) begins with no label: no foot line, and no crash.
    merged = "\x00merged"
    table = [
        (2, ["1", "某企业", "2024-06-20"]),
        (3, ["", " ", ""]),
        (4, [merged, merged]),
        (5, []),
        (6, ["2", "某企业", "2024-06-21"]),
    ]
    assert sheet_foot(table, REQUIRED) == Foot([], [], [])
    assert label_of(["", " ", merged]) == ""
    assert label_of([]) == ""
