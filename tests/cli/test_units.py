"""`maogang units`: the units, their aliases, and each group's members."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from rich.cells import cell_len

from conftest import Invoke

UNIT_NAMES = [
    "镇安委办", "党政办", "经发办", "社事办", "社建办", "规建办", "平安办", "党群办", "农办",
    "镇监察办", "城运中心", "城建中心", "农业农村服务中心", "绿容所", "拆违办", "环保办",
    "综合行政执法队", "泖港派出所", "泖港市场监管所", "经发公司", "镇党政班子成员",
    "镇党委政府主要负责人",
]  # fmt: skip
GROUP_NAMES = [
    "镇安委会成员单位", "镇安委会有关成员单位", "各负有安全生产监管职责的部门", "各村居",
    "镇属企事业单位", "镇属相关公司", "各生产经营单位",
]  # fmt: skip


def units(invoke: Invoke) -> list[dict[str, Any]]:
    result = invoke("units", "--json")
    assert result.exit_code == 0, result
    assert result.stderr == ""
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def test_json_lists_units_then_groups_in_file_order(invoke: Invoke) -> None:
    assert [u["name"] for u in units(invoke)] == UNIT_NAMES + GROUP_NAMES


def test_json_contract(invoke: Invoke) -> None:
    by_name = {u["name"]: u for u in units(invoke)}
    assert by_name["泖港派出所"] == {
        "name": "泖港派出所",
        "full_name": "上海市公安局松江分局泖港派出所",
        "kind": "station",
        "aliases": ["柳港派出所"],
        "members": [],
        "retired": False,
    }
    assert by_name["各负有安全生产监管职责的部门"] == {
        "name": "各负有安全生产监管职责的部门",
        "full_name": "泖港镇负有安全生产监督管理职责的部门",
        "kind": "group",
        "aliases": [
            "负有安全生产监督管理职责的部门",
            "负有安全监管职责有关部门",
            "负有安全监管职责部门",
        ],
        "members": ["规建办", "经发办", "农办", "综合行政执法队", "泖港派出所", "泖港市场监管所"],
        "retired": False,
    }
    assert by_name["各村居"]["members"] == []
    assert len(by_name["镇安委会成员单位"]["members"]) == 18


def test_every_object_has_the_documented_keys(invoke: Invoke) -> None:
    kinds = {"office", "department", "station", "company", "leadership", "group"}
    for unit in units(invoke):
        assert list(unit) == ["name", "full_name", "kind", "aliases", "members", "retired"]
        assert unit["kind"] in kinds
        assert unit["members"] == [] or unit["kind"] == "group"


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_table(invoke: Invoke) -> None:
    result = invoke("units")
    assert result.exit_code == 0
    text = lines(result.stdout)
    # At 80 columns the names (28 cells), aliases (30) and members stay whole side by side
    # only without 类别, and the line under the table says so.
    assert text[:6] == [
        "单位",
        "",
        " 名称                          别名                            成员",
        " " + "-" * 78,
        " 镇安委办                      镇安委会办公室",
        " 党政办                        -",
    ]
    while text and not text[-1]:
        text.pop()
    assert text[-7:] == [
        " 各村居                        各村（居）                      无",
        " 镇属企事业单位                镇属各企事业单位                无",
        "                               镇属相关企事业单位",
        " 镇属相关公司                  -                               无",
        " 各生产经营单位                -                               无",
        "",
        "此宽度未显示：类别（加宽终端或用 --json 查看）。",
    ]
    # one member per line: the 18 of 镇安委会成员单位 take 18 lines
    start = next(i for i, line in enumerate(text) if line.startswith(" 镇安委会成员单位"))
    assert [line.split()[-1] for line in text[start : start + 18]] == [
        "党政办", "经发办", "社事办", "社建办", "规建办", "平安办", "党群办", "农办", "镇监察办",
        "城运中心", "城建中心", "农业农村服务中心", "绿容所", "拆违办", "环保办",
        "综合行政执法队", "泖港派出所", "泖港市场监管所",
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_fits_80_columns_and_keeps_names_whole(invoke: Invoke, lang: str) -> None:
    result = invoke("units", "--lang", lang)
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
    cells = {part for line in result.stdout.splitlines() for part in line.split()}
    for unit in units(invoke):
        assert unit["name"] in cells
        for member in unit["members"]:
            assert member in cells


def test_table_in_english(invoke: Invoke, width: Callable[[int], None]) -> None:
    width(120)
    text = [line for line in lines(invoke("units", "--lang", "en").stdout) if line]
    assert text[0] == "Units"
    assert text[1].split() == ["Name", "Kind", "Aliases", "Members"]
    assert text[3].split() == ["镇安委办", "office", "镇安委会办公室"]
    assert text[-1].split() == ["各生产经营单位", "group", "-", "none"]


def test_a_unit_typed_full_width_or_near_an_alias(invoke: Invoke) -> None:
    # a Chinese input method's full-width letters read as the usual ones (as task numbers do)
    full_width = invoke("status", "--unit", "Ｃｙｚｘ", "--as-of", "2024-07-01")
    assert full_width.exit_code == 0
    assert full_width.stdout.splitlines()[0] == "城运中心 的任务（截至 2024-07-01）"
    # suggested by its name, not by the alias that came close (the plan's OCR slip 柳港)
    near = invoke("status", "--unit", "派出所")
    assert (near.exit_code, near.stderr) == (
        1,
        "错误：未知单位“派出所”（是否想输入：泖港派出所？）\n",
    )
