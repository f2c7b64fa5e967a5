"""A 隐患台账 sheet's headings and dates, as the hazard import reads them."""

from __future__ import annotations

import pytest

from maogang_cli.domain.hazard_sheet import duplicate_headings, map_headings, sheet_date


def test_every_heading_given_twice_is_named_with_its_columns() -> None:
    cells = ["隐患编号", "发现日期", "单位名称", "排查日期", " 企业名称 ", "发现日期"]
    assert duplicate_headings(cells) == [
        "表头“发现日期”（B列）与“排查日期”（D列）是同一字段（found_on）：只保留一列",
        "表头“单位名称”（C列）与“企业名称”（E列）是同一字段（entity）：只保留一列",
        "表头“发现日期”（B列）与“发现日期”（F列）是同一字段（found_on）：只保留一列",
    ]
    assert duplicate_headings(["发现日期", "说明", "单位名称"]) == []
    # a column no field has is passed over, not the end of the headings
    assert duplicate_headings(["发现日期", "说明", "检查日期"]) == [
        "表头“发现日期”（A列）与“检查日期”（C列）是同一字段（found_on）：只保留一列"
    ]


def test_the_first_column_of_a_field_is_read() -> None:
    assert map_headings(["备注", "发现日期", "Found on", "单位名称"]) == {
        "found_on": 1,
        "entity": 3,
    }


@pytest.mark.parametrize(
    ("text", "day"),
    [
        pytest.param("45463", "2024-06-20", id="serial"),
        pytest.param("45463.0", "2024-06-20", id="serial-with-zero-time"),
        pytest.param(" 2024年6月20日 ", "2024-06-20", id="chinese"),
    ],
)
def test_sheet_dates(text: str, day: str) -> None:
    assert sheet_date(text) == day
