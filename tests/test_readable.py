"""The narrow-terminal checker catches each thing it is meant to catch."""

from __future__ import annotations

import pytest

from readable import check_readable

TABLE = """\
 单位              任务  完成率
 ------------------------------
 农业农村服务中心    12    100%
 城运中心（推进中，  18      5%
 受阻）
"""


def test_a_readable_table_passes() -> None:
    check_readable(TABLE, 31, whole=["农业农村服务中心", "100%", "城运中心"])


@pytest.mark.parametrize(
    ("text", "width", "whole", "says"),
    [
        (TABLE, 30, [], "cells wide"),
        (TABLE.replace("受阻）", "，受阻）"), 31, [], "starting with '，'"),
        (TABLE.replace("受阻）", "）"), 31, [], "starting with '）'"),
        (
            TABLE.replace("（推进中，", "（").replace("受阻）", "推进中）"),
            31,
            [],
            "ending with '（'",
        ),
        (" 名称\n ----\n 100\n %\n", 10, [], "starting with '%'"),
        (TABLE, 31, ["泖港派出所"], "not shown whole"),
        (" 单位\n ----\n 泖港派出\n 所\n 泖港派出所\n", 20, ["泖港派出所"], "cut at line 3"),
        (
            " 名称      职责\n ----------------\n 经发办    每月报送、泖港\n           派出所\n",
            40,
            ["泖港派出所"],
            "cut at line 3",
        ),
        ("\n      逾\n 任   期\n 务   完\n ---------\n 1     2\n", 20, [], "one character a line"),
        (" 序号  任务\n ----------\n    1  重\n       大\n       事\n", 20, [], "one character"),
        ("\n       工作目标任\n 序号  务\n ------------\n    1  组建专班\n", 20, [], "over '务'"),
        ("职责\nmonthly_report\n每月25日前向镇工作专班...\n", 40, [], "'...'"),
    ],
)
def test_each_rule_can_fail(text: str, width: int, whole: list[str], says: str) -> None:
    with pytest.raises(AssertionError, match=says):
        check_readable(text, width, whole=whole)


def test_a_colour_word_down_a_column_is_not_stacking() -> None:
    check_readable(" 单位    督办\n ------------\n 党政办  红\n 经发办  红\n", 20)


def test_a_heading_of_one_character_beside_a_two_line_one_is_fine() -> None:
    check_readable("\n       逾期\n 单位  完成  迟\n --------------\n 农办     1   0\n", 20)
