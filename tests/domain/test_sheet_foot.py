"""The 合计 and signature lines under a 台账's table."""

from __future__ import annotations

import pytest

from maogang_cli.domain.sheet_foot import foot_rows, is_label


@pytest.mark.parametrize(
    "first",
    ["合计", "合  计", "小计：3", "总计", "共计2项", "制表人：张三", "填表人：李四", "填报人：王五",
     "审核：赵六", "审核人：赵六", "单位负责人：钱七", "分管领导：孙八", "联系电话：57860000",
     "备注：本表每月25日前报送", "说明：无", "注：1. 隐患等级", "Total", "Prepared by: Zhang"],
)  # fmt: skip
def test_a_total_or_signature_line_is_a_label(first: str) -> None:
    assert is_label(["", " ", first, "2"])


@pytest.mark.parametrize(
    "first", ["2024-14", "14", "城运中心", "某企业合计", "备注", "2024/6/20", "审"]
)
def test_a_row_of_data_is_not(first: str) -> None:
    assert not is_label(["", first, "合计"])


def test_only_the_labels_under_the_last_row_of_data_are_the_foot() -> None:
    table = [
        (2, ["1", "某企业"]),
        (3, ["合计", "1"]),  # among the data: a row to correct, not passed over
        (4, ["2", "某企业"]),
        (5, ["", ""]),
        (6, ["合计", "2"]),
        (7, [""]),
        (8, ["制表人：张三", "", "审核人：李四"]),
        (9, []),
    ]
    assert foot_rows(table) == [6, 8]
    assert foot_rows(table[:4]) == []
    assert foot_rows([(2, ["合计"])]) == [2]
    assert foot_rows([]) == []


def test_the_rows_a_signature_is_merged_into_are_part_of_the_foot() -> None:
    merged = "\x00merged"  # as the reader marks a merge's lower rows
    table = [
        (2, ["1", "某企业"]),
        (3, ["", merged]),  # under a row of data: stays, to be refused at its cell
        (4, ["制表人：张三", "", "审核人：李四"]),
        (5, [merged, merged, merged]),
        (6, [merged]),
    ]
    assert foot_rows(table) == [4, 5, 6]
    assert foot_rows(table[:2]) == []
    assert is_label([merged, "合计"])  # the first typed cell is the label
